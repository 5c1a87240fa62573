// CancelReconciler against the simulator: cancels whose answer was never recorded (Flowdesk was
// killed while the request was out) are found at the next start, checked with AppFlow and
// recorded, once; nothing else in the log is touched.
#include "CancelReconciler.h"

#include "SimulatorFixture.h"

#include <AuditLog.h>
#include <AuditLogReader.h>

#include <QSignalSpy>
#include <QtTest>

using flowdesk::audit::AuditEntry;
using flowdesk::audit::AuditLog;
using flowdesk::audit::AuditLogReader;
using flowdesk::audit::AuditOutcome;
using flowdesk::models::CancelReconciler;
using flowdesk::test::SimulatorFixture;

namespace {

// What CancelController writes before sending: an intent for these runs of this connection.
AuditEntry intentFor(const flowdesk::models::ConnectionInfo &info, const QString &flow,
                     const QStringList &ids, const QDateTime &time)
{
    AuditEntry intent = AuditEntry::newIntent();
    intent.time = time;
    intent.profile = info.sourceText();
    intent.region = info.region;
    intent.endpoint = info.endpoint.toString();
    intent.flowName = flow;
    intent.executionIds = ids;
    return intent;
}

CancelReconciler::Summary run(CancelReconciler &reconciler)
{
    QSignalSpy finished(&reconciler, &CancelReconciler::finished);
    reconciler.start();
    if (!finished.wait(15000))
        return {};
    return finished.first().first().value<CancelReconciler::Summary>();
}

} // namespace

class TstCancelReconciler : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { qRegisterMetaType<CancelReconciler::Summary>(); }

    void unansweredIntentsAreCheckedAndRecordedOnce()
    {
        SimulatorFixture sim;
        QVERIFY(sim.ok());
        std::unique_ptr<flowdesk::models::Connection> connection(sim.connect());
        const auto &info = connection->info();
        const QString flow = QStringLiteral("orders-sync");
        const QStringList running = sim.idsWithStatus(flow, QStringLiteral("InProgress"));
        // The request that was out when Flowdesk died did reach AppFlow for one run.
        bool cancelled = false;
        connection->client()->cancelFlowExecutions(flow, {running.at(0)}, this,
                                                   [&](const auto &r) { cancelled = r.ok(); });
        QTRY_VERIFY(cancelled);

        const QDateTime before = QDateTime::currentDateTimeUtc().addSecs(-600);
        AuditLog log(sim.auditLogPath());
        const AuditEntry lost = intentFor(info, flow, {running.at(0), running.at(1), QStringLiteral("gone-run")}, before);
        QVERIFY(log.append(lost));
        // Answered: left alone.
        const AuditEntry answered = intentFor(info, flow, {running.at(2)}, before);
        QVERIFY(log.append(answered));
        QVERIFY(log.append(answered.resultFor()));
        // Another connection's (other region): left for that connection.
        AuditEntry elsewhere = intentFor(info, flow, {running.at(2)}, before);
        elsewhere.region = QStringLiteral("eu-west-1");
        QVERIFY(log.append(elsewhere));
        // Written by this session (it may still be out): never touched.
        const QDateTime startedAt = QDateTime::currentDateTimeUtc();
        QVERIFY(log.append(intentFor(info, flow, {running.at(2)}, startedAt.addSecs(1))));

        CancelReconciler reconciler(connection->client(), info, sim.auditLogPath(), startedAt);
        const CancelReconciler::Summary summary = run(reconciler);
        QCOMPARE(summary.cancels, 1);
        QCOMPARE(summary.earliest, lost.time);
        QVERIFY(summary.unreadFlows.isEmpty());
        const QString cancelledStatus = sim.simulator().executionStatus(flow, running.at(0));
        QVERIFY(cancelledStatus == QStringLiteral("CancelStarted") || cancelledStatus == QStringLiteral("Canceled"));
        QCOMPARE(summary.statuses.value(QStringLiteral("InProgress")), 1);
        QCOMPARE(summary.statuses.value(QStringLiteral("not found")), 1);
        QCOMPARE(summary.statuses.value(cancelledStatus), 1);

        AuditLogReader reader(sim.auditLogPath());
        QVERIFY(reader.load());
        const AuditEntry &recorded = reader.entries().last();
        QCOMPARE(recorded.type, AuditEntry::Type::Result);
        QCOMPARE(recorded.correlationId, lost.correlationId);
        QVERIFY(recorded.reconciled);
        QCOMPARE(recorded.outcomes.size(), 3);
        QCOMPARE(recorded.outcomes.at(1), (AuditOutcome{running.at(1), AuditOutcome::Kind::Reconciled,
                                                        QStringLiteral("InProgress")}));
        // Still unanswered: the other region's, and this session's.
        QCOMPARE(reader.unansweredIntents().size(), 2);

        // Once recorded, never again.
        CancelReconciler again(connection->client(), info, sim.auditLogPath(), startedAt);
        QCOMPARE(run(again).cancels, 0);
        AuditLogReader afterwards(sim.auditLogPath());
        QVERIFY(afterwards.load());
        QCOMPARE(afterwards.entries().size(), reader.entries().size());
    }

    void unreadableRunsAreLeftForNextTime()
    {
        const QString flow = QStringLiteral("orders-sync");
        SimulatorFixture sim(100, {QStringLiteral("DescribeFlowExecutionRecords")});
        QVERIFY(sim.ok());
        std::unique_ptr<flowdesk::models::Connection> connection(sim.connect());
        AuditLog log(sim.auditLogPath());
        QVERIFY(log.append(intentFor(connection->info(), flow, {QStringLiteral("r1")},
                                     QDateTime::currentDateTimeUtc().addSecs(-60))));
        CancelReconciler reconciler(connection->client(), connection->info(), sim.auditLogPath(),
                                    QDateTime::currentDateTimeUtc());
        const CancelReconciler::Summary summary = run(reconciler);
        QCOMPARE(summary.cancels, 0);
        QCOMPARE(summary.unreadFlows, QStringList{flow});
        AuditLogReader reader(sim.auditLogPath());
        QVERIFY(reader.load());
        QCOMPARE(reader.entries().size(), 1);
        QCOMPARE(reader.unansweredIntents().size(), 1);
    }
};

QTEST_GUILESS_MAIN(TstCancelReconciler)
#include "tst_cancelreconciler.moc"
