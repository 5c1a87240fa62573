#pragma once

#include "WorkloadResult.h"

#include <QElapsedTimer>
#include <QObject>

namespace flowdesk::bench {

// One benchmark workload run against an AppFlow endpoint through the app's own client. start()
// sends the first request; finished() comes once from the event loop when the last answer has
// been handled, with the wall time between the two.
class Workload : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;
    ~Workload() override = default;

    virtual void start() = 0;

signals:
    void finished(const flowdesk::bench::WorkloadResult &result);

protected:
    void startClock() { m_clock.start(); }
    void finish()
    {
        m_result.wallMs = static_cast<double>(m_clock.nsecsElapsed()) / 1e6;
        emit finished(m_result);
    }
    void countError(const QString &what)
    {
        if (m_result.errors++ == 0)
            m_result.firstError = what;
    }

    WorkloadResult m_result;

private:
    QElapsedTimer m_clock;
};

} // namespace flowdesk::bench
