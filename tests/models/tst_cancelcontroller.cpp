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
        QCOMPARE(detailOf(unknown), CancelOutcomeModel::notCancellableReason(flowdesk::appflow::ExecutionStatus::Unknown));
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
        controller.start({target});
        QCOMPARE(auditFailed.count(), 1);
        QVERIFY(auditFailed.first().first().toString().contains(QStringLiteral("audit log")));
        const auto &row = controller.outcomes()->row(controller.outcomes()->indexOf(flow, running));
        QCOMPARE(row.result, CancelOutcomeModel::Result::RequestFailed);
        QCOMPARE(settled.count(), 1);
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
    }
};

QTEST_GUILESS_MAIN(TstCancelController)
#include "tst_cancelcontroller.moc"
