#pragma once

#include <QHash>
#include <QList>
#include <QString>

#include <optional>

namespace flowdesk::sim {

// One --rate-limit rule: an AppFlow operation ("*": each operation) may be called `tps` times a
// second, with bursts of up to `burst` calls. AppFlow, like every AWS service, limits each API
// per account and region with a token bucket; what exceeds it is answered 429
// ThrottlingException "Rate exceeded". That, not a random draw (--throttle-rate), is what a
// client's adaptive retry mode learns from.
struct RateLimit {
    QString operation;  // "CancelFlowExecutions", "*", or "SsoPortal" (the portal's APIs together)
    double tps = 0;     // > 0
    double burst = 0;   // ≥ 1; default max(1, tps)

    // "OP=TPS[:BURST]", e.g. "DescribeFlowExecutionRecords=10:20"; nullopt with *error saying
    // what is wrong and what is expected.
    static std::optional<RateLimit> parse(const QString &text, QString *error);
};

// Token buckets for the rules, one per operation (and, when the simulator serves several
// accounts, per account and region: the key is the caller's). Full at start. Times are seconds
// on a monotonic clock, passed in.
class RateLimiter
{
public:
    explicit RateLimiter(const QList<RateLimit> &limits = {});

    // Takes a token for one call of `operation` by `key` at `now`; false when the bucket is
    // empty (the call must be throttled). Operations without a rule are always admitted.
    bool admit(const QString &key, const QString &operation, double now);
    bool isEmpty() const { return m_limits.isEmpty(); }

private:
    struct Bucket {
        double tokens = 0;
        double last = 0;
    };
    QList<RateLimit> m_limits;
    QHash<QString, Bucket> m_buckets; // key + '\n' + operation
};

} // namespace flowdesk::sim
