// The kill harness: a child process (audit_kill_child) drives the real CancelController and
// AuditLog against a simulator and is SIGKILLed at random moments, FLOWDESK_KILL_ITERATIONS
// times (50 in ./dev test, 1,000 in ./dev soak --kills). After every kill: every intent the
// child reported as written is in the log, no torn line reads as an entry, the next append
// starts on a fresh line, and the whole log still reads back.
#include <AuditLog.h>
#include <AuditLogReader.h>

#include <QElapsedTimer>
#include <QProcess>
#include <QRandomGenerator>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

using namespace flowdesk::audit;

class TstAuditKill : public QObject
{
    Q_OBJECT

private slots:
    void everyWrittenIntentSurvivesSigkill()
    {
        const QString child = qEnvironmentVariable("FLOWDESK_BIN_DIR") + QStringLiteral("/../tests/flowdesk-audit-kill-child");
        QVERIFY2(QFileInfo::exists(child), qPrintable(child));
        const int iterations = qEnvironmentVariableIntValue("FLOWDESK_KILL_ITERATIONS") > 0
                                   ? qEnvironmentVariableIntValue("FLOWDESK_KILL_ITERATIONS")
                                   : 50;
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("audit-log.jsonl"));
        QRandomGenerator random(quint32(qEnvironmentVariableIntValue("FLOWDESK_KILL_SEED") + 1));
        QSet<QString> synced;
        int markers = 0;
        int tornSeen = 0;
        QElapsedTimer wall;
        wall.start();
        for (int kill = 0; kill < iterations; ++kill) {
            QProcess process;
            process.setProcessChannelMode(QProcess::SeparateChannels);
            process.start(child, {path});
            QVERIFY2(process.waitForStarted(10000), qPrintable(process.errorString()));
            QByteArray out;
            QVERIFY2(QTest::qWaitFor([&] {
                out += process.readAllStandardOutput();
                return out.contains("ready\n") || process.state() == QProcess::NotRunning;
            }, 20000), "the child did not get ready");
            QVERIFY2(process.state() == QProcess::Running, process.readAllStandardError().constData());
            // Somewhere in the middle of its cancels: between 0 and 250 ms of work.
            QTest::qWait(int(random.bounded(250)));
            ::kill(pid_t(process.processId()), SIGKILL);
            QVERIFY(process.waitForFinished(10000));
            QCOMPARE(process.exitStatus(), QProcess::CrashExit);
            out += process.readAllStandardOutput();
            for (const QByteArray &line : out.split('\n')) {
                if (line.startsWith("synced "))
                    synced.insert(QString::fromLatin1(line.mid(7)));
            }

            AuditLogReader reader(path);
            QVERIFY(reader.load());
            QSet<QString> intents;
            for (const AuditEntry &entry : reader.entries()) {
                if (entry.type == AuditEntry::Type::Intent)
                    intents.insert(entry.correlationId);
            }
            for (const QString &id : std::as_const(synced))
                QVERIFY2(intents.contains(id), qPrintable(QStringLiteral("kill %1: written intent %2 is gone").arg(kill).arg(id)));
            // Every line is an entry or a skipped torn piece; never more pieces than kills.
            QVERIFY(reader.skippedLines().size() <= kill + 1);
            tornSeen = int(reader.skippedLines().size());

            // The next append (as the restarted app would) starts on a fresh line and reads.
            AuditEntry marker = AuditEntry::newIntent();
            marker.flowName = QStringLiteral("after-kill-%1").arg(kill);
            QVERIFY2(AuditLog(path).append(marker), "append after the kill failed");
            ++markers;
            AuditLogReader after(path);
            QVERIFY(after.load());
            QCOMPARE(after.entries().last().correlationId, marker.correlationId);
            QCOMPARE(after.skippedLines().size(), reader.skippedLines().size());
        }
        AuditLogReader final(path);
        QVERIFY(final.load());
        qInfo("kills survived: %d, intents reported written and found: %lld, entries read back: %lld, "
              "torn lines skipped: %d, markers appended: %d, wall time: %lld ms",
              iterations, qlonglong(synced.size()), qlonglong(final.entries().size()), tornSeen,
              markers, qlonglong(wall.elapsed()));
        QVERIFY(synced.size() > 0);
    }
};

QTEST_GUILESS_MAIN(TstAuditKill)
#include "tst_audit_kill.moc"
