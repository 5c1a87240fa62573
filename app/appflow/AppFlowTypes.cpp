#include "AppFlowTypes.h"

#include <QLatin1StringView>

namespace flowdesk::appflow {

// Wire values are compared exactly (case-sensitive), as the service sends them; anything else
// maps to Unknown and the caller keeps the original text in the *Text member.

ExecutionStatus executionStatusFromString(const QString &text)
{
    if (text == QLatin1StringView("InProgress"))
        return ExecutionStatus::InProgress;
    if (text == QLatin1StringView("Successful"))
        return ExecutionStatus::Successful;
    if (text == QLatin1StringView("Error"))
        return ExecutionStatus::Error;
    if (text == QLatin1StringView("CancelStarted"))
        return ExecutionStatus::CancelStarted;
    if (text == QLatin1StringView("Canceled"))
        return ExecutionStatus::Canceled;
    return ExecutionStatus::Unknown;
}

FlowStatus flowStatusFromString(const QString &text)
{
    if (text == QLatin1StringView("Active"))
        return FlowStatus::Active;
    if (text == QLatin1StringView("Deprecated"))
        return FlowStatus::Deprecated;
    if (text == QLatin1StringView("Deleted"))
        return FlowStatus::Deleted;
    if (text == QLatin1StringView("Draft"))
        return FlowStatus::Draft;
    if (text == QLatin1StringView("Errored"))
        return FlowStatus::Errored;
    if (text == QLatin1StringView("Suspended"))
        return FlowStatus::Suspended;
    return FlowStatus::Unknown;
}

TriggerType triggerTypeFromString(const QString &text)
{
    if (text == QLatin1StringView("Scheduled"))
        return TriggerType::Scheduled;
    if (text == QLatin1StringView("Event"))
        return TriggerType::Event;
    if (text == QLatin1StringView("OnDemand"))
        return TriggerType::OnDemand;
    return TriggerType::Unknown;
}

QString lastRunSignature(const FlowDefinition &flow)
{
    if (!flow.lastRunExecutionDetails)
        return {};
    const ExecutionDetails &last = *flow.lastRunExecutionDetails;
    return last.mostRecentExecutionTime.toString(Qt::ISODateWithMs) + u'|' + last.mostRecentExecutionStatusText;
}

} // namespace flowdesk::appflow
