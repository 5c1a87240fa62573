#pragma once

#include "Scenario.h"

namespace flowdesk::sim {

// A scenario of any size for load tests: `flowCount` flows with `runsPerFlow` past runs each,
// the same for the same seed. `activePercent` of the flows (default 10: one in ten) have a run
// in progress at start, spread evenly.
class ScenarioGenerator
{
public:
    // `phase` shifts which flows run now and which are suspended, so that several accounts of a
    // fleet do not all look alike (0: the layout tests and benchmarks know).
    static Scenario generate(int flowCount, int runsPerFlow, quint32 seed, double now, int phase = 0,
                             int activePercent = 10);
};

} // namespace flowdesk::sim
