#pragma once

#include "FlowSpec.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace flowdesk::sim {

// A run that already happened (or is happening) when the simulator starts, relative to the
// start: the engine turns it into a Run whose status at start is `status`.
struct HistoryEntry {
    QString status;                 // wire ExecutionStatus
    double startedSecondsAgo = 0;
    double durationSeconds = 0;     // 0: from the flow's run profile
    qint64 records = -1;            // < 0: from the flow's run profile
    QString errorMessage;           // Error runs; empty: the profile's
};

struct ScenarioFlow {
    FlowSpec spec;
    QList<HistoryEntry> history;    // any order
};

// The world a simulator starts with: flows and their run histories. Loaded from JSON (the
// built-in "demo" or a user's file) or generated (ScenarioGenerator).
struct Scenario {
    QList<ScenarioFlow> flows;

    // Parses the scenario JSON format (see app/sim/scenarios/demo.json and README of the sim);
    // on failure returns nullopt and says what and where in *error.
    static std::optional<Scenario> fromJson(const QByteArray &json, double now, quint32 seed,
                                            QString *error);
    // "demo" → the built-in demo; anything else is read as a file path.
    static std::optional<Scenario> load(const QString &nameOrPath, double now, quint32 seed,
                                        QString *error);
};

// "rate(5minutes)", "rate(1 hour)" → seconds; 0 when not a rate expression.
double scheduleIntervalSeconds(const QString &expression);

} // namespace flowdesk::sim
