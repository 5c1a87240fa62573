#pragma once

#include "Clock.h"

namespace flowdesk::sim {

// A clock that moves only when told to: for unit tests of the run engine.
class ManualClock final : public Clock
{
public:
    explicit ManualClock(double start) : m_now(start) {}
    double now() const override { return m_now; }
    void set(double seconds) { m_now = seconds; }
    void advance(double seconds) { m_now += seconds; }

private:
    double m_now;
};

} // namespace flowdesk::sim
