#pragma once

#include <QtGlobal>

namespace flowdesk::soak {

// What one soak run does. The defaults are `./dev soak`: flowdesk-sim --flows 1000
// --throttle-rate 0.3 --error-rate 0.1 --drop-rate 0.05 --latency-ms 20, 20 rounds, and 100 runs
// across 10 flows cancelled per round.
struct SoakSettings {
    int flows = 1000;
    int rounds = 20;
    quint32 seed = 1; // round r uses seed + r - 1
    double throttleRate = 0.3;
    double errorRate = 0.1;
    double dropRate = 0.05;
    int latencyMs = 20;
    double speed = 10; // simulated seconds per second: a cancel settles in 1 s
    int cancelFlows = 10; // flows cancelled in per round
    int runsPerFlow = 10; // runs cancelled per flow
    int startRuns = 5; // on-demand runs started per flow before the refresh
    int cancelledBehind = 2; // of those, cancelled through the client before the cancel
    int refreshTimeoutSeconds = 180;
    int settleTimeoutSeconds = 120;
};

} // namespace flowdesk::soak
