#include "ClientRateLimiter.h"

#include <algorithm>
#include <cmath>

namespace flowdesk::appflow {

namespace {

double cubicZeroPoint(double maxRate)
{
    return std::cbrt(maxRate * (1 - CubicRateCalculator::kBeta) / CubicRateCalculator::kScaleConstant);
}

} // namespace

CubicRateCalculator::CubicRateCalculator(double startingMaxRate, double startTime)
    : m_maxRate(startingMaxRate)
    , m_zeroPoint(cubicZeroPoint(startingMaxRate))
    , m_lastFailure(startTime)
{
}

double CubicRateCalculator::successReceived(double now) const
{
    const double x = (now - m_lastFailure) - m_zeroPoint;
    return kScaleConstant * x * x * x + m_maxRate;
}

double CubicRateCalculator::errorReceived(double currentRate, double now)
{
    m_maxRate = currentRate;
    m_zeroPoint = cubicZeroPoint(currentRate);
    m_lastFailure = now;
    return currentRate * kBeta;
}

SendRateMeter::SendRateMeter(double startTime)
    : m_lastBucket(std::floor(startTime)) // whole seconds at first, as botocore's RateClocker
{
}

double SendRateMeter::record(double now)
{
    const double scale = 1 / kBucketSeconds;
    const double bucket = std::floor(now * scale) / scale;
    ++m_count;
    if (bucket > m_lastBucket) {
        const double currentRate = m_count / (bucket - m_lastBucket);
        m_measuredRate = currentRate * kSmoothing + m_measuredRate * (1 - kSmoothing);
        m_count = 0;
        m_lastBucket = bucket;
        m_measured = true;
    }
    return m_measuredRate;
}

SendTokenBucket::SendTokenBucket(double maxRate, double now)
{
    setMaxRate(maxRate, now);
}

void SendTokenBucket::setMaxRate(double rate, double now)
{
    // Tokens earned at the old rate up to now are kept; only later ones come at the new rate.
    refill(now);
    m_fillRate = std::max(rate, kMinRate);
    m_capacity = rate >= 1 ? rate : 1;
    m_available = std::min(m_available, m_capacity);
}

double SendTokenBucket::tryAcquire(double now)
{
    refill(now);
    if (m_available >= 1) {
        m_available -= 1;
        return 0;
    }
    return (1 - m_available) / m_fillRate;
}

void SendTokenBucket::refill(double now)
{
    if (m_lastRefill < 0) {
        m_lastRefill = now;
        return;
    }
    // A clock that went back (it is monotonic, but tests pass times in) earns nothing.
    const double elapsed = std::max(0.0, now - m_lastRefill);
    m_available = std::min(m_capacity, m_available + elapsed * m_fillRate);
    m_lastRefill = now;
}

ClientRateLimiter::ClientRateLimiter(double startTime)
    : m_cubic(0, startTime)
    , m_meter(startTime)
    , m_bucket(1, startTime)
{
}

double ClientRateLimiter::acquireDelay(double now)
{
    if (m_firstRequest < 0)
        m_firstRequest = now;
    return m_enabled ? m_bucket.tryAcquire(now) : 0;
}

double ClientRateLimiter::earlyRate(double now) const
{
    const double since = m_firstRequest < 0 ? now : m_firstRequest;
    return m_acceptedEarly / std::max(1.0, now - since);
}

void ClientRateLimiter::recordResponse(bool throttled, double now, double sentAt)
{
    double measured = m_meter.record(now);
    if (throttled && m_enabled && sentAt >= 0 && sentAt < m_lastDecrease) {
        return; // the same congestion event as the decrease that already happened
    }
    if (!m_meter.hasMeasured()) {
        m_acceptedEarly += throttled ? 0 : 1;
        // Only once the limiter is on does the rate matter (see the class comment): before, the
        // steps are botocore's to the digit (tst_clientratelimiter's vector).
        if (m_enabled || throttled)
            measured = earlyRate(now);
    }
    double newRate;
    if (!throttled) {
        newRate = m_cubic.successReceived(now);
    } else {
        // The rate that was too much: what was really sent, or less when the bucket held us
        // below it already.
        const double rateThen = m_enabled ? std::min(measured, m_bucket.maxRate()) : measured;
        newRate = m_cubic.errorReceived(rateThen, now);
        m_enabled = true;
        m_lastDecrease = now;
    }
    m_bucket.setMaxRate(std::min(newRate, kMaxRateAdjustScale * measured), now);
}

} // namespace flowdesk::appflow
