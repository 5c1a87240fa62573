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
        qint64 checkedUpTo = 0; // bytes of the log already checked
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
            QSet<QString> syncedThisKill;
            for (const QByteArray &line : out.split('\n')) {
                if (line.startsWith("synced "))
                    syncedThisKill.insert(QString::fromLatin1(line.mid(7)));
            }
            synced += syncedThisKill;

            // What this kill left: the bytes since the previous check (which ended on the
            // marker's newline), read on their own so that 1,000 kills stay linear; the whole
            // log is read every 50 kills and at the end.
            const QString tailPath = dir.filePath(QStringLiteral("tail.jsonl"));
            {
                QFile log(path);
                QVERIFY(log.open(QIODevice::ReadOnly));
                QVERIFY(log.seek(checkedUpTo));
                QFile tail(tailPath);
                QVERIFY(tail.open(QIODevice::WriteOnly | QIODevice::Truncate));
                tail.write(log.readAll());
            }
            AuditLogReader reader(tailPath);
            QVERIFY(reader.load());
            QSet<QString> intents;
            for (const AuditEntry &entry : reader.entries()) {
                if (entry.type == AuditEntry::Type::Intent)
                    intents.insert(entry.correlationId);
            }
            for (const QString &id : std::as_const(syncedThisKill))
                QVERIFY2(intents.contains(id), qPrintable(QStringLiteral("kill %1: written intent %2 is gone").arg(kill).arg(id)));
            // A SIGKILL ends a process between write() calls: at most one torn piece per kill.
            QVERIFY(reader.skippedLines().size() <= 1);
            tornSeen += int(reader.skippedLines().size());

            // The next append (as the restarted app would) starts on a fresh line and reads.
            AuditEntry marker = AuditEntry::newIntent();
            marker.flowName = QStringLiteral("after-kill-%1").arg(kill);
            QVERIFY2(AuditLog(path).append(marker), "append after the kill failed");
            ++markers;
            checkedUpTo = QFileInfo(path).size();
            if (kill % 50 == 49 || kill == iterations - 1) {
                AuditLogReader whole(path);
                QVERIFY(whole.load());
                QCOMPARE(whole.entries().last().correlationId, marker.correlationId);
                QCOMPARE(int(whole.skippedLines().size()), tornSeen);
            }
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
