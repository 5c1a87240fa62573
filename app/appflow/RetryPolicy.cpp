#include "RetryPolicy.h"

#include <QRandomGenerator>

#include <algorithm>
#include <cmath>

namespace flowdesk::appflow {

RetryPolicy::RetryPolicy()
    : RetryPolicy(Options{})
{
}

RetryPolicy::RetryPolicy(const Options &options, Random random)
    : m_options(options)
    , m_random(std::move(random))
    , m_quota(options.quotaCapacity, options.quotaAvailable)
{
    if (!m_random)
        m_random = [] { return QRandomGenerator::global()->generateDouble(); };
}

std::chrono::milliseconds RetryPolicy::backoff(int attempt) const
{
    using std::chrono::milliseconds;
    const int exponent = std::clamp(attempt - 1, 0, 30);
    const double ceiling = std::min(double(m_options.maxBackoff.count()),
                                    double(m_options.baseDelay.count()) * std::ldexp(1.0, exponent));
    const double jitter = std::clamp(m_random(), 0.0, 1.0);
    return milliseconds(std::llround(jitter * ceiling));
}

std::optional<std::chrono::milliseconds> RetryPolicy::retryDelay(const AppFlowError &error,
                                                                 Attempts &attempts,
                                                                 int maxAttempts)
{
    const int limit = maxAttempts > 0 ? maxAttempts : m_options.maxAttempts;
    if (!error.isRetryable() || attempts.made >= limit)
        return std::nullopt;
    const int cost = error.code() == AppFlowError::Code::Timeout ? RetryQuota::timeoutRetryCost
                                                                 : RetryQuota::retryCost;
    if (!m_quota.acquire(cost))
        return std::nullopt;
    attempts.quotaAcquired = cost;
    return backoff(attempts.made);
}

void RetryPolicy::recordSuccess(const Attempts &attempts)
{
    m_quota.release(attempts.quotaAcquired > 0 ? attempts.quotaAcquired
                                               : RetryQuota::noRetryIncrement);
}

} // namespace flowdesk::appflow
