#pragma once

// Typed results of the AppFlow operations Flowdesk uses, with member names and meaning taken
// from botocore's service-2.json (../shared/reference/appflow). Enum members keep the wire text
// too, so a value the service adds later is shown as it came, never dropped.

#include "AppFlowError.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>

namespace flowdesk::appflow {

enum class ExecutionStatus { InProgress, Successful, Error, CancelStarted, Canceled, Unknown };
enum class FlowStatus { Active, Deprecated, Deleted, Draft, Errored, Suspended, Unknown };
enum class TriggerType { Scheduled, Event, OnDemand, Unknown };

ExecutionStatus executionStatusFromString(const QString &text);
FlowStatus flowStatusFromString(const QString &text);
TriggerType triggerTypeFromString(const QString &text);

// A run can still be cancelled only while InProgress; CancelStarted is on its way to Canceled.
inline bool isActive(ExecutionStatus status)
{
    return status == ExecutionStatus::InProgress || status == ExecutionStatus::CancelStarted;
}

struct ErrorInfo {
    std::optional<qint64> putFailuresCount;
    QString executionMessage;
};

struct ExecutionResult {
    std::optional<ErrorInfo> errorInfo;
    std::optional<qint64> bytesProcessed;
    std::optional<qint64> bytesWritten;
    std::optional<qint64> recordsProcessed;
    std::optional<qint64> numParallelProcesses;
    std::optional<qint64> maxPageSize;
};

struct ExecutionDetails {
    QString mostRecentExecutionMessage;
    QDateTime mostRecentExecutionTime;
    ExecutionStatus mostRecentExecutionStatus = ExecutionStatus::Unknown;
    QString mostRecentExecutionStatusText;
};

// One element of ListFlows' "flows".
struct FlowDefinition {
    QString flowArn;
    QString description;
    QString flowName;
    FlowStatus flowStatus = FlowStatus::Unknown;
    QString flowStatusText;
    QString sourceConnectorType;
    QString sourceConnectorLabel;
    QString destinationConnectorType;
    QString destinationConnectorLabel;
    TriggerType triggerType = TriggerType::Unknown;
    QString triggerTypeText;
    QDateTime createdAt;
    QDateTime lastUpdatedAt;
    QString createdBy;
    QString lastUpdatedBy;
    QMap<QString, QString> tags;
    std::optional<ExecutionDetails> lastRunExecutionDetails;
};

// What changes whenever a flow runs again or its last run's status changes (ListFlows'
// lastRunExecutionDetails): refreshes read a flow's runs again only when it changed. Empty
// for a flow that never ran.
QString lastRunSignature(const FlowDefinition &flow);

// One element of DescribeFlowExecutionRecords' "flowExecutions".
struct ExecutionRecord {
    QString executionId;
    ExecutionStatus executionStatus = ExecutionStatus::Unknown;
    QString executionStatusText;
    ExecutionResult executionResult;
    QDateTime startedAt;
    QDateTime lastUpdatedAt;
    QDateTime dataPullStartTime;
    QDateTime dataPullEndTime;
};

// DescribeFlow's answer: what the list has, plus what the cancel confirmation needs.
struct FlowDescription {
    FlowDefinition definition; // the ListFlows-equivalent members
    QString kmsArn;
    QString flowStatusMessage;
    QString scheduleExpression;        // triggerConfig.triggerProperties.Scheduled, if any
    QJsonObject sourceFlowConfig;      // as received, for the details pane
    QList<QJsonObject> destinationFlowConfigList;
    // Where the flow moves data through a batch API (Salesforce Bulk API 2.0): a cancelled run
    // still finishes — and bills — its current batch. Empty when it does not.
    // E.g. "Salesforce source uses Bulk API 2.0 (dataTransferApi BULKV2)".
    QStringList batchApiUses;
    bool usesBatchApi() const { return !batchApiUses.isEmpty(); }
};

// What happened to one execution ID after CancelFlowExecutions.
struct CancelOutcome {
    enum class Kind {
        CancelStarted,  // accepted: the run is stopping
        NotCancellable, // returned in invalidExecutions
        RequestFailed   // the request carrying it failed; see error
    };
    QString flowName;
    QString executionId; // empty for "all active runs" when the request failed
    Kind kind = Kind::RequestFailed;
    QString error;       // for RequestFailed: the formatted error
    QString errorCode;   // for RequestFailed: AppFlowError::codeText(), e.g. "AccessDeniedException"
    AppFlowError failure; // for RequestFailed: the whole error (code, message, request ID)
    // x-amzn-RequestId of the answer that decided this outcome (of the last failed attempt for
    // RequestFailed; empty when no answer came back at all).
    QString requestId;
    // RequestFailed only: the request may have reached AppFlow (the connection broke or timed
    // out after it was sent), so the run may be cancelling although no answer says so.
    bool answerUnknown = false;
    // An earlier attempt of the request that decided this outcome got no answer: a run listed
    // as not cancellable may be cancelling because of that very attempt.
    bool earlierAttemptUnanswered = false;
};

// StartFlow's answer. executionId is set for on-demand flows only (null for scheduled and
// event-triggered flows, which StartFlow activates instead of running).
struct StartFlowResult {
    QString flowArn;
    FlowStatus flowStatus = FlowStatus::Unknown;
    QString flowStatusText;
    QString executionId;
    QString clientToken; // the idempotency token that was sent (reused across retries)
};

// StopFlow's answer.
struct StopFlowResult {
    QString flowArn;
    FlowStatus flowStatus = FlowStatus::Unknown;
    QString flowStatusText;
    QString requestId; // x-amzn-RequestId of the answer, for the audit log
};

} // namespace flowdesk::appflow

Q_DECLARE_METATYPE(flowdesk::appflow::FlowDefinition)
Q_DECLARE_METATYPE(flowdesk::appflow::ExecutionRecord)
