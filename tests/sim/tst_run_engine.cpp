// The state engine on its own, with a hand-moved clock: lifecycles, cancel semantics, schedules,
// determinism, and the scenario loader's messages.

#include <ManualClock.h>
#include <RunEngine.h>
#include <Scenario.h>
#include <ScenarioGenerator.h>

#include <QTest>

using namespace flowdesk::sim;

namespace {

constexpr double kStart = 1.7e9;

ScenarioFlow flow(const QString &name, const QString &trigger)
{
    ScenarioFlow flow;
    flow.spec.flowName = name;
    flow.spec.triggerType = trigger;
    flow.spec.source.connectorType = QStringLiteral("Zendesk");
    flow.spec.destination.connectorType = QStringLiteral("S3");
    flow.spec.runProfile.durationSeconds = 600;
    flow.spec.runProfile.errorRate = 0;
    return flow;
}

HistoryEntry entry(const QString &status, double ago)
{
    HistoryEntry entry;
    entry.status = status;
    entry.startedSecondsAgo = ago;
    return entry;
}

} // namespace

class TestRunEngine : public QObject
{
    Q_OBJECT

private slots:
    void historyHasItsStatusAtStart();
    void runLifecycle();
    void cancelStopsReadingUnlessBatch();
    void scheduleCreatesRunsOnlyWhileActive();
    void sameSeedSameWorld();
    void generatorShape();
    void scenarioErrorsNameTheProblem_data();
    void scenarioErrorsNameTheProblem();
    void demoScenarioIsRich();
};

void TestRunEngine::historyHasItsStatusAtStart()
{
    ManualClock clock(kStart);
    RunEngine engine(clock, 1, QStringLiteral("us-east-1"), QStringLiteral("123456789012"));
    Scenario scenario;
    ScenarioFlow f = flow(QStringLiteral("f1"), QStringLiteral("OnDemand"));
    const QStringList statuses{QStringLiteral("InProgress"), QStringLiteral("Successful"),
                               QStringLiteral("Error"), QStringLiteral("CancelStarted"),
                               QStringLiteral("Canceled")};
    for (qsizetype i = 0; i < statuses.size(); ++i)
        f.history.append(entry(statuses.at(i), 60.0 * double(i + 1)));
    scenario.flows.append(f);
    engine.load(scenario);
    const FlowState *state = engine.flow(QStringLiteral("f1"));
    QVERIFY(state);
    QCOMPARE(state->runs.size(), std::size_t(5));
    // Oldest first internally: the reverse of the history order above.
    for (qsizetype i = 0; i < statuses.size(); ++i) {
        const Run &run = state->runs.at(std::size_t(statuses.size() - 1 - i));
        QCOMPARE(executionStatusName(run.statusAt(kStart)), statuses.at(i));
    }
    QCOMPARE(state->flowArn, QStringLiteral("arn:aws:appflow:us-east-1:123456789012:flow/f1"));
}

void TestRunEngine::runLifecycle()
{
    Run run;
    run.startedAt = 100;
    run.durationSeconds = 100;
    run.plannedRecords = 1000;
    run.bytesPerRecord = 10;
    QCOMPARE(run.statusAt(150), ExecutionStatus::InProgress);
    QCOMPARE(run.recordsProcessedAt(150), 500);
    QCOMPARE(run.bytesProcessedAt(150), 5000);
    QVERIFY(run.bytesWrittenAt(150) < run.bytesProcessedAt(150));
    QCOMPARE(run.lastUpdatedAt(150), 150.0);
    QCOMPARE(run.statusAt(200), ExecutionStatus::Successful);
    QCOMPARE(run.recordsProcessedAt(500), 1000);
    QCOMPARE(run.bytesWrittenAt(500), 10000);
    QCOMPARE(run.lastUpdatedAt(500), 200.0);
    run.fails = true;
    run.putFailuresCount = 3;
    QCOMPARE(run.statusAt(200), ExecutionStatus::Error);
    QCOMPARE(run.bytesWrittenAt(500), 10000 - 30);
    QVERIFY(!run.requestCancel(250, 10));  // finished: not cancellable
}

void TestRunEngine::cancelStopsReadingUnlessBatch()
{
    Run plain;
    plain.startedAt = 0;
    plain.durationSeconds = 1000;
    plain.plannedRecords = 1000;
    QVERIFY(plain.requestCancel(100, 10));
    QCOMPARE(plain.statusAt(105), ExecutionStatus::CancelStarted);
    QCOMPARE(plain.statusAt(110), ExecutionStatus::Canceled);
    QCOMPARE(plain.recordsProcessedAt(500), 100);
    QVERIFY(!plain.requestCancel(105, 10));  // CancelStarted: not again

    Run batch = Run();
    batch.startedAt = 0;
    batch.durationSeconds = 1000;
    batch.plannedRecords = 1000;
    batch.batchApi = true;
    batch.batchSeconds = 300;
    QVERIFY(batch.requestCancel(100, 10));
    // The current batch runs to 300 s; reading goes on until then.
    QCOMPARE(batch.cancelEffectiveAt, 300.0);
    QCOMPARE(batch.statusAt(200), ExecutionStatus::CancelStarted);
    QCOMPARE(batch.recordsProcessedAt(200), 200);
    QCOMPARE(batch.statusAt(300), ExecutionStatus::Canceled);
    QCOMPARE(batch.recordsProcessedAt(900), 300);
}

void TestRunEngine::scheduleCreatesRunsOnlyWhileActive()
{
    ManualClock clock(kStart);
    RunEngine engine(clock, 1, QStringLiteral("us-east-1"), QStringLiteral("123456789012"));
    Scenario scenario;
    ScenarioFlow f = flow(QStringLiteral("sched"), QStringLiteral("Scheduled"));
    f.spec.triggerIntervalSeconds = 60;
    scenario.flows.append(f);
    engine.load(scenario);
    QCOMPARE(engine.flow(QStringLiteral("sched"))->runs.size(), std::size_t(0));
    clock.advance(60 * 10);
    const std::size_t afterTen = engine.flow(QStringLiteral("sched"))->runs.size();
    QVERIFY2(afterTen >= 9 && afterTen <= 10, qPrintable(QString::number(afterTen)));
    for (const Run &run : engine.flow(QStringLiteral("sched"))->runs)
        QCOMPARE(run.dataPullEndTime - run.dataPullStartTime, 60.0);

    QVERIFY(!engine.stop(QStringLiteral("sched")).error);
    clock.advance(60 * 10);
    QCOMPARE(engine.flow(QStringLiteral("sched"))->runs.size(), afterTen);
    const auto started = engine.start(QStringLiteral("sched"), QString());
    QVERIFY(!started.error);
    QVERIFY(started.executionId.isEmpty());
    clock.advance(60 * 3);
    QVERIFY(engine.flow(QStringLiteral("sched"))->runs.size() >= afterTen + 2);
    // A leap far ahead creates a bounded number of runs, not millions.
    clock.advance(60.0 * 60 * 24 * 365 * 10);
    QVERIFY(engine.flow(QStringLiteral("sched"))->runs.size() <= afterTen + 1100);
}

void TestRunEngine::sameSeedSameWorld()
{
    const auto ids = [](quint32 seed) {
        ManualClock clock(kStart);
        RunEngine engine(clock, seed, QStringLiteral("us-east-1"), QStringLiteral("123456789012"));
        engine.load(ScenarioGenerator::generate(20, 5, seed, kStart));
        QStringList all;
        for (const QString &name : engine.flowNames()) {
            for (const Run &run : engine.flow(name)->runs)
                all.append(run.executionId + executionStatusName(run.statusAt(kStart)));
        }
        return all;
    };
    QCOMPARE(ids(7), ids(7));
    QVERIFY(ids(7) != ids(8));
}

void TestRunEngine::generatorShape()
{
    const Scenario scenario = ScenarioGenerator::generate(1000, 10, 1, kStart);
    QCOMPARE(scenario.flows.size(), 1000);
    QSet<QString> names;
    int running = 0;
    for (const ScenarioFlow &f : scenario.flows) {
        names.insert(f.spec.flowName);
        QCOMPARE(f.history.size(), 10);
        for (const HistoryEntry &e : f.history)
            running += e.status == QLatin1String("InProgress");
    }
    QCOMPARE(names.size(), 1000);
    QCOMPARE(running, 100); // one flow in ten by default, as the layout tests know

    // --active-percent: exactly that share, spread over the flows, and none at 0.
    const auto runningAt = [](int percent) {
        int count = 0;
        for (const ScenarioFlow &f : ScenarioGenerator::generate(1000, 3, 1, kStart, 0, percent).flows)
            count += f.history.value(0).status == QLatin1String("InProgress") ? 1 : 0;
        return count;
    };
    QCOMPARE(runningAt(50), 500);
    QCOMPARE(runningAt(100), 1000);
    QCOMPARE(runningAt(0), 0);
    QCOMPARE(runningAt(7), 70);
}

void TestRunEngine::scenarioErrorsNameTheProblem_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("not json") << QByteArray("{") << QStringLiteral("not valid JSON");
    QTest::newRow("no flows") << QByteArray("{\"flows\": []}") << QStringLiteral("flows");
    QTest::newRow("bad name")
        << QByteArray(R"({"flows":[{"flowName":"has space","source":{"connectorType":"S3"},"destination":{"connectorType":"S3"}}]})")
        << QStringLiteral("flows[0]: flowName \"has space\"");
    QTest::newRow("duplicate")
        << QByteArray(R"({"flows":[{"flowName":"a1","source":{"connectorType":"S3"},"destination":{"connectorType":"S3"}},{"flowName":"a1","source":{"connectorType":"S3"},"destination":{"connectorType":"S3"}}]})")
        << QStringLiteral("appears twice");
    QTest::newRow("schedule missing")
        << QByteArray(R"({"flows":[{"flowName":"a1","triggerType":"Scheduled","source":{"connectorType":"S3"},"destination":{"connectorType":"S3"}}]})")
        << QStringLiteral("scheduleExpression");
    QTest::newRow("bad status")
        << QByteArray(R"({"flows":[{"flowName":"a1","source":{"connectorType":"S3"},"destination":{"connectorType":"S3"},"history":[{"status":"Running","startedMinutesAgo":1}]}]})")
        << QStringLiteral("flows[0].history[0]: status");
}

void TestRunEngine::scenarioErrorsNameTheProblem()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, mentions);
    QString error;
    QVERIFY(!Scenario::fromJson(json, kStart, 1, &error));
    QVERIFY2(error.contains(mentions), qPrintable(error));
}

void TestRunEngine::demoScenarioIsRich()
{
    QString error;
    const auto demo = Scenario::load(QStringLiteral("demo"), kStart, 1, &error);
    QVERIFY2(demo, qPrintable(error));
    QVERIFY(demo->flows.size() >= 8);
    QSet<QString> triggers, statuses, sources, destinations, runStatuses, apis;
    int flowsWithTwoRunning = 0;
    for (const ScenarioFlow &f : demo->flows) {
        triggers.insert(f.spec.triggerType);
        statuses.insert(f.spec.flowStatus);
        sources.insert(f.spec.source.connectorType);
        destinations.insert(f.spec.destination.connectorType);
        apis.insert(f.spec.source.dataTransferApi);
        int running = 0;
        for (const HistoryEntry &e : f.history) {
            runStatuses.insert(e.status);
            running += e.status == QLatin1String("InProgress");
        }
        flowsWithTwoRunning += running >= 2;
    }
    QCOMPARE(triggers, (QSet<QString>{QStringLiteral("Scheduled"), QStringLiteral("Event"),
                                      QStringLiteral("OnDemand")}));
    for (const char *status : {"Active", "Suspended", "Draft", "Errored"})
        QVERIFY2(statuses.contains(QLatin1String(status)), status);
    for (const char *source : {"Salesforce", "Zendesk", "Servicenow", "Slack", "S3"})
        QVERIFY2(sources.contains(QLatin1String(source)), source);
    for (const char *destination : {"S3", "Redshift", "Snowflake", "Salesforce"})
        QVERIFY2(destinations.contains(QLatin1String(destination)), destination);
    QVERIFY(apis.contains(QStringLiteral("BULKV2")) && apis.contains(QStringLiteral("AUTOMATIC")));
    QCOMPARE(runStatuses.size(), 5);
    QVERIFY(flowsWithTwoRunning >= 3);
}

QTEST_GUILESS_MAIN(TestRunEngine)
#include "tst_run_engine.moc"
