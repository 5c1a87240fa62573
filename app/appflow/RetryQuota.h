#pragma once

#include <QtGlobal>

namespace flowdesk::appflow {

// The standard retry mode's token bucket (botocore retries/quota.py, the AWS SDKs' "retry
// quota"): every retry spends capacity, successes earn it back. When an endpoint is down, the
// bucket empties after a burst of retries and further failures are not retried at all, so a
// dead endpoint sees roughly the traffic the app would send without retries.
class RetryQuota
{
public:
    static constexpr int defaultCapacity = 500;
    static constexpr int retryCost = 5;
    static constexpr int timeoutRetryCost = 10;
    static constexpr int noRetryIncrement = 1;

    explicit RetryQuota(int capacity = defaultCapacity, int available = -1)
        : m_max(capacity)
        , m_available(available < 0 ? capacity : qMin(available, capacity))
    {
    }

    // Takes `amount` if available; false (and nothing taken) otherwise.
    bool acquire(int amount);
    // Gives back up to `amount`, never above the capacity.
    void release(int amount);

    int available() const { return m_available; }
    int capacity() const { return m_max; }

private:
    int m_max;
    int m_available;
};

} // namespace flowdesk::appflow
