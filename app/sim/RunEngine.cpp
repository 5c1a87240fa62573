#include "RunEngine.h"

#include <QRandomGenerator>

#include <algorithm>

namespace flowdesk::sim {
namespace {

// FNV-1a: a stable hash (qHash is seeded per process) so a seed always gives the same runs.
quint64 stableHash(const QString &text)
{
    quint64 hash = 14695981039346656037ULL;
    for (QChar c : text) {
        hash ^= c.unicode();
        hash *= 1099511628211ULL;
    }
    return hash;
}

QString uuidFrom(QRandomGenerator &rng)
{
    const quint64 high = rng.generate64();
    const quint64 low = rng.generate64();
    const QString hex = QStringLiteral("%1%2")
                            .arg(high, 16, 16, QLatin1Char('0'))
                            .arg(low, 16, 16, QLatin1Char('0'));
    return hex.mid(0, 8) + u'-' + hex.mid(8, 4) + u'-' + hex.mid(12, 4) + u'-' + hex.mid(16, 4)
        + u'-' + hex.mid(20, 12);
}

QString defaultErrorMessage(const FlowSpec &spec, quint32 pick)
{
    const QString source = spec.source.connectorType;
    const QStringList messages{
        QStringLiteral("Connector %1 returned HTTP 503 Service Unavailable while reading %2")
            .arg(source, spec.source.object.isEmpty() ? QStringLiteral("data") : spec.source.object),
        QStringLiteral("Access token for connector profile %1 has expired. Reconnect the profile.")
            .arg(spec.source.connectorProfileName.isEmpty() ? source
                                                            : spec.source.connectorProfileName),
        QStringLiteral("Destination %1 rejected records with invalid field values")
            .arg(spec.destination.connectorType),
    };
    return messages.at(static_cast<qsizetype>(pick % messages.size()));
}

} // namespace

RunEngine::RunEngine(const Clock &clock, quint32 seed, const QString &region,
                     const QString &accountId)
    : m_clock(clock), m_seed(seed), m_region(region), m_accountId(accountId)
{
}

EngineError RunEngine::notFound(const QString &flowName)
{
    return {QStringLiteral("ResourceNotFoundException"),
            QStringLiteral("Flow %1 does not exist.").arg(flowName)};
}

void RunEngine::load(const Scenario &scenario)
{
    const double now = m_clock.now();
    m_flows.clear();
    for (const ScenarioFlow &source : scenario.flows) {
        FlowState state;
        state.spec = source.spec;
        state.flowStatus = source.spec.flowStatus;
        state.flowArn = QStringLiteral("arn:aws:appflow:%1:%2:flow/%3")
                            .arg(m_region, m_accountId, source.spec.flowName);
        for (const HistoryEntry &entry : source.history)
            state.runs.push_back(runFromHistory(state, entry, now));
        std::sort(state.runs.begin(), state.runs.end(),
                  [](const Run &a, const Run &b) { return a.startedAt < b.startedAt; });
        if (state.spec.triggerType != QLatin1String("OnDemand"))
            state.nextTriggerAt = now + nextGap(state) * 0.5;
        m_flows.insert(state.spec.flowName, std::move(state));
    }
}

const FlowState *RunEngine::flow(const QString &flowName)
{
    return advanced(flowName);
}

FlowState *RunEngine::advanced(const QString &flowName)
{
    auto it = m_flows.find(flowName);
    if (it == m_flows.end())
        return nullptr;
    advance(*it, m_clock.now());
    return &*it;
}

void RunEngine::advance(FlowState &flow, double now)
{
    if (flow.flowStatus == QLatin1String("Active")
        && flow.spec.triggerType != QLatin1String("OnDemand")) {
        // Bounded, in case the clock leapt far ahead: older slots are skipped, as a service
        // that was down would not replay them either.
        int created = 0;
        while (flow.nextTriggerAt <= now && created < 1000) {
            flow.runs.push_back(plannedRun(flow, flow.nextTriggerAt));
            flow.nextTriggerAt += nextGap(flow);
            ++created;
        }
        if (flow.nextTriggerAt <= now)
            flow.nextTriggerAt = now + nextGap(flow);
    }
    if (!flow.clientTokens.isEmpty()) {
        for (auto it = flow.clientTokens.begin(); it != flow.clientTokens.end();) {
            if (it->issuedAt + kClientTokenSeconds <= now)
                it = flow.clientTokens.erase(it);
            else
                ++it;
        }
    }
}

double RunEngine::nextGap(FlowState &flow)
{
    const double interval = flow.spec.triggerIntervalSeconds > 0 ? flow.spec.triggerIntervalSeconds
                                                                 : 3600;
    if (flow.spec.triggerType == QLatin1String("Scheduled"))
        return interval;
    QRandomGenerator rng(static_cast<quint32>(stableHash(flow.spec.flowName) ^ m_seed
                                              ^ (flow.runsCreated * 7919U)));
    return interval * (0.3 + 1.4 * rng.generateDouble());
}

Run RunEngine::plannedRun(FlowState &flow, double startedAt)
{
    const FlowSpec &spec = flow.spec;
    const RunProfile &profile = spec.runProfile;
    const quint64 key = stableHash(spec.flowName) ^ (quint64(m_seed) << 32) ^ flow.runsCreated;
    ++flow.runsCreated;
    QRandomGenerator rng(static_cast<quint32>(key ^ (key >> 32)));
    Run run;
    run.executionId = uuidFrom(rng);
    run.startedAt = startedAt;
    run.durationSeconds = profile.durationSeconds * (0.7 + 0.6 * rng.generateDouble());
    run.plannedRecords = static_cast<qint64>(static_cast<double>(profile.records)
                                             * (0.5 + rng.generateDouble()));
    run.bytesPerRecord = profile.bytesPerRecord;
    run.fails = rng.generateDouble() < profile.errorRate;
    if (run.fails) {
        run.errorMessage = profile.errorMessage.isEmpty() ? defaultErrorMessage(spec, rng.generate())
                                                          : profile.errorMessage;
        run.putFailuresCount = 1 + run.plannedRecords / 200;
    }
    run.batchApi = spec.usesBatchApi(run.plannedRecords);
    run.batchSeconds = profile.batchSeconds;
    run.maxPageSize = run.batchApi ? 10000 : 2000;
    run.parallelProcesses = run.batchApi ? 1 : 1 + rng.bounded(4);
    if (spec.triggerType == QLatin1String("Scheduled") && spec.triggerIntervalSeconds > 0) {
        run.dataPullStartTime = startedAt - spec.triggerIntervalSeconds;
        run.dataPullEndTime = startedAt;
    }
    return run;
}

Run RunEngine::runFromHistory(FlowState &flow, const HistoryEntry &entry, double now)
{
    const double ago = entry.startedSecondsAgo;
    Run run = plannedRun(flow, now - ago);
    if (entry.records >= 0) {
        run.plannedRecords = entry.records;
        run.batchApi = flow.spec.usesBatchApi(run.plannedRecords);
    }
    if (entry.durationSeconds > 0)
        run.durationSeconds = entry.durationSeconds;
    ExecutionStatus status = ExecutionStatus::Successful;
    parseExecutionStatus(entry.status, &status);
    const bool finished = status == ExecutionStatus::Successful || status == ExecutionStatus::Error;
    if (finished) {
        if (run.durationSeconds >= ago)
            run.durationSeconds = ago * 0.5;
        run.fails = status == ExecutionStatus::Error;
        if (run.fails) {
            if (!entry.errorMessage.isEmpty())
                run.errorMessage = entry.errorMessage;
            else if (run.errorMessage.isEmpty())
                run.errorMessage = flow.spec.runProfile.errorMessage.isEmpty()
                    ? defaultErrorMessage(flow.spec, static_cast<quint32>(ago))
                    : flow.spec.runProfile.errorMessage;
            if (run.putFailuresCount == 0)
                run.putFailuresCount = 1 + run.plannedRecords / 200;
        } else {
            run.errorMessage.clear();
            run.putFailuresCount = 0;
        }
        return run;
    }
    // Still running at start (or cancelled while running): its natural end lies ahead.
    if (run.durationSeconds <= ago)
        run.durationSeconds = ago + std::max(120.0, flow.spec.runProfile.durationSeconds * 0.5);
    if (status == ExecutionStatus::CancelStarted) {
        const double askedAt = now - std::min(ago * 0.5, 5.0);
        run.requestCancel(askedAt, kCancelDelaySeconds);
        if (run.cancelEffectiveAt <= now)
            run.cancelEffectiveAt = now + kCancelDelaySeconds;
    } else if (status == ExecutionStatus::Canceled) {
        const double askedAt = now - ago * 0.5;
        run.requestCancel(askedAt, kCancelDelaySeconds);
        run.cancelEffectiveAt = std::min(run.cancelEffectiveAt, now - ago * 0.1);
    }
    return run;
}

RunEngine::CancelOutcome RunEngine::cancel(const QString &flowName,
                                           const std::optional<QStringList> &executionIds)
{
    CancelOutcome outcome;
    FlowState *flow = advanced(flowName);
    if (!flow) {
        outcome.error = notFound(flowName);
        return outcome;
    }
    const double now = m_clock.now();
    if (!executionIds) {
        for (Run &run : flow->runs)
            run.requestCancel(now, kCancelDelaySeconds);
        return outcome;
    }
    QHash<QString, Run *> byId;
    byId.reserve(static_cast<qsizetype>(flow->runs.size()));
    for (Run &run : flow->runs)
        byId.insert(run.executionId, &run);
    QStringList cancelled;
    for (const QString &id : *executionIds) {
        Run *run = byId.value(id);
        if (run && run->requestCancel(now, kCancelDelaySeconds)) {
            cancelled.append(id);
            continue;
        }
        // The same ID twice in one request is one cancel, not one cancel and one failure.
        if (!cancelled.contains(id) && !outcome.invalidExecutions.contains(id))
            outcome.invalidExecutions.append(id);
    }
    return outcome;
}

RunEngine::StartOutcome RunEngine::start(const QString &flowName, const QString &clientToken)
{
    StartOutcome outcome;
    FlowState *flow = advanced(flowName);
    if (!flow) {
        outcome.error = notFound(flowName);
        return outcome;
    }
    outcome.flowArn = flow->flowArn;
    const double now = m_clock.now();
    if (!clientToken.isEmpty()) {
        const auto issued = flow->clientTokens.constFind(clientToken);
        if (issued != flow->clientTokens.constEnd()) {
            outcome.flowStatus = flow->flowStatus;
            outcome.executionId = issued->executionId;
            return outcome;
        }
    }
    const QString status = flow->flowStatus;
    if (status == QLatin1String("Draft") || status == QLatin1String("Deleted")
        || status == QLatin1String("Deprecated")) {
        outcome.error = EngineError{QStringLiteral("ConflictException"),
                                    QStringLiteral("Flow %1 cannot be started because its status "
                                                   "is %2.")
                                        .arg(flowName, status)};
        return outcome;
    }
    const bool wasActive = status == QLatin1String("Active");
    flow->flowStatus = QStringLiteral("Active");
    if (flow->spec.triggerType == QLatin1String("OnDemand")) {
        flow->runs.push_back(plannedRun(*flow, now));
        outcome.executionId = flow->runs.back().executionId;
    } else if (!wasActive) {
        flow->nextTriggerAt = now + nextGap(*flow);
    }
    if (!clientToken.isEmpty())
        flow->clientTokens.insert(clientToken, {outcome.executionId, now});
    outcome.flowStatus = flow->flowStatus;
    return outcome;
}

RunEngine::StopOutcome RunEngine::stop(const QString &flowName)
{
    StopOutcome outcome;
    FlowState *flow = advanced(flowName);
    if (!flow) {
        outcome.error = notFound(flowName);
        return outcome;
    }
    outcome.flowArn = flow->flowArn;
    if (flow->spec.triggerType == QLatin1String("OnDemand")) {
        outcome.error = EngineError{
            QStringLiteral("UnsupportedOperationException"),
            QStringLiteral("Stop flow is not supported for on-demand flows. Flow %1 runs only "
                           "when it is started.")
                .arg(flowName)};
        return outcome;
    }
    const QString status = flow->flowStatus;
    if (status == QLatin1String("Draft") || status == QLatin1String("Deleted")
        || status == QLatin1String("Deprecated")) {
        outcome.error = EngineError{QStringLiteral("ConflictException"),
                                    QStringLiteral("Flow %1 cannot be stopped because its status "
                                                   "is %2.")
                                        .arg(flowName, status)};
        return outcome;
    }
    // Runs already going keep going: only future scheduled or event runs stop.
    flow->flowStatus = QStringLiteral("Suspended");
    outcome.flowStatus = flow->flowStatus;
    return outcome;
}

} // namespace flowdesk::sim
