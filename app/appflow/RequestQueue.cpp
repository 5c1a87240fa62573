#include "RequestQueue.h"

#include <QMetaObject>

#include <algorithm>

namespace flowdesk::appflow {

RequestQueue::RequestQueue(int maxInFlight, QObject *parent)
    : QObject(parent)
    , m_maxInFlight(std::max(1, maxInFlight))
{
}

RequestQueue::Ticket RequestQueue::enqueue(std::function<void()> start)
{
    const Ticket ticket = m_nextTicket++;
    if (m_waiting.isEmpty() && m_inFlight < m_maxInFlight) {
        ++m_inFlight;
        start();
    } else {
        m_waiting.append({ticket, std::move(start)});
    }
    return ticket;
}

bool RequestQueue::cancel(Ticket ticket)
{
    const auto it = std::find_if(m_waiting.begin(), m_waiting.end(),
                                 [ticket](const Entry &entry) { return entry.ticket == ticket; });
    if (it == m_waiting.end())
        return false;
    m_waiting.erase(it);
    return true;
}

void RequestQueue::release()
{
    Q_ASSERT(m_inFlight > 0);
    m_inFlight = std::max(0, m_inFlight - 1);
    schedulePump();
}

void RequestQueue::setMaxInFlight(int maxInFlight)
{
    m_maxInFlight = std::max(1, maxInFlight);
    schedulePump();
}

void RequestQueue::schedulePump()
{
    // The next request starts from the event loop, not from inside the finishing request's
    // handler, so no handler ever runs nested inside another.
    if (m_pumpScheduled || m_waiting.isEmpty())
        return;
    m_pumpScheduled = true;
    QMetaObject::invokeMethod(this, &RequestQueue::pump, Qt::QueuedConnection);
}

void RequestQueue::pump()
{
    m_pumpScheduled = false;
    while (!m_waiting.isEmpty() && m_inFlight < m_maxInFlight) {
        Entry entry = m_waiting.takeFirst();
        ++m_inFlight;
        entry.start();
    }
}

} // namespace flowdesk::appflow
