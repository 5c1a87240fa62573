// RefreshController against the simulator: what a full refresh and an auto-refresh read, that
// the models merge (never reset), and that errors reach the caller.
#include "RefreshController.h"

#include "FaultServer.h"
#include "SimulatorFixture.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QSignalSpy>
#include <QtTest>

using flowdesk::models::RefreshController;
using flowdesk::test::SimulatorFixture;

class TstRefreshController : public QObject
{
    Q_OBJECT

private slots:
    void fullRefreshFillsEveryModel()
    {
        SimulatorFixture sim;
        QVERIFY2(sim.ok(), qPrintable(sim.error()));
        std::unique_ptr<flowdesk::models::Connection> connection(sim.connect());
        RefreshController refresh(connection->client());
        refresh.setAutoRefreshInterval(0);
        QAbstractItemModelTester flowsTester(refresh.flows(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester runsTester(refresh.runs(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester activeTester(refresh.activeRuns(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy refreshed(&refresh, &RefreshController::refreshed);
        QSignalSpy progress(&refresh, &RefreshController::progressChanged);
        QSignalSpy busy(&refresh, &RefreshController::busyChanged);

        refresh.refresh();
        QTRY_COMPARE(refreshed.count(), 1);
        QCOMPARE(refresh.flows()->rowCount(), 3);
        QCOMPARE(refresh.activeRuns()->rowCount(), 5);
        QCOMPARE(refresh.flows()->activeRunCount(QStringLiteral("orders-sync")), 3);
        QCOMPARE(refresh.flows()->activeRunCount(QStringLiteral("sf-bulk-accounts")), 2);
        QCOMPARE(refresh.flows()->activeRunCount(QStringLiteral("zendesk-tickets")), 0);
        QCOMPARE(progress.last().at(0).toInt(), 3); // all three flows have run history
        QCOMPARE(progress.last().at(1).toInt(), 3);
        QVERIFY(busy.first().first().toBool());
        QVERIFY(!busy.last().first().toBool());
        QVERIFY(refresh.lastRefreshed().isValid());

        refresh.setCurrentFlow(QStringLiteral("orders-sync"));
        QTRY_COMPARE(refresh.runs()->rowCount(), 6);
    }

    void autoRefreshFollowsCancelsWithoutReset()
    {
        SimulatorFixture sim;
        QVERIFY(sim.ok());
        std::unique_ptr<flowdesk::models::Connection> connection(sim.connect());
        RefreshController refresh(connection->client());
        refresh.setAutoRefreshInterval(0);
        QSignalSpy refreshed(&refresh, &RefreshController::refreshed);
        refresh.refresh();
        QTRY_COMPARE(refreshed.count(), 1);
        QSignalSpy reset(refresh.activeRuns(), &QAbstractItemModel::modelReset);

        // Cancel one run behind the controller's back; the next tick sees it go.
        const QString flow = QStringLiteral("orders-sync");
        const QString run = sim.idsWithStatus(flow, QStringLiteral("InProgress")).first();
        bool cancelled = false;
        connection->client()->cancelFlowExecutions(flow, {run}, this, [&](const auto &result) {
            cancelled = result.ok();
        });
        QTRY_VERIFY(cancelled);
        QTRY_COMPARE_WITH_TIMEOUT(sim.simulator().executionStatus(flow, run), QStringLiteral("Canceled"), 10000);
        refresh.refreshActive();
        QTRY_COMPARE(refreshed.count(), 2);
        QCOMPARE(refresh.activeRuns()->rowCount(), 4);
        QCOMPARE(refresh.flows()->activeRunCount(flow), 2);
        QCOMPARE(reset.count(), 0);
    }

    void errorsReachTheCaller()
    {
        SimulatorFixture sim(100, {QStringLiteral("DescribeFlowExecutionRecords:orders-sync")});
        QVERIFY(sim.ok());
        std::unique_ptr<flowdesk::models::Connection> connection(sim.connect());
        RefreshController refresh(connection->client());
        refresh.setAutoRefreshInterval(0);
        QSignalSpy errors(&refresh, &RefreshController::errorOccurred);
        QSignalSpy busy(&refresh, &RefreshController::busyChanged);
        refresh.refresh();
        QTRY_VERIFY(!busy.isEmpty() && !busy.last().first().toBool());
        QCOMPARE(errors.count(), 1);
        const auto error = errors.first().at(0).value<flowdesk::appflow::AppFlowError>();
        QCOMPARE(error.code(), flowdesk::appflow::AppFlowError::Code::AccessDenied);
        QCOMPARE(errors.first().at(1).toString(), QStringLiteral("DescribeFlowExecutionRecords"));
        QCOMPARE(errors.first().at(2).toString(), QStringLiteral("orders-sync"));
        // The other flows were still read.
        QCOMPARE(refresh.flows()->activeRunCount(QStringLiteral("sf-bulk-accounts")), 2);
    }

    void stopAbortsWithoutError()
    {
        SimulatorFixture sim;
        QVERIFY(sim.ok());
        std::unique_ptr<flowdesk::models::Connection> connection(sim.connect());
        RefreshController refresh(connection->client());
        refresh.setAutoRefreshInterval(0);
        QSignalSpy errors(&refresh, &RefreshController::errorOccurred);
        refresh.refresh();
        QVERIFY(refresh.isBusy());
        refresh.stop();
        QTRY_VERIFY(!refresh.isBusy());
        QCOMPARE(errors.count(), 0);
    }

    // Issue #12, finding 1: once AppFlow accepted a cancel, every model shows "Cancel started"
    // at once, and a read that still says InProgress (sent before the cancel, or behind it)
    // does not put the run back among the cancellable ones. A newer status replaces it.
    void cancelStartedHoldsUntilANewerStatusIsRead()
    {
        SimulatorFixture sim;
        QVERIFY(sim.ok());
        std::unique_ptr<flowdesk::models::Connection> connection(sim.connect());
        RefreshController refresh(connection->client());
        refresh.setAutoRefreshInterval(0);
        QAbstractItemModelTester runsTester(refresh.runs(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester activeTester(refresh.activeRuns(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy refreshed(&refresh, &RefreshController::refreshed);
        const QString flow = QStringLiteral("orders-sync");
        refresh.setCurrentFlow(flow);
        refresh.refresh();
        QTRY_COMPARE(refreshed.count(), 1);
        QTRY_COMPARE(refresh.runs()->rowCount(), 6);
        const QString run = sim.idsWithStatus(flow, QStringLiteral("InProgress")).first();
        auto statusIn = [&] {
            const int active = refresh.activeRuns()->indexOfId(flow, run);
            const int row = refresh.runs()->indexOfId(run);
            return std::pair{active >= 0 ? refresh.activeRuns()->run(active).record.executionStatus
                                         : flowdesk::appflow::ExecutionStatus::Unknown,
                             row >= 0 ? refresh.runs()->record(row).executionStatus
                                      : flowdesk::appflow::ExecutionStatus::Unknown};
        };
        QSignalSpy reset(refresh.runs(), &QAbstractItemModel::modelReset);
        refresh.noteCancelStarted(flow, {run});
        QCOMPARE(statusIn().first, flowdesk::appflow::ExecutionStatus::CancelStarted);
        QCOMPARE(statusIn().second, flowdesk::appflow::ExecutionStatus::CancelStarted);

        // The simulator was never asked to cancel it, so it still reads InProgress: an answer
        // older than the cancel, as far as the models know. It must not win.
        refresh.refresh();
        QTRY_COMPARE(refreshed.count(), 2);
        QCOMPARE(sim.simulator().executionStatus(flow, run), QStringLiteral("InProgress"));
        QCOMPARE(statusIn().first, flowdesk::appflow::ExecutionStatus::CancelStarted);
        QCOMPARE(statusIn().second, flowdesk::appflow::ExecutionStatus::CancelStarted);
        QCOMPARE(reset.count(), 0);

        // A status past InProgress is newer than the cancel's answer: it replaces it.
        bool cancelled = false;
        connection->client()->cancelFlowExecutions(flow, {run}, this, [&](const auto &result) {
            cancelled = result.ok();
        });
        QTRY_VERIFY(cancelled);
        QTRY_COMPARE_WITH_TIMEOUT(sim.simulator().executionStatus(flow, run), QStringLiteral("Canceled"), 10000);
        refresh.refresh();
        QTRY_COMPARE(refreshed.count(), 3);
        QCOMPARE(statusIn().second, flowdesk::appflow::ExecutionStatus::Canceled);
        QCOMPARE(refresh.activeRuns()->indexOfId(flow, run), -1);
    }

    // Issue #12, finding 6: a ListFlows page that fails keeps the pages before it, removes no
    // flow, is not called a refresh; Retry resumes at the failed page and then drops the flow
    // that is really gone.
    void failedListingPageKeepsWhatWasReadAndRetryResumes()
    {
        using namespace faulttest;
        QStringList names{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("d")};
        bool lastPageWorks = true;
        FaultServer server([&](const RecordedRequest &request, int) {
            if (request.path == "/describe-flow-execution-records")
                return FaultAction::json(QJsonObject{{QStringLiteral("flowExecutions"), QJsonArray()}});
            const QString token = request.json().value(QStringLiteral("nextToken")).toString();
            const int page = token.isEmpty() ? 0 : token.toInt();
            if (page == 2 && !lastPageWorks)
                return FaultAction::error(429, "Too Many Requests", "ThrottlingException", "Rate exceeded");
            // Two flows a page: a b | c d (or c alone once d is deleted).
            QJsonArray flows;
            for (const QString &name : names.mid(page, 2))
                flows.append(QJsonObject{{QStringLiteral("flowName"), name}});
            QJsonObject body{{QStringLiteral("flows"), flows}};
            if (page == 0)
                body.insert(QStringLiteral("nextToken"), QStringLiteral("2"));
            return FaultAction::json(body);
        });
        QVERIFY(server.listen());
        flowdesk::aws::StaticCredentialSource credentials(
            flowdesk::aws::Credentials{QStringLiteral("AKIDREFRESHTEST00001"), QStringLiteral("secret"), {}, {}},
            QStringLiteral("test keys"));
        flowdesk::appflow::AppFlowClientConfig config;
        config.endpoint = server.url();
        config.region = QStringLiteral("us-east-1");
        config.retry.baseDelay = std::chrono::milliseconds(5);
        config.listFlowsPageSize = 2;
        flowdesk::appflow::AppFlowClient client(config, &credentials);
        RefreshController refresh(&client);
        refresh.setAutoRefreshInterval(0);
        QAbstractItemModelTester tester(refresh.flows(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy busy(&refresh, &RefreshController::busyChanged);
        auto waitIdle = [&] { return QTest::qWaitFor([&] { return !busy.isEmpty() && !busy.last().first().toBool(); }, 10000); };

        refresh.refresh();
        QVERIFY(waitIdle());
        QCOMPARE(refresh.flows()->flowNames(), names);
        QVERIFY(refresh.listingComplete());
        QVERIFY(refresh.lastRefreshed().isValid());
        const QDateTime complete = refresh.lastRefreshed();

        // Page 2 fails every attempt: a and b are read, c and d stay as last listed.
        lastPageWorks = false;
        busy.clear();
        QTest::qWait(20); // a later time than the complete refresh
        refresh.refresh();
        QVERIFY(waitIdle());
        QVERIFY(!refresh.listingComplete());
        QCOMPARE(refresh.listingError()->code(), flowdesk::appflow::AppFlowError::Code::Throttling);
        QCOMPARE(refresh.flows()->flowNames(), names);
        QCOMPARE(refresh.lastRefreshed(), complete); // not called a refresh
        QVERIFY(refresh.lastRead() > complete);

        // d is deleted meanwhile; Retry asks for page 2 only, and now d can go.
        lastPageWorks = true;
        names.removeLast();
        const qsizetype requestsBefore = server.requests().size();
        busy.clear();
        refresh.retryUnread();
        QVERIFY(waitIdle());
        QVERIFY(refresh.listingComplete());
        QCOMPARE(refresh.flows()->flowNames(), names);
        const RecordedRequest &resumed = server.requests().at(requestsBefore);
        QCOMPARE(resumed.path, QByteArray("/list-flows"));
        QCOMPARE(resumed.json().value(QStringLiteral("nextToken")).toString(), QStringLiteral("2"));
        QVERIFY(refresh.lastRefreshed() > complete);
    }

    // Issue #12, finding 5: a flow whose runs could not be read is marked as such (not "—"),
    // the progress counts it as done, the refresh is not called complete, and Retry reads it.
    void unreadFlowsAreMarkedCountedAndRetried()
    {
        const QString flow = QStringLiteral("orders-sync");
        SimulatorFixture sim(100, {QStringLiteral("DescribeFlowExecutionRecords:orders-sync")});
        QVERIFY(sim.ok());
        std::unique_ptr<flowdesk::models::Connection> connection(sim.connect());
        RefreshController refresh(connection->client());
        refresh.setAutoRefreshInterval(0);
        QAbstractItemModelTester tester(refresh.flows(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy progress(&refresh, &RefreshController::progressChanged);
        QSignalSpy busy(&refresh, &RefreshController::busyChanged);
        refresh.refresh();
        QTRY_VERIFY(!busy.isEmpty() && !busy.last().first().toBool());
        QCOMPARE(refresh.unreadFlows(), QStringList{flow});
        QCOMPARE(refresh.unreadError(flow)->code(), flowdesk::appflow::AppFlowError::Code::AccessDenied);
        QCOMPARE(progress.last().at(0).toInt(), 3); // three flows done, one of them failed
        QCOMPARE(progress.last().at(1).toInt(), 3);
        QVERIFY(!refresh.lastRefreshed().isValid());
        QVERIFY(refresh.lastRead().isValid());
        const int row = refresh.flows()->indexOfId(flow);
        const QModelIndex cell = refresh.flows()->index(row, flowdesk::models::FlowListModel::ActiveRunsColumn);
        QCOMPARE(cell.data().toString(), QStringLiteral("?"));
        QVERIFY2(cell.data(Qt::ToolTipRole).toString().contains(QStringLiteral("AccessDeniedException")),
                 qPrintable(cell.data(Qt::ToolTipRole).toString()));

        sim.simulator().setFaults(0, 0, 0, {});
        busy.clear();
        refresh.retryUnread();
        QTRY_VERIFY(!busy.isEmpty() && !busy.last().first().toBool());
        QVERIFY(refresh.unreadFlows().isEmpty());
        QCOMPARE(cell.data().toString(), QStringLiteral("3"));
        QVERIFY(refresh.lastRefreshed().isValid());
    }

    // What the message bar promises ("the next automatic refresh reads it again") happens,
    // also for a flow without active runs.
    void autoRefreshReadsUnreadFlowsAgain()
    {
        const QString flow = QStringLiteral("zendesk-tickets"); // no active runs
        SimulatorFixture sim(100, {QStringLiteral("DescribeFlowExecutionRecords:zendesk-tickets")});
        QVERIFY(sim.ok());
        std::unique_ptr<flowdesk::models::Connection> connection(sim.connect());
        RefreshController refresh(connection->client());
        refresh.setAutoRefreshInterval(0);
        QSignalSpy busy(&refresh, &RefreshController::busyChanged);
        refresh.refresh();
        QTRY_VERIFY(!busy.isEmpty() && !busy.last().first().toBool());
        QCOMPARE(refresh.unreadFlows(), QStringList{flow});
        sim.simulator().setFaults(0, 0, 0, {});
        refresh.setAutoRefreshInterval(1);
        QVERIFY(refresh.nextAutoRefresh().isValid());
        QTRY_VERIFY_WITH_TIMEOUT(refresh.unreadFlows().isEmpty(), 10000);
    }

    // Issue #12, finding 4: a stopped refresh is not a refresh, and neither is one flow's read
    // that finishes afterwards.
    void stoppedRefreshIsNotARefresh()
    {
        SimulatorFixture sim;
        QVERIFY(sim.ok());
        sim.simulator().setLatencyMs(2000);
        std::unique_ptr<flowdesk::models::Connection> connection(sim.connect());
        RefreshController refresh(connection->client());
        refresh.setAutoRefreshInterval(0);
        refresh.refresh();
        QVERIFY(refresh.isBusy());
        refresh.stop();
        QTRY_VERIFY(!refresh.isBusy());
        QVERIFY(refresh.wasStopped());
        QVERIFY(!refresh.lastRefreshed().isValid());
        QVERIFY(!refresh.lastRead().isValid());

        sim.simulator().setLatencyMs(0);
        refresh.refreshFlow(QStringLiteral("orders-sync"));
        QTRY_VERIFY(!refresh.isBusy());
        QVERIFY(!refresh.lastRefreshed().isValid());
        refresh.refresh();
        QTRY_VERIFY(refresh.lastRefreshed().isValid());
        QVERIFY(!refresh.wasStopped());
    }
};

QTEST_GUILESS_MAIN(TstRefreshController)
#include "tst_refreshcontroller.moc"
