// JSON → typed results, per service-2.json: every member, epoch-second doubles, unknown enum
// values kept, wrong types reported with their path, and DescribeFlow's batch-API detection.
#include "ResponseParser.h"

#include <QtTest>

using namespace flowdesk::appflow;
using namespace Qt::StringLiterals;

namespace {

HttpResponse ok(const QByteArray &body)
{
    HttpResponse r;
    r.status = 200;
    r.body = body;
    r.headers = {{"x-amzn-RequestId", "rid-9"}};
    return r;
}

QDateTime utc(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

} // namespace

class TstResponseParser : public QObject
{
    Q_OBJECT

private slots:
    void enumsFromWire()
    {
        QCOMPARE(executionStatusFromString(u"InProgress"_s), ExecutionStatus::InProgress);
        QCOMPARE(executionStatusFromString(u"CancelStarted"_s), ExecutionStatus::CancelStarted);
        QCOMPARE(executionStatusFromString(u"Canceled"_s), ExecutionStatus::Canceled);
        QCOMPARE(executionStatusFromString(u"Cancelled"_s), ExecutionStatus::Unknown);
        QCOMPARE(executionStatusFromString(u"inprogress"_s), ExecutionStatus::Unknown);
        QCOMPARE(flowStatusFromString(u"Suspended"_s), FlowStatus::Suspended);
        QCOMPARE(flowStatusFromString(u"Paused"_s), FlowStatus::Unknown);
        QCOMPARE(triggerTypeFromString(u"OnDemand"_s), TriggerType::OnDemand);
        QCOMPARE(triggerTypeFromString(u""_s), TriggerType::Unknown);
    }

    void listFlowsFullDefinition()
    {
        const auto result = ResponseParser::listFlows(ok(R"({
          "flows": [{
            "flowArn": "arn:aws:appflow:eu-west-1:123456789012:flow/orders",
            "description": "Orders to S3",
            "flowName": "orders",
            "flowStatus": "Active",
            "sourceConnectorType": "Salesforce",
            "sourceConnectorLabel": "sf",
            "destinationConnectorType": "S3",
            "destinationConnectorLabel": "lake",
            "triggerType": "Scheduled",
            "createdAt": 1700000000.5,
            "lastUpdatedAt": 1700000100,
            "createdBy": "arn:aws:iam::123456789012:user/a",
            "lastUpdatedBy": "arn:aws:iam::123456789012:user/b",
            "tags": {"team": "ops", "env": "prod"},
            "lastRunExecutionDetails": {
              "mostRecentExecutionMessage": "ok",
              "mostRecentExecutionTime": 1700000200.25,
              "mostRecentExecutionStatus": "Successful"
            }
          }, {
            "flowName": "future",
            "flowStatus": "Hibernating",
            "triggerType": "OnTheHour"
          }],
          "nextToken": "tok-2"
        })"));
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().toString()));
        const ListFlowsPage &page = result.value();
        QCOMPARE(page.nextToken, u"tok-2"_s);
        QCOMPARE(page.flows.size(), 2);
        const FlowDefinition &flow = page.flows.at(0);
        QCOMPARE(flow.flowArn, u"arn:aws:appflow:eu-west-1:123456789012:flow/orders"_s);
        QCOMPARE(flow.description, u"Orders to S3"_s);
        QCOMPARE(flow.flowName, u"orders"_s);
        QCOMPARE(flow.flowStatus, FlowStatus::Active);
        QCOMPARE(flow.flowStatusText, u"Active"_s);
        QCOMPARE(flow.sourceConnectorType, u"Salesforce"_s);
        QCOMPARE(flow.sourceConnectorLabel, u"sf"_s);
        QCOMPARE(flow.destinationConnectorType, u"S3"_s);
        QCOMPARE(flow.destinationConnectorLabel, u"lake"_s);
        QCOMPARE(flow.triggerType, TriggerType::Scheduled);
        QCOMPARE(flow.createdAt, utc(1700000000500));
        QCOMPARE(flow.createdAt.timeSpec(), Qt::UTC);
        QCOMPARE(flow.lastUpdatedAt, utc(1700000100000));
        QCOMPARE(flow.createdBy, u"arn:aws:iam::123456789012:user/a"_s);
        QCOMPARE(flow.lastUpdatedBy, u"arn:aws:iam::123456789012:user/b"_s);
        QCOMPARE(flow.tags.value(u"team"_s), u"ops"_s);
        QCOMPARE(flow.tags.size(), 2);
        QVERIFY(flow.lastRunExecutionDetails.has_value());
        QCOMPARE(flow.lastRunExecutionDetails->mostRecentExecutionMessage, u"ok"_s);
        QCOMPARE(flow.lastRunExecutionDetails->mostRecentExecutionTime, utc(1700000200250));
        QCOMPARE(flow.lastRunExecutionDetails->mostRecentExecutionStatus, ExecutionStatus::Successful);

        const FlowDefinition &future = page.flows.at(1);
        QCOMPARE(future.flowStatus, FlowStatus::Unknown);
        QCOMPARE(future.flowStatusText, u"Hibernating"_s);
        QCOMPARE(future.triggerType, TriggerType::Unknown);
        QCOMPARE(future.triggerTypeText, u"OnTheHour"_s);
        QVERIFY(!future.createdAt.isValid());
        QVERIFY(!future.lastRunExecutionDetails.has_value());
    }

    void emptyBodyAndEmptyObjectAreEmptyPages()
    {
        for (const QByteArray &body : {QByteArray(), QByteArray("{}"), QByteArray("  \n")}) {
            const auto result = ResponseParser::listFlows(ok(body));
            QVERIFY(result.ok());
            QVERIFY(result.value().flows.isEmpty());
            QVERIFY(result.value().nextToken.isEmpty());
        }
    }

    void executionRecords()
    {
        const auto result = ResponseParser::executionRecords(ok(R"({"flowExecutions": [{
            "executionId": "e-1",
            "executionStatus": "Error",
            "executionResult": {
              "errorInfo": {"putFailuresCount": 3, "executionMessage": "boom"},
              "bytesProcessed": 1024, "bytesWritten": 512, "recordsProcessed": 10,
              "numParallelProcesses": 2, "maxPageSize": 1000
            },
            "startedAt": 1700000000.123,
            "lastUpdatedAt": 1700000001,
            "dataPullStartTime": 1699990000,
            "dataPullEndTime": 1699999999.999,
            "metadataCatalogDetails": []
          }, {"executionId": "e-2", "executionStatus": "Paused"}]})"));
        QVERIFY(result.ok());
        QCOMPARE(result.value().records.size(), 2);
        const ExecutionRecord &record = result.value().records.at(0);
        QCOMPARE(record.executionId, u"e-1"_s);
        QCOMPARE(record.executionStatus, ExecutionStatus::Error);
        QVERIFY(record.executionResult.errorInfo.has_value());
        QCOMPARE(record.executionResult.errorInfo->putFailuresCount, std::optional<qint64>(3));
        QCOMPARE(record.executionResult.errorInfo->executionMessage, u"boom"_s);
        QCOMPARE(record.executionResult.bytesProcessed, std::optional<qint64>(1024));
        QCOMPARE(record.executionResult.bytesWritten, std::optional<qint64>(512));
        QCOMPARE(record.executionResult.recordsProcessed, std::optional<qint64>(10));
        QCOMPARE(record.executionResult.numParallelProcesses, std::optional<qint64>(2));
        QCOMPARE(record.executionResult.maxPageSize, std::optional<qint64>(1000));
        QCOMPARE(record.startedAt, utc(1700000000123));
        QCOMPARE(record.dataPullEndTime, utc(1699999999999));
        QCOMPARE(result.value().records.at(1).executionStatus, ExecutionStatus::Unknown);
        QCOMPARE(result.value().records.at(1).executionStatusText, u"Paused"_s);
        QVERIFY(!result.value().records.at(1).executionResult.bytesProcessed.has_value());
    }

    // fuzz_appflow_response found it: a count beyond qint64 was converted anyway (undefined
    // behaviour). Now it is a malformed answer that says which member and why.
    void countsOutOfRangeAreMalformed()
    {
        for (const char *number : {"1e33", "9223372036854775808", "-1e19"}) {
            const QByteArray body = QByteArray(R"({"flowExecutions": [{"executionId": "e-1", "executionResult": {"recordsProcessed": )")
                                    + number + "}}]}";
            const auto result = ResponseParser::executionRecords(ok(body));
            QVERIFY2(!result.ok(), number);
            QCOMPARE(result.error().code(), AppFlowError::Code::MalformedResponse);
            QVERIFY2(result.error().message().contains(u"recordsProcessed"_s), qPrintable(result.error().message()));
            QVERIFY2(result.error().message().contains(u"out of range"_s), qPrintable(result.error().message()));
        }
        const auto largest = ResponseParser::executionRecords(ok(R"({"flowExecutions": [{"executionId": "e-1", "executionResult": {"recordsProcessed": 9007199254740992}}]})"));
        QVERIFY(largest.ok());
    }

    void malformedBodies_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("not json") << QByteArray("{\"flows\": [") << u"not JSON"_s;
        QTest::newRow("html") << QByteArray("<html>hi</html>") << u"not JSON"_s;
        QTest::newRow("array") << QByteArray("[]") << u"not an object"_s;
        QTest::newRow("flows not list") << QByteArray(R"({"flows": {}})") << u"flows: expected a list"_s;
        QTest::newRow("flow not object") << QByteArray(R"({"flows": [1]})") << u"flows[0]: expected an object"_s;
        QTest::newRow("timestamp as string")
            << QByteArray(R"({"flows": [{"flowName":"a"},{"createdAt":"2024-01-01"}]})")
            << u"flows[1].createdAt: expected a number (epoch seconds), got a string"_s;
        QTest::newRow("name as number") << QByteArray(R"({"flows": [{"flowName":5}]})")
                                        << u"flows[0].flowName: expected a string"_s;
        QTest::newRow("tag value") << QByteArray(R"({"flows": [{"tags":{"a":1}}]})")
                                   << u"flows[0].tags.a"_s;
        QTest::newRow("token") << QByteArray(R"({"nextToken": 7})") << u"nextToken"_s;
    }
    void malformedBodies()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, mentions);
        const auto result = ResponseParser::listFlows(ok(body));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code(), AppFlowError::Code::MalformedResponse);
        QCOMPARE(result.error().requestId(), u"rid-9"_s);
        QCOMPARE(result.error().httpStatus(), 200);
        QVERIFY2(result.error().message().contains(mentions), qPrintable(result.error().message()));
        QVERIFY(result.error().message().contains(u"ListFlows"_s));
    }

    void cancelStartStop()
    {
        auto cancel = ResponseParser::cancelFlowExecutions(ok(R"({"invalidExecutions":["a","b"]})"));
        QVERIFY(cancel.ok());
        QCOMPARE(cancel.value().invalidExecutions, (QStringList{u"a"_s, u"b"_s}));
        cancel = ResponseParser::cancelFlowExecutions(ok(R"({"invalidExecutions":[1]})"));
        QVERIFY(!cancel.ok());
        QVERIFY(cancel.error().message().contains(u"invalidExecutions[0]"_s));

        const auto start = ResponseParser::startFlow(ok(
            R"({"flowArn":"arn:aws:appflow:us-east-1:1:flow/x","flowStatus":"Active","executionId":"run-7"})"));
        QVERIFY(start.ok());
        QCOMPARE(start.value().executionId, u"run-7"_s);
        QCOMPARE(start.value().flowStatus, FlowStatus::Active);
        const auto scheduledStart = ResponseParser::startFlow(ok(R"({"flowStatus":"Active","executionId":null})"));
        QVERIFY(scheduledStart.ok());
        QVERIFY(scheduledStart.value().executionId.isEmpty());

        const auto stop = ResponseParser::stopFlow(ok(R"({"flowArn":"arn:x","flowStatus":"Suspended"})"));
        QVERIFY(stop.ok());
        QCOMPARE(stop.value().flowStatus, FlowStatus::Suspended);
    }

    void describeFlow()
    {
        const auto result = ResponseParser::describeFlow(ok(R"j({
          "flowArn": "arn:aws:appflow:us-east-1:1:flow/sf",
          "flowName": "sf-to-s3",
          "description": "d",
          "kmsArn": "arn:aws:kms:us-east-1:1:key/k",
          "flowStatus": "Active",
          "flowStatusMessage": "fine",
          "sourceFlowConfig": {"connectorType": "Salesforce", "connectorProfileName": "p",
             "sourceConnectorProperties": {"Salesforce": {"object": "Account", "dataTransferApi": "BULKV2"}}},
          "destinationFlowConfigList": [
             {"connectorType": "S3", "destinationConnectorProperties": {"S3": {"bucketName": "b"}}},
             {"connectorType": "Salesforce", "destinationConnectorProperties": {"Salesforce": {"object": "Lead"}}}],
          "triggerConfig": {"triggerType": "Scheduled",
             "triggerProperties": {"Scheduled": {"scheduleExpression": "rate(1hours)", "scheduleStartTime": 1700000000}}},
          "tasks": [],
          "createdAt": 1600000000,
          "lastUpdatedAt": 1600000001,
          "createdBy": "me",
          "lastUpdatedBy": "you",
          "tags": {"k": "v"},
          "lastRunExecutionDetails": {"mostRecentExecutionStatus": "InProgress"},
          "schemaVersion": 3
        })j"));
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().toString()));
        const FlowDescription &d = result.value();
        QCOMPARE(d.definition.flowName, u"sf-to-s3"_s);
        QCOMPARE(d.definition.sourceConnectorType, u"Salesforce"_s);
        QCOMPARE(d.definition.destinationConnectorType, u"S3"_s);
        QCOMPARE(d.definition.triggerType, TriggerType::Scheduled);
        QCOMPARE(d.definition.createdAt, utc(1600000000000));
        QCOMPARE(d.definition.lastRunExecutionDetails->mostRecentExecutionStatus, ExecutionStatus::InProgress);
        QCOMPARE(d.kmsArn, u"arn:aws:kms:us-east-1:1:key/k"_s);
        QCOMPARE(d.flowStatusMessage, u"fine"_s);
        QCOMPARE(d.scheduleExpression, u"rate(1hours)"_s);
        QCOMPARE(d.sourceFlowConfig.value(u"connectorProfileName"_s).toString(), u"p"_s);
        QCOMPARE(d.destinationFlowConfigList.size(), 2);
        QVERIFY(d.usesBatchApi());
        QCOMPARE(d.batchApiUses.size(), 2);
        QCOMPARE(d.batchApiUses.at(0), u"Salesforce source uses Bulk API 2.0 (dataTransferApi BULKV2)"_s);
        // No dataTransferApi: AUTOMATIC, the documented default.
        QVERIFY2(d.batchApiUses.at(1).contains(u"destination may use Bulk API 2.0"_s),
                 qPrintable(d.batchApiUses.at(1)));
        QVERIFY(d.batchApiUses.at(1).contains(u"AUTOMATIC"_s));
    }

    void batchApiDetection()
    {
        const auto source = [](const char *api) {
            QJsonObject salesforce{{u"object"_s, u"Account"_s}};
            if (api)
                salesforce.insert(u"dataTransferApi"_s, QString::fromLatin1(api));
            return QJsonObject{{u"connectorType"_s, u"Salesforce"_s},
                               {u"sourceConnectorProperties"_s,
                                QJsonObject{{u"Salesforce"_s, salesforce}}}};
        };
        QCOMPARE(ResponseParser::batchApiUses(source("REST_SYNC"), {}), QStringList());
        QCOMPARE(ResponseParser::batchApiUses(source("BULKV2"), {}).size(), 1);
        QVERIFY(ResponseParser::batchApiUses(source("AUTOMATIC"), {}).at(0).contains(u"1,000,000"_s));
        QVERIFY(ResponseParser::batchApiUses(source(nullptr), {}).at(0).contains(u"AUTOMATIC"_s));
        const QJsonObject s3{{u"connectorType"_s, u"S3"_s},
                             {u"sourceConnectorProperties"_s,
                              QJsonObject{{u"S3"_s, QJsonObject{{u"bucketName"_s, u"b"_s}}}}}};
        QCOMPARE(ResponseParser::batchApiUses(s3, {}), QStringList());
    }

    void describeFlowWrongNestedType()
    {
        const auto result = ResponseParser::describeFlow(ok(R"({"triggerConfig": {"triggerType": 3}})"));
        QVERIFY(!result.ok());
        QVERIFY(result.error().message().contains(u"triggerConfig.triggerType"_s));
    }
};

QTEST_GUILESS_MAIN(TstResponseParser)
#include "tst_responseparser.moc"
