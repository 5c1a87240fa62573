#pragma once

#include "AppFlowError.h"
#include "RetryQuota.h"

#include <chrono>
#include <functional>
#include <optional>

namespace flowdesk::appflow {

// The AWS SDKs' "standard" retry mode: at most 3 attempts, exponential backoff with full jitter
// (random(0,1) × min(cap, base × 2^(n-1))), capped at 20 s, only for retryable errors
// (throttling, 429, 500/502/503/504, connection errors, timeouts), and only while the retry
// quota has capacity. One instance per client: the quota is shared by all its requests.
class RetryPolicy
{
public:
    struct Options {
        int maxAttempts = 3;
        std::chrono::milliseconds baseDelay{1000};
        std::chrono::milliseconds maxBackoff{20000};
        int quotaCapacity = RetryQuota::defaultCapacity;
        int quotaAvailable = -1; // capacity at start; negative: full (tests start lower)
        // Adaptive: the above plus a client-side rate limiter after throttling
        // (ClientRateLimiter, one per client, i.e. per endpoint and credentials).
        bool adaptive = false;
    };
    // Returns a number in [0, 1). Injected so tests get deterministic delays.
    using Random = std::function<double()>;

    // Per logical request: what it took from the quota, so a success can give it back.
    struct Attempts {
        int made = 0;          // attempts sent so far
        int quotaAcquired = 0; // capacity taken for the most recent retry, 0 when none
    };

    RetryPolicy();
    explicit RetryPolicy(const Options &options, Random random = {});

    // After attempt `attempts.made` failed with `error`: the delay before the next attempt, or
    // nothing when the request must fail now (not retryable, attempts used up, quota empty).
    // maxAttempts > 0 replaces options().maxAttempts for this request (a cancel the user asked
    // for is worth more patience than a background read).
    std::optional<std::chrono::milliseconds> retryDelay(const AppFlowError &error,
                                                        Attempts &attempts, int maxAttempts = 0);
    // A request finished successfully: refund what its retries took, or earn a little.
    void recordSuccess(const Attempts &attempts);

    // The jittered delay before attempt `attempt + 1` (attempt ≥ 1).
    std::chrono::milliseconds backoff(int attempt) const;

    const Options &options() const { return m_options; }
    const RetryQuota &quota() const { return m_quota; }

private:
    Options m_options;
    Random m_random;
    RetryQuota m_quota;
};

} // namespace flowdesk::appflow
