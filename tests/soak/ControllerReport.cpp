#include "ControllerReport.h"

#include <CancelOutcomeModel.h>
#include <RefreshController.h>

#include <algorithm>

namespace flowdesk::soak {

using models::CancelOutcomeModel;

ReportedOutcome reportOf(const CancelOutcomeModel &model, int row)
{
    const CancelOutcomeModel::Row &r = model.row(row);
    ReportedOutcome reported;
    switch (r.result) {
    case CancelOutcomeModel::Result::Requested:
        reported.result = ReportedOutcome::Result::Sending;
        break;
    case CancelOutcomeModel::Result::CancelStarted:
        reported.result = ReportedOutcome::Result::CancelStarted;
        break;
    case CancelOutcomeModel::Result::AlreadyCancelled:
        reported.result = ReportedOutcome::Result::AlreadyCancelled;
        reported.reason = r.detail;
        break;
    case CancelOutcomeModel::Result::NotCancellable:
        reported.result = ReportedOutcome::Result::NotCancellable;
        reported.reason = r.detail;
        break;
    case CancelOutcomeModel::Result::RequestFailed:
        reported.result = ReportedOutcome::Result::RequestFailed;
        break;
    case CancelOutcomeModel::Result::NoAnswer:
        reported.result = ReportedOutcome::Result::NoAnswer;
        break;
    case CancelOutcomeModel::Result::NotSent:
        reported.result = ReportedOutcome::Result::NotSent;
        break;
    }
    if (r.result == CancelOutcomeModel::Result::RequestFailed
        || r.result == CancelOutcomeModel::Result::NoAnswer
        || r.result == CancelOutcomeModel::Result::NotSent) {
        reported.error = r.detail;
        reported.errorCode = r.errorCode;
        reported.requestId = r.requestId;
    }
    reported.status = r.statusText.isEmpty() ? appflow::ExecutionStatus::Unknown : r.status;
    reported.statusText = r.statusText;
    reported.statusIsLastKnown = !r.statusFresh;
    return reported;
}

// The refresh's own account of what it could not read.
RefreshReport::RefreshReport(models::RefreshController *controller)
    : m_controller(controller)
{
}

QStringList RefreshReport::unreadFlows() const
{
    QStringList flows = m_controller->unreadFlows();
    std::sort(flows.begin(), flows.end());
    return flows;
}

QString RefreshReport::unreadReason(const QString &flowName) const
{
    const auto error = m_controller->unreadError(flowName);
    return error ? error->toString() : QString();
}

bool RefreshReport::unreadOnTheWay(const QString &flowName) const
{
    const auto error = m_controller->unreadError(flowName);
    return error
        && (error->code() == appflow::AppFlowError::Code::Network
            || error->code() == appflow::AppFlowError::Code::Timeout);
}

bool RefreshReport::listingComplete() const
{
    return m_controller->listingComplete();
}

} // namespace flowdesk::soak
