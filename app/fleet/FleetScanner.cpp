#include "FleetScanner.h"

#include "FleetLogging.h"
#include "AccountCredentialView.h"
#include "PortalRoleCredentialSource.h"
#include "SsoPortalClient.h"

#include <AppFlowCall.h>
#include <AppFlowClient.h>
#include <CachingCredentialSource.h>
#include <SsoCredentialSource.h>

#include <QSet>

namespace flowdesk::fleet {

// One account × region being read.
struct FleetScanner::Reading {
    int index = 0;
    quint64 generation = 0;
    QPointer<appflow::AppFlowClient> client;
    int pendingFlows = 0;
    QHash<QString, QString> signatures; // flow → last-run signature, from this read's listing
};

FleetScanner::FleetScanner(aws::SsoCredentialSource *login, SsoPortalClient *portal,
                           const Settings &settings, QObject *parent)
    : QObject(parent)
    , m_login(login)
    , m_portal(portal)
    , m_settings(settings)
{
    m_settings.maxConcurrentRegions = qMax(1, m_settings.maxConcurrentRegions);
}

FleetScanner::~FleetScanner() = default;

int FleetScanner::activeRunCount() const
{
    int count = 0;
    for (const FleetRegionState &region : m_regions)
        count += static_cast<int>(region.activeRuns.size());
    return count;
}

appflow::AppFlowClientConfig FleetScanner::configFor(const QString &region) const
{
    appflow::AppFlowClientConfig config = m_settings.clientConfig;
    config.endpoint = m_settings.endpointFor ? m_settings.endpointFor(region) : QUrl();
    config.region = region;
    // Every account × region is throttled on its own; adaptive mode learns each one's rate.
    config.retry.adaptive = true;
    return config;
}

void FleetScanner::scan(const QList<FleetAccountChoice> &accounts, const QStringList &regions, Scope scope)
{
    stop();
    m_scope = scope;
    m_flowsRead = 0;
    m_regions.clear();
    m_queue.clear();
    m_finished = 0;
    m_pages = 0;
    m_failedCalls = 0;
    m_scanContext = new QObject(this);
    for (const FleetAccountChoice &account : accounts) {
        // Credentials of an account whose role changed are fetched afresh.
        const auto known = m_accounts.constFind(account.accountId);
        if (known != m_accounts.cend() && known->roleName != account.roleName) {
            delete m_credentials.take(account.accountId);
        }
        m_accounts.insert(account.accountId, account);
        for (const QString &region : regions) {
            FleetRegionState state;
            state.accountId = account.accountId;
            state.accountName = account.accountName;
            state.roleName = account.roleName;
            state.region = region;
            m_queue.push_back(static_cast<int>(m_regions.size()));
            m_regions.append(state);
        }
    }
    emit progressChanged(0, static_cast<int>(m_regions.size()));
    if (m_regions.isEmpty()) {
        emit finished();
        return;
    }
    startNext();
}

void FleetScanner::stop()
{
    ++m_generation;
    // Deleting the context aborts every call of the scan (their context is gone).
    delete m_scanContext;
    m_scanContext = nullptr;
    m_reading = 0;
    bool changed = false;
    for (int i = 0; i < m_regions.size(); ++i) {
        FleetRegionState &state = m_regions[i];
        if (state.isFinished())
            continue;
        state.status = FleetRegionState::Status::Failed;
        state.error = appflow::AppFlowError::aborted();
        ++m_finished;
        changed = true;
        emit regionChanged(i);
    }
    m_queue.clear();
    if (changed) {
        emit progressChanged(m_finished, static_cast<int>(m_regions.size()));
        emit finished();
    }
}

aws::CachingCredentialSource *FleetScanner::credentialsFor(const QString &accountId)
{
    if (aws::CachingCredentialSource *source = m_credentials.value(accountId))
        return source;
    const auto account = m_accounts.constFind(accountId);
    if (account == m_accounts.cend() || !m_login || !m_portal)
        return nullptr;
    auto *inner = new PortalRoleCredentialSource(m_login, m_portal, account->accountId,
                                                 account->roleName, account->accountName);
    auto *caching = new aws::CachingCredentialSource(inner, this);
    m_credentials.insert(accountId, caching);
    return caching;
}

void FleetScanner::startNext()
{
    while (m_reading < m_settings.maxConcurrentRegions && !m_queue.empty()) {
        const int index = m_queue.front();
        m_queue.pop_front();
        startRegion(index);
    }
}

void FleetScanner::startRegion(int index)
{
    FleetRegionState &state = m_regions[index];
    if (m_scope == Scope::Active) {
        const auto refused = m_refused.constFind(state.accountId + u'/' + state.region);
        if (refused != m_refused.cend() && refused->roleName == state.roleName) {
            state = *refused;
            ++m_finished;
            emit regionChanged(index);
            emit progressChanged(m_finished, static_cast<int>(m_regions.size()));
            if (m_finished == m_regions.size())
                emit finished();
            return;
        }
    }
    aws::CachingCredentialSource *credentials = credentialsFor(state.accountId);
    if (!credentials) {
        state.status = FleetRegionState::Status::Failed;
        state.error = appflow::AppFlowError::credentialsUnavailable(
            state.accountId, tr("The IAM Identity Center connection was closed."));
        ++m_finished;
        emit regionChanged(index);
        emit progressChanged(m_finished, static_cast<int>(m_regions.size()));
        return;
    }
    ++m_reading;
    state.status = FleetRegionState::Status::Reading;
    emit regionChanged(index);

    auto reading = std::make_shared<Reading>();
    reading->index = index;
    reading->generation = m_generation;
    // A client for the scan only: its connections close when the region is read, so a fleet
    // of a thousand account-regions never holds more than maxConcurrentRegions of them.
    // Through a view that keeps just-issued credentials when this region refuses them (not
    // enabled for the account), so the account's other regions keep theirs.
    auto *view = new AccountCredentialView(credentials);
    reading->client = new appflow::AppFlowClient(configFor(state.region), view, m_scanContext);
    view->setParent(reading->client);
    reading->client->listFlowsFrom(
        QString(), m_scanContext,
        [this, reading](const appflow::AppFlowResult<appflow::AppFlowClient::FlowListing> &result) {
            if (reading->generation != m_generation)
                return;
            FleetRegionState &state = m_regions[reading->index];
            if (!result.ok()) {
                ++m_failedCalls;
                state.error = result.error();
                state.status = FleetRegionState::Status::Failed;
                finishRegion(reading);
                return;
            }
            const appflow::AppFlowClient::FlowListing &listing = result.value();
            m_pages += listing.pages;
            state.flowCount = static_cast<int>(listing.flows.size());
            if (!listing.complete) {
                ++m_failedCalls;
                state.error = listing.error;
                // Nothing listed: nothing known. Some pages: those flows are read, and the
                // region says it is partial.
                if (listing.flows.isEmpty()) {
                    state.status = FleetRegionState::Status::Failed;
                    state.flowCount = -1;
                    finishRegion(reading);
                    return;
                }
            }
            readRuns(reading, listing.flows);
        });
}

void FleetScanner::readRuns(const std::shared_ptr<Reading> &reading,
                            const QList<appflow::FlowDefinition> &flows)
{
    FleetRegionState &state = m_regions[reading->index];
    const QString key = state.accountId + u'/' + state.region;
    const auto seen = m_lastRunSeen.constFind(key);
    const auto before = m_lastRead.constFind(key);
    // An Active scan trusts the last complete read of this region for the flows it skips.
    const bool incremental = m_scope == Scope::Active && seen != m_lastRunSeen.cend() && before != m_lastRead.cend();
    QSet<QString> hadActive;
    if (incremental) {
        for (const FleetRun &run : before->activeRuns)
            hadActive.insert(run.flowName);
    }
    QHash<QString, QString> signatures;
    QList<appflow::FlowDefinition> ran;
    for (const appflow::FlowDefinition &flow : flows) {
        const QString signature = appflow::lastRunSignature(flow);
        signatures.insert(flow.flowName, signature);
        if (signature.isEmpty())
            continue; // never ran
        const bool changed = !incremental || seen->value(flow.flowName) != signature;
        if (changed || hadActive.contains(flow.flowName))
            ran.append(flow);
    }
    if (incremental) {
        // Flows not read again keep what the last read found (they had no active run then and
        // their last run has not changed: still none). Flows gone from the listing leave.
        QSet<QString> reading_;
        for (const appflow::FlowDefinition &flow : ran)
            reading_.insert(flow.flowName);
        for (const FleetRun &run : before->activeRuns) {
            if (!reading_.contains(run.flowName) && signatures.contains(run.flowName))
                state.activeRuns.append(run);
        }
    }
    // Remembered only once the region is read completely (finishRegion).
    reading->signatures = signatures;
    m_flowsRead += static_cast<int>(ran.size());
    reading->pendingFlows = static_cast<int>(ran.size());
    if (ran.isEmpty() || !reading->client) {
        finishRegion(reading);
        return;
    }
    appflow::AppFlowClient::ExecutionRecordsOptions options;
    options.maxResults = 100;
    for (const appflow::FlowDefinition &flow : ran) {
        const QString flowName = flow.flowName;
        auto active = std::make_shared<QList<FleetRun>>();
        reading->client->describeFlowExecutionRecords(
            flowName, options, m_scanContext,
            [this, reading, flowName, active](const QList<appflow::ExecutionRecord> &page) {
                if (reading->generation != m_generation)
                    return appflow::AppFlowClient::PageAction::Stop;
                ++m_pages;
                bool any = false;
                for (const appflow::ExecutionRecord &record : page) {
                    if (appflow::isActive(record.executionStatus)) {
                        active->append({flowName, record});
                        any = true;
                    }
                }
                // Active runs are the newest: a page without one ends the search.
                return any ? appflow::AppFlowClient::PageAction::Continue
                           : appflow::AppFlowClient::PageAction::Stop;
            },
            [this, reading, active](const appflow::AppFlowResult<appflow::AppFlowClient::ExecutionRecordsSummary> &result) {
                if (reading->generation != m_generation)
                    return;
                FleetRegionState &state = m_regions[reading->index];
                // What a failed listing read before it failed is still true; kept, and the
                // flow counted unread.
                state.activeRuns.append(*active);
                if (!result.ok()) {
                    ++m_failedCalls;
                    ++state.unreadFlows;
                    if (!state.error)
                        state.error = result.error();
                }
                emit regionChanged(reading->index);
                if (--reading->pendingFlows == 0)
                    finishRegion(reading);
            });
    }
}

void FleetScanner::finishRegion(const std::shared_ptr<Reading> &reading)
{
    FleetRegionState &state = m_regions[reading->index];
    if (state.status == FleetRegionState::Status::Reading)
        state.status = state.error ? FleetRegionState::Status::Partial : FleetRegionState::Status::Read;
    const QString key = state.accountId + u'/' + state.region;
    if (state.status == FleetRegionState::Status::Read) {
        m_lastRunSeen.insert(key, reading->signatures);
        m_lastRead.insert(key, state);
        m_refused.remove(key);
    } else {
        // Not read completely: the next Active scan reads this region in full, unless AppFlow
        // refused it for good (the same answer would come again).
        m_lastRunSeen.remove(key);
        m_lastRead.remove(key);
        const bool forGood = state.status == FleetRegionState::Status::Failed && state.error
            && (state.error->code() == appflow::AppFlowError::Code::AccessDenied
                || state.error->codeText() == u"UnrecognizedClientException");
        if (forGood)
            m_refused.insert(key, state);
        else
            m_refused.remove(key);
    }
    if (state.error)
        qCInfo(lcFleet).noquote() << "account" << state.accountId << state.region << "not fully read:"
                                  << state.error->toString();
    if (reading->client)
        reading->client->deleteLater();
    --m_reading;
    ++m_finished;
    emit regionChanged(reading->index);
    emit progressChanged(m_finished, static_cast<int>(m_regions.size()));
    if (m_finished == m_regions.size()) {
        emit finished();
        return;
    }
    startNext();
}

} // namespace flowdesk::fleet
