// The simulator's scenario loader (Scenario::fromJson, the format of --scenario FILE and the
// built-in demo), then the engine starting from the scenario and bringing each flow up to now,
// as the simulator does at start and on its first ListFlows.

#include "FuzzSupport.h"

#include <ManualClock.h>
#include <RunEngine.h>
#include <Scenario.h>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace flowdesk::sim;
    static constexpr double kNow = 1'767'225'600; // 2026-01-01T00:00:00Z
    QString error;
    const std::optional<Scenario> scenario
        = Scenario::fromJson(flowdesk::fuzz::bytes(data, size), kNow, 1, &error);
    if (!scenario)
        return 0;
    ManualClock clock(kNow);
    RunEngine engine(clock, 1, QStringLiteral("us-east-1"), QStringLiteral("123456789012"));
    engine.load(*scenario);
    for (const QString &name : engine.flowNames())
        (void)engine.flow(name);
    return 0;
}
