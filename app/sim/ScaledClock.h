#pragma once

#include "Clock.h"

#include <QElapsedTimer>

namespace flowdesk::sim {

// Starts at the wall-clock time of its construction and then runs `speed` times faster than
// real time (monotonic: a wall-clock jump does not move it).
class ScaledClock final : public Clock
{
public:
    explicit ScaledClock(double speed);
    double now() const override;
    double speed() const { return m_speed; }

private:
    double m_origin;
    double m_speed;
    QElapsedTimer m_elapsed;
};

} // namespace flowdesk::sim
