#pragma once

#include "AppFlowResult.h"
#include "AppFlowTypes.h"
#include "HttpResponse.h"
#include "JsonReader.h"

#include <QStringList>

namespace flowdesk::appflow {

// One page of ListFlows.
struct ListFlowsPage {
    QList<FlowDefinition> flows;
    QString nextToken; // empty on the last page
};

// One page of DescribeFlowExecutionRecords.
struct ExecutionRecordsPage {
    QList<ExecutionRecord> records;
    QString nextToken;
};

// CancelFlowExecutions' answer: the IDs AppFlow could not cancel.
struct CancelFlowExecutionsResponse {
    QStringList invalidExecutions;
    QString requestId; // x-amzn-RequestId of the answer, for the audit log
};

// Turns the JSON of a successful (HTTP 200) response into the typed results, following
// service-2.json. An empty body counts as "{}" (every member is optional); a body that is not a
// JSON object, or a member of the wrong type, gives a MalformedResponse error naming it.
class ResponseParser
{
public:
    static AppFlowResult<ListFlowsPage> listFlows(const HttpResponse &response);
    static AppFlowResult<FlowDescription> describeFlow(const HttpResponse &response);
    static AppFlowResult<ExecutionRecordsPage> executionRecords(const HttpResponse &response);
    static AppFlowResult<CancelFlowExecutionsResponse>
    cancelFlowExecutions(const HttpResponse &response);
    static AppFlowResult<StartFlowResult> startFlow(const HttpResponse &response);
    static AppFlowResult<StopFlowResult> stopFlow(const HttpResponse &response);

    // The shapes, for the operations above and for tests.
    static FlowDefinition flowDefinition(const QJsonObject &json, JsonReader &reader,
                                         const QString &path);
    static ExecutionRecord executionRecord(const QJsonObject &json, JsonReader &reader,
                                           const QString &path);
    static ExecutionResult executionResult(const QJsonObject &json, JsonReader &reader,
                                           const QString &path);
    static ExecutionDetails executionDetails(const QJsonObject &json, JsonReader &reader,
                                             const QString &path);
    static FlowDescription flowDescription(const QJsonObject &json, JsonReader &reader);
    // Where a flow moves data through Salesforce Bulk API 2.0 (see FlowDescription).
    static QStringList batchApiUses(const QJsonObject &sourceFlowConfig,
                                    const QList<QJsonObject> &destinationFlowConfigList);
};

} // namespace flowdesk::appflow
