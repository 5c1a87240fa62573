// The translations as a user meets them: the German file is complete (every message, both
// plural forms, the same placeholders), the English file gives every %n message its two forms,
// the sources hold no string that the files lack (lupdate is run here on the real sources), the
// embedded .qm files answer every message at run time, and real code paths speak German.
#include "CommandLine.h"
#include "RegionResolver.h"
#include "Translations.h"

#include <QCoreApplication>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

using namespace flowdesk;

namespace {

struct Message {
    QString context;
    QString source;
    QString comment;
    bool numerus = false;
    bool unfinished = false;
    QStringList forms; // one translation, or the numerus forms
};

QString key(const Message &m)
{
    return m.context + u'\x1f' + m.source + u'\x1f' + m.comment;
}

// Every message of a Qt Linguist .ts file.
QList<Message> readTs(const QString &path, QString *error)
{
    QList<Message> messages;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return {};
    }
    QXmlStreamReader xml(&file);
    QString context;
    Message current;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            const auto name = xml.name();
            if (name == u"name")
                context = xml.readElementText();
            else if (name == u"message")
                current = Message{context, {}, {}, xml.attributes().value(QStringLiteral("numerus")) == u"yes", false, {}};
            else if (name == u"source")
                current.source = xml.readElementText();
            else if (name == u"comment")
                current.comment = xml.readElementText();
            else if (name == u"translation") {
                const auto type = xml.attributes().value(QStringLiteral("type"));
                current.unfinished = !type.isEmpty(); // unfinished, vanished, obsolete
                if (!current.numerus)
                    current.forms << xml.readElementText();
            } else if (name == u"numerusform")
                current.forms << xml.readElementText();
        } else if (xml.isEndElement() && xml.name() == u"message") {
            messages << current;
        }
    }
    if (xml.hasError())
        *error = xml.errorString();
    return messages;
}

QStringList placeholders(const QString &text)
{
    static const QRegularExpression marker(u"%(?:\\d+|n)"_qs);
    QStringList found;
    for (auto it = marker.globalMatch(text); it.hasNext();)
        found << it.next().captured();
    found.sort();
    return found;
}

QString sourceDir()
{
    return qEnvironmentVariable("FLOWDESK_SOURCE_DIR");
}

QString tsPath(const QString &language)
{
    return sourceDir() + u"/resources/translations/flowdesk_"_qs + language + u".ts"_qs;
}

// The files lupdate reads (resources/CMakeLists.txt): every .cpp and .h under app, models, ui.
QStringList translatableSources()
{
    QStringList files;
    for (const char *folder : {"app", "models", "ui"}) {
        QDirIterator it(sourceDir() + u'/' + QLatin1String(folder), {u"*.cpp"_qs, u"*.h"_qs},
                        QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext())
            files << it.next();
    }
    files.sort();
    return files;
}

} // namespace

class TstTranslations : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(!sourceDir().isEmpty(), "FLOWDESK_SOURCE_DIR must name the source tree");
    }

    void germanIsComplete()
    {
        QString error;
        const QList<Message> messages = readTs(tsPath(u"de"_qs), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY2(messages.size() > 900, qPrintable(QString::number(messages.size())));
        QStringList problems;
        int plurals = 0;
        for (const Message &m : messages) {
            const QString where = m.context + u": \""_qs + m.source.left(60) + u'"';
            if (m.unfinished)
                problems << where + u" is unfinished"_qs;
            if (m.numerus) {
                ++plurals;
                if (m.forms.size() != 2)
                    problems << where + u" needs two plural forms"_qs;
            }
            for (const QString &form : m.forms) {
                if (form.trimmed().isEmpty() && !m.source.trimmed().isEmpty())
                    problems << where + u" has an empty translation"_qs;
                else if (placeholders(form) != placeholders(m.source))
                    problems << where + u": placeholders "_qs + placeholders(m.source).join(u' ')
                                    + u" became "_qs + placeholders(form).join(u' ');
                // An accelerator in the source needs one in the translation, or Alt+key is lost.
                if (m.source.contains(QRegularExpression(u"&[^& ]"_qs))
                    && !form.contains(QRegularExpression(u"&[^& ]"_qs)))
                    problems << where + u" lost its keyboard accelerator"_qs;
            }
        }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
        QVERIFY(plurals > 40);
    }

    void englishHasEveryPluralForm()
    {
        QString error;
        const QList<Message> english = readTs(tsPath(u"en"_qs), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QList<Message> german = readTs(tsPath(u"de"_qs), &error);
        QSet<QString> wanted;
        for (const Message &m : german) {
            if (m.numerus)
                wanted.insert(key(m));
        }
        QSet<QString> present;
        QStringList problems;
        for (const Message &m : english) {
            present.insert(key(m));
            if (m.unfinished || m.forms.size() != 2 || m.forms.contains(QString()))
                problems << m.context + u": \""_qs + m.source + u"\" needs its two English forms"_qs;
        }
        for (const QString &missing : wanted - present)
            problems << u"flowdesk_en.ts lacks "_qs + QString(missing).replace(u'\x1f', u" | "_qs);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    }

    // lupdate over the real sources, into a scratch file: every string it finds must be in the
    // German file (someone added a tr() and did not run update_translations), and nothing in
    // the file may be a string the sources no longer have.
    void sourcesHaveNoStringTheFilesLack()
    {
        QTemporaryDir scratch;
        QVERIFY(scratch.isValid());
        QFile list(scratch.filePath(u"sources.lst"_qs));
        QVERIFY(list.open(QIODevice::WriteOnly));
        list.write(translatableSources().join(u'\n').toUtf8());
        list.close();
        const QString extracted = scratch.filePath(u"extracted.ts"_qs);
        QProcess lupdate;
        lupdate.setProcessChannelMode(QProcess::MergedChannels);
        lupdate.start(QStringLiteral(FLOWDESK_LUPDATE),
                      {u"-silent"_qs, u"-locations"_qs, u"none"_qs, u"@"_qs + list.fileName(), u"-ts"_qs, extracted});
        QVERIFY(lupdate.waitForFinished(120000));
        QVERIFY2(lupdate.exitCode() == 0, lupdate.readAll().constData());
        QString error;
        QSet<QString> inSources;
        for (const Message &m : readTs(extracted, &error))
            inSources.insert(key(m));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(inSources.size() > 900);
        QSet<QString> inFile;
        for (const Message &m : readTs(tsPath(u"de"_qs), &error))
            inFile.insert(key(m));
        QStringList problems;
        for (const QString &missing : inSources - inFile)
            problems << u"not in flowdesk_de.ts (run the update_translations target): "_qs
                            + QString(missing).replace(u'\x1f', u" | "_qs);
        for (const QString &stale : inFile - inSources)
            problems << u"in flowdesk_de.ts but no longer in the sources: "_qs
                            + QString(stale).replace(u'\x1f', u" | "_qs);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    }

    // lupdate (Qt 6.4) reads "\u201ccancel" as one longer escape, so the text it extracts is not
    // the one the program looks up: translatable code writes such characters literally.
    void noUnicodeEscapeFollowedByAHexDigit()
    {
        static const QRegularExpression escape(u"\\\\u[0-9A-Fa-f]{4}[0-9A-Fa-f]"_qs);
        QStringList problems;
        for (const QString &path : translatableSources()) {
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadOnly));
            int line = 0;
            while (!file.atEnd()) {
                ++line;
                const QString text = QString::fromUtf8(file.readLine());
                if (text.contains(escape))
                    problems << path.mid(sourceDir().size() + 1) + u':' + QString::number(line);
            }
        }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    }

    // The embedded German .qm answers every message of the file, in its own context.
    void everyMessageIsFoundAtRunTime()
    {
        installTranslations(UiLanguage::German);
        const auto restore = qScopeGuard([] { installTranslations(UiLanguage::English); });
        QString error;
        QStringList problems;
        for (const Message &m : readTs(tsPath(u"de"_qs), &error)) {
            const QByteArray context = m.context.toUtf8();
            const QByteArray source = m.source.toUtf8();
            const QByteArray comment = m.comment.toUtf8();
            const int n = m.numerus ? 3 : -1;
            const QString found = QCoreApplication::translate(context.constData(), source.constData(),
                                                              comment.isEmpty() ? nullptr : comment.constData(), n);
            QString wanted = m.forms.value(m.numerus ? 1 : 0);
            if (m.numerus)
                wanted.replace(u"%n"_qs, u"3"_qs);
            if (found != wanted)
                problems << m.context + u": \""_qs + m.source.left(50) + u"\" gave \""_qs + found.left(50) + u'"';
        }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.first(qMin(20, int(problems.size()))).join(u'\n')));
    }

    // Real code paths, in German: the command line's errors, the region resolver's, and
    // English plural forms once English is back.
    void realMessagesSpeakGerman()
    {
        installTranslations(UiLanguage::German);
        const auto restore = qScopeGuard([] { installTranslations(UiLanguage::English); });
        const CommandLineRequest request =
            parseCommandLine({u"flowdesk"_qs, u"--region"_qs, u"Frankfurt am Main"_qs});
        QVERIFY2(request.output.contains(u"ist kein gültiger AWS-Regionsname"_qs), qPrintable(request.output));
        const aws::RegionResult region = aws::RegionResolver::resolve({}, QProcessEnvironment(), nullptr);
        QVERIFY2(region.error.startsWith(u"Es ist keine AWS-Region eingestellt"_qs), qPrintable(region.error));

        installTranslations(UiLanguage::English);
        QCOMPARE(QCoreApplication::translate("flowdesk::MainWindow", "Cancel %n run(s)…", nullptr, 1),
                 u"Cancel 1 run…"_qs);
        QCOMPARE(QCoreApplication::translate("flowdesk::MainWindow", "Cancel %n run(s)…", nullptr, 3),
                 u"Cancel 3 runs…"_qs);
    }
};

QTEST_GUILESS_MAIN(TstTranslations)
#include "tst_translations.moc"
