#include "ResponseParser.h"

#include <QCoreApplication>

#include <QJsonDocument>

namespace flowdesk::appflow {

using namespace Qt::StringLiterals;

namespace {

// The body as a JSON object, or the reason it is not one.
std::optional<QJsonObject> bodyObject(const HttpResponse &response, QString *problem)
{
    if (response.body.trimmed().isEmpty())
        return QJsonObject();
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(response.body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *problem = u"the body is not JSON ("_s + parseError.errorString() + u" at byte "_s
                   + QString::number(parseError.offset) + u')';
        return std::nullopt;
    }
    if (!document.isObject()) {
        *problem = u"the body is a JSON "_s + (document.isArray() ? u"list"_s : u"value"_s)
                   + u", not an object"_s;
        return std::nullopt;
    }
    return document.object();
}

// Runs `parse` on the body object and turns reader errors into a MalformedResponse.
template <typename T, typename Parse>
AppFlowResult<T> parseBody(const HttpResponse &response, const QString &operation, Parse parse)
{
    QString problem;
    const std::optional<QJsonObject> body = bodyObject(response, &problem);
    if (!body)
        return AppFlowResult<T>::failure(
            AppFlowError::malformedResponse(operation, problem, response));
    JsonReader reader;
    T value = parse(*body, reader);
    if (!reader.ok())
        return AppFlowResult<T>::failure(
            AppFlowError::malformedResponse(operation, reader.error(), response));
    return AppFlowResult<T>::success(std::move(value));
}

QMap<QString, QString> readTags(const QJsonObject &json, JsonReader &reader, const QString &path)
{
    QMap<QString, QString> tags;
    const std::optional<QJsonObject> object = reader.object(json, "tags"_L1, path);
    if (!object)
        return tags;
    const QString tagsPath = JsonReader::member(path, "tags"_L1);
    for (auto it = object->constBegin(); it != object->constEnd(); ++it) {
        if (!it.value().isString()) {
            reader.fail(tagsPath + u'.' + it.key(),
                        u"expected a string, got "_s + JsonReader::typeName(it.value()));
            continue;
        }
        tags.insert(it.key(), it.value().toString());
    }
    return tags;
}

// The Salesforce dataTransferApi of a source/destination properties object, if it has one.
// AUTOMATIC is the documented default when the member is absent.
std::optional<QString> salesforceTransferApi(const QJsonObject &connectorProperties)
{
    const QJsonValue salesforce = connectorProperties.value("Salesforce"_L1);
    if (!salesforce.isObject())
        return std::nullopt;
    const QString api = salesforce.toObject().value("dataTransferApi"_L1).toString();
    return api.isEmpty() ? u"AUTOMATIC"_s : api;
}

} // namespace

ExecutionDetails ResponseParser::executionDetails(const QJsonObject &json, JsonReader &reader,
                                                  const QString &path)
{
    ExecutionDetails details;
    details.mostRecentExecutionMessage = reader.string(json, "mostRecentExecutionMessage"_L1, path);
    details.mostRecentExecutionTime = reader.timestamp(json, "mostRecentExecutionTime"_L1, path);
    details.mostRecentExecutionStatusText =
        reader.string(json, "mostRecentExecutionStatus"_L1, path);
    details.mostRecentExecutionStatus =
        executionStatusFromString(details.mostRecentExecutionStatusText);
    return details;
}

FlowDefinition ResponseParser::flowDefinition(const QJsonObject &json, JsonReader &reader,
                                              const QString &path)
{
    FlowDefinition flow;
    flow.flowArn = reader.string(json, "flowArn"_L1, path);
    flow.description = reader.string(json, "description"_L1, path);
    flow.flowName = reader.string(json, "flowName"_L1, path);
    flow.flowStatusText = reader.string(json, "flowStatus"_L1, path);
    flow.flowStatus = flowStatusFromString(flow.flowStatusText);
    flow.sourceConnectorType = reader.string(json, "sourceConnectorType"_L1, path);
    flow.sourceConnectorLabel = reader.string(json, "sourceConnectorLabel"_L1, path);
    flow.destinationConnectorType = reader.string(json, "destinationConnectorType"_L1, path);
    flow.destinationConnectorLabel = reader.string(json, "destinationConnectorLabel"_L1, path);
    flow.triggerTypeText = reader.string(json, "triggerType"_L1, path);
    flow.triggerType = triggerTypeFromString(flow.triggerTypeText);
    flow.createdAt = reader.timestamp(json, "createdAt"_L1, path);
    flow.lastUpdatedAt = reader.timestamp(json, "lastUpdatedAt"_L1, path);
    flow.createdBy = reader.string(json, "createdBy"_L1, path);
    flow.lastUpdatedBy = reader.string(json, "lastUpdatedBy"_L1, path);
    flow.tags = readTags(json, reader, path);
    if (const auto details = reader.object(json, "lastRunExecutionDetails"_L1, path))
        flow.lastRunExecutionDetails = executionDetails(
            *details, reader, JsonReader::member(path, "lastRunExecutionDetails"_L1));
    return flow;
}

ExecutionResult ResponseParser::executionResult(const QJsonObject &json, JsonReader &reader,
                                                const QString &path)
{
    ExecutionResult result;
    if (const auto errorInfo = reader.object(json, "errorInfo"_L1, path)) {
        const QString errorPath = JsonReader::member(path, "errorInfo"_L1);
        ErrorInfo info;
        info.putFailuresCount = reader.int64(*errorInfo, "putFailuresCount"_L1, errorPath);
        info.executionMessage = reader.string(*errorInfo, "executionMessage"_L1, errorPath);
        result.errorInfo = info;
    }
    result.bytesProcessed = reader.int64(json, "bytesProcessed"_L1, path);
    result.bytesWritten = reader.int64(json, "bytesWritten"_L1, path);
    result.recordsProcessed = reader.int64(json, "recordsProcessed"_L1, path);
    result.numParallelProcesses = reader.int64(json, "numParallelProcesses"_L1, path);
    result.maxPageSize = reader.int64(json, "maxPageSize"_L1, path);
    return result;
}

ExecutionRecord ResponseParser::executionRecord(const QJsonObject &json, JsonReader &reader,
                                                const QString &path)
{
    ExecutionRecord record;
    record.executionId = reader.string(json, "executionId"_L1, path);
    record.executionStatusText = reader.string(json, "executionStatus"_L1, path);
    record.executionStatus = executionStatusFromString(record.executionStatusText);
    if (const auto result = reader.object(json, "executionResult"_L1, path))
        record.executionResult =
            executionResult(*result, reader, JsonReader::member(path, "executionResult"_L1));
    record.startedAt = reader.timestamp(json, "startedAt"_L1, path);
    record.lastUpdatedAt = reader.timestamp(json, "lastUpdatedAt"_L1, path);
    record.dataPullStartTime = reader.timestamp(json, "dataPullStartTime"_L1, path);
    record.dataPullEndTime = reader.timestamp(json, "dataPullEndTime"_L1, path);
    return record;
}

QStringList ResponseParser::batchApiUses(const QJsonObject &sourceFlowConfig,
                                         const QList<QJsonObject> &destinationFlowConfigList)
{
    // Thresholds from the SalesforceDataTransferApi docs in service-2.json: AUTOMATIC switches
    // to Bulk API 2.0 from 1,000,000 records read and from 1,000 records written. The texts are
    // shown in the confirmation, so they are translated.
    QStringList uses;
    const auto source = salesforceTransferApi(
        sourceFlowConfig.value("sourceConnectorProperties"_L1).toObject());
    if (source == u"BULKV2"_s)
        uses << QCoreApplication::translate("ResponseParser", "Salesforce source uses Bulk API 2.0 (dataTransferApi BULKV2)");
    else if (source == u"AUTOMATIC"_s)
        uses << QCoreApplication::translate("ResponseParser",
                                            "Salesforce source may use Bulk API 2.0 when a run reads "
                                            "1,000,000 records or more (dataTransferApi AUTOMATIC)");
    for (const QJsonObject &destination : destinationFlowConfigList) {
        const auto api = salesforceTransferApi(
            destination.value("destinationConnectorProperties"_L1).toObject());
        if (api == u"BULKV2"_s)
            uses << QCoreApplication::translate("ResponseParser", "Salesforce destination uses Bulk API 2.0 (dataTransferApi BULKV2)");
        else if (api == u"AUTOMATIC"_s)
            uses << QCoreApplication::translate("ResponseParser",
                                                "Salesforce destination may use Bulk API 2.0 when a run "
                                                "writes 1,000 records or more (dataTransferApi AUTOMATIC)");
    }
    return uses;
}

FlowDescription ResponseParser::flowDescription(const QJsonObject &json, JsonReader &reader)
{
    FlowDescription description;
    // DescribeFlow has the FlowDefinition members at top level, except connector types and the
    // trigger type, which live in the nested configs.
    description.definition = flowDefinition(json, reader, QString());
    description.kmsArn = reader.string(json, "kmsArn"_L1, QString());
    description.flowStatusMessage = reader.string(json, "flowStatusMessage"_L1, QString());

    if (const auto source = reader.object(json, "sourceFlowConfig"_L1, QString())) {
        description.sourceFlowConfig = *source;
        description.definition.sourceConnectorType =
            reader.string(*source, "connectorType"_L1, u"sourceFlowConfig"_s);
    }
    const QJsonArray destinations = reader.array(json, "destinationFlowConfigList"_L1, QString());
    for (qsizetype i = 0; i < destinations.size(); ++i) {
        const QString path = JsonReader::element(u"destinationFlowConfigList"_s, i);
        if (!destinations.at(i).isObject()) {
            reader.fail(path, u"expected an object, got "_s
                                  + JsonReader::typeName(destinations.at(i)));
            continue;
        }
        const QJsonObject destination = destinations.at(i).toObject();
        description.destinationFlowConfigList << destination;
        if (i == 0)
            description.definition.destinationConnectorType =
                reader.string(destination, "connectorType"_L1, path);
    }
    if (const auto trigger = reader.object(json, "triggerConfig"_L1, QString())) {
        description.definition.triggerTypeText =
            reader.string(*trigger, "triggerType"_L1, u"triggerConfig"_s);
        description.definition.triggerType =
            triggerTypeFromString(description.definition.triggerTypeText);
        if (const auto properties =
                reader.object(*trigger, "triggerProperties"_L1, u"triggerConfig"_s)) {
            if (const auto scheduled = reader.object(*properties, "Scheduled"_L1,
                                                     u"triggerConfig.triggerProperties"_s))
                description.scheduleExpression =
                    reader.string(*scheduled, "scheduleExpression"_L1,
                                  u"triggerConfig.triggerProperties.Scheduled"_s);
        }
    }
    description.batchApiUses =
        batchApiUses(description.sourceFlowConfig, description.destinationFlowConfigList);
    return description;
}

AppFlowResult<ListFlowsPage> ResponseParser::listFlows(const HttpResponse &response)
{
    return parseBody<ListFlowsPage>(response, u"ListFlows"_s,
                                    [](const QJsonObject &body, JsonReader &reader) {
        ListFlowsPage page;
        const QJsonArray flows = reader.array(body, "flows"_L1, QString());
        for (qsizetype i = 0; i < flows.size(); ++i) {
            const QString path = JsonReader::element(u"flows"_s, i);
            if (!flows.at(i).isObject()) {
                reader.fail(path, u"expected an object, got "_s + JsonReader::typeName(flows.at(i)));
                continue;
            }
            page.flows << flowDefinition(flows.at(i).toObject(), reader, path);
        }
        page.nextToken = reader.string(body, "nextToken"_L1, QString());
        return page;
    });
}

AppFlowResult<FlowDescription> ResponseParser::describeFlow(const HttpResponse &response)
{
    return parseBody<FlowDescription>(response, u"DescribeFlow"_s,
                                      [](const QJsonObject &body, JsonReader &reader) {
        return flowDescription(body, reader);
    });
}

AppFlowResult<ExecutionRecordsPage> ResponseParser::executionRecords(const HttpResponse &response)
{
    return parseBody<ExecutionRecordsPage>(response, u"DescribeFlowExecutionRecords"_s,
                                           [](const QJsonObject &body, JsonReader &reader) {
        ExecutionRecordsPage page;
        const QJsonArray records = reader.array(body, "flowExecutions"_L1, QString());
        for (qsizetype i = 0; i < records.size(); ++i) {
            const QString path = JsonReader::element(u"flowExecutions"_s, i);
            if (!records.at(i).isObject()) {
                reader.fail(path,
                            u"expected an object, got "_s + JsonReader::typeName(records.at(i)));
                continue;
            }
            page.records << executionRecord(records.at(i).toObject(), reader, path);
        }
        page.nextToken = reader.string(body, "nextToken"_L1, QString());
        return page;
    });
}

AppFlowResult<CancelFlowExecutionsResponse>
ResponseParser::cancelFlowExecutions(const HttpResponse &response)
{
    const auto parsed = parseBody<CancelFlowExecutionsResponse>(
        response, u"CancelFlowExecutions"_s, [](const QJsonObject &body, JsonReader &reader) {
            CancelFlowExecutionsResponse result;
            const QJsonArray invalid = reader.array(body, "invalidExecutions"_L1, QString());
            for (qsizetype i = 0; i < invalid.size(); ++i) {
                if (!invalid.at(i).isString()) {
                    reader.fail(JsonReader::element(u"invalidExecutions"_s, i),
                                u"expected a string, got "_s + JsonReader::typeName(invalid.at(i)));
                    continue;
                }
                result.invalidExecutions << invalid.at(i).toString();
            }
            return result;
        });
    if (parsed.ok()) {
        CancelFlowExecutionsResponse value = parsed.value();
        value.requestId = QString::fromUtf8(response.header("x-amzn-RequestId"));
        return AppFlowResult<CancelFlowExecutionsResponse>::success(std::move(value));
    }
    return parsed;
}

AppFlowResult<StartFlowResult> ResponseParser::startFlow(const HttpResponse &response)
{
    return parseBody<StartFlowResult>(response, u"StartFlow"_s,
                                      [](const QJsonObject &body, JsonReader &reader) {
        StartFlowResult result;
        result.flowArn = reader.string(body, "flowArn"_L1, QString());
        result.flowStatusText = reader.string(body, "flowStatus"_L1, QString());
        result.flowStatus = flowStatusFromString(result.flowStatusText);
        result.executionId = reader.string(body, "executionId"_L1, QString());
        return result;
    });
}

AppFlowResult<StopFlowResult> ResponseParser::stopFlow(const HttpResponse &response)
{
    const auto parsed = parseBody<StopFlowResult>(response, u"StopFlow"_s,
                                     [](const QJsonObject &body, JsonReader &reader) {
        StopFlowResult result;
        result.flowArn = reader.string(body, "flowArn"_L1, QString());
        result.flowStatusText = reader.string(body, "flowStatus"_L1, QString());
        result.flowStatus = flowStatusFromString(result.flowStatusText);
        return result;
    });
    if (parsed.ok()) {
        StopFlowResult value = parsed.value();
        value.requestId = QString::fromUtf8(response.header("x-amzn-RequestId"));
        return AppFlowResult<StopFlowResult>::success(std::move(value));
    }
    return parsed;
}

} // namespace flowdesk::appflow
