// Black-box tests of the simulator's AppFlow operations over real HTTP: validation, 404s,
// pagination, response shapes, run lifecycle, every cancel case, StartFlow/StopFlow.

#include "SimTestSupport.h"

#include <Simulator.h>

#include <QSet>

using namespace flowdesk;
using namespace flowdesk::sim;
using namespace flowdesk::sim::test;

namespace {

// speed 100: one simulated minute is 0.6 s; the cancel delay (10 s) is 0.1 s.
constexpr double kSpeed = 100;

const QByteArray kScenario = R"json({
  "flows": [
    {"flowName": "runs-flow", "triggerType": "OnDemand", "flowStatus": "Active",
     "description": "Runs in every status",
     "source": {"connectorType": "Zendesk", "connectorProfileName": "zendesk", "object": "tickets"},
     "destination": {"connectorType": "S3", "bucketName": "bucket-a"},
     "runProfile": {"durationMinutes": 60, "records": 100000, "errorRate": 0},
     "history": [
       {"status": "InProgress", "startedMinutesAgo": 1},
       {"status": "InProgress", "startedMinutesAgo": 2},
       {"status": "InProgress", "startedMinutesAgo": 3},
       {"status": "CancelStarted", "startedMinutesAgo": 4},
       {"status": "Canceled", "startedMinutesAgo": 50},
       {"status": "Error", "startedMinutesAgo": 100, "errorMessage": "Connector failed"},
       {"status": "Successful", "startedMinutesAgo": 200}
     ],
     "generatedRuns": 40},
    {"flowName": "batch-flow", "triggerType": "OnDemand",
     "source": {"connectorType": "Salesforce", "connectorProfileName": "sf", "object": "Account", "dataTransferApi": "BULKV2"},
     "destination": {"connectorType": "S3", "bucketName": "bucket-b"},
     "runProfile": {"durationMinutes": 60, "records": 600000, "errorRate": 0, "batchMinutes": 2},
     "history": [{"status": "InProgress", "startedMinutesAgo": 0.25}]},
    {"flowName": "auto-large-flow", "triggerType": "OnDemand",
     "source": {"connectorType": "Salesforce", "connectorProfileName": "sf", "object": "Account", "dataTransferApi": "AUTOMATIC"},
     "destination": {"connectorType": "S3", "bucketName": "bucket-c"},
     "runProfile": {"durationMinutes": 60, "errorRate": 0, "batchMinutes": 2},
     "history": [{"status": "InProgress", "startedMinutesAgo": 0.25, "records": 2000000}]},
    {"flowName": "auto-small-flow", "triggerType": "OnDemand",
     "source": {"connectorType": "Salesforce", "connectorProfileName": "sf", "object": "Account", "dataTransferApi": "AUTOMATIC"},
     "destination": {"connectorType": "S3", "bucketName": "bucket-c"},
     "runProfile": {"durationMinutes": 60, "errorRate": 0, "batchMinutes": 2},
     "history": [{"status": "InProgress", "startedMinutesAgo": 0.25, "records": 5000}]},
    {"flowName": "scheduled-flow", "triggerType": "Scheduled", "scheduleExpression": "rate(1minutes)",
     "source": {"connectorType": "Servicenow", "connectorProfileName": "snow", "object": "incident"},
     "destination": {"connectorType": "Snowflake", "connectorProfileName": "sf", "object": "T", "bucketName": "stage"},
     "runProfile": {"durationMinutes": 10, "errorRate": 0},
     "history": [{"status": "InProgress", "startedMinutesAgo": 0.5}]},
    {"flowName": "other-flow", "triggerType": "OnDemand",
     "source": {"connectorType": "Slack", "connectorProfileName": "slack", "object": "conversations"},
     "destination": {"connectorType": "S3", "bucketName": "bucket-d"},
     "runProfile": {"durationMinutes": 60, "errorRate": 0},
     "history": [{"status": "InProgress", "startedMinutesAgo": 1}]},
    {"flowName": "draft-flow", "triggerType": "OnDemand", "flowStatus": "Draft",
     "source": {"connectorType": "S3", "bucketName": "bucket-e"},
     "destination": {"connectorType": "Redshift", "connectorProfileName": "rs", "object": "t", "bucketName": "stage"}}
  ]
})json";

QJsonObject named(const QString &flowName)
{
    return {{QStringLiteral("flowName"), flowName}};
}

} // namespace

class TestSimAppFlow : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void validation_data();
    void validation();
    void maxResultsOutOfRangeQuotesTheValueSent_data();
    void maxResultsOutOfRangeQuotesTheValueSent();
    void unknownFlowIs404_data();
    void unknownFlowIs404();
    void malformedBody();
    void listFlowsPagination();
    void recordsPaginationNewestFirst();
    void pageTokensAreScoped();
    void describeFlowShape();
    void recordShapes();
    void inProgressRunsGrow();
    void cancelInProgressRun();
    void cancelInvalidIds();
    void cancelAllActiveRuns();
    void cancelBatchRunFinishesItsBatch();
    void automaticApiIsBatchOnlyWhenLarge();
    void startOnDemandIsIdempotentPerClientToken();
    void startDraftIsConflict();
    void stopOnDemandIsUnsupported();
    void stopAndStartScheduledFlow();

private:
    QString idWithStatus(const QString &flow, const QString &status);

    QTemporaryDir m_dir;
    std::unique_ptr<Simulator> m_sim;
    std::unique_ptr<AppFlowCaller> m_caller;
};

void TestSimAppFlow::init()
{
    // A fresh simulator per test: cancels and starts must not leak between tests.
    SimulatorConfig config;
    config.accessKeyId = testCredentials().accessKeyId;
    config.secretAccessKey = testCredentials().secretAccessKey;
    config.scenario = writeScenario(m_dir, kScenario);
    config.speed = kSpeed;
    m_sim = std::make_unique<Simulator>(config);
    QVERIFY2(m_sim->listen(), qPrintable(m_sim->errorString()));
    m_caller = std::make_unique<AppFlowCaller>(m_sim->url(), testCredentials());
}

void TestSimAppFlow::cleanup()
{
    m_caller.reset();
    m_sim.reset();
}

QString TestSimAppFlow::idWithStatus(const QString &flow, const QString &status)
{
    for (const QString &id : m_sim->executionIds(flow)) {
        if (m_sim->executionStatus(flow, id) == status)
            return id;
    }
    return {};
}

void TestSimAppFlow::validation_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QJsonObject>("input");
    QTest::addColumn<QString>("field");

    const QString longName = QString(257, u'a');
    const QJsonObject flow = named(QStringLiteral("runs-flow"));
    for (const QByteArray &path : {QByteArray("/describe-flow"),
                                  QByteArray("/describe-flow-execution-records"),
                                  QByteArray("/cancel-flow-executions"), QByteArray("/start-flow"),
                                  QByteArray("/stop-flow")}) {
        QTest::addRow("%s flowName missing", path.constData()) << path << QJsonObject{}
                                                               << QStringLiteral("flowName");
        QTest::addRow("%s flowName pattern", path.constData())
            << path << named(QStringLiteral("has space")) << QStringLiteral("flowName");
        QTest::addRow("%s flowName one character", path.constData())
            << path << named(QStringLiteral("a")) << QStringLiteral("flowName");
        QTest::addRow("%s flowName too long", path.constData())
            << path << named(longName) << QStringLiteral("flowName");
    }
    for (const QByteArray &path :
         {QByteArray("/list-flows"), QByteArray("/describe-flow-execution-records")}) {
        for (const QJsonValue &bad : {QJsonValue(0), QJsonValue(101), QJsonValue(QStringLiteral("20")),
                                     QJsonValue(2.5)}) {
            QJsonObject input = flow;
            input.insert(QStringLiteral("maxResults"), bad);
            QTest::addRow("%s maxResults %s", path.constData(),
                          QJsonDocument(QJsonArray{bad}).toJson(QJsonDocument::Compact).constData())
                << path << input << QStringLiteral("maxResults");
        }
        QJsonObject input = flow;
        input.insert(QStringLiteral("nextToken"), QStringLiteral("not-a-token-we-issued"));
        QTest::addRow("%s unknown nextToken", path.constData()) << path << input
                                                                << QStringLiteral("nextToken");
        input.insert(QStringLiteral("nextToken"), QStringLiteral("has space"));
        QTest::addRow("%s nextToken pattern", path.constData()) << path << input
                                                                << QStringLiteral("nextToken");
    }
    QJsonArray tooMany;
    for (int i = 0; i < 101; ++i)
        tooMany.append(QStringLiteral("id-%1").arg(i));
    QJsonObject input = flow;
    input.insert(QStringLiteral("executionIds"), tooMany);
    QTest::newRow("cancel 101 executionIds") << QByteArray("/cancel-flow-executions") << input
                                             << QStringLiteral("executionIds");
    input.insert(QStringLiteral("executionIds"), QJsonArray{QString(257, u'x')});
    QTest::newRow("cancel executionId of 257") << QByteArray("/cancel-flow-executions") << input
                                               << QStringLiteral("executionIds.1.member");
    input.insert(QStringLiteral("executionIds"), QJsonArray{QStringLiteral("a b")});
    QTest::newRow("cancel executionId with space")
        << QByteArray("/cancel-flow-executions") << input << QStringLiteral("executionIds.1.member");
    input = flow;
    input.insert(QStringLiteral("clientToken"), QString());
    QTest::newRow("start empty clientToken") << QByteArray("/start-flow") << input
                                             << QStringLiteral("clientToken");
    input.insert(QStringLiteral("clientToken"), QString(257, u'c'));
    QTest::newRow("start clientToken of 257") << QByteArray("/start-flow") << input
                                              << QStringLiteral("clientToken");
    input.insert(QStringLiteral("clientToken"), QStringLiteral("tab\there"));
    QTest::newRow("start clientToken not printable") << QByteArray("/start-flow") << input
                                                     << QStringLiteral("clientToken");
}

void TestSimAppFlow::validation()
{
    QFETCH(QByteArray, path);
    QFETCH(QJsonObject, input);
    QFETCH(QString, field);
    const Response response = m_caller->call(path, input);
    QCOMPARE(response.status, 400);
    QCOMPARE(response.errorType, QByteArray("ValidationException"));
    QVERIFY2(response.message().contains(field), qPrintable(response.message()));
    QVERIFY(!response.requestId.isEmpty());
}

// Out-of-range numbers are compared as the doubles they are (a cast to an integer type was
// undefined behaviour), and the message quotes the value sent.
void TestSimAppFlow::maxResultsOutOfRangeQuotesTheValueSent_data()
{
    QTest::addColumn<QByteArray>("number");
    QTest::addColumn<QString>("expected");
    const QString atMost = QStringLiteral("Member must have value less than or equal to 100");
    const QString atLeast = QStringLiteral("Member must have value greater than or equal to 1");
    QTest::newRow("1e300") << QByteArray("1e300")
                           << QStringLiteral("Value '1e+300' at 'maxResults' failed to satisfy constraint: ") + atMost;
    QTest::newRow("2^64") << QByteArray("18446744073709551616")
                          << QStringLiteral("Value '18446744073709551616' at 'maxResults' failed to satisfy constraint: ") + atMost;
    QTest::newRow("2^63") << QByteArray("9223372036854775808")
                          << QStringLiteral("Value '9223372036854775808' at 'maxResults' failed to satisfy constraint: ") + atMost;
    QTest::newRow("-1e300") << QByteArray("-1e300")
                            << QStringLiteral("Value '-1e+300' at 'maxResults' failed to satisfy constraint: ") + atLeast;
    QTest::newRow("-2^64") << QByteArray("-18446744073709551616")
                           << QStringLiteral("Value '-18446744073709551616' at 'maxResults' failed to satisfy constraint: ") + atLeast;
    QTest::newRow("101") << QByteArray("101")
                         << QStringLiteral("Value '101' at 'maxResults' failed to satisfy constraint: ") + atMost;
    QTest::newRow("-0") << QByteArray("-0")
                        << QStringLiteral("Value '0' at 'maxResults' failed to satisfy constraint: ") + atLeast;
}

void TestSimAppFlow::maxResultsOutOfRangeQuotesTheValueSent()
{
    QFETCH(QByteArray, number);
    QFETCH(QString, expected);
    for (const char *path : {"/list-flows", "/describe-flow-execution-records"}) {
        const Response response = m_caller->raw(
            "POST", path, "{\"flowName\": \"runs-flow\", \"maxResults\": " + number + "}",
            "application/json", m_caller->signing());
        QCOMPARE(response.status, 400);
        QCOMPARE(response.errorType, QByteArray("ValidationException"));
        QCOMPARE(response.message(), QStringLiteral("1 validation error detected: ") + expected);
    }
    // The simulator still answers a valid request afterwards.
    QCOMPARE(m_caller->call("/list-flows", {{QStringLiteral("maxResults"), 1}}).status, 200);
}

void TestSimAppFlow::unknownFlowIs404_data()
{
    QTest::addColumn<QByteArray>("path");
    for (const char *path : {"/describe-flow", "/describe-flow-execution-records",
                             "/cancel-flow-executions", "/start-flow", "/stop-flow"})
        QTest::newRow(path) << QByteArray(path);
}

void TestSimAppFlow::unknownFlowIs404()
{
    QFETCH(QByteArray, path);
    const Response response = m_caller->call(path, named(QStringLiteral("no-such-flow")));
    QCOMPARE(response.status, 404);
    QCOMPARE(response.errorType, QByteArray("ResourceNotFoundException"));
    QVERIFY(response.message().contains(QLatin1String("no-such-flow")));
}

void TestSimAppFlow::malformedBody()
{
    const Response response =
        m_caller->raw("POST", "/list-flows", "{not json", "application/json", m_caller->signing());
    QCOMPARE(response.status, 400);
    QCOMPARE(response.errorType, QByteArray("SerializationException"));
}

void TestSimAppFlow::listFlowsPagination()
{
    SimulatorConfig config;
    config.accessKeyId = testCredentials().accessKeyId;
    config.secretAccessKey = testCredentials().secretAccessKey;
    config.generatedFlows = 45;
    config.runsPerFlow = 3;
    Simulator sim(config);
    QVERIFY(sim.listen());
    AppFlowCaller caller(sim.url(), testCredentials());

    QStringList seen;
    QList<int> pageSizes;
    QString token;
    do {
        QJsonObject input;
        if (!token.isEmpty())
            input.insert(QStringLiteral("nextToken"), token);
        const Response response = caller.call("/list-flows", input);
        QCOMPARE(response.status, 200);
        const QJsonArray flows = response.json().value(QLatin1String("flows")).toArray();
        pageSizes.append(int(flows.size()));
        for (const QJsonValue &flow : flows)
            seen.append(flow.toObject().value(QLatin1String("flowName")).toString());
        token = response.json().value(QLatin1String("nextToken")).toString();
    } while (!token.isEmpty());
    QCOMPARE(pageSizes, (QList<int>{20, 20, 5}));  // default page size 20
    QCOMPARE(seen.size(), 45);
    QCOMPARE(QSet<QString>(seen.begin(), seen.end()).size(), 45);
    QCOMPARE(seen, sim.flowNames());

    const Response all = caller.call("/list-flows", {{QStringLiteral("maxResults"), 100}});
    QCOMPARE(all.json().value(QLatin1String("flows")).toArray().size(), 45);
    QVERIFY(!all.json().contains(QLatin1String("nextToken")));  // omitted, not null
    const Response one = caller.call("/list-flows", {{QStringLiteral("maxResults"), 1}});
    QCOMPARE(one.json().value(QLatin1String("flows")).toArray().size(), 1);
    QVERIFY(!one.json().value(QLatin1String("nextToken")).toString().isEmpty());
}

void TestSimAppFlow::recordsPaginationNewestFirst()
{
    const QString flow = QStringLiteral("runs-flow");
    const int total = int(m_sim->executionIds(flow).size());
    QCOMPARE(total, 47);
    QList<int> pageSizes;
    QStringList ids;
    QList<double> startedAt;
    QString token;
    do {
        QJsonObject input = named(flow);
        if (!token.isEmpty())
            input.insert(QStringLiteral("nextToken"), token);
        const Response response = m_caller->call("/describe-flow-execution-records", input);
        QCOMPARE(response.status, 200);
        const QJsonArray records = response.json().value(QLatin1String("flowExecutions")).toArray();
        pageSizes.append(int(records.size()));
        for (const QJsonValue &record : records) {
            ids.append(record.toObject().value(QLatin1String("executionId")).toString());
            startedAt.append(record.toObject().value(QLatin1String("startedAt")).toDouble());
        }
        token = response.json().value(QLatin1String("nextToken")).toString();
    } while (!token.isEmpty());
    QCOMPARE(pageSizes, (QList<int>{20, 20, 7}));
    QCOMPARE(ids, m_sim->executionIds(flow));
    for (qsizetype i = 1; i < startedAt.size(); ++i)
        QVERIFY2(startedAt.at(i - 1) >= startedAt.at(i), "records are newest first");

    const Response big = m_caller->call("/describe-flow-execution-records",
                                        {{QStringLiteral("flowName"), flow},
                                         {QStringLiteral("maxResults"), 100}});
    QCOMPARE(big.json().value(QLatin1String("flowExecutions")).toArray().size(), 47);
}

void TestSimAppFlow::pageTokensAreScoped()
{
    const Response first = m_caller->call("/describe-flow-execution-records",
                                          {{QStringLiteral("flowName"), QStringLiteral("runs-flow")},
                                           {QStringLiteral("maxResults"), 5}});
    const QString token = first.json().value(QLatin1String("nextToken")).toString();
    QVERIFY(!token.isEmpty());
    // Valid for its own listing…
    QCOMPARE(m_caller
                 ->call("/describe-flow-execution-records",
                        {{QStringLiteral("flowName"), QStringLiteral("runs-flow")},
                         {QStringLiteral("nextToken"), token}})
                 .status,
             200);
    // …not for another flow's or for ListFlows.
    Response response = m_caller->call("/describe-flow-execution-records",
                                       {{QStringLiteral("flowName"), QStringLiteral("other-flow")},
                                        {QStringLiteral("nextToken"), token}});
    QCOMPARE(response.status, 400);
    QVERIFY(response.message().contains(QLatin1String("nextToken")));
    response = m_caller->call("/list-flows", {{QStringLiteral("nextToken"), token}});
    QCOMPARE(response.status, 400);
}

void TestSimAppFlow::describeFlowShape()
{
    const Response response = m_caller->call("/describe-flow", named(QStringLiteral("batch-flow")));
    QCOMPARE(response.status, 200);
    const QJsonObject flow = response.json();
    QCOMPARE(flow.value(QLatin1String("flowName")).toString(), QStringLiteral("batch-flow"));
    QVERIFY(flow.value(QLatin1String("flowArn")).toString().startsWith(
        QLatin1String("arn:aws:appflow:us-east-1:123456789012:flow/")));
    QCOMPARE(flow.value(QLatin1String("flowStatus")).toString(), QStringLiteral("Active"));
    QVERIFY(flow.value(QLatin1String("createdAt")).isDouble());
    QVERIFY(flow.value(QLatin1String("createdAt")).toDouble() > 1.6e9);
    QVERIFY(!flow.contains(QLatin1String("kmsArn")));        // empty members are omitted
    QVERIFY(!flow.contains(QLatin1String("tags")));
    const QJsonObject source = flow.value(QLatin1String("sourceFlowConfig")).toObject();
    QCOMPARE(source.value(QLatin1String("connectorType")).toString(), QStringLiteral("Salesforce"));
    QCOMPARE(source.value(QLatin1String("sourceConnectorProperties"))
                 .toObject()
                 .value(QLatin1String("Salesforce"))
                 .toObject()
                 .value(QLatin1String("dataTransferApi"))
                 .toString(),
             QStringLiteral("BULKV2"));
    const QJsonArray destinations = flow.value(QLatin1String("destinationFlowConfigList")).toArray();
    QCOMPARE(destinations.size(), 1);
    QCOMPARE(destinations.at(0).toObject().value(QLatin1String("connectorType")).toString(),
             QStringLiteral("S3"));
    QCOMPARE(flow.value(QLatin1String("triggerConfig")).toObject().value(QLatin1String("triggerType")).toString(),
             QStringLiteral("OnDemand"));
    QVERIFY(!flow.value(QLatin1String("tasks")).toArray().isEmpty());
    const QJsonObject last = flow.value(QLatin1String("lastRunExecutionDetails")).toObject();
    QCOMPARE(last.value(QLatin1String("mostRecentExecutionStatus")).toString(),
             QStringLiteral("InProgress"));
    QVERIFY(last.value(QLatin1String("mostRecentExecutionTime")).isDouble());

    const Response scheduled = m_caller->call("/describe-flow", named(QStringLiteral("scheduled-flow")));
    const QJsonObject trigger = scheduled.json().value(QLatin1String("triggerConfig")).toObject();
    QCOMPARE(trigger.value(QLatin1String("triggerProperties"))
                 .toObject()
                 .value(QLatin1String("Scheduled"))
                 .toObject()
                 .value(QLatin1String("scheduleExpression"))
                 .toString(),
             QStringLiteral("rate(1minutes)"));
    // ServiceNow's properties member is spelled differently from its ConnectorType value.
    QVERIFY(scheduled.json()
                .value(QLatin1String("sourceFlowConfig"))
                .toObject()
                .value(QLatin1String("sourceConnectorProperties"))
                .toObject()
                .contains(QLatin1String("ServiceNow")));
}

void TestSimAppFlow::recordShapes()
{
    const QJsonArray records = m_caller->allRecords(QStringLiteral("runs-flow"));
    QSet<QString> statuses;
    for (const QJsonValue &value : records) {
        const QJsonObject record = value.toObject();
        const QString status = record.value(QLatin1String("executionStatus")).toString();
        statuses.insert(status);
        QVERIFY(record.value(QLatin1String("startedAt")).isDouble());
        QVERIFY(record.value(QLatin1String("lastUpdatedAt")).isDouble());
        const QJsonObject result = record.value(QLatin1String("executionResult")).toObject();
        QVERIFY(result.value(QLatin1String("recordsProcessed")).isDouble());
        QVERIFY(result.value(QLatin1String("bytesProcessed")).isDouble());
        QCOMPARE(result.contains(QLatin1String("errorInfo")), status == QLatin1String("Error"));
        if (status == QLatin1String("Error")) {
            const QJsonObject errorInfo = result.value(QLatin1String("errorInfo")).toObject();
            QVERIFY(!errorInfo.value(QLatin1String("executionMessage")).toString().isEmpty());
            QVERIFY(errorInfo.value(QLatin1String("putFailuresCount")).isDouble());
        }
    }
    QCOMPARE(statuses, (QSet<QString>{QStringLiteral("InProgress"), QStringLiteral("Successful"),
                                      QStringLiteral("Error"), QStringLiteral("CancelStarted"),
                                      QStringLiteral("Canceled")}));
}

void TestSimAppFlow::inProgressRunsGrow()
{
    const QString id = idWithStatus(QStringLiteral("runs-flow"), QStringLiteral("InProgress"));
    QVERIFY(!id.isEmpty());
    const auto processed = [&] {
        return m_caller->record(QStringLiteral("runs-flow"), id)
            .value(QLatin1String("executionResult"))
            .toObject()
            .value(QLatin1String("recordsProcessed"))
            .toInteger();
    };
    const qint64 before = processed();
    QVERIFY(before > 0);
    QTRY_VERIFY_WITH_TIMEOUT(processed() > before, 3000);
}

void TestSimAppFlow::cancelInProgressRun()
{
    const QString flow = QStringLiteral("runs-flow");
    const QString id = idWithStatus(flow, QStringLiteral("InProgress"));
    QVERIFY(!m_sim->cancelRequested(flow, id));
    const Response response = m_caller->call(
        "/cancel-flow-executions",
        {{QStringLiteral("flowName"), flow}, {QStringLiteral("executionIds"), QJsonArray{id}}});
    QCOMPARE(response.status, 200);
    QCOMPARE(response.json(), QJsonObject{});  // invalidExecutions omitted when empty
    QVERIFY(m_sim->cancelRequested(flow, id));
    QCOMPARE(m_caller->record(flow, id).value(QLatin1String("executionStatus")).toString(),
             QStringLiteral("CancelStarted"));
    const qint64 atCancel = m_caller->record(flow, id)
                                .value(QLatin1String("executionResult"))
                                .toObject()
                                .value(QLatin1String("recordsProcessed"))
                                .toInteger();
    QTRY_COMPARE_WITH_TIMEOUT(m_sim->executionStatus(flow, id), QStringLiteral("Canceled"), 3000);
    // Without a batch API a cancelled run stops reading at once.
    QCOMPARE(m_caller->record(flow, id)
                 .value(QLatin1String("executionResult"))
                 .toObject()
                 .value(QLatin1String("recordsProcessed"))
                 .toInteger(),
             atCancel);
    // Cancelling it again is invalid.
    const Response again = m_caller->call(
        "/cancel-flow-executions",
        {{QStringLiteral("flowName"), flow}, {QStringLiteral("executionIds"), QJsonArray{id}}});
    QCOMPARE(again.json().value(QLatin1String("invalidExecutions")).toArray(), QJsonArray{id});
}

void TestSimAppFlow::cancelInvalidIds()
{
    const QString flow = QStringLiteral("runs-flow");
    const QString running = idWithStatus(flow, QStringLiteral("InProgress"));
    const QStringList invalid{idWithStatus(flow, QStringLiteral("Successful")),
                              idWithStatus(flow, QStringLiteral("Error")),
                              idWithStatus(flow, QStringLiteral("CancelStarted")),
                              idWithStatus(flow, QStringLiteral("Canceled")),
                              idWithStatus(QStringLiteral("other-flow"), QStringLiteral("InProgress")),
                              QStringLiteral("00000000-0000-0000-0000-000000000000")};
    for (const QString &id : invalid)
        QVERIFY(!id.isEmpty());
    QJsonArray ids{running};
    for (const QString &id : invalid)
        ids.append(id);
    const Response response = m_caller->call(
        "/cancel-flow-executions",
        {{QStringLiteral("flowName"), flow}, {QStringLiteral("executionIds"), ids}});
    QCOMPARE(response.status, 200);
    QCOMPARE(response.json().value(QLatin1String("invalidExecutions")).toArray(),
             QJsonArray::fromStringList(invalid));
    QCOMPARE(m_sim->executionStatus(flow, running), QStringLiteral("CancelStarted"));
    // The other flow's run was not touched.
    QCOMPARE(m_sim->executionStatus(QStringLiteral("other-flow"), invalid.at(4)),
             QStringLiteral("InProgress"));
    // cancelRequested: the accepted cancel and the scenario's own cancelled runs, nothing else.
    QVERIFY(m_sim->cancelRequested(flow, running));
    QVERIFY(!m_sim->cancelRequested(flow, invalid.at(0)));
    QVERIFY(!m_sim->cancelRequested(flow, invalid.at(1)));
    QVERIFY(m_sim->cancelRequested(flow, invalid.at(2)));
    QVERIFY(m_sim->cancelRequested(flow, invalid.at(3)));
    QVERIFY(!m_sim->cancelRequested(QStringLiteral("other-flow"), invalid.at(4)));
    QVERIFY(!m_sim->cancelRequested(flow, invalid.at(5)));
}

void TestSimAppFlow::cancelAllActiveRuns()
{
    const QString flow = QStringLiteral("runs-flow");
    QHash<QString, QString> before;
    for (const QString &id : m_sim->executionIds(flow))
        before.insert(id, m_sim->executionStatus(flow, id));
    QCOMPARE(std::count(before.begin(), before.end(), QStringLiteral("InProgress")), 3);

    const Response response = m_caller->call("/cancel-flow-executions", named(flow));
    QCOMPARE(response.status, 200);
    QVERIFY(!response.json().contains(QLatin1String("invalidExecutions")));
    for (auto it = before.begin(); it != before.end(); ++it) {
        const QString now = m_sim->executionStatus(flow, it.key());
        if (it.value() == QLatin1String("InProgress"))
            QVERIFY(now == QLatin1String("CancelStarted") || now == QLatin1String("Canceled"));
        else if (it.value() != QLatin1String("CancelStarted"))
            QCOMPARE(now, it.value());
    }
    QCOMPARE(m_sim->executionStatus(QStringLiteral("other-flow"),
                                    m_sim->executionIds(QStringLiteral("other-flow")).constFirst()),
             QStringLiteral("InProgress"));
}

void TestSimAppFlow::cancelBatchRunFinishesItsBatch()
{
    const QString flow = QStringLiteral("batch-flow");
    const QString id = m_sim->executionIds(flow).constFirst();
    const auto processed = [&] {
        return m_caller->record(flow, id)
            .value(QLatin1String("executionResult"))
            .toObject()
            .value(QLatin1String("recordsProcessed"))
            .toInteger();
    };
    const Response response = m_caller->call("/cancel-flow-executions", named(flow));
    QCOMPARE(response.status, 200);
    QCOMPARE(m_sim->executionStatus(flow, id), QStringLiteral("CancelStarted"));
    const qint64 atCancel = processed();
    // Still CancelStarted and still reading after the plain cancel delay (10 s = 0.1 s here).
    QTest::qWait(300);
    QCOMPARE(m_sim->executionStatus(flow, id), QStringLiteral("CancelStarted"));
    QVERIFY(processed() > atCancel);
    // The batch (2 simulated minutes from the run's start) ends, then it is Canceled.
    QTRY_COMPARE_WITH_TIMEOUT(m_sim->executionStatus(flow, id), QStringLiteral("Canceled"), 5000);
    const qint64 final = processed();
    QTest::qWait(200);
    QCOMPARE(processed(), final);
}

void TestSimAppFlow::automaticApiIsBatchOnlyWhenLarge()
{
    const QString large = QStringLiteral("auto-large-flow");
    const QString small = QStringLiteral("auto-small-flow");
    QCOMPARE(m_caller->call("/cancel-flow-executions", named(large)).status, 200);
    QCOMPARE(m_caller->call("/cancel-flow-executions", named(small)).status, 200);
    const QString largeId = m_sim->executionIds(large).constFirst();
    const QString smallId = m_sim->executionIds(small).constFirst();
    QTRY_COMPARE_WITH_TIMEOUT(m_sim->executionStatus(small, smallId), QStringLiteral("Canceled"), 3000);
    QCOMPARE(m_sim->executionStatus(large, largeId), QStringLiteral("CancelStarted"));
    QTRY_COMPARE_WITH_TIMEOUT(m_sim->executionStatus(large, largeId), QStringLiteral("Canceled"), 5000);
}

void TestSimAppFlow::startOnDemandIsIdempotentPerClientToken()
{
    const QString flow = QStringLiteral("other-flow");
    const qsizetype before = m_sim->executionIds(flow).size();
    QJsonObject input{{QStringLiteral("flowName"), flow},
                      {QStringLiteral("clientToken"), QStringLiteral("token-1")}};
    const Response first = m_caller->call("/start-flow", input);
    QCOMPARE(first.status, 200);
    const QString executionId = first.json().value(QLatin1String("executionId")).toString();
    QVERIFY(!executionId.isEmpty());
    QCOMPARE(first.json().value(QLatin1String("flowStatus")).toString(), QStringLiteral("Active"));
    QVERIFY(first.json().value(QLatin1String("flowArn")).toString().endsWith(QLatin1String(":flow/other-flow")));
    QCOMPARE(m_sim->executionIds(flow).constFirst(), executionId);
    QCOMPARE(m_sim->executionStatus(flow, executionId), QStringLiteral("InProgress"));

    const Response retry = m_caller->call("/start-flow", input);
    QCOMPARE(retry.json().value(QLatin1String("executionId")).toString(), executionId);
    QCOMPARE(m_sim->executionIds(flow).size(), before + 1);

    input.insert(QStringLiteral("clientToken"), QStringLiteral("token-2"));
    const Response second = m_caller->call("/start-flow", input);
    QVERIFY(second.json().value(QLatin1String("executionId")).toString() != executionId);
    QCOMPARE(m_sim->executionIds(flow).size(), before + 2);
}

void TestSimAppFlow::startDraftIsConflict()
{
    const Response response = m_caller->call("/start-flow", named(QStringLiteral("draft-flow")));
    QCOMPARE(response.status, 409);
    QCOMPARE(response.errorType, QByteArray("ConflictException"));
}

void TestSimAppFlow::stopOnDemandIsUnsupported()
{
    const Response response = m_caller->call("/stop-flow", named(QStringLiteral("other-flow")));
    QCOMPARE(response.status, 400);
    QCOMPARE(response.errorType, QByteArray("UnsupportedOperationException"));
}

void TestSimAppFlow::stopAndStartScheduledFlow()
{
    const QString flow = QStringLiteral("scheduled-flow");
    // Active: a new run every simulated minute (0.6 s).
    const qsizetype initial = m_sim->executionIds(flow).size();
    QTRY_VERIFY_WITH_TIMEOUT(m_sim->executionIds(flow).size() > initial, 3000);
    const QString running = m_sim->executionIds(flow).constFirst();

    const Response stopped = m_caller->call("/stop-flow", named(flow));
    QCOMPARE(stopped.status, 200);
    QCOMPARE(stopped.json().value(QLatin1String("flowStatus")).toString(), QStringLiteral("Suspended"));
    const qsizetype atStop = m_sim->executionIds(flow).size();
    QTest::qWait(1500);  // 2.5 schedule periods
    QCOMPARE(m_sim->executionIds(flow).size(), atStop);
    QCOMPARE(m_sim->executionStatus(flow, running), QStringLiteral("InProgress"));  // left alone
    const Response described = m_caller->call("/describe-flow", named(flow));
    QCOMPARE(described.json().value(QLatin1String("flowStatus")).toString(), QStringLiteral("Suspended"));

    const Response started = m_caller->call("/start-flow", named(flow));
    QCOMPARE(started.status, 200);
    QCOMPARE(started.json().value(QLatin1String("flowStatus")).toString(), QStringLiteral("Active"));
    QVERIFY(!started.json().contains(QLatin1String("executionId")));  // scheduled: none
    QTRY_VERIFY_WITH_TIMEOUT(m_sim->executionIds(flow).size() > atStop, 3000);
}

QTEST_GUILESS_MAIN(TestSimAppFlow)
#include "tst_sim_appflow.moc"
