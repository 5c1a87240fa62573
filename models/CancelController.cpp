#include "CancelController.h"

#include <AuditEntry.h>

#include <memory>

namespace flowdesk::models {

using appflow::AppFlowClient;
using appflow::AppFlowResult;
using appflow::CancelOutcome;
using appflow::ExecutionRecord;
using audit::AuditEntry;
using audit::AuditOutcome;

CancelController::CancelController(AppFlowClient *client, const ConnectionInfo &connection,
                                   const QString &auditLogPath, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_connection(connection)
    , m_auditLog(auditLogPath)
{
    m_pollTimer.setSingleShot(true);
    connect(&m_pollTimer, &QTimer::timeout, this, &CancelController::poll);
}

void CancelController::setPollIntervals(int initialMs, int maxMs)
{
    m_pollMs = initialMs;
    m_pollMaxMs = maxMs;
}

void CancelController::start(const QList<Target> &targets)
{
    Q_ASSERT(!m_started);
    m_started = true;
    for (const Target &target : targets) {
        for (const ExecutionRecord &run : target.runs)
            m_outcomes.setRequested(target.flowName, run.executionId, run);
    }
    for (const Target &target : targets)
        cancelFlow(target);
    if (m_pendingRequests == 0) {
        emit requestsDone();
        if (m_outcomes.allSettled())
            emit settled();
    }
}

void CancelController::cancelFlow(const Target &target)
{
    const bool deactivate = target.deactivate;
    AuditEntry intent = AuditEntry::newIntent();
    intent.profile = m_connection.sourceText();
    intent.region = m_connection.region;
    intent.endpoint = m_connection.endpoint.toString();
    intent.flowName = target.flowName;
    intent.allActiveRuns = target.allActive;
    QStringList ids;
    for (const ExecutionRecord &run : target.runs)
        ids << run.executionId;
    if (!target.allActive)
        intent.executionIds = ids;
    intent.confirmedBy = audit::AuditLog::osUserName();
    intent.deactivateRequested = deactivate;

    // The contract of AuditLog: no intent on disk, no request.
    if (!m_auditLog.append(intent)) {
        const QString why = tr("Not sent: the audit log could not record it. %1")
                                .arg(m_auditLog.errorString());
        for (const QString &id : ids)
            m_outcomes.setResult(target.flowName, id, CancelOutcomeModel::Result::RequestFailed, why);
        emit auditFailed(why);
        return;
    }

    ++m_pendingRequests;
    const QString flowName = target.flowName;
    m_client->cancelFlowExecutions(
        flowName, target.allActive ? QStringList() : ids, this,
        [this, intent, flowName, ids, deactivate](const AppFlowResult<QList<CancelOutcome>> &result) {
            QList<CancelOutcome> outcomes;
            if (result.ok()) {
                outcomes = result.value();
            } else {
                // Nothing was sent (invalid input): every run failed the same way.
                CancelOutcome failed;
                failed.flowName = flowName;
                failed.kind = CancelOutcome::Kind::RequestFailed;
                failed.error = result.error().toString();
                failed.errorCode = result.error().codeText();
                outcomes << failed;
                emit errorOccurred(result.error(), QStringLiteral("CancelFlowExecutions"), flowName);
            }

            QStringList mentioned;
            for (const CancelOutcome &outcome : outcomes) {
                if (outcome.executionId.isEmpty()) {
                    // "All active runs" (or a request that failed before any ID was known):
                    // it applies to every listed run not named individually.
                    continue;
                }
                mentioned << outcome.executionId;
                switch (outcome.kind) {
                case CancelOutcome::Kind::CancelStarted:
                    m_outcomes.setResult(flowName, outcome.executionId,
                                         CancelOutcomeModel::Result::CancelStarted);
                    break;
                case CancelOutcome::Kind::NotCancellable:
                    m_outcomes.setResult(flowName, outcome.executionId,
                                         CancelOutcomeModel::Result::NotCancellable);
                    break;
                case CancelOutcome::Kind::RequestFailed:
                    m_outcomes.setResult(flowName, outcome.executionId,
                                         CancelOutcomeModel::Result::RequestFailed, outcome.error);
                    break;
                }
            }
            for (const CancelOutcome &outcome : outcomes) {
                if (!outcome.executionId.isEmpty())
                    continue;
                for (const QString &id : ids) {
                    if (mentioned.contains(id))
                        continue;
                    if (outcome.kind == CancelOutcome::Kind::CancelStarted)
                        m_outcomes.setResult(flowName, id, CancelOutcomeModel::Result::CancelStarted);
                    else
                        m_outcomes.setResult(flowName, id, CancelOutcomeModel::Result::RequestFailed,
                                             outcome.error);
                }
            }
            // A request that failed (some or all of its IDs): tell the message bar once per
            // flow, with the request ID; the outcome view has the per-run detail.
            for (const CancelOutcome &outcome : outcomes) {
                if (result.ok() && outcome.kind == CancelOutcome::Kind::RequestFailed
                    && !outcome.errorCode.isEmpty()) {
                    emit errorOccurred(outcome.failure, QStringLiteral("CancelFlowExecutions"), flowName);
                    break;
                }
            }
            recordResult(intent, outcomes);
            if (deactivate)
                deactivateFlow(flowName);
            requestFinished();
        });
}

void CancelController::recordResult(const AuditEntry &intent, const QList<CancelOutcome> &outcomes)
{
    AuditEntry entry = intent.resultFor();
    for (const CancelOutcome &outcome : outcomes) {
        AuditOutcome recorded;
        recorded.executionId = outcome.executionId;
        switch (outcome.kind) {
        case CancelOutcome::Kind::CancelStarted:
            recorded.kind = AuditOutcome::Kind::CancelStarted;
            break;
        case CancelOutcome::Kind::NotCancellable:
            recorded.kind = AuditOutcome::Kind::NotCancellable;
            entry.invalidExecutions << outcome.executionId;
            break;
        case CancelOutcome::Kind::RequestFailed:
            recorded.kind = AuditOutcome::Kind::RequestFailed;
            recorded.detail = outcome.error;
            if (entry.error.isEmpty())
                entry.error = outcome.error;
            if (!outcome.failure.requestId().isEmpty()
                && !entry.requestIds.contains(outcome.failure.requestId()))
                entry.requestIds << outcome.failure.requestId();
            break;
        }
        entry.outcomes << recorded;
    }
    if (!m_auditLog.append(entry))
        emit auditFailed(tr("The cancel was sent, but its result could not be added to the audit "
                            "log. %1")
                             .arg(m_auditLog.errorString()));
}

void CancelController::deactivateFlow(const QString &flowName)
{
    ++m_pendingRequests;
    m_client->stopFlow(flowName, this,
                       [this, flowName](const AppFlowResult<appflow::StopFlowResult> &result) {
                           if (!result.ok())
                               emit errorOccurred(result.error(), QStringLiteral("StopFlow"), flowName);
                           requestFinished();
                       });
}

void CancelController::requestFinished()
{
    if (--m_pendingRequests > 0)
        return;
    emit requestsDone();
    if (m_outcomes.allSettled()) {
        emit settled();
        return;
    }
    m_pollTimer.start(m_pollMs);
}

void CancelController::poll()
{
    const QStringList flows = m_outcomes.flowNames();
    for (const QString &flowName : flows) {
        auto wanted = std::make_shared<QSet<QString>>();
        for (int row = 0; row < m_outcomes.rowCount(); ++row) {
            const CancelOutcomeModel::Row &r = m_outcomes.row(row);
            if (r.flowName == flowName && (!r.settled() || r.result == CancelOutcomeModel::Result::NotCancellable))
                wanted->insert(r.executionId);
        }
        if (wanted->isEmpty())
            continue;
        ++m_pollsInFlight;
        auto seen = std::make_shared<QList<ExecutionRecord>>();
        AppFlowClient::ExecutionRecordsOptions options;
        options.maxResults = 100;
        m_client->describeFlowExecutionRecords(
            flowName, options, this,
            [this, flowName, wanted, seen](const QList<ExecutionRecord> &page) {
                for (const ExecutionRecord &record : page) {
                    seen->append(record);
                    m_outcomes.updateStatus(flowName, record);
                    wanted->remove(record.executionId);
                }
                // Stop once every watched run was seen (they are recent: few pages at most).
                return wanted->isEmpty() ? AppFlowClient::PageAction::Stop
                                         : AppFlowClient::PageAction::Continue;
            },
            [this, flowName, wanted, seen](const AppFlowResult<AppFlowClient::ExecutionRecordsSummary> &result) {
                if (!result.ok() && result.error().code() != appflow::AppFlowError::Code::Aborted)
                    emit errorOccurred(result.error(), QStringLiteral("DescribeFlowExecutionRecords"),
                                       flowName);
                // The whole history was read and these never appeared: AppFlow does not know them.
                if (result.ok() && !result.value().stoppedEarly) {
                    for (const QString &id : std::as_const(*wanted))
                        m_outcomes.markNotFound(flowName, id);
                }
                if (!seen->isEmpty())
                    emit runsUpdated(flowName, *seen);
                if (--m_pollsInFlight > 0)
                    return;
                if (m_outcomes.allSettled()) {
                    emit settled();
                    return;
                }
                m_pollMs = qMin(m_pollMs * 2, m_pollMaxMs);
                m_pollTimer.start(m_pollMs);
            });
    }
    if (m_pollsInFlight == 0 && m_outcomes.allSettled())
        emit settled();
}

} // namespace flowdesk::models
