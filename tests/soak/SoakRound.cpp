#include "SoakRound.h"

#include "ControllerReport.h"
#include "RunVerdict.h"
#include "ScenarioSetup.h"
#include "SimRequestLog.h"
#include "Wait.h"

#include <AppFlowClient.h>
#include <AuditLogReader.h>
#include <CancelController.h>
#include <Connection.h>
#include <ConnectionFactory.h>
#include <CredentialSource.h>
#include <RefreshController.h>
#include <Simulator.h>

#include <QElapsedTimer>
#include <QHash>
#include <QRandomGenerator>
#include <QSet>
#include <QTemporaryDir>

#include <algorithm>
#include <memory>

namespace flowdesk::soak {

using appflow::ExecutionRecord;
using Result = ReportedOutcome::Result;

namespace {

QString key(const QString &flowName, const QString &executionId)
{
    return flowName + u'/' + executionId;
}

// What the simulator received in one phase, per flow and operation.
struct FlowRequests {
    int attempts = 0;
    int answeredOk = 0; // HTTP 200: the simulator acted on it
    int lastStatus = -1; // of the last attempt; 0 = dropped
};

QHash<QString, FlowRequests> requestsPerFlow(const QList<SimRequestLog::Entry> &entries,
                                             const QString &operation)
{
    QHash<QString, FlowRequests> perFlow;
    for (const SimRequestLog::Entry &entry : entries) {
        if (entry.operation != operation)
            continue;
        FlowRequests &flow = perFlow[entry.flowName];
        ++flow.attempts;
        flow.answeredOk += entry.status == 200 ? 1 : 0;
        flow.lastStatus = entry.status;
    }
    return perFlow;
}

} // namespace

SoakRound::SoakRound(const SoakSettings &settings, quint32 seed)
    : m_settings(settings)
    , m_seed(seed)
{ }

bool SoakRound::run(RoundFigures *figures)
{
    QElapsedTimer wall;
    wall.start();
    RoundFigures &f = *figures;
    f = RoundFigures();
    f.rounds = 1;

    QTemporaryDir dir;
    if (!dir.isValid()) {
        m_error = QStringLiteral("no temporary folder: %1").arg(dir.errorString());
        return false;
    }
    const QString requestLogPath = dir.filePath(QStringLiteral("requests.jsonl"));
    const QString auditPath = dir.filePath(QStringLiteral("audit-log.jsonl"));

    sim::SimulatorConfig config;
    config.secretAccessKey = QStringLiteral("soak-secret-%1").arg(m_seed);
    config.generatedFlows = m_settings.flows;
    config.seed = m_seed;
    config.speed = m_settings.speed;
    config.throttleRate = m_settings.throttleRate;
    config.errorRate = m_settings.errorRate;
    config.dropRate = m_settings.dropRate;
    config.latencyMs = m_settings.latencyMs;
    config.requestLogPath = requestLogPath;
    sim::Simulator simulator(config);
    if (!simulator.listen()) {
        m_error = QStringLiteral("the simulator did not start: %1").arg(simulator.errorString());
        return false;
    }
    SimRequestLog requestLog(requestLogPath);
    // The controllers get a connection as the app opens it (its retry policy and quota); the
    // set-up a client of its own that retries at once, so setting up takes little time.
    const std::unique_ptr<models::Connection> connection(ConnectionFactory::connectTo(&simulator));
    aws::StaticCredentialSource setupCredentials(simulator.credentials(),
                                                 QStringLiteral("soak set-up"));
    appflow::AppFlowClientConfig setupConfig;
    setupConfig.endpoint = simulator.url();
    setupConfig.region = simulator.config().region;
    setupConfig.retry.maxAttempts = 5;
    setupConfig.retry.baseDelay = std::chrono::milliseconds(10);
    setupConfig.retry.maxBackoff = std::chrono::milliseconds(100);
    appflow::AppFlowClient setupClient(setupConfig, &setupCredentials);
    f.flowsListed = int(simulator.flowNames().size());

    // 1. Set-up: active on-demand flows (in a seeded random order), with runs started on them.
    QRandomGenerator random(m_seed);
    QStringList candidates = simulator.flowNames();
    std::shuffle(candidates.begin(), candidates.end(), random);
    ScenarioSetup setup(simulator, &setupClient);
    QStringList flows;
    for (const QString &flow : std::as_const(candidates)) {
        if (flows.size() == m_settings.cancelFlows)
            break;
        if (setup.isActiveOnDemand(flow))
            flows << flow;
    }
    if (flows.size() < m_settings.cancelFlows) {
        m_error = QStringLiteral("found %1 active on-demand flows of %2 wanted (%3)")
                      .arg(flows.size())
                      .arg(m_settings.cancelFlows)
                      .arg(setup.errorString());
        return false;
    }
    for (const QString &flow : std::as_const(flows)) {
        if (!setup.startRuns(flow, m_settings.startRuns)) {
            m_error = setup.errorString();
            return false;
        }
    }

    f.setupMs = wall.elapsed();

    // 2. A full refresh, as F5 does it.
    QElapsedTimer phase;
    phase.start();
    models::RefreshController refresh(connection->client());
    refresh.setAutoRefreshInterval(0);
    RefreshReport refreshReport(&refresh);
    bool refreshDone = false;
    QObject::connect(&refresh, &models::RefreshController::busyChanged, &refresh,
                     [&refreshDone](bool busy) { refreshDone = !busy; });
    const qint64 refreshMark = requestLog.mark();
    refresh.refresh();
    if (!waitUntil([&refreshDone] { return refreshDone; },
                   m_settings.refreshTimeoutSeconds * 1000)) {
        ++f.timeouts;
        f.details << QStringLiteral("refresh: still busy after %1 s; stopped")
                         .arg(m_settings.refreshTimeoutSeconds);
        refresh.stop();
        waitUntil([&refreshDone] { return refreshDone; }, 10000);
    }
    f.refreshMs = phase.elapsed();
    const QList<SimRequestLog::Entry> refreshRequests = requestLog.entries(refreshMark);

    // The simulator's view of the refresh: the listing is complete when its last ListFlows
    // request was answered (pages are read one after the other); a flow is unread when every
    // DescribeFlowExecutionRecords attempt for it failed.
    bool listingComplete = false;
    for (const SimRequestLog::Entry &entry : refreshRequests) {
        if (entry.operation == QLatin1String("ListFlows"))
            listingComplete = entry.status == 200;
    }
    f.listingIncomplete = listingComplete ? 0 : 1;
    if (listingComplete != refreshReport.listingComplete()) {
        f.listingMismatched = 1;
        f.details << QStringLiteral("listing: the simulator %1 it, the refresh reports it %2")
                         .arg(listingComplete ? QStringLiteral("answered all of")
                                              : QStringLiteral("failed part of"),
                              refreshReport.listingComplete() ? QStringLiteral("complete")
                                                              : QStringLiteral("incomplete"));
    }
    QSet<QString> unreadBySimulator;
    const QHash<QString, FlowRequests> reads
        = requestsPerFlow(refreshRequests, QStringLiteral("DescribeFlowExecutionRecords"));
    for (auto it = reads.cbegin(); it != reads.cend(); ++it) {
        if (it->answeredOk == 0)
            unreadBySimulator.insert(it.key());
    }
    const QStringList marked = refreshReport.unreadFlows();
    const QSet<QString> unreadMarked(marked.cbegin(), marked.cend());
    f.unreadBySimulator = int(unreadBySimulator.size());
    f.unreadMarked = int(unreadMarked.size());
    for (const QString &flow : unreadBySimulator - unreadMarked) {
        ++f.unreadMismatched;
        f.details << QStringLiteral(
                         "unread flow %1: all %2 history reads failed, not marked unread")
                         .arg(flow)
                         .arg(reads.value(flow).attempts);
    }
    for (const QString &flow : unreadMarked - unreadBySimulator) {
        // Every attempt lost on the way (a refused or reset connection): the simulator never
        // saw them, so "unread" is right, and its log cannot confirm it.
        if (reads.value(flow).attempts == 0 && refreshReport.unreadOnTheWay(flow)) {
            ++f.unreadNeverReached;
            f.details << QStringLiteral("flow %1: marked unread (%2), no attempt reached the simulator")
                             .arg(flow, refreshReport.unreadReason(flow));
            continue;
        }
        ++f.unreadMismatched;
        f.details << QStringLiteral("flow %1: marked unread (%4), but the simulator answered %2 of %3 "
                                    "history reads")
                         .arg(flow)
                         .arg(reads.value(flow).answeredOk)
                         .arg(reads.value(flow).attempts)
                         .arg(refreshReport.unreadReason(flow));
    }

    // 3. The runs to cancel: each flow's newest (the runs just started, then finished ones), as
    // the app last saw them; then some of the started ones cancelled behind its back.
    QList<models::CancelController::Target> targets;
    for (const QString &flow : std::as_const(flows)) {
        models::CancelController::Target target;
        target.flowName = flow;
        QStringList inProgress;
        const QStringList ids = simulator.executionIds(flow).mid(0, m_settings.runsPerFlow);
        for (const QString &id : ids) {
            ExecutionRecord record;
            record.executionId = id;
            record.executionStatusText = simulator.executionStatus(flow, id);
            record.executionStatus = appflow::executionStatusFromString(record.executionStatusText);
            if (record.executionStatus == appflow::ExecutionStatus::InProgress)
                inProgress << id;
            target.runs << record;
        }
        std::shuffle(inProgress.begin(), inProgress.end(), random);
        if (!setup.cancel(flow, inProgress.mid(0, m_settings.cancelledBehind))) {
            m_error = setup.errorString();
            return false;
        }
        targets << target;
    }
    QSet<QString> cancelledBefore;
    for (const models::CancelController::Target &target : std::as_const(targets)) {
        for (const ExecutionRecord &run : target.runs) {
            if (simulator.cancelRequested(target.flowName, run.executionId))
                cancelledBefore.insert(key(target.flowName, run.executionId));
        }
    }

    // 4. The cancel, as the outcome window runs it.
    const qint64 cancelMark = requestLog.mark();
    models::CancelController controller(connection->client(), connection->info(), auditPath);
    bool settled = false;
    QObject::connect(&controller, &models::CancelController::settled, &controller,
                     [&settled] { settled = true; });
    phase.restart();
    controller.start(targets);
    if (!waitUntil([&settled] { return settled; }, m_settings.settleTimeoutSeconds * 1000)) {
        ++f.timeouts;
        f.details << QStringLiteral("cancel: not settled after %1 s (requests %2)")
                         .arg(m_settings.settleTimeoutSeconds)
                         .arg(controller.requestsFinished() ? QStringLiteral("finished")
                                                            : QStringLiteral("still pending"));
    }

    f.cancelMs = phase.elapsed();

    // 5. Run by run, now.
    const QList<SimRequestLog::Entry> cancelPhase = requestLog.entries(cancelMark);
    const QHash<QString, FlowRequests> cancels
        = requestsPerFlow(cancelPhase, QStringLiteral("CancelFlowExecutions"));
    const models::CancelOutcomeModel &outcomes = *controller.outcomes();
    for (const models::CancelController::Target &target : std::as_const(targets)) {
        const FlowRequests sent = cancels.value(target.flowName);
        for (const ExecutionRecord &run : target.runs) {
            ExpectedOutcome expected;
            expected.statusText = simulator.executionStatus(target.flowName, run.executionId);
            expected.status = appflow::executionStatusFromString(expected.statusText);
            expected.cancelledBySimulator
                = simulator.cancelRequested(target.flowName, run.executionId);
            if (sent.answeredOk == 0) {
                expected.result = Result::RequestFailed;
                expected.answered = sent.lastStatus > 0;
            } else if (cancelledBefore.contains(key(target.flowName, run.executionId))) {
                expected.result = Result::AlreadyCancelled;
            } else if (expected.cancelledBySimulator) {
                expected.result = Result::CancelStarted;
            } else {
                expected.result = Result::NotCancellable;
            }
            const int row = outcomes.indexOf(target.flowName, run.executionId);
            const ReportedOutcome reported = row >= 0 ? reportOf(outcomes, row) : ReportedOutcome();

            ++f.runsChecked;
            ++f.expectedMix[RunVerdict::resultName(expected.result)];
            const RunVerdict verdict = RunVerdict::judge(expected, reported);
            if (verdict.kind == RunVerdict::Kind::Correct)
                continue;
            if (verdict.kind == RunVerdict::Kind::NotReported)
                ++f.notReported;
            else
                ++f.misreported;
            if (verdict.reportedCancelledButNot)
                ++f.reportedCancelledButNot;
            f.details << QStringLiteral("%1 %2: expected %3 | reported %4 | %5")
                             .arg(verdict.kind == RunVerdict::Kind::NotReported
                                      ? QStringLiteral("NOT REPORTED")
                                      : QStringLiteral("MISREPORTED"),
                                  key(target.flowName, run.executionId),
                                  RunVerdict::describe(expected), RunVerdict::describe(reported),
                                  verdict.problems.join(QStringLiteral("; ")));
        }
    }

    // Every cancel request the simulator received must follow an intent line for its flow.
    audit::AuditLogReader audit(auditPath);
    if (!audit.load())
        f.details << QStringLiteral("audit log: %1").arg(audit.errorString());
    for (const SimRequestLog::Entry &request : cancelPhase) {
        if (request.operation != QLatin1String("CancelFlowExecutions"))
            continue;
        ++f.cancelRequests;
        bool intentBefore = false;
        for (const audit::AuditEntry &entry : audit.entriesForFlow(request.flowName)) {
            if (entry.type == audit::AuditEntry::Type::Intent && entry.time <= request.time)
                intentBefore = true;
        }
        if (!intentBefore) {
            ++f.cancelsWithoutIntent;
            f.details << QStringLiteral(
                             "cancel request for %1 at %2 without an intent line before it")
                             .arg(request.flowName, request.time.toString(Qt::ISODateWithMs));
        }
    }

    f.wallMs = wall.elapsed();
    return true;
}

} // namespace flowdesk::soak
