#pragma once

#include "Scenario.h"

namespace flowdesk::sim {

// A scenario of any size for load tests: `flowCount` flows with `runsPerFlow` past runs each,
// the same for the same seed. About one flow in ten has a run in progress at start.
class ScenarioGenerator
{
public:
    static Scenario generate(int flowCount, int runsPerFlow, quint32 seed, double now);
};

} // namespace flowdesk::sim
