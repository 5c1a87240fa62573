#include "AppFlowJson.h"

#include <QJsonArray>

namespace flowdesk::sim::AppFlowJson {
namespace {

void putString(QJsonObject &object, const QString &key, const QString &value)
{
    if (!value.isEmpty())
        object.insert(key, value);
}

void putTime(QJsonObject &object, const QString &key, double seconds)
{
    if (seconds > 0)
        object.insert(key, seconds);
}

void putObject(QJsonObject &object, const QString &key, const QJsonObject &value)
{
    if (!value.isEmpty())
        object.insert(key, value);
}

// ConnectorType values and the member names of the *ConnectorProperties unions differ in case
// for a few connectors ("Servicenow" vs "ServiceNow").
QString propertiesKey(const QString &connectorType)
{
    if (connectorType == QLatin1String("Servicenow"))
        return QStringLiteral("ServiceNow");
    if (connectorType == QLatin1String("Googleanalytics"))
        return QStringLiteral("GoogleAnalytics");
    if (connectorType == QLatin1String("Infornexus"))
        return QStringLiteral("InforNexus");
    return connectorType;
}

QJsonObject sourceProperties(const ConnectorSpec &source)
{
    QJsonObject properties;
    if (source.connectorType == QLatin1String("S3")) {
        properties.insert(QStringLiteral("bucketName"), source.bucketName);
        putString(properties, QStringLiteral("bucketPrefix"), source.bucketPrefix);
        properties.insert(QStringLiteral("s3InputFormatConfig"),
                          QJsonObject{{QStringLiteral("s3InputFileType"), QStringLiteral("CSV")}});
    } else {
        properties.insert(QStringLiteral("object"), source.object);
        if (source.connectorType == QLatin1String("Salesforce")) {
            properties.insert(QStringLiteral("enableDynamicFieldUpdate"), false);
            properties.insert(QStringLiteral("includeDeletedRecords"), false);
            putString(properties, QStringLiteral("dataTransferApi"), source.dataTransferApi);
        }
    }
    return QJsonObject{{propertiesKey(source.connectorType), properties}};
}

QJsonObject destinationProperties(const ConnectorSpec &destination)
{
    QJsonObject properties;
    const QString &type = destination.connectorType;
    if (type == QLatin1String("S3")) {
        properties.insert(QStringLiteral("bucketName"), destination.bucketName);
        putString(properties, QStringLiteral("bucketPrefix"), destination.bucketPrefix);
        properties.insert(
            QStringLiteral("s3OutputFormatConfig"),
            QJsonObject{{QStringLiteral("fileType"), QStringLiteral("PARQUET")},
                        {QStringLiteral("prefixConfig"),
                         QJsonObject{{QStringLiteral("prefixType"), QStringLiteral("PATH")},
                                     {QStringLiteral("prefixFormat"), QStringLiteral("DAY")}}},
                        {QStringLiteral("aggregationConfig"),
                         QJsonObject{{QStringLiteral("aggregationType"), QStringLiteral("None")}}}});
    } else if (type == QLatin1String("Redshift") || type == QLatin1String("Snowflake")) {
        properties.insert(QStringLiteral("object"), destination.object);
        properties.insert(QStringLiteral("intermediateBucketName"), destination.bucketName);
        putString(properties, QStringLiteral("bucketPrefix"), destination.bucketPrefix);
        properties.insert(QStringLiteral("errorHandlingConfig"),
                          QJsonObject{{QStringLiteral("failOnFirstDestinationError"), false}});
    } else {
        properties.insert(QStringLiteral("object"), destination.object);
        if (type == QLatin1String("Salesforce")) {
            properties.insert(QStringLiteral("writeOperationType"), QStringLiteral("UPSERT"));
            properties.insert(QStringLiteral("idFieldNames"),
                              QJsonArray{QStringLiteral("External_Id__c")});
            putString(properties, QStringLiteral("dataTransferApi"),
                      destination.dataTransferApi);
        }
    }
    return QJsonObject{{propertiesKey(type), properties}};
}

QJsonArray tasks(const FlowSpec &spec)
{
    QJsonArray list;
    QStringList fields = spec.fields;
    if (fields.isEmpty())
        fields = {QStringLiteral("Id")};
    const QString operatorKey = propertiesKey(spec.source.connectorType);
    QJsonArray sourceFields;
    for (const QString &field : fields)
        sourceFields.append(field);
    list.append(QJsonObject{
        {QStringLiteral("sourceFields"), sourceFields},
        {QStringLiteral("connectorOperator"), QJsonObject{{operatorKey, QStringLiteral("PROJECTION")}}},
        {QStringLiteral("taskType"), QStringLiteral("Filter")},
        {QStringLiteral("taskProperties"), QJsonObject{}}});
    for (const QString &field : fields) {
        list.append(QJsonObject{
            {QStringLiteral("sourceFields"), QJsonArray{field}},
            {QStringLiteral("connectorOperator"), QJsonObject{{operatorKey, QStringLiteral("NO_OP")}}},
            {QStringLiteral("destinationField"), field},
            {QStringLiteral("taskType"), QStringLiteral("Map")},
            {QStringLiteral("taskProperties"),
             QJsonObject{{QStringLiteral("DESTINATION_DATA_TYPE"), QStringLiteral("string")},
                         {QStringLiteral("SOURCE_DATA_TYPE"), QStringLiteral("string")}}}});
    }
    return list;
}

QJsonObject tags(const FlowSpec &spec)
{
    QJsonObject object;
    for (auto it = spec.tags.begin(); it != spec.tags.end(); ++it)
        object.insert(it.key(), it.value());
    return object;
}

QString mostRecentMessage(const Run &run, ExecutionStatus status)
{
    switch (status) {
    case ExecutionStatus::Error: return run.errorMessage;
    case ExecutionStatus::Canceled: return QStringLiteral("Flow run was canceled.");
    default: return {};
    }
}

} // namespace

QJsonObject executionDetails(const FlowState &flow, double now)
{
    QJsonObject details;
    // The latest run that has started by now (runs are in start order).
    for (auto it = flow.runs.rbegin(); it != flow.runs.rend(); ++it) {
        if (it->startedAt > now)
            continue;
        const ExecutionStatus status = it->statusAt(now);
        putString(details, QStringLiteral("mostRecentExecutionMessage"),
                  mostRecentMessage(*it, status));
        putTime(details, QStringLiteral("mostRecentExecutionTime"), it->startedAt);
        details.insert(QStringLiteral("mostRecentExecutionStatus"), executionStatusName(status));
        break;
    }
    return details;
}

QJsonObject flowDefinition(const FlowState &flow, double now)
{
    const FlowSpec &spec = flow.spec;
    QJsonObject object;
    putString(object, QStringLiteral("flowArn"), flow.flowArn);
    putString(object, QStringLiteral("description"), spec.description);
    object.insert(QStringLiteral("flowName"), spec.flowName);
    object.insert(QStringLiteral("flowStatus"), flow.flowStatus);
    object.insert(QStringLiteral("sourceConnectorType"), spec.source.connectorType);
    object.insert(QStringLiteral("destinationConnectorType"), spec.destination.connectorType);
    object.insert(QStringLiteral("triggerType"), spec.triggerType);
    putTime(object, QStringLiteral("createdAt"), spec.createdAt);
    putTime(object, QStringLiteral("lastUpdatedAt"), spec.lastUpdatedAt);
    putString(object, QStringLiteral("createdBy"), spec.createdBy);
    putString(object, QStringLiteral("lastUpdatedBy"), spec.lastUpdatedBy);
    putObject(object, QStringLiteral("tags"), tags(spec));
    putObject(object, QStringLiteral("lastRunExecutionDetails"), executionDetails(flow, now));
    return object;
}

QJsonObject describeFlow(const FlowState &flow, double now)
{
    const FlowSpec &spec = flow.spec;
    QJsonObject object;
    putString(object, QStringLiteral("flowArn"), flow.flowArn);
    putString(object, QStringLiteral("description"), spec.description);
    object.insert(QStringLiteral("flowName"), spec.flowName);
    putString(object, QStringLiteral("kmsArn"), spec.kmsArn);
    object.insert(QStringLiteral("flowStatus"), flow.flowStatus);
    putString(object, QStringLiteral("flowStatusMessage"), spec.flowStatusMessage);

    QJsonObject source{{QStringLiteral("connectorType"), spec.source.connectorType},
                       {QStringLiteral("sourceConnectorProperties"), sourceProperties(spec.source)}};
    putString(source, QStringLiteral("connectorProfileName"), spec.source.connectorProfileName);
    if (spec.triggerType == QLatin1String("Scheduled"))
        source.insert(QStringLiteral("incrementalPullConfig"),
                      QJsonObject{{QStringLiteral("datetimeTypeFieldName"),
                                   QStringLiteral("LastModifiedDate")}});
    object.insert(QStringLiteral("sourceFlowConfig"), source);

    QJsonObject destination{
        {QStringLiteral("connectorType"), spec.destination.connectorType},
        {QStringLiteral("destinationConnectorProperties"), destinationProperties(spec.destination)}};
    putString(destination, QStringLiteral("connectorProfileName"),
              spec.destination.connectorProfileName);
    object.insert(QStringLiteral("destinationFlowConfigList"), QJsonArray{destination});

    putObject(object, QStringLiteral("lastRunExecutionDetails"), executionDetails(flow, now));

    QJsonObject trigger{{QStringLiteral("triggerType"), spec.triggerType}};
    if (spec.triggerType == QLatin1String("Scheduled")) {
        QJsonObject scheduled{{QStringLiteral("scheduleExpression"), spec.scheduleExpression},
                              {QStringLiteral("dataPullMode"), QStringLiteral("Incremental")},
                              {QStringLiteral("timezone"), QStringLiteral("UTC")}};
        putTime(scheduled, QStringLiteral("scheduleStartTime"), spec.createdAt);
        trigger.insert(QStringLiteral("triggerProperties"),
                       QJsonObject{{QStringLiteral("Scheduled"), scheduled}});
    }
    object.insert(QStringLiteral("triggerConfig"), trigger);
    object.insert(QStringLiteral("tasks"), tasks(spec));
    putTime(object, QStringLiteral("createdAt"), spec.createdAt);
    putTime(object, QStringLiteral("lastUpdatedAt"), spec.lastUpdatedAt);
    putString(object, QStringLiteral("createdBy"), spec.createdBy);
    putString(object, QStringLiteral("lastUpdatedBy"), spec.lastUpdatedBy);
    putObject(object, QStringLiteral("tags"), tags(spec));
    return object;
}

QJsonObject executionRecord(const FlowState &flow, const Run &run, double now)
{
    Q_UNUSED(flow);
    const ExecutionStatus status = run.statusAt(now);
    QJsonObject result;
    result.insert(QStringLiteral("bytesProcessed"), run.bytesProcessedAt(now));
    result.insert(QStringLiteral("bytesWritten"), run.bytesWrittenAt(now));
    result.insert(QStringLiteral("recordsProcessed"), run.recordsProcessedAt(now));
    result.insert(QStringLiteral("numParallelProcesses"), run.parallelProcesses);
    result.insert(QStringLiteral("maxPageSize"), run.maxPageSize);
    if (status == ExecutionStatus::Error) {
        QJsonObject errorInfo{{QStringLiteral("putFailuresCount"), run.putFailuresCount}};
        putString(errorInfo, QStringLiteral("executionMessage"), run.errorMessage);
        result.insert(QStringLiteral("errorInfo"), errorInfo);
    }
    QJsonObject record{{QStringLiteral("executionId"), run.executionId},
                       {QStringLiteral("executionStatus"), executionStatusName(status)},
                       {QStringLiteral("executionResult"), result}};
    putTime(record, QStringLiteral("startedAt"), run.startedAt);
    putTime(record, QStringLiteral("lastUpdatedAt"), run.lastUpdatedAt(now));
    putTime(record, QStringLiteral("dataPullStartTime"), run.dataPullStartTime);
    putTime(record, QStringLiteral("dataPullEndTime"), run.dataPullEndTime);
    return record;
}

} // namespace flowdesk::sim::AppFlowJson
