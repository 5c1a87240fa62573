#include "ScenarioSetup.h"

#include "Wait.h"

#include <Simulator.h>

#include <optional>

namespace flowdesk::soak {

using appflow::AppFlowResult;

namespace {

constexpr int kTries = 25; // each try is itself up to 3 attempts by the client
constexpr int kCallTimeoutMs = 60000;

} // namespace

ScenarioSetup::ScenarioSetup(sim::Simulator &simulator, appflow::AppFlowClient *client)
    : m_simulator(simulator)
    , m_client(client)
{ }

bool ScenarioSetup::isActiveOnDemand(const QString &flowName)
{
    for (int attempt = 0; attempt < kTries; ++attempt) {
        std::optional<AppFlowResult<appflow::FlowDescription>> answer;
        m_client->describeFlow(flowName, m_client,
                               [&answer](const auto &result) { answer = result; });
        if (!waitUntil([&answer] { return answer.has_value(); }, kCallTimeoutMs)) {
            m_error = QStringLiteral("DescribeFlow %1 did not answer").arg(flowName);
            return false;
        }
        if (answer->ok()) {
            const appflow::FlowDefinition &flow = answer->value().definition;
            return flow.triggerType == appflow::TriggerType::OnDemand
                && flow.flowStatus == appflow::FlowStatus::Active;
        }
        m_error = answer->error().toString();
    }
    return false;
}

bool ScenarioSetup::startRuns(const QString &flowName, int count)
{
    for (int started = 0; started < count; ++started) {
        const qsizetype before = m_simulator.executionIds(flowName).size();
        int attempt = 0;
        while (m_simulator.executionIds(flowName).size() == before) {
            if (++attempt > kTries) {
                m_error = QStringLiteral("StartFlow %1 kept failing: %2").arg(flowName, m_error);
                return false;
            }
            bool answered = false;
            m_client->startFlow(flowName, m_client, [this, &answered](const auto &result) {
                if (!result.ok())
                    m_error = result.error().toString();
                answered = true;
            });
            if (!waitUntil([&answered] { return answered; }, kCallTimeoutMs)) {
                m_error = QStringLiteral("StartFlow %1 did not answer").arg(flowName);
                return false;
            }
        }
    }
    return true;
}

bool ScenarioSetup::cancel(const QString &flowName, const QStringList &executionIds)
{
    auto pending = [this, &flowName, &executionIds] {
        QStringList ids;
        for (const QString &id : executionIds) {
            // A run that ended meanwhile cannot be cancelled any more: nothing left to do.
            if (!m_simulator.cancelRequested(flowName, id)
                && m_simulator.executionStatus(flowName, id) == QLatin1String("InProgress"))
                ids << id;
        }
        return ids;
    };
    for (int attempt = 0; attempt < kTries; ++attempt) {
        const QStringList ids = pending();
        if (ids.isEmpty())
            return true;
        bool answered = false;
        m_client->cancelFlowExecutions(flowName, ids, m_client,
                                       [&answered](const auto &) { answered = true; });
        if (!waitUntil([&answered] { return answered; }, kCallTimeoutMs)) {
            m_error = QStringLiteral("CancelFlowExecutions %1 did not answer").arg(flowName);
            return false;
        }
    }
    m_error = QStringLiteral("CancelFlowExecutions %1 kept failing").arg(flowName);
    return pending().isEmpty();
}

} // namespace flowdesk::soak
