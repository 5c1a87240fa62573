#pragma once

#include <AppFlowClient.h>

#include <QString>
#include <QStringList>

namespace flowdesk::sim {
class Simulator;
}

namespace flowdesk::soak {

// Prepares a round through a client of its own (not the controllers'): finds on-demand flows,
// starts runs on them and cancels some "behind the controller's back". Each step goes over the
// same faulty simulator, so it is retried until the simulator's own state shows it was done
// (faults are drawn before anything is acted on, so a failed attempt changed nothing).
class ScenarioSetup
{
public:
    ScenarioSetup(sim::Simulator &simulator, appflow::AppFlowClient *client);

    // True when the flow is an active on-demand flow (DescribeFlow).
    bool isActiveOnDemand(const QString &flowName);
    // Starts `count` on-demand runs of the flow.
    bool startRuns(const QString &flowName, int count);
    // Cancels the runs until the simulator holds a cancel for each one still in progress.
    bool cancel(const QString &flowName, const QStringList &executionIds);

    QString errorString() const { return m_error; }

private:
    sim::Simulator &m_simulator;
    appflow::AppFlowClient *m_client;
    QString m_error;
};

} // namespace flowdesk::soak
