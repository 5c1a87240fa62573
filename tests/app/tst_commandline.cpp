// Runs the real flowdesk executable: what a user sees from --version, --help and bad input.
#include <QProcess>
#include <QProcessEnvironment>
#include <QtTest>

class TstCommandLine : public QObject
{
    Q_OBJECT

private:
    struct Run {
        int exitCode = -1;
        QString out;
        QString err;
    };

    static QString executable()
    {
        return qEnvironmentVariable("FLOWDESK_BIN_DIR") + QStringLiteral("/flowdesk");
    }

    static Run run(const QStringList &arguments,
                   const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment())
    {
        QProcess process;
        process.setProcessEnvironment(environment);
        process.start(executable(), arguments);
        Run result;
        if (!process.waitForFinished(30000)) {
            process.kill();
            return result;
        }
        result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
        result.out = QString::fromUtf8(process.readAllStandardOutput());
        result.err = QString::fromUtf8(process.readAllStandardError());
        return result;
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(QFileInfo::exists(executable()), qPrintable(executable()));
    }

    void versionPrintsProjectVersion()
    {
        const Run result = run({QStringLiteral("--version")});
        QCOMPARE(result.exitCode, 0);
        // FLOWDESK_VERSION comes from project(VERSION …) in the top CMakeLists.txt.
        QVERIFY2(result.out.startsWith(QStringLiteral("Flowdesk " FLOWDESK_VERSION " (Qt ")),
                 qPrintable(result.out));
        QVERIFY(result.out.contains(QString::fromLatin1(qVersion())));
    }

    void helpListsOptions()
    {
        const Run result = run({QStringLiteral("--help")});
        QCOMPARE(result.exitCode, 0);
        QVERIFY(result.out.contains(QStringLiteral("--version")));
        QVERIFY(result.out.contains(QStringLiteral("AppFlow")));
    }

    // Qt's own options reach Qt (finding of issue #16: "-style Fusion" was "Unknown options:
    // s, t, y, l, e").
    void qtOptionsAreTakenByQt()
    {
        const Run result = run({QStringLiteral("-style"), QStringLiteral("Fusion"), QStringLiteral("-reverse"),
                                QStringLiteral("--version")});
        QCOMPARE(result.exitCode, 0);
        QVERIFY2(result.out.startsWith(QStringLiteral("Flowdesk ")), qPrintable(result.out + result.err));
        QVERIFY2(!result.err.contains(QStringLiteral("Unknown option")), qPrintable(result.err));
    }

    // --help-all lists Flowdesk's options and Qt's, and exits instead of opening a window.
    void helpAllListsQtOptionsToo()
    {
        const Run result = run({QStringLiteral("--help-all")});
        QCOMPARE(result.exitCode, 0);
        QVERIFY2(result.out.contains(QStringLiteral("--demo")), qPrintable(result.out));
        QVERIFY2(result.out.contains(QStringLiteral("--reverse")), qPrintable(result.out));
        QVERIFY2(result.out.contains(QStringLiteral("-platform")), qPrintable(result.out));
    }

    void unknownOptionFailsWithUsage()
    {
        const Run result = run({QStringLiteral("--no-such-option")});
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains(QStringLiteral("no-such-option")), qPrintable(result.err));
        QVERIFY(result.err.contains(QStringLiteral("Usage:")));
    }

    void noDisplayExplainsHowToGetOne()
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.remove(QStringLiteral("DISPLAY"));
        environment.remove(QStringLiteral("WAYLAND_DISPLAY"));
        environment.remove(QStringLiteral("QT_QPA_PLATFORM"));
        const Run result = run({}, environment);
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains(QStringLiteral("no display")), qPrintable(result.err));
        QVERIFY(result.err.contains(QStringLiteral("xvfb-run")));
    }
};

QTEST_GUILESS_MAIN(TstCommandLine)
#include "tst_commandline.moc"
