// Start-up with many AWS CLI profiles (issue #13: a 5 MB config with 68,000 profiles never
// opened a window; target: 10,000 profiles ≤ 1 s). Two steps, so that writing the files is not
// timed and every measured start is a fresh process with nothing cached:
//
//   bench_profiles --write HOME --profiles N
//       writes HOME/.aws/config and HOME/.aws/credentials with N profiles: half are keys
//       profiles in the credentials file, half role profiles in the config file whose
//       source_profile is one of them (each file stays under AwsIniFile's 4 MiB cap up to
//       68,000 profiles), and prints their sizes;
//   HOME=… QT_QPA_PLATFORM=offscreen bench_profiles --expect N
//       starts the real MainWindow as flowdesk's main() does (stored accounts, sidebar) and
//       prints, measured from main():
//       "bench_profiles: window shown after A ms, N profiles listed after B ms, peak RSS K KiB"
//       then quits. It fails (exit 1) when the sidebar lists another number of profiles or
//       nothing arrives within 10 minutes. No timing assertion: the numbers are for people.
//
// ./dev bench --only profiles runs it through tests/bench/run-benchmarks.mjs.

#include "ConnectionCatalogTree.h"
#include "ConnectionsSidebar.h"
#include "MainWindow.h"
#include "StartupProbe.h"

#include <StoredAccounts.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSettings>
#include <QTextStream>
#include <QTimer>

#include <cstring>

namespace {

bool writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(content) != content.size()) {
        QTextStream(stderr) << "bench_profiles: cannot write " << path << ": " << file.errorString() << Qt::endl;
        return false;
    }
    return true;
}

int writeHome(const QString &home, int profiles)
{
    QByteArray config;
    QByteArray credentials;
    const int keys = (profiles + 1) / 2;
    for (int i = 0; i < keys; ++i) {
        const QByteArray n = QByteArray::number(i).rightJustified(5, '0');
        credentials += "[keys" + n + "]\naws_access_key_id = AKIAFLOWDESK" + n.rightJustified(8, '0')
            + "\naws_secret_access_key = benchmark/NOT/a/secret/" + n + "\n";
    }
    for (int i = 0; i < profiles - keys; ++i) {
        const QByteArray n = QByteArray::number(i).rightJustified(5, '0');
        config += "[profile role" + n + "]\nrole_arn = arn:aws:iam::123456789012:role/ops" + n
            + "\nsource_profile = keys" + n + "\nregion = eu-west-1\n";
    }
    if (!QDir().mkpath(home + QStringLiteral("/.aws")))
        return 1;
    if (!writeFile(home + QStringLiteral("/.aws/config"), config)
        || !writeFile(home + QStringLiteral("/.aws/credentials"), credentials))
        return 1;
    QTextStream(stdout) << "bench_profiles: wrote " << profiles << " profiles, config "
                        << config.size() << " bytes, credentials " << credentials.size()
                        << " bytes" << Qt::endl;
    return 0;
}

qsizetype listedProfiles(const flowdesk::ConnectionCatalogTree *tree)
{
    qsizetype count = 0;
    for (const auto &entry : tree->catalog().entries())
        count += entry.kind == flowdesk::models::ConnectionInfo::Kind::Profile ? 1 : 0;
    return count;
}

// Notes the first paint of the window: that is when it is on screen.
class FirstPaint : public QObject
{
public:
    explicit FirstPaint(const QElapsedTimer &clock)
        : m_clock(clock)
    {
    }
    qint64 atMs = -1;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && atMs < 0)
            atMs = m_clock.elapsed();
        return QObject::eventFilter(watched, event);
    }

private:
    const QElapsedTimer &m_clock;
};

void addOptions(QCommandLineParser &parser)
{
    parser.addHelpOption();
    parser.addOption({QStringLiteral("write"), QStringLiteral("Write the AWS files into HOME."), QStringLiteral("HOME")});
    parser.addOption({QStringLiteral("profiles"), QStringLiteral("Profiles to write."), QStringLiteral("N"), QStringLiteral("10000")});
    parser.addOption({QStringLiteral("expect"), QStringLiteral("Profiles the sidebar must list."), QStringLiteral("N")});
}

} // namespace

int main(int argc, char *argv[])
{
    QElapsedTimer sinceStart;
    sinceStart.start();
    // Writing the files needs no display (and must not ask for one).
    if (argc > 1 && std::strcmp(argv[1], "--write") == 0) {
        QCoreApplication writer(argc, argv);
        QCommandLineParser parser;
        addOptions(parser);
        parser.process(writer);
        return writeHome(parser.value(QStringLiteral("write")), parser.value(QStringLiteral("profiles")).toInt());
    }
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("FlowdeskBench"));
    QCoreApplication::setApplicationName(QStringLiteral("bench_profiles"));
    QCommandLineParser parser;
    addOptions(parser);
    parser.process(app);
    if (!parser.isSet(QStringLiteral("expect"))) {
        QTextStream(stderr) << "bench_profiles: give --write HOME (first) or --expect N" << Qt::endl;
        return 2;
    }
    const qsizetype expected = parser.value(QStringLiteral("expect")).toLongLong();

    // As flowdesk's main(): stored accounts on the settings file, then the window.
    QSettings accountSettings;
    flowdesk::aws::StoredAccounts accounts(&accountSettings);
    flowdesk::MainWindow window;
    window.setStoredAccounts(&accounts);
    FirstPaint firstPaint(sinceStart);
    window.installEventFilter(&firstPaint);
    flowdesk::ConnectionsSidebar *sidebar = window.connectionsSidebar();
    int exitCode = 1;
    const auto report = [&] {
        if (sidebar->isLoading())
            return; // a newer list is coming
        window.repaint(); // paint synchronously: the list is on screen now
        const qint64 listedMs = sinceStart.elapsed();
        const qsizetype listed = listedProfiles(sidebar->tree());
        QTextStream(stdout) << "bench_profiles: window shown after " << firstPaint.atMs
                            << " ms, " << listed << " profiles listed after " << listedMs
                            << " ms, peak RSS " << flowdesk::peakResidentKiB() << " KiB" << Qt::endl;
        if (listed != expected)
            QTextStream(stderr) << "bench_profiles: expected " << expected << " profiles" << Qt::endl;
        exitCode = listed == expected && firstPaint.atMs >= 0 ? 0 : 1;
        QTimer::singleShot(0, &app, &QCoreApplication::quit);
    };
    QObject::connect(sidebar, &flowdesk::ConnectionsSidebar::catalogLoaded, &app, report);
    QTimer::singleShot(std::chrono::minutes(10), &app, [&] {
        QTextStream(stderr) << "bench_profiles: the profiles were not listed within 10 minutes" << Qt::endl;
        app.exit(1);
    });
    window.show();
    const int code = app.exec();
    return code != 0 ? code : exitCode;
}
