#pragma once

#include "AppFlowClient.h"
#include "CancelOutcomeModel.h"
#include "Connection.h"

#include <AuditLog.h>

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <optional>

namespace flowdesk::models {

// Carries out one confirmed cancel, the way ARCHITECTURE.md describes it:
//   for each flow: audit intent (fsync'd) → CancelFlowExecutions (≤100 IDs per request,
//   retried with more patience than a refresh) → audit result with every request ID →
//   outcome per run → optional StopFlow (audited too) → read the runs' status until each has a
//   status read after its answer, and every cancelled run has reached a final status.
// A flow whose intent cannot be written is not sent: its runs show "Not sent" with the audit
// error. Runs whose cancel did not take effect can be sent again with retryFailed(), under the
// same audit rules. One controller per cancel; the outcome view owns it.
class CancelController : public QObject
{
    Q_OBJECT

public:
    struct Target {
        QString flowName;
        bool allActive = false;               // CancelFlowExecutions without executionIds
        QList<appflow::ExecutionRecord> runs; // the runs to cancel (for allActive: those known)
        QDateTime statusAsOf;                 // when the runs' status was read, if known
        bool deactivate = false;              // StopFlow afterwards (scheduled and event flows)
    };

    // A cancel request that is waiting to be sent again (AWS throttled it, or it failed).
    struct Waiting {
        QString flowName;
        appflow::AppFlowError error;
        int nextAttempt = 0;
        int maxAttempts = 0;
        QDateTime retryAt;
    };

    CancelController(appflow::AppFlowClient *client, const ConnectionInfo &connection,
                     const QString &auditLogPath, QObject *parent = nullptr);

    CancelOutcomeModel *outcomes() { return &m_outcomes; }

    // Starts the cancel of every target (and the StopFlow of those that ask for it).
    void start(const QList<Target> &targets);
    // Sends again the cancel of every run whose cancel did not take effect (request failed or
    // not sent, or no answer while AppFlow still shows the run in progress). Returns how many
    // runs were sent again.
    int retryFailed();

    bool requestsFinished() const { return m_pendingRequests == 0; }
    bool allSettled() const { return requestsFinished() && m_outcomes.allSettled(); }
    // Cancel requests waiting for their next attempt, for "retrying in 4 s" (empty: none).
    QList<Waiting> waiting() const { return m_waiting.values(); }
    // The latest failure to read the runs' status, and when; empty once a read succeeds.
    std::optional<appflow::AppFlowError> statusReadError() const { return m_statusReadError; }
    QDateTime statusReadErrorAt() const { return m_statusReadErrorAt; }

    // Watch polling: first poll after `initialMs`, doubling up to `maxMs` (tests shorten it).
    void setPollIntervals(int initialMs, int maxMs);

signals:
    void requestsDone();     // every cancel request (and StopFlow) has answered
    void settled();          // and every run's outcome is final (see CancelOutcomeModel::Row)
    void stateChanged();     // waiting(), statusReadError() or the request count changed
    // AppFlow accepted the cancel of these runs: every view may show them as cancelling now.
    void cancelStarted(const QString &flowName, const QStringList &executionIds);
    void runsUpdated(const QString &flowName, const QList<flowdesk::appflow::ExecutionRecord> &records);
    void errorOccurred(const flowdesk::appflow::AppFlowError &error, const QString &operation,
                       const QString &flowName);
    void auditFailed(const QString &message);

private:
    audit::AuditEntry intentFor(const Target &target) const;
    // Records every target's intent (one write, one fsync), then sends each; none is sent when
    // the intents cannot be recorded.
    void cancelFlows(const QList<Target> &targets);
    void cancelFlow(const Target &target, const audit::AuditEntry &intent);
    void applyOutcomes(const QString &flowName, const QStringList &ids,
                       const QList<appflow::CancelOutcome> &outcomes);
    void recordResult(const audit::AuditEntry &intent, const QList<appflow::CancelOutcome> &outcomes);
    void deactivateFlow(const audit::AuditEntry &intent);
    void requestFinished();
    void schedulePoll();
    void poll();
    static CancelOutcomeModel::Answer answerFor(const appflow::CancelOutcome &outcome);

    appflow::AppFlowClient *m_client;
    ConnectionInfo m_connection;
    audit::AuditLog m_auditLog;
    CancelOutcomeModel m_outcomes;
    QHash<QString, Target> m_targets; // by flow: what was asked, for retryFailed()
    QHash<QString, Waiting> m_waiting; // by flow
    std::optional<appflow::AppFlowError> m_statusReadError;
    QDateTime m_statusReadErrorAt;
    int m_pendingRequests = 0;
    bool m_started = false;
    QTimer m_pollTimer;
    int m_pollInitialMs = 1000;
    int m_pollMs = 1000;
    int m_pollMaxMs = 10000;
    int m_pollsInFlight = 0;
};

} // namespace flowdesk::models
