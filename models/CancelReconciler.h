#pragma once

#include "AppFlowClient.h"
#include "Connection.h"

#include <AuditEntry.h>
#include <AuditLog.h>

#include <QDateTime>
#include <QObject>

namespace flowdesk::models {

// The audit log's promise survives a crash: a cancel whose intent was written but whose answer
// was never recorded (Flowdesk was closed or killed while the request was out) is not
// forgotten. At start, for one connection, this finds such intents (written before
// `startedAt`, so never a cancel of this session that is still being sent), asks AppFlow what
// became of their runs, and appends a result marked "reconciled" with the status found. It
// says what became of the runs, not what the lost request did.
class CancelReconciler : public QObject
{
    Q_OBJECT

public:
    struct Summary {
        int cancels = 0;            // intents reconciled
        QDateTime earliest;         // the oldest of their intents
        QMap<QString, int> statuses; // wire status (or "not found") → runs
        QStringList unreadFlows;    // flows whose runs could not be read (left for next time)
        bool auditFailed = false;
    };

    CancelReconciler(appflow::AppFlowClient *client, const ConnectionInfo &connection,
                     const QString &auditLogPath, const QDateTime &startedAt,
                     QObject *parent = nullptr);

    // Reads the log and starts asking AppFlow; finished() follows in any case.
    void start();

    // How many history pages of a flow are read at most looking for a run (100 runs each).
    static constexpr int maxPagesPerFlow = 10;

signals:
    void finished(const flowdesk::models::CancelReconciler::Summary &summary);

private:
    void reconcileFlow(const QString &flowName, const QList<audit::AuditEntry> &intents);
    void flowDone();

    appflow::AppFlowClient *m_client;
    ConnectionInfo m_connection;
    audit::AuditLog m_auditLog;
    QString m_auditLogPath;
    QDateTime m_startedAt;
    Summary m_summary;
    int m_pendingFlows = 0;
};

} // namespace flowdesk::models

Q_DECLARE_METATYPE(flowdesk::models::CancelReconciler::Summary)
