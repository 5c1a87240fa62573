#pragma once

#include <QCoreApplication>
#include <QDeadlineTimer>

#include <functional>

namespace flowdesk::soak {

// Runs the event loop until `done` is true or `timeoutMs` passed; true when done. Every wait in
// the soak is bounded by one of these, so a stuck controller fails a round instead of hanging.
inline bool waitUntil(const std::function<bool()> &done, int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    while (!done()) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    }
    return true;
}

} // namespace flowdesk::soak
