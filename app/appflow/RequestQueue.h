#pragma once

#include <QList>
#include <QObject>

#include <functional>

namespace flowdesk::appflow {

// Bounded concurrency for one endpoint: at most maxInFlight() requests on the wire, the rest
// wait in FIFO order. A refresh of 1,000 flows then neither floods the service (and its
// throttling) nor crawls one request at a time.
class RequestQueue : public QObject
{
    Q_OBJECT

public:
    using Ticket = quint64;
    static constexpr int defaultMaxInFlight = 8;

    explicit RequestQueue(int maxInFlight = defaultMaxInFlight, QObject *parent = nullptr);

    // Runs `start` once a slot is free — right away when one is and nobody waits. The started
    // request must call release() exactly once when it leaves the wire.
    Ticket enqueue(std::function<void()> start);
    // Drops a request that is still waiting; false when it already started (or is unknown).
    bool cancel(Ticket ticket);
    void release();

    int maxInFlight() const { return m_maxInFlight; }
    void setMaxInFlight(int maxInFlight);
    int inFlight() const { return m_inFlight; }
    int waiting() const { return int(m_waiting.size()); }

private:
    struct Entry {
        Ticket ticket;
        std::function<void()> start;
    };
    void schedulePump();
    void pump();

    int m_maxInFlight;
    int m_inFlight = 0;
    Ticket m_nextTicket = 1;
    bool m_pumpScheduled = false;
    QList<Entry> m_waiting;
};

} // namespace flowdesk::appflow
