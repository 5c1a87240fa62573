#include "RunHistoryWorkload.h"

namespace flowdesk::bench {

using appflow::AppFlowClient;
using appflow::AppFlowResult;
using appflow::ExecutionRecord;
using appflow::ExecutionStatus;
using appflow::FlowDefinition;

RunHistoryWorkload::RunHistoryWorkload(AppFlowClient *client, Mode mode, int pageSize,
                                       QObject *parent)
    : Workload(parent)
    , m_client(client)
    , m_mode(mode)
    , m_pageSize(pageSize)
{
}

void RunHistoryWorkload::start()
{
    startClock();
    m_client->listFlows(this, [this](const AppFlowResult<QList<FlowDefinition>> &result) {
        if (!result.ok()) {
            countError(QStringLiteral("ListFlows: ") + result.error().toString());
            finish();
            return;
        }
        m_result.flows = int(result.value().size());
        QStringList toRead;
        for (const FlowDefinition &flow : result.value()) {
            // No lastRunExecutionDetails: the flow has never run, so it has no history to read
            // (the app skips these too).
            if (flow.lastRunExecutionDetails)
                toRead << flow.flowName;
        }
        m_result.flowsRead = int(toRead.size());
        m_pending = int(toRead.size());
        if (m_pending == 0) {
            finish();
            return;
        }
        for (const QString &flowName : toRead)
            readHistory(flowName);
    });
}

void RunHistoryWorkload::readHistory(const QString &flowName)
{
    AppFlowClient::ExecutionRecordsOptions options;
    options.maxResults = m_pageSize;
    const Mode mode = m_mode;
    m_client->describeFlowExecutionRecords(
        flowName, options, this,
        [this, flowName, mode](const QList<ExecutionRecord> &page) {
            bool pageHasActive = false;
            for (const ExecutionRecord &record : page) {
                if (!appflow::isActive(record.executionStatus))
                    continue;
                pageHasActive = true;
                ++m_result.activeRuns;
                if (record.executionStatus == ExecutionStatus::InProgress)
                    m_inProgress[flowName].append(record.executionId);
            }
            m_result.records += int(page.size());
            ++m_result.pages;
            // Newest first: a page without an active run means the active ones are behind us.
            if (mode == Mode::ActiveRuns && !pageHasActive)
                return AppFlowClient::PageAction::Stop;
            return AppFlowClient::PageAction::Continue;
        },
        [this, flowName](const AppFlowResult<AppFlowClient::ExecutionRecordsSummary> &result) {
            if (!result.ok())
                countError(QStringLiteral("DescribeFlowExecutionRecords %1: %2")
                               .arg(flowName, result.error().toString()));
            else if (result.value().stoppedEarly)
                ++m_result.stoppedEarly;
            historyDone();
        });
}

void RunHistoryWorkload::historyDone()
{
    if (--m_pending == 0)
        finish();
}

} // namespace flowdesk::bench
