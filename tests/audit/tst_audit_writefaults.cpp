// The audit log under failing write(), fsync(), open(), close() and ftruncate(), injected with
// libfiu's POSIX preload: ctest runs this test as `fiu-run -x -f "" tst_audit_writefaults`, so
// every one of those calls in the process goes through libfiu first, and the real AuditLog code
// (no test double) meets the errors a full disk or a failing drive gives.
//
// What must hold, whatever fails (issue #13): append() returns true only for a line that is on
// disk whole; otherwise it returns false with a message naming the file and the error, and the
// log reads back as if the append had not happened (or, when even taking the line back failed,
// says so). A cancel whose intent could not be made durable is not sent, and the user is told
// why. Nothing crashes; the log stays readable.
//
// Faults are armed only around the call under test and only for this (the main) thread, so
// QtTest's output and QNetworkAccessManager's own thread are never hit.
#include "AuditTestSupport.h"
#include "CancelController.h"
#include "SimulatorFixture.h"

#include <AuditLog.h>
#include <AuditLogReader.h>

#include <QFile>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <fiu-control.h>
#include <fiu.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <map>
#include <pthread.h>
#include <string>
#include <unistd.h>

using namespace flowdesk;
using namespace flowdesk::audit;
using audit::test::sampleIntent;

namespace {

// Which calls fail: a failure point of libfiu's POSIX preload, the number of calls to let
// through first, and the errno to give (0 for the "reduce" points, which shorten a transfer).
struct Fault {
    const char *point;
    int skip = 0;
    int error = 0;
};

// State shared with the libfiu callback. Only the main thread reads or writes it while armed
// (the callback returns before touching it on any other thread).
struct Injector {
    bool armed = false;
    pthread_t thread {};
    std::map<std::string, int> skip;       // per point: calls still let through
    std::map<std::string, int> injected;   // per point: calls failed, over the whole run
};
Injector injector;

int failArmedCallsOfTheMainThread(const char *name, int *, void **, unsigned int *)
{
    if (!injector.armed || !pthread_equal(pthread_self(), injector.thread))
        return 0;
    int &skip = injector.skip[name];
    if (skip > 0) {
        --skip;
        return 0;
    }
    ++injector.injected[name];
    return 1;
}

// Arms `faults` for the lifetime of the object.
class Armed
{
public:
    explicit Armed(const QList<Fault> &faults)
        : m_faults(faults)
    {
        for (const Fault &fault : m_faults) {
            injector.skip[fault.point] = fault.skip;
            fiu_enable_external(fault.point, 1, reinterpret_cast<void *>(static_cast<long>(fault.error)), 0,
                                failArmedCallsOfTheMainThread);
        }
        injector.armed = true;
    }
    ~Armed()
    {
        injector.armed = false;
        for (const Fault &fault : m_faults)
            fiu_disable(fault.point);
    }
    Armed(const Armed &) = delete;
    Armed &operator=(const Armed &) = delete;

private:
    QList<Fault> m_faults;
};

QByteArray contentsOf(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

AuditEntry intentFor(const QString &flow)
{
    AuditEntry intent = AuditEntry::newIntent();
    intent.flowName = flow;
    intent.executionIds = {QStringLiteral("e-1")};
    intent.confirmedBy = QStringLiteral("alice");
    return intent;
}

QString reasonOf(int error) { return QString::fromLocal8Bit(std::strerror(error)); }

} // namespace

Q_DECLARE_METATYPE(Fault)

class TstAuditWriteFaults : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        injector.thread = pthread_self();
        QVERIFY(fiu_init(0) == 0);
        // Proof that the preload is in place: an armed write() to a scratch file fails. Without
        // it (the test started without fiu-run -x) nothing below would be injected and every
        // check would pass for the wrong reason.
        QTemporaryDir dir;
        const int fd = ::open(QFile::encodeName(dir.filePath(QStringLiteral("probe"))).constData(),
                              O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
        QVERIFY(fd >= 0);
        ssize_t written;
        int error;
        {
            Armed armed({{"posix/io/rw/write", 0, EIO}});
            written = ::write(fd, "x", 1);
            error = errno;
        }
        ::close(fd);
        QVERIFY2(written == -1 && error == EIO,
                 "libfiu's POSIX preload is not active: run this test as `fiu-run -x -f \"\" "
                 "tst_audit_writefaults` (ctest does)");
    }

    // One fault at a time, at each place an append can fail.
    void eachFaultLeavesTheLogAsItWas_data()
    {
        QTest::addColumn<QList<Fault>>("faults");
        QTest::addColumn<QString>("expected");   // in the message
        QTest::addColumn<bool>("firstAppend");   // the file does not exist yet

        const auto row = [](const char *name, QList<Fault> faults, QString expected, bool first = false) {
            QTest::newRow(name) << faults << expected << first;
        };
        row("open EACCES", {{"posix/io/oc/open", 0, EACCES}}, QStringLiteral("Cannot open the audit log"));
        row("open ENOSPC, new file", {{"posix/io/oc/open", 0, ENOSPC}}, QStringLiteral("Cannot open the audit log"), true);
        row("write EIO", {{"posix/io/rw/write", 0, EIO}}, reasonOf(EIO));
        row("write ENOSPC", {{"posix/io/rw/write", 0, ENOSPC}}, reasonOf(ENOSPC));
        row("write EDQUOT", {{"posix/io/rw/write", 0, EDQUOT}}, reasonOf(EDQUOT));
        row("write EFBIG", {{"posix/io/rw/write", 0, EFBIG}}, reasonOf(EFBIG));
        // A short write, then the disk is full: part of the line reached the file.
        row("short write then ENOSPC",
            {{"posix/io/rw/write/reduce", 0, 0}, {"posix/io/rw/write", 1, ENOSPC}}, reasonOf(ENOSPC));
        row("fsync EIO", {{"posix/io/sync/fsync", 0, EIO}}, reasonOf(EIO));
        row("fsync ENOSPC", {{"posix/io/sync/fsync", 0, ENOSPC}}, reasonOf(ENOSPC));
        row("fsync EIO, new file", {{"posix/io/sync/fsync", 0, EIO}}, reasonOf(EIO), true);
        // The file's fsync succeeds, its folder's fails: the new file's name may be lost.
        row("folder fsync EIO, new file", {{"posix/io/sync/fsync", 1, EIO}},
            QStringLiteral("could not be saved"), true);
    }

    void eachFaultLeavesTheLogAsItWas()
    {
        QFETCH(QList<Fault>, faults);
        QFETCH(QString, expected);
        QFETCH(bool, firstAppend);

        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("audit-log.jsonl"));
        AuditLog log(path);
        if (!firstAppend)
            QVERIFY2(log.append(sampleIntent(QStringLiteral("before"))), qPrintable(log.errorString()));
        const QByteArray before = contentsOf(path);

        bool appended;
        {
            Armed armed(faults);
            appended = log.append(intentFor(QStringLiteral("under-fault")));
        }
        QVERIFY(!appended);
        QVERIFY2(log.errorString().contains(QDir::toNativeSeparators(path)), qPrintable(log.errorString()));
        QVERIFY2(log.errorString().contains(expected), qPrintable(log.errorString()));
        QVERIFY2(log.errorString().contains(QStringLiteral("try again")) || expected.startsWith(QStringLiteral("Cannot open")),
                 qPrintable(log.errorString()));
        // Taken back: byte for byte what was there before.
        QCOMPARE(contentsOf(path), before);

        // And the log works again once the disk does.
        QVERIFY2(log.append(intentFor(QStringLiteral("after"))), qPrintable(log.errorString()));
        AuditLogReader reader(path);
        QVERIFY(reader.load());
        QCOMPARE(reader.skippedLines().size(), 0);
        QCOMPARE(reader.entries().size(), firstAppend ? 1 : 2);
        QCOMPARE(reader.entries().last().flowName, QStringLiteral("after"));
    }

    // Several intents in one append (a cancel across flows): all on record, or none.
    void appendAllIsAllOrNothing()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("audit-log.jsonl"));
        AuditLog log(path);
        QVERIFY(log.appendAll({intentFor(QStringLiteral("a")), intentFor(QStringLiteral("b"))}));
        const QByteArray before = contentsOf(path);
        const QList<AuditEntry> batch{intentFor(QStringLiteral("c")), intentFor(QStringLiteral("d")),
                                      intentFor(QStringLiteral("e"))};
        for (const QList<Fault> &faults : QList<QList<Fault>>{{{"posix/io/sync/fsync", 0, EIO}},
                                                              {{"posix/io/rw/write/reduce", 0, 0}, {"posix/io/rw/write", 1, ENOSPC}}}) {
            bool appended;
            {
                Armed armed(faults);
                appended = log.appendAll(batch);
            }
            QVERIFY(!appended);
            QCOMPARE(contentsOf(path), before);
        }
        QVERIFY(log.appendAll(batch));
        AuditLogReader reader(path);
        QVERIFY(reader.load());
        QStringList flows;
        for (const AuditEntry &entry : reader.entries())
            flows << entry.flowName;
        QCOMPARE(flows, (QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"),
                                     QStringLiteral("d"), QStringLiteral("e")}));
    }

    // Short writes alone are not failures: the line is continued where the kernel stopped.
    void shortWritesAreContinued()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("audit-log.jsonl"));
        AuditLog log(path);
        for (int i = 0; i < 50; ++i) {
            Armed armed({{"posix/io/rw/write/reduce", 0, 0}});
            QVERIFY2(log.append(intentFor(QStringLiteral("flow-%1").arg(i))), qPrintable(log.errorString()));
        }
        QVERIFY(injector.injected["posix/io/rw/write/reduce"] >= 50);
        AuditLogReader reader(path);
        QVERIFY(reader.load());
        QCOMPARE(reader.entries().size(), 50);
        QCOMPARE(reader.skippedLines().size(), 0);
        QCOMPARE(reader.entries().at(49).flowName, QStringLiteral("flow-49"));
    }

    // The line reached the disk (fsync succeeded); a failing close() cannot take that back, so
    // the append stands: the intent is on record, the cancel may be sent.
    void aFailingCloseAfterASuccessfulFsyncKeepsTheEntry()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("audit-log.jsonl"));
        AuditLog log(path);
        QVERIFY(log.append(intentFor(QStringLiteral("first"))));
        bool appended;
        {
            Armed armed({{"posix/io/oc/close", 0, EIO}});
            appended = log.append(intentFor(QStringLiteral("closed-badly")));
        }
        QVERIFY2(appended, qPrintable(log.errorString()));
        AuditLogReader reader(path);
        QVERIFY(reader.load());
        QCOMPARE(reader.entries().size(), 2);
        QCOMPARE(reader.entries().last().flowName, QStringLiteral("closed-badly"));
    }

    // The worst case: fsync fails and the line cannot be cut off again either. The user must be
    // told that History may show a cancel that was not sent.
    void whenTheLineCannotBeTakenBackTheMessageSaysSo()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("audit-log.jsonl"));
        AuditLog log(path);
        QVERIFY(log.append(intentFor(QStringLiteral("first"))));
        bool appended;
        {
            Armed armed({{"posix/io/sync/fsync", 0, EIO}, {"posix/io/rw/ftruncate", 0, EIO}});
            appended = log.append(intentFor(QStringLiteral("stuck")));
        }
        QVERIFY(!appended);
        QVERIFY2(log.errorString().contains(QStringLiteral("could not be taken back")), qPrintable(log.errorString()));
        QVERIFY2(log.errorString().contains(QStringLiteral("not sent")), qPrintable(log.errorString()));
        AuditLogReader reader(path);
        QVERIFY(reader.load()); // still readable
    }

    // Thousands of appends with random faults of every kind: an append that returned true is
    // in the log, in order; one that returned false is not; no line is ever skipped as torn or
    // invalid; nothing crashes. FLOWDESK_WRITEFAULT_ITERATIONS sets the count (./dev soak
    // --write-faults runs 100,000).
    void randomFaultsNeverLoseOrInventAnEntry()
    {
        const int iterations = qEnvironmentVariableIntValue("FLOWDESK_WRITEFAULT_ITERATIONS") > 0
                                   ? qEnvironmentVariableIntValue("FLOWDESK_WRITEFAULT_ITERATIONS")
                                   : 2000;
        const QList<QList<Fault>> kinds = {
            {{"posix/io/oc/open", 0, EMFILE}},
            {{"posix/io/rw/write", 0, EIO}},
            {{"posix/io/rw/write", 0, ENOSPC}},
            {{"posix/io/rw/write/reduce", 0, 0}},
            {{"posix/io/rw/write/reduce", 0, 0}, {"posix/io/rw/write", 1, ENOSPC}},
            {{"posix/io/sync/fsync", 0, EIO}},
            {{"posix/io/oc/close", 0, EIO}},
        };
        QRandomGenerator random(20261204);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("audit-log.jsonl"));
        AuditLog log(path);
        QStringList expected;
        QMap<int, int> failedByKind;
        const std::map<std::string, int> injectedBefore = injector.injected;
        for (int i = 0; i < iterations; ++i) {
            const QString flow = QStringLiteral("flow-%1").arg(i);
            const bool faulty = random.bounded(100) < 30;
            const int kind = faulty ? int(random.bounded(qsizetype(kinds.size()))) : -1;
            bool appended;
            {
                Armed armed(faulty ? kinds.at(kind) : QList<Fault>{});
                appended = log.append(intentFor(flow));
            }
            if (appended)
                expected << flow;
            else
                ++failedByKind[kind];
            QVERIFY2(appended || faulty, qPrintable(log.errorString()));
        }
        AuditLogReader reader(path);
        QVERIFY(reader.load());
        QCOMPARE(reader.skippedLines().size(), 0);
        QStringList found;
        for (const AuditEntry &entry : reader.entries())
            found << entry.flowName;
        QCOMPARE(found, expected);
        QString figures;
        for (const auto &[point, count] : injector.injected) {
            const auto before = injectedBefore.find(point);
            figures += QStringLiteral(" %1=%2").arg(QString::fromStdString(point))
                           .arg(count - (before == injectedBefore.end() ? 0 : before->second));
        }
        qInfo("write faults: %d appends, %lld on record, %d refused; injected:%s", iterations,
              qlonglong(expected.size()), int(iterations - expected.size()), qPrintable(figures));
        // Every kind of fault except close() and plain short writes must have refused some appends.
        QVERIFY(iterations < 500 || failedByKind.size() >= 5);
    }

    // The contract end to end: a cancel whose intent cannot be made durable is not sent (the
    // simulator never sees it), its runs say why, and the next cancel, once the disk works
    // again, goes through and is recorded.
    void aCancelWhoseIntentCannotBeSavedIsNotSent_data()
    {
        QTest::addColumn<QList<Fault>>("faults");
        QTest::addColumn<QString>("expected");
        QTest::newRow("write ENOSPC") << QList<Fault>{{"posix/io/rw/write", 0, ENOSPC}} << reasonOf(ENOSPC);
        QTest::newRow("fsync EIO") << QList<Fault>{{"posix/io/sync/fsync", 0, EIO}} << reasonOf(EIO);
        QTest::newRow("open EACCES") << QList<Fault>{{"posix/io/oc/open", 0, EACCES}} << reasonOf(EACCES);
    }

    void aCancelWhoseIntentCannotBeSavedIsNotSent()
    {
        QFETCH(QList<Fault>, faults);
        QFETCH(QString, expected);

        flowdesk::test::SimulatorFixture sim(1);
        QVERIFY2(sim.ok(), qPrintable(sim.error()));
        std::unique_ptr<models::Connection> connection(sim.connect());
        const QString flow = QStringLiteral("orders-sync");
        const QStringList inProgress = sim.idsWithStatus(flow, QStringLiteral("InProgress"));
        QVERIFY(inProgress.size() >= 2);
        const QString auditPath = sim.auditLogPath();
        QVERIFY(AuditLog(auditPath).append(intentFor(QStringLiteral("earlier"))));
        const QByteArray before = contentsOf(auditPath);

        const auto targetFor = [&](const QString &id) {
            models::CancelController::Target target;
            target.flowName = flow;
            appflow::ExecutionRecord run;
            run.executionId = id;
            run.executionStatus = appflow::ExecutionStatus::InProgress;
            run.executionStatusText = QStringLiteral("InProgress");
            target.runs << run;
            return target;
        };

        models::CancelController refused(connection->client(), connection->info(), auditPath);
        QSignalSpy auditFailed(&refused, &models::CancelController::auditFailed);
        QSignalSpy requestsDone(&refused, &models::CancelController::requestsDone);
        {
            Armed armed(faults);
            refused.start({targetFor(inProgress.at(0))});
        }
        QCOMPARE(auditFailed.size(), 1);
        const QString message = auditFailed.at(0).at(0).toString();
        QVERIFY2(message.contains(QStringLiteral("Not sent")), qPrintable(message));
        QVERIFY2(message.contains(expected), qPrintable(message));
        QVERIFY(refused.requestsFinished());
        // Give a wrongly sent request every chance to arrive, then ask the simulator.
        QTest::qWait(300);
        QVERIFY(!sim.simulator().cancelRequested(flow, inProgress.at(0)));
        QCOMPARE(sim.simulator().executionStatus(flow, inProgress.at(0)), QStringLiteral("InProgress"));
        QCOMPARE(contentsOf(auditPath), before);

        models::CancelController accepted(connection->client(), connection->info(), auditPath);
        QSignalSpy done(&accepted, &models::CancelController::requestsDone);
        accepted.start({targetFor(inProgress.at(1))});
        QVERIFY(done.wait(10000));
        QVERIFY(sim.simulator().cancelRequested(flow, inProgress.at(1)));
        AuditLogReader reader(auditPath);
        QVERIFY(reader.load());
        QCOMPARE(reader.skippedLines().size(), 0);
        QCOMPARE(reader.entries().size(), 3); // earlier, the accepted intent and its result
        QCOMPARE(reader.entries().at(1).executionIds, QStringList{inProgress.at(1)});
    }
};

QTEST_GUILESS_MAIN(TstAuditWriteFaults)
#include "tst_audit_writefaults.moc"
