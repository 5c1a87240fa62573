#pragma once

#include "AppFlowClient.h"
#include "CancelOutcomeModel.h"
#include "Connection.h"

#include <AuditLog.h>

#include <QObject>
#include <QPointer>
#include <QTimer>

namespace flowdesk::models {

// Carries out one confirmed cancel, the way ARCHITECTURE.md describes it:
//   for each flow: audit intent (fsync'd) → CancelFlowExecutions (≤100 IDs per request) →
//   audit result → outcome per run → optional StopFlow → watch the cancelled runs (polling with
//   back-off) until each is Canceled.
// A flow whose intent cannot be written is not sent: its runs show "Request failed" with the
// audit error. One controller per cancel; the outcome view owns it.
class CancelController : public QObject
{
    Q_OBJECT

public:
    struct Target {
        QString flowName;
        bool allActive = false;               // CancelFlowExecutions without executionIds
        QList<appflow::ExecutionRecord> runs; // the runs to cancel (for allActive: those known)
        bool deactivate = false;              // StopFlow afterwards (scheduled and event flows)
    };

    CancelController(appflow::AppFlowClient *client, const ConnectionInfo &connection,
                     const QString &auditLogPath, QObject *parent = nullptr);

    CancelOutcomeModel *outcomes() { return &m_outcomes; }

    // Starts the cancel of every target (and the StopFlow of those that ask for it).
    void start(const QList<Target> &targets);

    bool requestsFinished() const { return m_pendingRequests == 0; }
    bool allSettled() const { return requestsFinished() && m_outcomes.allSettled(); }

    // Watch polling: first poll after `initialMs`, doubling up to `maxMs` (tests shorten it).
    void setPollIntervals(int initialMs, int maxMs);

signals:
    void requestsDone();     // every cancel request (and StopFlow) has answered
    void settled();          // and every cancelled run has reached a final status
    void runsUpdated(const QString &flowName, const QList<flowdesk::appflow::ExecutionRecord> &records);
    void errorOccurred(const flowdesk::appflow::AppFlowError &error, const QString &operation,
                       const QString &flowName);
    void auditFailed(const QString &message);

private:
    void cancelFlow(const Target &target);
    void recordResult(const audit::AuditEntry &intent, const QList<appflow::CancelOutcome> &outcomes);
    void deactivateFlow(const QString &flowName);
    void requestFinished();
    void poll();

    appflow::AppFlowClient *m_client;
    ConnectionInfo m_connection;
    audit::AuditLog m_auditLog;
    CancelOutcomeModel m_outcomes;
    int m_pendingRequests = 0;
    bool m_started = false;
    QTimer m_pollTimer;
    int m_pollMs = 1000;
    int m_pollMaxMs = 10000;
    int m_pollsInFlight = 0;
};

} // namespace flowdesk::models
