#pragma once

#include "FlowSpec.h"
#include "Run.h"

#include <QHash>
#include <QString>

#include <vector>

namespace flowdesk::sim {

// A flow as it is now: its definition, current status and every run, oldest first.
struct FlowState {
    struct IssuedStart {
        QString executionId;  // empty for scheduled/event flows
        double issuedAt = 0;
    };

    FlowSpec spec;
    QString flowStatus;
    std::vector<Run> runs;            // chronological: newest at the back
    double nextTriggerAt = 0;         // Scheduled/Event: next automatic run while Active
    quint64 runsCreated = 0;          // seeds each new run's random plan
    QHash<QString, IssuedStart> clientTokens;  // StartFlow idempotency, 8 hours
    QString flowArn;
};

} // namespace flowdesk::sim
