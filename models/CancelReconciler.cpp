#include "CancelReconciler.h"

#include <AuditLogReader.h>

#include <QHash>
#include <QSet>

#include <memory>

namespace flowdesk::models {

using appflow::AppFlowClient;
using appflow::AppFlowResult;
using appflow::ExecutionRecord;
using audit::AuditEntry;
using audit::AuditOutcome;

namespace {

const QString notFound = QStringLiteral("not found");

} // namespace

CancelReconciler::CancelReconciler(AppFlowClient *client, const ConnectionInfo &connection,
                                   const QString &auditLogPath, const QDateTime &startedAt,
                                   QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_connection(connection)
    , m_auditLog(auditLogPath)
    , m_auditLogPath(auditLogPath)
    , m_startedAt(startedAt.toUTC())
{
}

void CancelReconciler::start()
{
    audit::AuditLogReader reader(m_auditLogPath);
    QHash<QString, QList<AuditEntry>> byFlow;
    QStringList flows;
    if (reader.load()) {
        // The endpoint as the log writes it (without user info, query or fragment).
        AuditEntry probe;
        probe.endpoint = m_connection.endpoint.toString();
        const QString connectionEndpoint = probe.toJson().value(QStringLiteral("endpoint")).toString();
        for (const AuditEntry &intent : reader.unansweredIntents()) {
            // Only this connection's, and never one of this session (it may still be out).
            if (intent.time >= m_startedAt || intent.region != m_connection.region
                || intent.profile != m_connection.sourceText() || intent.endpoint != connectionEndpoint)
                continue;
            if (!byFlow.contains(intent.flowName))
                flows << intent.flowName;
            byFlow[intent.flowName] << intent;
        }
    }
    if (flows.isEmpty()) {
        QMetaObject::invokeMethod(this, [this] { emit finished(m_summary); }, Qt::QueuedConnection);
        return;
    }
    m_pendingFlows = int(flows.size());
    for (const QString &flow : std::as_const(flows))
        reconcileFlow(flow, byFlow.value(flow));
}

void CancelReconciler::reconcileFlow(const QString &flowName, const QList<AuditEntry> &intents)
{
    auto wanted = std::make_shared<QSet<QString>>();
    for (const AuditEntry &intent : intents) {
        for (const QString &id : intent.executionIds)
            wanted->insert(id);
    }
    auto found = std::make_shared<QHash<QString, QString>>(); // id → wire status
    auto activeNow = std::make_shared<int>(0);
    auto pages = std::make_shared<int>(0);
    AppFlowClient::ExecutionRecordsOptions options;
    options.maxResults = 100;
    m_client->describeFlowExecutionRecords(
        flowName, options, this,
        [wanted, found, activeNow, pages](const QList<ExecutionRecord> &page) {
            for (const ExecutionRecord &record : page) {
                if (appflow::isActive(record.executionStatus))
                    ++*activeNow;
                if (wanted->remove(record.executionId))
                    found->insert(record.executionId, record.executionStatusText);
            }
            ++*pages;
            return wanted->isEmpty() || *pages >= maxPagesPerFlow ? AppFlowClient::PageAction::Stop
                                                                   : AppFlowClient::PageAction::Continue;
        },
        [this, flowName, intents, found, activeNow](
            const AppFlowResult<AppFlowClient::ExecutionRecordsSummary> &result) {
            if (!result.ok()) {
                // Left unanswered: the next start tries again.
                m_summary.unreadFlows << flowName;
                flowDone();
                return;
            }
            for (const AuditEntry &intent : intents) {
                AuditEntry entry = intent.resultFor();
                entry.reconciled = true;
                for (const QString &id : intent.executionIds) {
                    const QString status = found->value(id, notFound);
                    entry.outcomes << AuditOutcome{id, AuditOutcome::Kind::Reconciled, status};
                    ++m_summary.statuses[status];
                }
                if (intent.allActiveRuns) {
                    // Which runs were active then was not recorded; say what is true now.
                    entry.error = tr("which runs were in progress when it was sent is not "
                                     "recorded; %n run(s) of the flow are in progress now",
                                     nullptr, *activeNow);
                }
                if (!m_auditLog.append(entry)) {
                    m_summary.auditFailed = true;
                    continue;
                }
                ++m_summary.cancels;
                if (!m_summary.earliest.isValid() || intent.time < m_summary.earliest)
                    m_summary.earliest = intent.time;
            }
            flowDone();
        });
}

void CancelReconciler::flowDone()
{
    if (--m_pendingFlows == 0)
        emit finished(m_summary);
}

} // namespace flowdesk::models
