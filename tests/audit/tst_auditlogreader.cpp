#include "AuditLogReader.h"
#include "AuditTestSupport.h"

#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

using namespace flowdesk::audit;
using namespace flowdesk::audit::test;

namespace {

QByteArray lineOf(const AuditEntry &entry)
{
    return QJsonDocument(entry.toJson()).toJson(QJsonDocument::Compact);
}

} // namespace

class TstAuditLogReader : public QObject
{
    Q_OBJECT

private slots:
    void corruptedAndTruncatedLinesAreSkippedAndCounted()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("audit-log.jsonl"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        const AuditEntry a = sampleIntent(QStringLiteral("alpha"));
        const AuditEntry b = sampleResult(a);
        const AuditEntry c = sampleIntent(QStringLiteral("beta"));
        file.write(lineOf(a) + '\n');                                 // 1
        file.write("\x00\x01garbage{{\n", 12);                         // 2: corrupted
        file.write("\n");                                              // 3: blank, ignored
        file.write("[1,2,3]\n");                                       // 4: not an object
        file.write(lineOf(b) + "\r\n");                                // 5: CRLF is fine
        file.write(R"({"v":7,"type":"intent"})" "\n");                 // 6: a newer version
        file.write(lineOf(c) + '\n');                                  // 7
        file.write(lineOf(c).left(40));                                // 8: truncated, no newline
        file.close();

        AuditLogReader reader(path);
        QVERIFY(reader.load());
        QCOMPARE(reader.entries().size(), 3);
        QCOMPARE(reader.entries().at(0), a);
        QCOMPARE(reader.entries().at(1), b);
        QCOMPARE(reader.entries().at(2), c);
        QList<int> skipped;
        for (const auto &line : reader.skippedLines())
            skipped << line.lineNumber;
        QCOMPARE(skipped, (QList<int>{2, 4, 6, 8}));
        QVERIFY(reader.skippedLines().at(0).reason.contains(QStringLiteral("not valid JSON")));
        QVERIFY(reader.skippedLines().at(1).reason.contains(QStringLiteral("not a JSON object")));
        QVERIFY(reader.skippedLines().at(2).reason.contains(QStringLiteral("version 7")));
        QVERIFY(reader.skippedLines().at(3).reason.contains(QStringLiteral("incomplete last line")));
    }

    // Complete JSON is not enough: without its newline the line was never saved whole, so the
    // cancel it announces was never sent (AuditLog fsyncs the newline with the line).
    void aLastLineWithoutItsNewlineIsNotAnEntry()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("audit-log.jsonl"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        const AuditEntry a = sampleIntent(QStringLiteral("alpha"));
        file.write(lineOf(a) + '\n');
        file.write(lineOf(sampleIntent(QStringLiteral("beta"))) + " #torn\n"); // ended by a later append
        file.write(lineOf(sampleIntent(QStringLiteral("gamma"))));              // whole JSON, no newline
        file.close();

        AuditLogReader reader(path);
        QVERIFY(reader.load());
        QCOMPARE(reader.entries().size(), 1);
        QCOMPARE(reader.entries().at(0), a);
        QCOMPARE(reader.skippedLines().size(), 2);
        QCOMPARE(reader.skippedLines().at(0).lineNumber, 2);
        QVERIFY(reader.skippedLines().at(0).reason.contains(QStringLiteral("incomplete line")));
        QCOMPARE(reader.skippedLines().at(1).lineNumber, 3);
        QVERIFY(reader.skippedLines().at(1).reason.contains(QStringLiteral("incomplete last line")));
    }

    void filtersByFlow()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("audit-log.jsonl"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        for (const char *flow : {"zeta", "alpha", "zeta", "Beta"})
            file.write(lineOf(sampleIntent(QString::fromLatin1(flow))) + '\n');
        file.close();
        AuditLogReader reader(path);
        QVERIFY(reader.load());
        QCOMPARE(reader.entriesForFlow(QStringLiteral("zeta")).size(), 2);
        QCOMPARE(reader.entriesForFlow(QStringLiteral("nope")).size(), 0);
        QCOMPARE(reader.flowNames(), (QStringList{QStringLiteral("alpha"), QStringLiteral("Beta"), QStringLiteral("zeta")}));
    }

    void aMissingFileIsAnEmptyLog()
    {
        QTemporaryDir dir;
        AuditLogReader reader(dir.filePath(QStringLiteral("never-written.jsonl")));
        QVERIFY(reader.load());
        QVERIFY(reader.entries().isEmpty());
        QVERIFY(reader.errorString().isEmpty());
    }

    void anUnreadableFileIsAClearError()
    {
        QTemporaryDir dir;
        // A folder where the file should be cannot be read as a log.
        AuditLogReader reader(dir.path());
        QVERIFY(!reader.load());
        QVERIFY2(reader.errorString().contains(QStringLiteral("Cannot read the audit log")),
                 qPrintable(reader.errorString()));
    }
};

QTEST_GUILESS_MAIN(TstAuditLogReader)
#include "tst_auditlogreader.moc"
