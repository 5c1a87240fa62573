#pragma once

#include "ActiveRunsModel.h"
#include "AppFlowClient.h"
#include "CancelStartedRuns.h"
#include "FlowListModel.h"
#include "RunListModel.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>

#include <optional>

namespace flowdesk::models {

// Keeps the three models in step with AppFlow: the flow list, the runs of the current flow and
// every active run of the connection. A refresh lists the flows, then reads the run history of
// the flows that need it and merges the answers into the models (never a reset, so selections
// and scroll positions survive).
//
// Which flows are read:
//  - a full refresh (F5, start-up) reads every flow that has ever run;
//  - an auto-refresh (every N seconds while runs are active) reads only the current flow, the
//    flows with active runs, and flows whose "last run" in ListFlows changed since last time —
//    a new run always changes it, so nothing is missed and 1,000 idle flows cost nothing.
// A flow's history is paged newest first and the paging stops at the first page without an
// active run: active runs are the newest ones, and the first page (up to 100 runs) is what the
// runs view shows.
//
// It never claims more than it read. A ListFlows page that fails keeps the pages before it
// (listingComplete() is false until a listing gets to the end; retryUnread() resumes at the
// failed page). A flow whose runs could not be read is in unreadFlows() and marked in the flow
// list until it is read again. lastRefreshed() moves only when everything was read;
// lastRead() whenever anything was.
class RefreshController : public QObject
{
    Q_OBJECT

public:
    explicit RefreshController(appflow::AppFlowClient *client, QObject *parent = nullptr);
    ~RefreshController() override;

    FlowListModel *flows() { return &m_flows; }
    RunListModel *runs() { return &m_runs; }
    ActiveRunsModel *activeRuns() { return &m_activeRuns; }

    QString currentFlow() const { return m_currentFlow; }
    // Shows the runs of `flowName` (fetched at once) in runs().
    void setCurrentFlow(const QString &flowName);

    void refresh();          // full refresh
    void refreshActive();    // what an auto-refresh tick does
    void refreshFlow(const QString &flowName); // one flow's runs (after a cancel, a start…)
    // Reads what the last refreshes could not: the rest of an unfinished flow listing (from
    // the page that failed) and the runs of every unread flow.
    void retryUnread();
    void stop();             // abort what is in flight
    // AppFlow accepted the cancel of these runs: every model shows them as "Cancel started" at
    // once, and keeps doing so until a read shows a status past InProgress.
    void noteCancelStarted(const QString &flowName, const QStringList &executionIds);

    bool isBusy() const { return !m_calls.isEmpty(); }
    // The end of the last refresh that read everything it set out to read; invalid: none yet.
    QDateTime lastRefreshed() const { return m_lastRefreshed; }
    // The end of the last refresh that read anything (complete or not); invalid: nothing yet.
    QDateTime lastRead() const { return m_lastRead; }
    // When the timer next reads by itself; invalid when auto-refresh is off or paused.
    QDateTime nextAutoRefresh() const;

    // The flow listing reached its last page (false after a page failed, until it does).
    bool listingComplete() const { return m_listingComplete; }
    std::optional<appflow::AppFlowError> listingError() const { return m_listingError; }
    // Flows whose runs could not be read in their latest attempt, and why.
    QStringList unreadFlows() const { return m_unread.keys(); }
    std::optional<appflow::AppFlowError> unreadError(const QString &flowName) const;
    // The last refresh was stopped by stop() before it finished.
    bool wasStopped() const { return m_stopped; }

    // 0 turns auto-refresh off. Errors double the interval (up to 8×) until a clean refresh.
    void setAutoRefreshInterval(int seconds);
    int autoRefreshInterval() const { return m_intervalSeconds; }
    // While paused (window minimised) the timer does not fetch.
    void setPaused(bool paused);

    // Page size used for DescribeFlowExecutionRecords (tests use small pages).
    void setPageSize(int size) { m_pageSize = size; }

signals:
    void busyChanged(bool busy);
    // Flows whose runs were read or failed in the current refresh, of `total` to read.
    void progressChanged(int done, int total);
    void refreshed(const QDateTime &when); // a refresh read everything
    // What is known changed: listing complete or not, unread flows, stopped, last read.
    void stateChanged();
    void errorOccurred(const flowdesk::appflow::AppFlowError &error, const QString &operation,
                       const QString &flowName);
    void flowsListed(); // after each ListFlows merge (the UI restores the last flow then)

private:
    enum class Scope { Full, Active, Resume };
    void startRefresh(Scope scope);
    void applyListing(Scope scope, const appflow::AppFlowClient::FlowListing &listing);
    QStringList flowsToRead(Scope scope) const;
    void readFlow(const QString &flowName);
    void markUnread(const QString &flowName, const appflow::AppFlowError &error);
    void markRead(const QString &flowName);
    void applyRuns(const QString &flowName, const QList<appflow::ExecutionRecord> &records);
    void track(appflow::AppFlowCall *call);
    void scheduleNextTick();
    bool tickReads() const; // whether the next auto-refresh tick fetches anything

    appflow::AppFlowClient *m_client;
    FlowListModel m_flows;
    RunListModel m_runs;
    ActiveRunsModel m_activeRuns;
    QString m_currentFlow;
    CancelStartedRuns m_cancelStarted;

    QList<QPointer<appflow::AppFlowCall>> m_calls;
    QHash<QString, QString> m_lastRunSeen;  // flow → lastRunSignature at its last read
    QSet<QString> m_readingFlows;           // flows with a history read in flight
    QHash<QString, appflow::AppFlowError> m_unread; // flow → why its last read failed
    // An unfinished listing: where to resume, why it stopped, and the names it did list.
    bool m_listingComplete = true;
    QString m_resumeToken;
    std::optional<appflow::AppFlowError> m_listingError;
    QSet<QString> m_partialListing;
    int m_progressDone = 0;
    int m_progressTotal = 0;
    bool m_cycleFailed = false;
    bool m_inCycle = false; // a refresh (not a single flow's read) is running
    bool m_stopRequested = false;
    bool m_stopped = false;
    int m_errorStreak = 0;
    QDateTime m_lastRefreshed;
    QDateTime m_lastRead;

    QTimer m_timer;
    int m_intervalSeconds = 10;
    bool m_paused = false;
    int m_pageSize = 100;
};

} // namespace flowdesk::models
