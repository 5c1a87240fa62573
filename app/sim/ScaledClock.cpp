#include "ScaledClock.h"

#include <QDateTime>

namespace flowdesk::sim {

ScaledClock::ScaledClock(double speed)
    : m_origin(static_cast<double>(QDateTime::currentMSecsSinceEpoch()) / 1000.0)
    , m_speed(speed > 0 ? speed : 1.0)
{
    m_elapsed.start();
}

double ScaledClock::now() const
{
    return m_origin + static_cast<double>(m_elapsed.nsecsElapsed()) / 1e9 * m_speed;
}

} // namespace flowdesk::sim
