#include "RefreshController.h"

#include <memory>

namespace flowdesk::models {

using appflow::AppFlowCall;
using appflow::AppFlowClient;
using appflow::AppFlowResult;
using appflow::ExecutionRecord;
using appflow::FlowDefinition;

namespace {

bool pageHasActiveRun(const QList<ExecutionRecord> &page)
{
    for (const ExecutionRecord &record : page) {
        if (appflow::isActive(record.executionStatus))
            return true;
    }
    return false;
}

} // namespace

RefreshController::RefreshController(AppFlowClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        m_flows.refreshTimeColumns();
        m_runs.refreshTimeColumns();
        m_activeRuns.refreshTimeColumns();
        // The rule: poll while anything is active; otherwise F5 is the user's call.
        if (!m_paused && !isBusy() && m_activeRuns.rowCount() > 0)
            refreshActive();
        else
            scheduleNextTick();
    });
    scheduleNextTick();
}

RefreshController::~RefreshController()
{
    stop();
}

void RefreshController::setCurrentFlow(const QString &flowName)
{
    if (flowName == m_currentFlow)
        return;
    m_currentFlow = flowName;
    m_runs.setFlowName(flowName);
    if (!flowName.isEmpty())
        readFlow(flowName);
}

void RefreshController::refresh()
{
    startRefresh(Scope::Full);
}

void RefreshController::refreshActive()
{
    startRefresh(Scope::Active);
}

void RefreshController::refreshFlow(const QString &flowName)
{
    readFlow(flowName);
}

void RefreshController::stop()
{
    // Each aborted call reports Aborted (not an error) and finished(), which untracks it.
    const auto calls = m_calls;
    for (const QPointer<AppFlowCall> &call : calls) {
        if (call)
            call->abort();
    }
}

void RefreshController::setAutoRefreshInterval(int seconds)
{
    m_intervalSeconds = qMax(0, seconds);
    scheduleNextTick();
}

QDateTime RefreshController::nextAutoRefresh() const
{
    if (m_paused || !m_timer.isActive())
        return {};
    // A tick reads only while runs are active; otherwise it just waits for the next one.
    if (m_activeRuns.rowCount() == 0)
        return {};
    return QDateTime::currentDateTime().addMSecs(m_timer.remainingTime());
}

void RefreshController::setPaused(bool paused)
{
    m_paused = paused;
}

void RefreshController::scheduleNextTick()
{
    if (m_intervalSeconds <= 0) {
        m_timer.stop();
        return;
    }
    // Back off while the service keeps failing, so a broken connection is not hammered.
    const int factor = 1 << qMin(m_errorStreak, 3);
    m_timer.start(std::chrono::seconds(m_intervalSeconds * factor));
}

QString RefreshController::lastRunSignature(const FlowDefinition &flow)
{
    if (!flow.lastRunExecutionDetails)
        return {};
    const appflow::ExecutionDetails &last = *flow.lastRunExecutionDetails;
    return last.mostRecentExecutionTime.toString(Qt::ISODateWithMs) + u'|'
        + last.mostRecentExecutionStatusText;
}

void RefreshController::startRefresh(Scope scope)
{
    if (isBusy() && scope == Scope::Active)
        return; // a tick never piles onto a running refresh
    m_cycleFailed = false;
    m_progressDone = 0;
    m_progressTotal = 0;
    auto *call = m_client->listFlows(this, [this, scope](const AppFlowResult<QList<FlowDefinition>> &result) {
        if (!result.ok()) {
            if (result.error().code() != appflow::AppFlowError::Code::Aborted) {
                m_cycleFailed = true;
                emit errorOccurred(result.error(), QStringLiteral("ListFlows"), QString());
            }
            return;
        }
        m_flows.merge(result.value());
        // Flows that vanished take their active runs with them.
        const QStringList known = m_flows.flowNames();
        const QSet<QString> knownSet(known.cbegin(), known.cend());
        for (const QString &flow : m_activeRuns.flowNames()) {
            if (!knownSet.contains(flow))
                m_activeRuns.removeFlow(flow);
        }
        emit flowsListed();

        const QStringList toRead = flowsToRead(scope);
        // Flows that never ran have no history to read: they have no active runs.
        for (const FlowDefinition &flow : result.value()) {
            if (!flow.lastRunExecutionDetails && m_flows.activeRunCount(flow.flowName) != 0)
                m_flows.setActiveRunCount(flow.flowName, 0);
        }
        m_progressTotal = int(toRead.size());
        emit progressChanged(0, m_progressTotal);
        for (const QString &flow : toRead)
            readFlow(flow);
    });
    track(call);
}

QStringList RefreshController::flowsToRead(Scope scope) const
{
    QStringList result;
    const int rows = m_flows.rowCount();
    for (int row = 0; row < rows; ++row) {
        const FlowDefinition &flow = m_flows.flow(row);
        const QString signature = lastRunSignature(flow);
        bool read = false;
        if (flow.flowName == m_currentFlow)
            read = true;
        else if (signature.isEmpty())
            read = false; // never ran
        else if (scope == Scope::Full)
            read = true;
        else
            read = m_activeRuns.activeRunCount(flow.flowName) > 0
                || m_lastRunSeen.value(flow.flowName) != signature
                || appflow::isActive(flow.lastRunExecutionDetails->mostRecentExecutionStatus);
        if (read)
            result << flow.flowName;
    }
    return result;
}

void RefreshController::readFlow(const QString &flowName)
{
    if (m_readingFlows.contains(flowName))
        return;
    m_readingFlows.insert(flowName);
    const int row = m_flows.indexOfId(flowName);
    const QString signature = row >= 0 ? lastRunSignature(m_flows.flow(row)) : QString();

    auto collected = std::make_shared<QList<ExecutionRecord>>();
    AppFlowClient::ExecutionRecordsOptions options;
    options.maxResults = m_pageSize;
    auto *call = m_client->describeFlowExecutionRecords(
        flowName, options, this,
        [collected](const QList<ExecutionRecord> &page) {
            collected->append(page);
            return pageHasActiveRun(page) ? AppFlowClient::PageAction::Continue
                                          : AppFlowClient::PageAction::Stop;
        },
        [this, flowName, collected, signature](
            const AppFlowResult<AppFlowClient::ExecutionRecordsSummary> &result) {
            m_readingFlows.remove(flowName);
            if (!result.ok()) {
                if (result.error().code() != appflow::AppFlowError::Code::Aborted) {
                    m_cycleFailed = true;
                    emit errorOccurred(result.error(),
                                       QStringLiteral("DescribeFlowExecutionRecords"), flowName);
                }
                return;
            }
            m_lastRunSeen.insert(flowName, signature);
            applyRuns(flowName, *collected);
            if (m_progressTotal > 0) {
                ++m_progressDone;
                emit progressChanged(qMin(m_progressDone, m_progressTotal), m_progressTotal);
            }
        });
    track(call);
}

void RefreshController::noteCancelStarted(const QString &flowName, const QStringList &executionIds)
{
    m_cancelStarted.add(flowName, executionIds);
    // Merge the runs already shown again, now seen through the cancel: the same rows, so only
    // the status cells change.
    QList<ExecutionRecord> active;
    for (int row = 0; row < m_activeRuns.rowCount(); ++row) {
        if (m_activeRuns.run(row).flowName == flowName)
            active << m_activeRuns.run(row).record;
    }
    m_activeRuns.mergeFlow(flowName, m_cancelStarted.apply(flowName, active));
    if (flowName == m_currentFlow) {
        QList<ExecutionRecord> runs;
        for (int row = 0; row < m_runs.rowCount(); ++row)
            runs << m_runs.record(row);
        m_runs.merge(m_cancelStarted.apply(flowName, runs));
    }
}

void RefreshController::applyRuns(const QString &flowName, const QList<ExecutionRecord> &read)
{
    const QList<ExecutionRecord> records = m_cancelStarted.apply(flowName, read);
    m_activeRuns.mergeFlow(flowName, records);
    m_flows.setActiveRunCount(flowName, m_activeRuns.activeRunCount(flowName));
    if (flowName == m_currentFlow)
        m_runs.merge(records);
}

void RefreshController::track(AppFlowCall *call)
{
    const bool wasBusy = isBusy();
    m_calls.append(call);
    connect(call, &AppFlowCall::finished, this, [this, call] {
        m_calls.removeAll(call);
        m_calls.removeAll(nullptr);
        if (!isBusy()) {
            if (m_cycleFailed) {
                ++m_errorStreak;
            } else {
                m_errorStreak = 0;
                m_lastRefreshed = QDateTime::currentDateTime();
                emit refreshed(m_lastRefreshed);
            }
            m_progressTotal = 0;
            emit busyChanged(false);
            scheduleNextTick();
        }
    });
    if (!wasBusy)
        emit busyChanged(true);
}

} // namespace flowdesk::models
