// CancelController against the simulator over real HTTP: every kind of outcome, the audit
// trail around the request, and what happens when the audit log cannot be written.
#include "CancelController.h"

#include "SimulatorFixture.h"

#include <AuditLogReader.h>

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>

using flowdesk::appflow::ExecutionRecord;
using flowdesk::audit::AuditEntry;
using flowdesk::models::CancelController;
using flowdesk::models::CancelOutcomeModel;
using flowdesk::test::SimulatorFixture;

namespace {

ExecutionRecord record(const QString &id)
{
    ExecutionRecord r;
    r.executionId = id;
    r.executionStatus = flowdesk::appflow::ExecutionStatus::InProgress;
    r.executionStatusText = QStringLiteral("InProgress");
    return r;
}

} // namespace

class TstCancelController : public QObject
{
    Q_OBJECT

private slots:
    void everyOutcomeIsReportedAndWatchedToCanceled()
    {
        SimulatorFixture sim;
        QVERIFY2(sim.ok(), qPrintable(sim.error()));
        std::unique_ptr<flowdesk::models::Connection> connection(sim.connect());
        const QString flow = QStringLiteral("orders-sync");
        const QString running = sim.idsWithStatus(flow, QStringLiteral("InProgress")).first();
        const QString finished = sim.idsWithStatus(flow, QStringLiteral("Successful")).first();
        const QString failed = sim.idsWithStatus(flow, QStringLiteral("Error")).first();
        const QString unknown = QStringLiteral("no-such-run");

        CancelController controller(connection->client(), connection->info(), sim.auditLogPath());
        controller.setPollIntervals(50, 200);
        QAbstractItemModelTester tester(controller.outcomes(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy done(&controller, &CancelController::requestsDone);
        QSignalSpy settled(&controller, &CancelController::settled);

        CancelController::Target target;
        target.flowName = flow;
        ExecutionRecord finishedRecord = record(finished);
        finishedRecord.executionStatus = flowdesk::appflow::ExecutionStatus::Successful;
        finishedRecord.executionStatusText = QStringLiteral("Successful");
        target.runs = {record(running), finishedRecord, record(failed), record(unknown)};
        controller.start({target});

        QTRY_COMPARE(done.count(), 1);
        CancelOutcomeModel *outcomes = controller.outcomes();
        auto resultOf = [&](const QString &id) { return outcomes->row(outcomes->indexOf(flow, id)).result; };
        QCOMPARE(resultOf(running), CancelOutcomeModel::Result::CancelStarted);
        QCOMPARE(resultOf(finished), CancelOutcomeModel::Result::NotCancellable);
        QCOMPARE(resultOf(failed), CancelOutcomeModel::Result::NotCancellable);
        QCOMPARE(resultOf(unknown), CancelOutcomeModel::Result::NotCancellable);

        QTRY_COMPARE_WITH_TIMEOUT(settled.count(), 1, 15000);
        auto detailOf = [&](const QString &id) { return outcomes->row(outcomes->indexOf(flow, id)).detail; };
        // Reasons follow the latest status the watcher saw.
        QCOMPARE(detailOf(finished), CancelOutcomeModel::notCancellableReason(flowdesk::appflow::ExecutionStatus::Successful));
        QCOMPARE(detailOf(failed), CancelOutcomeModel::notCancellableReason(flowdesk::appflow::ExecutionStatus::Error));
        QCOMPARE(detailOf(unknown), QStringLiteral("AppFlow does not list this run for this flow."));
        QCOMPARE(outcomes->row(outcomes->indexOf(flow, running)).statusText, QStringLiteral("Canceled"));
        QCOMPARE(sim.simulator().executionStatus(flow, running), QStringLiteral("Canceled"));

        flowdesk::audit::AuditLogReader reader(sim.auditLogPath());
        QVERIFY(reader.load());
        QCOMPARE(reader.entries().size(), 2);
        const AuditEntry intent = reader.entries().at(0);
        const AuditEntry result = reader.entries().at(1);
        QCOMPARE(intent.type, AuditEntry::Type::Intent);
        QCOMPARE(intent.executionIds, QStringList({running, finished, failed, unknown}));
        QCOMPARE(result.type, AuditEntry::Type::Result);
        QCOMPARE(result.correlationId, intent.correlationId);
        QStringList invalid = result.invalidExecutions;
        invalid.sort();
        QStringList expected{finished, failed, unknown};
        expected.sort();
        QCOMPARE(invalid, expected);
    }

    void unwritableAuditLogSendsNothing()
    {
        SimulatorFixture sim;
        QVERIFY(sim.ok());
        std::unique_ptr<flowdesk::models::Connection> connection(sim.connect());
        const QString flow = QStringLiteral("orders-sync");
        const QString running = sim.idsWithStatus(flow, QStringLiteral("InProgress")).first();
        // A folder where the log file should be: the intent cannot be written.
        QDir().mkpath(sim.path(QStringLiteral("blocked.jsonl")));
        CancelController controller(connection->client(), connection->info(),
                                    sim.path(QStringLiteral("blocked.jsonl")));
        QSignalSpy auditFailed(&controller, &CancelController::auditFailed);
        QSignalSpy settled(&controller, &CancelController::settled);
        CancelController::Target target;
        target.flowName = flow;
        target.runs = {record(running)};
        controller.setPollIntervals(50, 200);
        controller.start({target});
        QCOMPARE(auditFailed.count(), 1);
        QVERIFY(auditFailed.first().first().toString().contains(QStringLiteral("audit log")));
        const auto &row = controller.outcomes()->row(controller.outcomes()->indexOf(flow, running));
        QCOMPARE(row.result, CancelOutcomeModel::Result::NotSent);
        QVERIFY(row.retryable());
        // Settled once the run's status was read after it: still in progress, as it should be.
        QTRY_COMPARE(settled.count(), 1);
        QCOMPARE(row.statusText, QStringLiteral("InProgress"));
        QVERIFY(row.statusFresh);
        QTest::qWait(300);
        QCOMPARE(sim.simulator().executionStatus(flow, running), QStringLiteral("InProgress"));
    }

    void deactivateStopsTheFlowAfterTheCancel()
    {
        SimulatorFixture sim;
        QVERIFY(sim.ok());
        std::unique_ptr<flowdesk::models::Connection> connection(sim.connect());
        const QString flow = QStringLiteral("sf-bulk-accounts");
        CancelController controller(connection->client(), connection->info(), sim.auditLogPath());
        controller.setPollIntervals(50, 200);
        QSignalSpy done(&controller, &CancelController::requestsDone);
        CancelController::Target target;
        target.flowName = flow;
        target.allActive = true;
        for (const QString &id : sim.idsWithStatus(flow, QStringLiteral("InProgress")))
            target.runs << record(id);
        QCOMPARE(target.runs.size(), 2);
        target.deactivate = true;
        controller.start({target});
        QTRY_COMPARE(done.count(), 1);
        QCOMPARE(controller.outcomes()->count(CancelOutcomeModel::Result::CancelStarted), 2);
        QVERIFY(sim.idsWithStatus(flow, QStringLiteral("InProgress")).isEmpty());
        flowdesk::audit::AuditLogReader reader(sim.auditLogPath());
        QVERIFY(reader.load());
        QVERIFY(reader.entries().at(0).allActiveRuns);
        QVERIFY(reader.entries().at(0).deactivateRequested);
        // Issue #12, finding 9: the cancel's and StopFlow's answers are audited with their
        // request IDs, each on a result line of that intent.
        QCOMPARE(reader.entries().size(), 3);
        const AuditEntry &cancelResult = reader.entries().at(1);
        const AuditEntry &stopResult = reader.entries().at(2);
        QCOMPARE(cancelResult.correlationId, reader.entries().at(0).correlationId);
        QCOMPARE(stopResult.correlationId, reader.entries().at(0).correlationId);
        QCOMPARE(cancelResult.requestIds.size(), 1);
        QVERIFY(!cancelResult.requestIds.first().isEmpty());
        QCOMPARE(stopResult.deactivation, QStringLiteral("Suspended"));
        QCOMPARE(stopResult.requestIds.size(), 1);
        QVERIFY(stopResult.requestIds.first() != cancelResult.requestIds.first());
    }

    // Issue #12, finding 1: a run that AppFlow lists as invalid because it is already being
    // cancelled is "already cancelled", not "not cancellable".
    void alreadyCancelledRunIsReportedAsSuch()
    {
        SimulatorFixture sim;
        QVERIFY(sim.ok());
        std::unique_ptr<flowdesk::models::Connection> connection(sim.connect());
        const QString flow = QStringLiteral("orders-sync");
        const QStringList running = sim.idsWithStatus(flow, QStringLiteral("InProgress"));
        // Cancelled behind this controller's back (another window, the AWS CLI, a lost answer).
        bool cancelled = false;
        connection->client()->cancelFlowExecutions(flow, {running.at(0)}, this,
                                                   [&](const auto &result) { cancelled = result.ok(); });
        QTRY_VERIFY(cancelled);

        CancelController controller(connection->client(), connection->info(), sim.auditLogPath());
        controller.setPollIntervals(50, 200);
        QSignalSpy started(&controller, &CancelController::cancelStarted);
        QSignalSpy settled(&controller, &CancelController::settled);
        CancelController::Target target;
        target.flowName = flow;
        target.runs = {record(running.at(0)), record(running.at(1))};
        controller.start({target});
        QTRY_COMPARE_WITH_TIMEOUT(settled.count(), 1, 15000);
        CancelOutcomeModel *outcomes = controller.outcomes();
        const auto &already = outcomes->row(outcomes->indexOf(flow, running.at(0)));
        QCOMPARE(already.result, CancelOutcomeModel::Result::AlreadyCancelled);
        QCOMPARE(outcomes->data(outcomes->index(outcomes->indexOf(flow, running.at(0)),
                                                CancelOutcomeModel::ResultColumn)).toString(),
                 QStringLiteral("Already cancelled"));
        QVERIFY(already.detail.contains(QStringLiteral("already being cancelled")));
        QCOMPARE(already.statusText, QStringLiteral("Canceled"));
        QCOMPARE(outcomes->row(outcomes->indexOf(flow, running.at(1))).result,
                 CancelOutcomeModel::Result::CancelStarted);
        // Only the run this cancel started is announced as such.
        QCOMPARE(started.count(), 1);
        QCOMPARE(started.first().at(1).toStringList(), QStringList{running.at(1)});
    }

    // Issue #12, finding 2: a refused request cancels nothing and says so with the AWS code and
    // request ID per run; the status is marked as last known until read again; Retry sends the
    // failed part again under the same audit rules.
    void failedRequestIsNamedAndCanBeRetried()
    {
        const QString flow = QStringLiteral("orders-sync");
        SimulatorFixture sim(100, {QStringLiteral("CancelFlowExecutions:orders-sync")});
        QVERIFY(sim.ok());
        std::unique_ptr<flowdesk::models::Connection> connection(sim.connect());
        const QStringList running = sim.idsWithStatus(flow, QStringLiteral("InProgress"));
        CancelController controller(connection->client(), connection->info(), sim.auditLogPath());
        controller.setPollIntervals(50, 200);
        QAbstractItemModelTester tester(controller.outcomes(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy done(&controller, &CancelController::requestsDone);
        QSignalSpy settled(&controller, &CancelController::settled);
        CancelController::Target target;
        target.flowName = flow;
        target.runs = {record(running.at(0)), record(running.at(1))};
        target.statusAsOf = QDateTime::currentDateTimeUtc().addSecs(-60);
        controller.start({target});
        QTRY_COMPARE(done.count(), 1);
        CancelOutcomeModel *outcomes = controller.outcomes();
        const int row = outcomes->indexOf(flow, running.at(0));
        QCOMPARE(outcomes->row(row).result, CancelOutcomeModel::Result::RequestFailed);
        QCOMPARE(outcomes->row(row).errorCode, QStringLiteral("AccessDeniedException"));
        QVERIFY(!outcomes->row(row).requestId.isEmpty());
        const QString detail =
            outcomes->data(outcomes->index(row, CancelOutcomeModel::DetailColumn)).toString();
        QVERIFY2(detail.contains(QStringLiteral("cancelled nothing")), qPrintable(detail));
        QVERIFY2(detail.contains(outcomes->row(row).requestId), qPrintable(detail));
        // Before a read after the answer, the status is the last known one, with its time.
        if (!outcomes->row(row).statusFresh) {
            const QString status =
                outcomes->data(outcomes->index(row, CancelOutcomeModel::StatusColumn)).toString();
            QVERIFY2(status.contains(QStringLiteral("last known")), qPrintable(status));
        }
        QTRY_COMPARE_WITH_TIMEOUT(settled.count(), 1, 15000);
        QVERIFY(outcomes->row(row).statusFresh);
        QCOMPARE(outcomes->row(row).statusText, QStringLiteral("InProgress"));
        QCOMPARE(outcomes->retryableCount(), 2);
        QCOMPARE(sim.simulator().executionStatus(flow, running.at(0)), QStringLiteral("InProgress"));

        // The permission is granted; Retry sends exactly the failed runs again.
        sim.simulator().setFaults(0, 0, 0, {});
        QCOMPARE(controller.retryFailed(), 2);
        QCOMPARE(outcomes->row(row).result, CancelOutcomeModel::Result::Requested);
        QTRY_COMPARE_WITH_TIMEOUT(settled.count(), 2, 15000);
        QCOMPARE(outcomes->count(CancelOutcomeModel::Result::CancelStarted), 2);
        QCOMPARE(outcomes->retryableCount(), 0);
        QCOMPARE(sim.simulator().executionStatus(flow, running.at(0)), QStringLiteral("Canceled"));

        flowdesk::audit::AuditLogReader reader(sim.auditLogPath());
        QVERIFY(reader.load());
        QCOMPARE(reader.entries().size(), 4); // intent, result, intent, result
        QCOMPARE(reader.entries().at(2).type, AuditEntry::Type::Intent);
        QCOMPARE(reader.entries().at(2).executionIds.size(), 2);
        for (int i : {1, 3}) {
            QCOMPARE(reader.entries().at(i).type, AuditEntry::Type::Result);
            QCOMPARE(reader.entries().at(i).requestIds.size(), 1); // one request per try
        }
        QVERIFY(reader.entries().at(1).error.contains(QStringLiteral("AccessDenied")));
    }
};

QTEST_GUILESS_MAIN(TstCancelController)
#include "tst_cancelcontroller.moc"
