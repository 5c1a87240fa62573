#pragma once

#include <AppFlowClientConfig.h>
#include <AppFlowError.h>
#include <AppFlowTypes.h>

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QUrl>

#include <deque>
#include <functional>
#include <optional>

namespace flowdesk::aws {
class CachingCredentialSource;
class CredentialSource;
class SsoCredentialSource;
}
namespace flowdesk::appflow {
class AppFlowClient;
}

namespace flowdesk::fleet {

class SsoPortalClient;

// An account of the fleet and the role Flowdesk takes in it.
struct FleetAccountChoice {
    QString accountId;
    QString accountName;
    QString roleName;
};

// One active run somewhere in the fleet.
struct FleetRun {
    QString flowName;
    appflow::ExecutionRecord record;
};

// What is known of one account × region. Never more than was read: a region whose listing or
// some flow's runs could not be read is Partial (with the rows it did read) or Failed, with
// the reason, never shown as complete.
struct FleetRegionState {
    enum class Status { Waiting, Reading, Read, Partial, Failed };
    QString accountId;
    QString accountName;
    QString roleName;
    QString region;
    Status status = Status::Waiting;
    int flowCount = -1;            // flows listed; -1 until the listing came back
    QList<FleetRun> activeRuns;    // InProgress and CancelStarted runs read
    int unreadFlows = 0;           // flows whose runs could not be read
    std::optional<appflow::AppFlowError> error; // the first failure (Partial, Failed)
    bool isFinished() const { return status != Status::Waiting && status != Status::Reading; }
};

// Reads every chosen account × region of an IAM Identity Center fleet: the account's role
// credentials through the shared portal client (GetRoleCredentials, cached per account until
// shortly before they expire, in memory only), then the region's flows (ListFlows) and the
// active runs of every flow that has run (DescribeFlowExecutionRecords, newest first, paging
// stopped at the first page without an active run, as RefreshController does).
//
// Each account × region is its own AppFlow endpoint with its own throttling, so each gets its
// own AppFlowClient in adaptive retry mode (a client-side CUBIC rate limiter per endpoint, on
// top of the standard retry quota); at most Settings::maxConcurrentRegions are read at once
// (each client has its own connections), the rest wait. Results arrive region by region:
// regionChanged() for each change, progressChanged() as regions finish, finished() at the end.
class FleetScanner : public QObject
{
    Q_OBJECT

public:
    struct Settings {
        // The AppFlow endpoint of a region (https://appflow.<region>.amazonaws.com, or a
        // simulator); required.
        std::function<QUrl(const QString &region)> endpointFor;
        // Everything else of each region's client (timeouts, retry); endpoint and region are
        // set per region, and retry.adaptive is always on. Four requests in flight per
        // account-region: more only meets that endpoint's throttling sooner (bench_fleetscan:
        // 8 gave 5,000 throttled answers and 1.9x the quota-bound time, 4 gave 1.15x).
        // Five attempts instead of the SDKs' three: a fleet read is a background read of
        // hundreds of endpoints, and each region left unread is a gap the user must chase
        // (bench_fleetscan under 30 % random throttling + 10 % errors left 15 of 40
        // account-regions unread with three); the retry quota still bounds an outage.
        appflow::AppFlowClientConfig clientConfig = [] {
            appflow::AppFlowClientConfig config;
            config.maxConcurrentRequests = 4;
            config.retry.maxAttempts = 5;
            return config;
        }();
        // Account-regions read at once: enough that AppFlow keeps up with the portal (the
        // fleet's narrowest limit); 64 left the scan AppFlow-bound at 500 accounts x 2 regions.
        int maxConcurrentRegions = 128;
    };

    FleetScanner(aws::SsoCredentialSource *login, SsoPortalClient *portal, const Settings &settings,
                 QObject *parent = nullptr);
    ~FleetScanner() override;

    // Full: every flow that has run is read. Active (what an auto-refresh does): each
    // account × region lists its flows, then reads only the flows that had active runs at the
    // last read or whose last run changed since (ListFlows' lastRunExecutionDetails): a new run
    // always changes it, so nothing is missed and idle flows cost nothing. A region not read
    // in full before is read in full, except one refused for good (AccessDenied, a region not
    // enabled): its earlier answer is shown again, and only a Full scan asks again.
    enum class Scope { Full, Active };
    // Starts reading `accounts` × `regions` (the results of an earlier scan are replaced
    // region by region as the new one reads them).
    void scan(const QList<FleetAccountChoice> &accounts, const QStringList &regions, Scope scope = Scope::Full);
    void stop(); // aborts what is in flight; unfinished regions are Failed with Aborted

    const QList<FleetRegionState> &regions() const { return m_regions; }
    int finishedCount() const { return m_finished; }
    bool isScanning() const { return m_finished < m_regions.size(); }
    int activeRunCount() const;

    // The account's credentials (GetRoleCredentials, cached in memory); nullptr when the
    // account is not part of the fleet.
    aws::CachingCredentialSource *credentialsFor(const QString &accountId);

    // AppFlow pages read by this scan, and AppFlow calls that failed after all their retries.
    int appFlowPages() const { return m_pages; }
    // Flows whose runs this scan read (an Active scan reads few).
    int flowsRead() const { return m_flowsRead; }

    // The AppFlow client settings of one region (adaptive retry on).
    appflow::AppFlowClientConfig configFor(const QString &region) const;
    int appFlowFailedCalls() const { return m_failedCalls; }

signals:
    void regionChanged(int index);
    void progressChanged(int finished, int total);
    void finished();

private:
    struct Reading;
    void startNext();
    void startRegion(int index);
    void readRuns(const std::shared_ptr<Reading> &reading, const QList<appflow::FlowDefinition> &flows);
    void finishRegion(const std::shared_ptr<Reading> &reading);

    QPointer<aws::SsoCredentialSource> m_login;
    QPointer<SsoPortalClient> m_portal;
    Settings m_settings;
    QList<FleetRegionState> m_regions;
    std::deque<int> m_queue;      // regions waiting to be read
    int m_reading = 0;
    int m_finished = 0;
    int m_pages = 0;
    int m_flowsRead = 0;
    Scope m_scope = Scope::Full;
    // Per "account/region", from its last complete read: each flow's last-run signature, and
    // that read's state (its active runs are kept for the flows an Active scan does not read).
    QHash<QString, QHash<QString, QString>> m_lastRunSeen;
    QHash<QString, FleetRegionState> m_lastRead;
    // Regions whose last read was refused for good (a role without AppFlow rights, a region
    // the account has not enabled): an Active scan shows that again instead of asking; a Full
    // scan ("Read again") asks.
    QHash<QString, FleetRegionState> m_refused;
    int m_failedCalls = 0;
    quint64 m_generation = 0;     // bumped by scan()/stop(): late answers of an older scan are dropped
    QObject *m_scanContext = nullptr; // parent of this scan's clients; deleted by stop()/scan()
    QHash<QString, aws::CachingCredentialSource *> m_credentials; // account ID → shared source
    QHash<QString, FleetAccountChoice> m_accounts;
};

} // namespace flowdesk::fleet
