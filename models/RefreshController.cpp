#include "RefreshController.h"

#include <QLocale>

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
        if (!m_paused && !isBusy() && tickReads())
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

void RefreshController::retryUnread()
{
    if (!m_listingComplete) {
        startRefresh(Scope::Resume);
        return;
    }
    const QStringList unread = m_unread.keys();
    if (unread.isEmpty())
        return;
    m_cycleFailed = false;
    m_inCycle = true;
    m_stopRequested = false;
    m_progressDone = 0;
    m_progressTotal = int(unread.size());
    emit progressChanged(0, m_progressTotal);
    for (const QString &flow : unread)
        readFlow(flow);
}

void RefreshController::stop()
{
    if (isBusy())
        m_stopRequested = true;
    // Each aborted call reports Aborted (not an error) and finished(), which untracks it.
    const auto calls = m_calls;
    for (const QPointer<AppFlowCall> &call : calls) {
        if (call)
            call->abort();
    }
}

std::optional<appflow::AppFlowError> RefreshController::unreadError(const QString &flowName) const
{
    const auto it = m_unread.constFind(flowName);
    return it == m_unread.cend() ? std::nullopt : std::optional(*it);
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
    if (!tickReads())
        return {};
    return QDateTime::currentDateTime().addMSecs(m_timer.remainingTime());
}

bool RefreshController::tickReads() const
{
    // Runs are active (watch them), or something could not be read (read it again, as the
    // message bar says); otherwise F5 is the user's call.
    return m_activeRuns.rowCount() > 0 || !m_unread.isEmpty() || !m_listingComplete;
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

void RefreshController::startRefresh(Scope scope)
{
    if (isBusy() && scope == Scope::Active)
        return; // a tick never piles onto a running refresh
    m_cycleFailed = false;
    m_inCycle = true;
    m_stopRequested = false;
    m_progressDone = 0;
    m_progressTotal = 0;
    const QString startToken = scope == Scope::Resume ? m_resumeToken : QString();
    auto *call = m_client->listFlowsFrom(
        startToken, this, [this, scope](const AppFlowResult<AppFlowClient::FlowListing> &result) {
            if (!result.ok()) {
                if (result.error().code() == appflow::AppFlowError::Code::Aborted)
                    return;
                // Not even sent (an invalid resume token): the next try starts over.
                m_cycleFailed = true;
                m_resumeToken.clear();
                m_listingComplete = false;
                m_listingError = result.error();
                emit stateChanged();
                emit errorOccurred(result.error(), QStringLiteral("ListFlows"), QString());
                return;
            }
            const AppFlowClient::FlowListing &listing = result.value();
            applyListing(scope, listing);
            if (!listing.complete) {
                m_cycleFailed = true;
                emit errorOccurred(*listing.error, QStringLiteral("ListFlows"), QString());
            }
            QStringList toRead = flowsToRead(scope);
            if (scope == Scope::Resume) {
                // Only what the earlier refresh could not read: the flows of the pages read
                // now, and the flows whose runs failed.
                QSet<QString> wanted(m_unread.keyBegin(), m_unread.keyEnd());
                for (const FlowDefinition &flow : listing.flows)
                    wanted.insert(flow.flowName);
                toRead.removeIf([&wanted](const QString &flow) { return !wanted.contains(flow); });
            }
            m_progressTotal = int(toRead.size());
            emit progressChanged(0, m_progressTotal);
            for (const QString &flow : std::as_const(toRead))
                readFlow(flow);
        });
    track(call);
}

void RefreshController::applyListing(Scope scope, const AppFlowClient::FlowListing &listing)
{
    QSet<QString> listed = scope == Scope::Resume ? m_partialListing : QSet<QString>();
    for (const FlowDefinition &flow : listing.flows)
        listed.insert(flow.flowName);
    if (listing.complete) {
        // Every page is in: flows not listed are gone. After a resumed listing, the flows of
        // the earlier pages are those the unfinished listing named.
        QList<FlowDefinition> all;
        QSet<QString> fresh;
        for (const FlowDefinition &flow : listing.flows)
            fresh.insert(flow.flowName);
        if (scope == Scope::Resume) {
            for (int row = 0; row < m_flows.rowCount(); ++row) {
                const FlowDefinition &flow = m_flows.flow(row);
                if (listed.contains(flow.flowName) && !fresh.contains(flow.flowName))
                    all << flow;
            }
        }
        all += listing.flows;
        m_flows.merge(all);
        m_listingComplete = true;
        m_resumeToken.clear();
        m_listingError.reset();
        m_partialListing.clear();
        // Flows that vanished take their active runs, and their unread mark, with them.
        for (const QString &flow : m_activeRuns.flowNames()) {
            if (!listed.contains(flow))
                m_activeRuns.removeFlow(flow);
        }
        for (const QString &flow : m_unread.keys()) {
            if (!listed.contains(flow))
                m_unread.remove(flow);
        }
    } else {
        // Keep what was read; remove nothing: a flow not seen may be on the pages not read.
        m_flows.mergePartial(listing.flows);
        m_listingComplete = false;
        m_resumeToken = listing.resumeToken;
        m_listingError = listing.error;
        m_partialListing = listed;
    }
    // Flows that never ran have no history to read: they have no active runs.
    for (const FlowDefinition &flow : listing.flows) {
        if (!flow.lastRunExecutionDetails && m_flows.activeRunCount(flow.flowName) != 0)
            m_flows.setActiveRunCount(flow.flowName, 0);
    }
    emit stateChanged();
    if (listing.complete || listing.pages > 0)
        emit flowsListed();
}

QStringList RefreshController::flowsToRead(Scope scope) const
{
    QStringList result;
    const int rows = m_flows.rowCount();
    for (int row = 0; row < rows; ++row) {
        const FlowDefinition &flow = m_flows.flow(row);
        const QString signature = appflow::lastRunSignature(flow);
        bool read = false;
        if (flow.flowName == m_currentFlow)
            read = true;
        else if (signature.isEmpty())
            read = false; // never ran
        else if (scope == Scope::Full)
            read = true;
        else
            read = m_activeRuns.activeRunCount(flow.flowName) > 0
                || m_unread.contains(flow.flowName) // what the message bar promises
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
    const QString signature = row >= 0 ? appflow::lastRunSignature(m_flows.flow(row)) : QString();

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
                if (result.error().code() == appflow::AppFlowError::Code::Aborted)
                    return;
                m_cycleFailed = true;
                markUnread(flowName, result.error());
                emit errorOccurred(result.error(), QStringLiteral("DescribeFlowExecutionRecords"),
                                   flowName);
            } else {
                m_lastRunSeen.insert(flowName, signature);
                markRead(flowName);
                applyRuns(flowName, *collected);
            }
            // A flow that failed is done too: the count says how far the refresh got, and the
            // failures are told apart by unreadFlows().
            if (m_progressTotal > 0) {
                ++m_progressDone;
                emit progressChanged(qMin(m_progressDone, m_progressTotal), m_progressTotal);
            }
        });
    track(call);
}

void RefreshController::markUnread(const QString &flowName, const appflow::AppFlowError &error)
{
    m_unread.insert(flowName, error);
    m_flows.setRunsUnread(flowName, tr("%1 at %2")
                                        .arg(error.codeText(),
                                             QLocale().toString(QTime::currentTime(), QLocale::ShortFormat)));
    emit stateChanged();
}

void RefreshController::markRead(const QString &flowName)
{
    if (m_unread.remove(flowName) == 0)
        return;
    m_flows.setRunsUnread(flowName, QString());
    emit stateChanged();
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
        if (isBusy())
            return;
        const QDateTime now = QDateTime::currentDateTime();
        m_stopped = m_stopRequested;
        m_stopRequested = false;
        const bool cycle = std::exchange(m_inCycle, false);
        if (m_stopped || !cycle) {
            // What was merged stays; but neither a stopped refresh nor one flow's runs is a
            // refresh of the connection, so no time moves.
        } else if (m_cycleFailed) {
            ++m_errorStreak;
            m_lastRead = now;
        } else {
            m_errorStreak = 0;
            m_lastRefreshed = now;
            m_lastRead = now;
            emit refreshed(m_lastRefreshed);
        }
        m_progressTotal = 0;
        emit stateChanged();
        emit busyChanged(false);
        scheduleNextTick();
    });
    if (!wasBusy) {
        m_stopped = false;
        emit busyChanged(true);
    }
}

} // namespace flowdesk::models
