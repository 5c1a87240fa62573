#include "AuditLog.h"
#include "AuditLogReader.h"
#include "AuditTestSupport.h"

#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

#include <thread>

using namespace flowdesk::audit;
using namespace flowdesk::audit::test;

namespace {

QList<QByteArray> linesOf(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QList<QByteArray> lines = file.readAll().split('\n');
    if (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    return lines;
}

} // namespace

class TstAuditLog : public QObject
{
    Q_OBJECT

private slots:
    void intentAndResultRoundTripThroughTheFile()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        AuditLog log(dir.filePath(QStringLiteral("sub/folder/audit-log.jsonl")));
        const AuditEntry intent = sampleIntent();
        const AuditEntry result = sampleResult(intent);
        QVERIFY2(log.append(intent), qPrintable(log.errorString()));
        QVERIFY2(log.append(result), qPrintable(log.errorString()));
        QVERIFY(log.errorString().isEmpty());

        AuditLogReader reader(log.filePath());
        QVERIFY(reader.load());
        QCOMPARE(reader.entries().size(), 2);
        QCOMPARE(reader.entries().at(0), intent);
        QCOMPARE(reader.entries().at(1), result);
        QVERIFY(reader.skippedLines().isEmpty());
    }

    void theLineIsInTheFileWhenAppendReturns()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("audit-log.jsonl"));
        AuditLog log(path);
        QVERIFY(!QFile::exists(path));
        QVERIFY(log.append(sampleIntent()));
        // Read through a separate file handle: nothing may still sit in a buffer of `log`.
        QVERIFY(QFile::exists(path));
        const QList<QByteArray> lines = linesOf(path);
        QCOMPARE(lines.size(), 1);
        QCOMPARE(QJsonDocument::fromJson(lines.at(0)).object().value(QStringLiteral("flow")).toString(),
                 QStringLiteral("orders-to-s3"));
        QCOMPARE(QFile::permissions(path) & (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther),
                 QFile::Permissions());

        QVERIFY(log.append(sampleResult(sampleIntent())));
        QCOMPARE(linesOf(path).size(), 2);
    }

    void appendsAfterACrashTornLineStartOnANewLine()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("audit-log.jsonl"));
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(QJsonDocument(sampleIntent(QStringLiteral("first")).toJson()).toJson(QJsonDocument::Compact) + '\n');
            // The crash: a line cut short. (Not a raw string literal: moc 6.4 misreads one with an odd
            // number of quotes.)
            file.write("{\"v\":1,\"type\":\"intent\",\"time\":\"2024-05-01T12:0");
        }
        AuditLog log(path);
        QVERIFY(log.append(sampleIntent(QStringLiteral("after"))));
        AuditLogReader reader(path);
        QVERIFY(reader.load());
        QCOMPARE(linesOf(path).size(), 3);
        QCOMPARE(reader.entries().size(), 2);
        QCOMPARE(reader.entries().at(1).flowName, QStringLiteral("after"));
        QCOMPARE(reader.skippedLines().size(), 1);
        QCOMPARE(reader.skippedLines().at(0).lineNumber, 2);
    }

    // Issue #13: a torn tail at EVERY byte offset of the last line, then garbage too: earlier
    // lines stay whole, nothing torn is ever read as an entry, and the next append is readable.
    void everyTornTailOfTheLastLineIsSurvived()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("audit-log.jsonl"));
        const QByteArray first = QJsonDocument(sampleIntent(QStringLiteral("first")).toJson()).toJson(QJsonDocument::Compact) + '\n';
        const AuditEntry lastEntry = sampleResult(sampleIntent(QStringLiteral("last")));
        const QByteArray last = QJsonDocument(lastEntry.toJson()).toJson(QJsonDocument::Compact) + '\n';
        int torn = 0;
        for (const QByteArray &garbage : {QByteArray(), QByteArray("\x01\xff{\"v\":1,\"type\":")}) {
            for (qsizetype cut = 0; cut <= last.size(); ++cut) {
                {
                    QFile file(path);
                    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
                    file.write(first + last.left(cut) + garbage);
                }
                AuditLog log(path);
                QVERIFY2(log.append(sampleIntent(QStringLiteral("after"))), qPrintable(log.errorString()));
                AuditLogReader reader(path);
                QVERIFY(reader.load());
                // The last line is an entry only when it is whole, newline included: without
                // its newline it was never saved whole, so no cancel was sent on it, even when
                // its JSON object is complete (cut == size - 1). Whatever is left after the
                // last whole line is one torn piece, skipped, never an entry.
                const bool whole = cut == last.size();
                const QByteArray rest = whole ? garbage : last.left(cut) + garbage;
                QVERIFY2(reader.entries().size() == (whole ? 3 : 2),
                         qPrintable(QStringLiteral("cut %1 of %2, garbage %3: %4 entries")
                                        .arg(cut).arg(last.size()).arg(garbage.size())
                                        .arg(reader.entries().size())));
                QCOMPARE(reader.entries().first().flowName, QStringLiteral("first"));
                QCOMPARE(reader.entries().last().flowName, QStringLiteral("after"));
                if (whole)
                    QCOMPARE(reader.entries().at(1), lastEntry);
                QCOMPARE(reader.skippedLines().size(), rest.isEmpty() ? 0 : 1);
                torn += reader.skippedLines().size();
            }
        }
        qInfo("torn tails tried: %d (each at a different offset or with garbage), all survived", torn);
    }

    // A line whose JSON is complete but whose newline is missing (a write that stopped one
    // byte short) is not an entry, and the next append marks it torn so it never becomes one.
    void aCompleteObjectWithoutItsNewlineNeverBecomesAnEntry()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("audit-log.jsonl"));
        const QByteArray first = QJsonDocument(sampleIntent(QStringLiteral("first")).toJson()).toJson(QJsonDocument::Compact) + '\n';
        const QByteArray unsent = QJsonDocument(sampleIntent(QStringLiteral("unsent")).toJson()).toJson(QJsonDocument::Compact);
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(first + unsent);
        }
        AuditLogReader before(path);
        QVERIFY(before.load());
        QCOMPARE(before.entries().size(), 1);
        QCOMPARE(before.skippedLines().size(), 1);
        QVERIFY(before.skippedLines().at(0).reason.contains(QStringLiteral("incomplete last line")));

        QVERIFY(AuditLog(path).append(sampleIntent(QStringLiteral("after"))));
        const QList<QByteArray> lines = linesOf(path);
        QCOMPARE(lines.size(), 3);
        QCOMPARE(lines.at(1), unsent + " #torn"); // its bytes stay, for whoever investigates
        AuditLogReader after(path);
        QVERIFY(after.load());
        QCOMPARE(after.entries().size(), 2);
        QCOMPARE(after.entries().at(1).flowName, QStringLiteral("after"));
        QCOMPARE(after.skippedLines().size(), 1);
        QCOMPARE(after.skippedLines().at(0).lineNumber, 2);
        QVERIFY(after.skippedLines().at(0).reason.contains(QStringLiteral("incomplete line")));
    }

    void concurrentWritersNeverInterleaveWithinALine()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("audit-log.jsonl"));
        constexpr int perWriter = 200;
        // Long lines (about 20 KB) so that a non-atomic append would show.
        const auto writer = [&path](const QString &flow, bool *ok) {
            AuditLog log(path);
            AuditEntry entry = sampleIntent(flow);
            for (int i = 0; i < 1000; ++i)
                entry.executionIds << QStringLiteral("%1-execution-%2").arg(flow).arg(i);
            *ok = true;
            for (int i = 0; i < perWriter && *ok; ++i)
                *ok = log.append(entry);
        };
        bool okA = false;
        bool okB = false;
        std::thread a(writer, QStringLiteral("alpha"), &okA);
        std::thread b(writer, QStringLiteral("beta"), &okB);
        a.join();
        b.join();
        QVERIFY(okA && okB);

        AuditLogReader reader(path);
        QVERIFY(reader.load());
        QCOMPARE(reader.skippedLines().size(), 0);
        QCOMPARE(reader.entries().size(), 2 * perWriter);
        QCOMPARE(reader.entriesForFlow(QStringLiteral("alpha")).size(), perWriter);
        for (const AuditEntry &entry : reader.entries()) {
            QCOMPARE(entry.executionIds.size(), 1002);
            QVERIFY(entry.executionIds.last().startsWith(entry.flowName));
        }
    }

    void anUnwritableLocationIsAClearError()
    {
        QTemporaryDir dir;
        // A file where the log's folder should be: fails for every user, root included.
        const QString blocker = dir.filePath(QStringLiteral("not-a-folder"));
        {
            QFile file(blocker);
            QVERIFY(file.open(QIODevice::WriteOnly));
        }
        AuditLog log(blocker + QStringLiteral("/audit-log.jsonl"));
        QVERIFY(!log.append(sampleIntent()));
        QVERIFY2(log.errorString().contains(QStringLiteral("not-a-folder")), qPrintable(log.errorString()));
        QVERIFY2(log.errorString().contains(QStringLiteral("Cannot create the folder")), qPrintable(log.errorString()));

        // The path is a folder, not a file.
        AuditLog onAFolder(dir.path());
        QVERIFY(!onAFolder.append(sampleIntent()));
        QVERIFY2(onAFolder.errorString().contains(QStringLiteral("Cannot open the audit log")),
                 qPrintable(onAFolder.errorString()));

        AuditLog nowhere{QString()};
        QVERIFY(!nowhere.append(sampleIntent()));
        QVERIFY(nowhere.errorString().contains(QStringLiteral("no location")));

        // A successful append clears the previous error.
        AuditLog fine(dir.filePath(QStringLiteral("ok.jsonl")));
        QVERIFY(fine.append(sampleIntent()));
        QVERIFY(fine.errorString().isEmpty());
    }

    void aFullDiskIsReported()
    {
        if (!QFile::exists(QStringLiteral("/dev/full")))
            QSKIP("no /dev/full on this system");
        AuditLog log(QStringLiteral("/dev/full"));
        QVERIFY(!log.append(sampleIntent()));
        QVERIFY2(log.errorString().contains(QStringLiteral("Cannot write the audit log /dev/full")),
                 qPrintable(log.errorString()));
    }

    void defaultLocationIsTheAppDataFolder()
    {
        QStandardPaths::setTestModeEnabled(true);
        const QString path = AuditLog::defaultFilePath();
        QVERIFY(path.endsWith(QStringLiteral("/audit-log.jsonl")));
        QVERIFY(path.startsWith(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)));
        QStandardPaths::setTestModeEnabled(false);
    }

    void osUserNameIsKnown()
    {
        QVERIFY(!AuditLog::osUserName().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TstAuditLog)
#include "tst_auditlog.moc"
