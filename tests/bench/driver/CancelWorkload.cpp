#include "CancelWorkload.h"

#include <utility>

namespace flowdesk::bench {

using appflow::AppFlowClient;
using appflow::AppFlowResult;
using appflow::CancelOutcome;

CancelWorkload::CancelWorkload(AppFlowClient *client, QHash<QString, QStringList> runsByFlow,
                               QObject *parent)
    : Workload(parent)
    , m_client(client)
    , m_runsByFlow(std::move(runsByFlow))
{
}

void CancelWorkload::start()
{
    m_result.flows = int(m_runsByFlow.size());
    m_pending = int(m_runsByFlow.size());
    startClock();
    if (m_pending == 0) {
        finish();
        return;
    }
    for (auto it = m_runsByFlow.cbegin(); it != m_runsByFlow.cend(); ++it) {
        const QString flowName = it.key();
        m_client->cancelFlowExecutions(
            flowName, it.value(), this,
            [this, flowName](const AppFlowResult<QList<CancelOutcome>> &result) {
                if (!result.ok()) {
                    countError(QStringLiteral("CancelFlowExecutions %1: %2")
                                   .arg(flowName, result.error().toString()));
                } else {
                    for (const CancelOutcome &outcome : result.value()) {
                        switch (outcome.kind) {
                        case CancelOutcome::Kind::CancelStarted:
                            ++m_result.cancelStarted;
                            break;
                        case CancelOutcome::Kind::NotCancellable:
                            ++m_result.notCancellable;
                            break;
                        case CancelOutcome::Kind::RequestFailed:
                            countError(QStringLiteral("CancelFlowExecutions %1 %2: %3")
                                           .arg(flowName, outcome.executionId, outcome.error));
                            break;
                        }
                    }
                }
                if (--m_pending == 0)
                    finish();
            });
    }
}

} // namespace flowdesk::bench
