#pragma once

#include <functional>

namespace flowdesk::appflow {

// The AWS SDKs' "adaptive" retry mode: the standard mode (RetryPolicy) plus a client-side rate
// limiter per endpoint that, once the service has throttled, sends no faster than a rate that
// follows TCP CUBIC's congestion window. Constants and behaviour as botocore defines them
// (botocore/retries/adaptive.py, throttling.py, bucket.py; the same values as the AWS SDK for
// Java v2's RateLimitingTokenBucket and aws-sdk-cpp's AdaptiveRetryStrategy):
//   CUBIC β = 0.7 (the rate after a throttle is 0.7 × the rate then), scale constant C = 0.4;
//   the measured send rate is smoothed with 0.8 over 0.5 s buckets;
//   the bucket's rate is never above 2 × the measured send rate, never below 0.5/s;
//   the limiter is off until the first throttling answer (so it costs nothing until then).
// One departure, at the start only: botocore has no measured rate before its first bucket ends
// (it reads 0), so a throttle in a client's first half second — a new client meeting a bucket
// whose burst it just used up, the usual start of every fleet region — sets the rate to 0 × β,
// i.e. the 0.5/s floor, and CUBIC needs seconds to climb back (bench_fleetscan: each region
// stalled ~2 s, then read at ~4/s against 10/s). Until the first measurement, the answers the
// service accepted since the first request, over at least a second, stand in for the measured
// rate once the limiter is on. From the first measurement on, everything is botocore's.
// And one more, taken from TCP CUBIC itself (RFC 9438 §4.6: the window is reduced once per
// congestion event, not per lost segment): botocore multiplies the rate by β for every throttled
// answer, so ten requests in flight that meet an empty bucket together cut the rate to 0.7¹⁰ of
// itself — the floor — for what was one event (bench_fleetscan's portal: 8 such answers at
// once, then ~4 s at 1–5 requests/s, every 10 s). A throttled answer to a request sent before
// the last decrease was sent at the old rate and says nothing new: it is counted, not acted on.
// Callers that do not pass the send time get botocore's behaviour.
// Times are seconds on a monotonic clock, passed in, so tests drive it step by step.

// W(t) = C (t − K)³ + W_max, K = ∛(W_max (1 − β) / C): after a throttle at rate W_max the rate
// restarts at β·W_max, climbs back to W_max at t = K, and probes beyond it.
class CubicRateCalculator
{
public:
    static constexpr double kBeta = 0.7;
    static constexpr double kScaleConstant = 0.4;

    CubicRateCalculator(double startingMaxRate, double startTime);

    double successReceived(double now) const;
    // A throttle at `currentRate`: returns the new rate, β × currentRate.
    double errorReceived(double currentRate, double now);

    double maxRate() const { return m_maxRate; }      // W_max
    double zeroPoint() const { return m_zeroPoint; }  // K
    double lastFailure() const { return m_lastFailure; }

private:
    double m_maxRate;
    double m_zeroPoint;
    double m_lastFailure;
};

// The client's own send rate: requests counted per 0.5 s bucket, exponentially smoothed.
class SendRateMeter
{
public:
    static constexpr double kSmoothing = 0.8;
    static constexpr double kBucketSeconds = 0.5;

    explicit SendRateMeter(double startTime);
    // One response received at `now`; returns the measured rate (requests per second).
    double record(double now);
    double measuredRate() const { return m_measuredRate; }
    // A bucket has ended since the start: measuredRate() is a measurement, not the initial 0.
    bool hasMeasured() const { return m_measured; }

private:
    double m_measuredRate = 0;
    bool m_measured = false;
    double m_lastBucket;
    int m_count = 0;
};

// A token bucket whose fill rate (and capacity: max(rate, 1)) can change at any time. One
// token per request; it starts empty. Non-blocking: tryAcquire() takes a token or says how long
// to wait (botocore's acquire() blocks the thread instead; Flowdesk waits on a timer).
class SendTokenBucket
{
public:
    static constexpr double kMinRate = 0.5;

    SendTokenBucket(double maxRate, double now);

    void setMaxRate(double rate, double now);
    // 0 when a token was taken now; otherwise the seconds until one will be there (nothing is
    // taken: ask again then).
    double tryAcquire(double now);

    double maxRate() const { return m_fillRate; }
    double capacity() const { return m_capacity; }
    double available() const { return m_available; }

private:
    void refill(double now);

    double m_fillRate = 0;
    double m_capacity = 0;
    double m_available = 0;
    double m_lastRefill = -1; // < 0: never refilled
};

// The three above, put together as botocore's ClientRateLimiter: ask before every attempt,
// report every answer (throttled or not; a network error counts as "not throttled", as there).
class ClientRateLimiter
{
public:
    static constexpr double kMaxRateAdjustScale = 2.0;

    explicit ClientRateLimiter(double startTime);

    // Seconds to wait before this attempt may be sent (0: send now, a token was taken).
    double acquireDelay(double now);
    // `sentAt`: when the answered attempt was sent (< 0: unknown, every throttle decreases).
    void recordResponse(bool throttled, double now, double sentAt = -1);

    bool enabled() const { return m_enabled; }
    double sendRate() const { return m_bucket.maxRate(); }
    double measuredRate() const { return m_meter.measuredRate(); }
    // What stands for the measured rate before the meter's first bucket ended (see above).
    double earlyRate(double now) const;
    const CubicRateCalculator &cubic() const { return m_cubic; }
    const SendTokenBucket &bucket() const { return m_bucket; }

private:
    CubicRateCalculator m_cubic;
    SendRateMeter m_meter;
    SendTokenBucket m_bucket;
    bool m_enabled = false;
    double m_firstRequest = -1; // < 0: nothing asked yet
    double m_lastDecrease = -1; // when a throttle last lowered the rate
    int m_acceptedEarly = 0;    // answers not throttled before the first measurement
};

} // namespace flowdesk::appflow
