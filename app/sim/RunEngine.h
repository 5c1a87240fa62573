#pragma once

#include "Clock.h"
#include "FlowState.h"
#include "Scenario.h"

#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace flowdesk::sim {

// A failure of an engine operation, named by its AppFlow error code.
struct EngineError {
    QString code;     // "ResourceNotFoundException", "UnsupportedOperationException", …
    QString message;
};

// The state engine: flows, their runs, schedules and the effect of cancel/start/stop, all in
// simulated time from a Clock. Knows nothing of HTTP or JSON. Time moves lazily: a flow catches
// up with its schedule whenever it is looked at, so 1000 idle flows cost nothing.
class RunEngine
{
public:
    struct CancelOutcome {
        std::optional<EngineError> error;
        QStringList invalidExecutions;
    };
    struct StartOutcome {
        std::optional<EngineError> error;
        QString flowArn;
        QString flowStatus;
        QString executionId;  // on-demand flows only
    };
    struct StopOutcome {
        std::optional<EngineError> error;
        QString flowArn;
        QString flowStatus;
    };

    // Simulated seconds between CancelStarted and Canceled for a run without a batch API.
    static constexpr double kCancelDelaySeconds = 10;
    // How long a StartFlow clientToken is remembered.
    static constexpr double kClientTokenSeconds = 8 * 3600;

    RunEngine(const Clock &clock, quint32 seed, const QString &region, const QString &accountId);

    void load(const Scenario &scenario);

    double now() const { return m_clock.now(); }
    QStringList flowNames() const { return m_flows.keys(); }   // sorted
    qsizetype flowCount() const { return m_flows.size(); }
    bool contains(const QString &flowName) const { return m_flows.contains(flowName); }

    // The flow brought up to the current time (new scheduled runs created); nullptr if unknown.
    const FlowState *flow(const QString &flowName);

    // executionIds absent: every InProgress run of the flow.
    CancelOutcome cancel(const QString &flowName, const std::optional<QStringList> &executionIds);
    StartOutcome start(const QString &flowName, const QString &clientToken);
    StopOutcome stop(const QString &flowName);

private:
    FlowState *advanced(const QString &flowName);
    void advance(FlowState &flow, double now);
    Run plannedRun(FlowState &flow, double startedAt);
    Run runFromHistory(FlowState &flow, const HistoryEntry &entry, double now);
    double nextGap(FlowState &flow);
    static EngineError notFound(const QString &flowName);

    const Clock &m_clock;
    quint32 m_seed;
    QString m_region;
    QString m_accountId;
    QMap<QString, FlowState> m_flows;
};

} // namespace flowdesk::sim
