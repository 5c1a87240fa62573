#include "CancelController.h"

#include <AuditEntry.h>

#include <memory>

namespace flowdesk::models {

using appflow::AppFlowClient;
using appflow::AppFlowError;
using appflow::AppFlowResult;
using appflow::CancelOutcome;
using appflow::ExecutionRecord;
using audit::AuditEntry;
using audit::AuditOutcome;
using Result = CancelOutcomeModel::Result;

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
    m_pollInitialMs = initialMs;
    m_pollMs = initialMs;
    m_pollMaxMs = maxMs;
}

void CancelController::start(const QList<Target> &targets)
{
    Q_ASSERT(!m_started);
    m_started = true;
    for (const Target &target : targets) {
        m_targets.insert(target.flowName, target);
        for (const ExecutionRecord &run : target.runs)
            m_outcomes.setRequested(target.flowName, run.executionId, run, target.statusAsOf);
    }
    cancelFlows(targets);
    if (m_pendingRequests == 0) {
        emit requestsDone();
        if (m_outcomes.allSettled())
            emit settled();
        else
            schedulePoll();
    }
}

int CancelController::retryFailed()
{
    if (!requestsFinished())
        return 0; // one try at a time: the answers still to come may change what failed
    QList<Target> again;
    int runs = 0;
    for (const QString &flowName : m_outcomes.flowNames()) {
        const Target original = m_targets.value(flowName);
        Target target;
        target.flowName = flowName;
        bool everyRowFailed = true;
        bool neverSent = false; // then its StopFlow was never sent either
        for (int row = 0; row < m_outcomes.rowCount(); ++row) {
            const CancelOutcomeModel::Row &r = m_outcomes.row(row);
            if (r.flowName != flowName)
                continue;
            if (!r.retryable()) {
                everyRowFailed = false;
                continue;
            }
            neverSent = neverSent || r.result == Result::NotSent;
            ExecutionRecord record;
            record.executionId = r.executionId;
            record.executionStatus = r.status;
            record.executionStatusText = r.statusText;
            target.runs << record;
            target.statusAsOf = r.statusAsOf;
        }
        if (target.runs.isEmpty())
            continue;
        // "Cancel all active runs" whose request failed as a whole is asked again as such: runs
        // that started meanwhile are meant too.
        target.allActive = original.allActive && everyRowFailed;
        target.deactivate = original.deactivate && neverSent;
        runs += int(target.runs.size());
        again << target;
    }
    for (const Target &target : std::as_const(again)) {
        for (const ExecutionRecord &run : target.runs)
            m_outcomes.setRequested(target.flowName, run.executionId, run, target.statusAsOf);
    }
    m_pollTimer.stop();
    cancelFlows(again);
    emit stateChanged();
    return runs;
}

CancelOutcomeModel::Answer CancelController::answerFor(const CancelOutcome &outcome)
{
    CancelOutcomeModel::Answer answer;
    answer.requestId = outcome.requestId;
    answer.earlierAttemptUnanswered = outcome.earlierAttemptUnanswered;
    switch (outcome.kind) {
    case CancelOutcome::Kind::CancelStarted:
        answer.result = Result::CancelStarted;
        break;
    case CancelOutcome::Kind::NotCancellable:
        answer.result = Result::NotCancellable;
        break;
    case CancelOutcome::Kind::RequestFailed: {
        const AppFlowError &error = outcome.failure;
        answer.errorCode = outcome.errorCode;
        const QString what = error.message().isEmpty()
                                 ? outcome.error
                                 : tr("%1: %2").arg(outcome.errorCode, error.message());
        const QString attempts = error.attempts() > 1
                                     ? tr(" (after %n attempt(s))", nullptr, error.attempts())
                                     : QString();
        if (outcome.answerUnknown) {
            answer.result = Result::NoAnswer;
            answer.detail = tr("%1%2. The request may or may not have reached AppFlow; reading "
                               "the run's status to find out.")
                                .arg(what, attempts);
        } else {
            answer.result = Result::RequestFailed;
            answer.detail = tr("%1%2. This request cancelled nothing; the run goes on unless "
                               "the cancel is sent again.")
                                .arg(what, attempts);
        }
        break;
    }
    }
    return answer;
}

AuditEntry CancelController::intentFor(const Target &target) const
{
    AuditEntry intent = AuditEntry::newIntent();
    intent.profile = m_connection.sourceText();
    intent.account = m_connection.accountId;
    intent.role = m_connection.roleName;
    intent.region = m_connection.region;
    intent.endpoint = m_connection.endpoint.toString();
    intent.flowName = target.flowName;
    intent.allActiveRuns = target.allActive;
    if (!target.allActive) {
        for (const ExecutionRecord &run : target.runs)
            intent.executionIds << run.executionId;
    }
    intent.confirmedBy = audit::AuditLog::osUserName();
    intent.deactivateRequested = target.deactivate;
    return intent;
}

void CancelController::cancelFlows(const QList<Target> &targets)
{
    if (targets.isEmpty())
        return;
    // The contract of AuditLog: no intent on disk, no request. All intents go in one write and
    // one fsync, before the first request: each is still on disk before its request leaves,
    // without a disk flush per flow (a cancel across 100 flows paid 100 of them, ~0.3 s).
    QList<AuditEntry> intents;
    for (const Target &target : targets)
        intents << intentFor(target);
    if (!m_auditLog.appendAll(intents)) {
        CancelOutcomeModel::Answer notSent;
        notSent.result = Result::NotSent;
        notSent.detail = tr("Not sent: the audit log could not record it. %1")
                             .arg(m_auditLog.errorString());
        for (const Target &target : targets) {
            for (const ExecutionRecord &run : target.runs)
                m_outcomes.setAnswer(target.flowName, run.executionId, notSent);
        }
        emit auditFailed(notSent.detail);
        return;
    }
    for (qsizetype i = 0; i < targets.size(); ++i)
        cancelFlow(targets.at(i), intents.at(i));
}

void CancelController::cancelFlow(const Target &target, const AuditEntry &intent)
{
    QStringList ids;
    for (const ExecutionRecord &run : target.runs)
        ids << run.executionId;

    ++m_pendingRequests;
    emit stateChanged();
    const QString flowName = target.flowName;
    const bool deactivate = target.deactivate;
    appflow::AppFlowCall *call = m_client->cancelFlowExecutions(
        flowName, target.allActive ? QStringList() : ids, this,
        [this, intent, flowName, ids, deactivate](const AppFlowResult<QList<CancelOutcome>> &result) {
            m_waiting.remove(flowName);
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
                failed.failure = result.error();
                outcomes << failed;
            }
            applyOutcomes(flowName, ids, outcomes);
            recordResult(intent, outcomes);
            if (deactivate)
                deactivateFlow(intent);
            requestFinished();
        });
    // Say so while a throttled or failed request waits for its next attempt: the user asked
    // for this cancel and is looking at the window.
    connect(call, &appflow::AppFlowCall::retrying, this,
            [this, flowName](const AppFlowError &error, int nextAttempt, int maxAttempts, int delayMs) {
                m_waiting.insert(flowName, Waiting{flowName, error, nextAttempt, maxAttempts,
                                                   QDateTime::currentDateTimeUtc().addMSecs(delayMs)});
                emit stateChanged();
            });
}

void CancelController::applyOutcomes(const QString &flowName, const QStringList &ids,
                                     const QList<CancelOutcome> &outcomes)
{
    QStringList started;
    QSet<QString> mentioned;
    for (const CancelOutcome &outcome : outcomes) {
        // The "all active runs" answer has no ID: it applies to every listed run that the
        // answer does not name itself (those are the invalid ones).
        if (outcome.executionId.isEmpty())
            continue;
        mentioned.insert(outcome.executionId);
        m_outcomes.setAnswer(flowName, outcome.executionId, answerFor(outcome));
        if (outcome.kind == CancelOutcome::Kind::CancelStarted)
            started << outcome.executionId;
    }
    for (const CancelOutcome &outcome : outcomes) {
        if (!outcome.executionId.isEmpty())
            continue;
        for (const QString &id : ids) {
            if (mentioned.contains(id))
                continue;
            m_outcomes.setAnswer(flowName, id, answerFor(outcome));
            if (outcome.kind == CancelOutcome::Kind::CancelStarted)
                started << id;
        }
    }
    // A request that failed: tell the message bar once per flow, with the request ID; the
    // outcome view has the per-run detail.
    for (const CancelOutcome &outcome : outcomes) {
        if (outcome.kind == CancelOutcome::Kind::RequestFailed) {
            emit errorOccurred(outcome.failure, QStringLiteral("CancelFlowExecutions"), flowName);
            break;
        }
    }
    if (!started.isEmpty())
        emit cancelStarted(flowName, started);
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
            break;
        }
        // Every answer's ID (and the last failed attempt's): what AWS Support asks for.
        if (!outcome.requestId.isEmpty() && !entry.requestIds.contains(outcome.requestId))
            entry.requestIds << outcome.requestId;
        entry.outcomes << recorded;
    }
    if (!m_auditLog.append(entry))
        emit auditFailed(tr("The cancel was sent, but its result could not be added to the audit "
                            "log. %1")
                             .arg(m_auditLog.errorString()));
}

void CancelController::deactivateFlow(const AuditEntry &intent)
{
    ++m_pendingRequests;
    const QString flowName = intent.flowName;
    m_client->stopFlow(flowName, this,
                       [this, intent, flowName](const AppFlowResult<appflow::StopFlowResult> &result) {
                           // StopFlow's answer is audited too, under the cancel it belongs to.
                           AuditEntry entry = intent.resultFor();
                           if (result.ok()) {
                               entry.deactivation = result.value().flowStatusText.isEmpty()
                                                        ? QStringLiteral("ok")
                                                        : result.value().flowStatusText;
                               if (!result.value().requestId.isEmpty())
                                   entry.requestIds << result.value().requestId;
                           } else {
                               entry.deactivation = QStringLiteral("failed");
                               entry.error = result.error().toString();
                               if (!result.error().requestId().isEmpty())
                                   entry.requestIds << result.error().requestId();
                               emit errorOccurred(result.error(), QStringLiteral("StopFlow"), flowName);
                           }
                           if (!m_auditLog.append(entry))
                               emit auditFailed(tr("The flow deactivation was sent, but its result "
                                                   "could not be added to the audit log. %1")
                                                    .arg(m_auditLog.errorString()));
                           requestFinished();
                       });
}

void CancelController::requestFinished()
{
    --m_pendingRequests;
    emit stateChanged();
    if (m_pendingRequests > 0)
        return;
    emit requestsDone();
    if (m_outcomes.allSettled()) {
        emit settled();
        return;
    }
    schedulePoll();
}

void CancelController::schedulePoll()
{
    m_pollMs = m_pollInitialMs;
    m_pollTimer.start(m_pollMs);
}

void CancelController::poll()
{
    const QStringList flows = m_outcomes.flowNames();
    for (const QString &flowName : flows) {
        auto wanted = std::make_shared<QSet<QString>>();
        for (int row = 0; row < m_outcomes.rowCount(); ++row) {
            const CancelOutcomeModel::Row &r = m_outcomes.row(row);
            if (r.flowName == flowName && !r.settled() && r.result != Result::Requested)
                wanted->insert(r.executionId);
        }
        if (wanted->isEmpty())
            continue;
        ++m_pollsInFlight;
        // Conservative: a record is as old as the moment its request left, not when it arrived.
        const QDateTime readAt = QDateTime::currentDateTimeUtc();
        auto seen = std::make_shared<QList<ExecutionRecord>>();
        AppFlowClient::ExecutionRecordsOptions options;
        options.maxResults = 100;
        m_client->describeFlowExecutionRecords(
            flowName, options, this,
            [this, flowName, wanted, seen, readAt](const QList<ExecutionRecord> &page) {
                for (const ExecutionRecord &record : page) {
                    seen->append(record);
                    m_outcomes.updateStatus(flowName, record, readAt);
                    wanted->remove(record.executionId);
                }
                // Stop once every watched run was seen (they are recent: few pages at most).
                return wanted->isEmpty() ? AppFlowClient::PageAction::Stop
                                         : AppFlowClient::PageAction::Continue;
            },
            [this, flowName, wanted, seen, readAt](
                const AppFlowResult<AppFlowClient::ExecutionRecordsSummary> &result) {
                if (!result.ok() && result.error().code() != AppFlowError::Code::Aborted) {
                    // Shown in the outcome window, which keeps trying; the message bar is for
                    // what the user must act on.
                    m_statusReadError = result.error();
                    m_statusReadErrorAt = QDateTime::currentDateTimeUtc();
                    emit stateChanged();
                } else if (result.ok()) {
                    if (m_statusReadError) {
                        m_statusReadError.reset();
                        emit stateChanged();
                    }
                    // The whole history was read and these never appeared: AppFlow does not
                    // list them for this flow.
                    if (!result.value().stoppedEarly) {
                        for (const QString &id : std::as_const(*wanted))
                            m_outcomes.markNotFound(flowName, id, readAt);
                    }
                }
                if (!seen->isEmpty())
                    emit runsUpdated(flowName, *seen);
                if (--m_pollsInFlight > 0)
                    return;
                if (allSettled()) {
                    emit settled();
                    return;
                }
                if (!requestsFinished())
                    return; // a retry is out; its answer schedules the next poll
                m_pollMs = qMin(m_pollMs * 2, m_pollMaxMs);
                m_pollTimer.start(m_pollMs);
            });
    }
    if (m_pollsInFlight == 0 && allSettled())
        emit settled();
}

} // namespace flowdesk::models
