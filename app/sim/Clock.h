#pragma once

namespace flowdesk::sim {

// Simulated time in epoch seconds. Run lifecycles and schedules read it instead of the wall
// clock, so a test can play an hour of runs in a second (ScaledClock) or step it by hand
// (ManualClock). Signature checks and credential expiry use real time, never this.
class Clock
{
public:
    virtual ~Clock() = default;
    virtual double now() const = 0;
};

} // namespace flowdesk::sim
