#include "RateLimits.h"

#include <QStringList>

#include <algorithm>
#include <cmath>

namespace flowdesk::sim {

namespace {

const QStringList &appFlowOperations()
{
    static const QStringList operations{
        QStringLiteral("ListFlows"), QStringLiteral("DescribeFlow"),
        QStringLiteral("DescribeFlowExecutionRecords"), QStringLiteral("CancelFlowExecutions"),
        QStringLiteral("StartFlow"), QStringLiteral("StopFlow")};
    return operations;
}

} // namespace

std::optional<RateLimit> RateLimit::parse(const QString &text, QString *error)
{
    const auto fail = [&](const QString &why) -> std::optional<RateLimit> {
        *error = QStringLiteral("--rate-limit \"%1\": %2 (expected OP=TPS[:BURST], e.g. "
                                "DescribeFlowExecutionRecords=10:20 or *=5)")
                     .arg(text, why);
        return std::nullopt;
    };
    const qsizetype equals = text.indexOf(u'=');
    if (equals <= 0)
        return fail(QStringLiteral("no operation before '='"));
    RateLimit limit;
    limit.operation = text.left(equals).trimmed();
    // SsoPortal: the IAM Identity Center portal's APIs, one bucket per instance.
    if (limit.operation != u"*" && limit.operation != u"SsoPortal" && !appFlowOperations().contains(limit.operation))
        return fail(QStringLiteral("\"%1\" is not an AppFlow operation the simulator serves (%2) nor SsoPortal")
                        .arg(limit.operation, appFlowOperations().join(QStringLiteral(", "))));
    const QStringList numbers = text.mid(equals + 1).split(u':');
    if (numbers.size() > 2)
        return fail(QStringLiteral("more than one ':'"));
    bool ok = false;
    limit.tps = numbers.at(0).trimmed().toDouble(&ok);
    if (!ok || !std::isfinite(limit.tps) || limit.tps <= 0 || limit.tps > 100000)
        return fail(QStringLiteral("TPS must be a number above 0 and at most 100000"));
    limit.burst = std::max(1.0, limit.tps);
    if (numbers.size() == 2) {
        limit.burst = numbers.at(1).trimmed().toDouble(&ok);
        if (!ok || !std::isfinite(limit.burst) || limit.burst < 1 || limit.burst > 1000000)
            return fail(QStringLiteral("BURST must be a number from 1 to 1000000"));
    }
    return limit;
}

RateLimiter::RateLimiter(const QList<RateLimit> &limits)
    : m_limits(limits)
{
}

bool RateLimiter::admit(const QString &key, const QString &operation, double now)
{
    // The most specific rule: the operation's own, else "*".
    const RateLimit *rule = nullptr;
    for (const RateLimit &limit : m_limits) {
        if (limit.operation == operation)
            rule = &limit;
        else if (limit.operation == u"*" && !rule)
            rule = &limit;
    }
    if (!rule)
        return true;
    const QString bucketKey = key + u'\n' + operation;
    auto found = m_buckets.find(bucketKey);
    if (found == m_buckets.end())
        found = m_buckets.insert(bucketKey, Bucket{rule->burst, now});
    Bucket &bucket = *found;
    bucket.tokens = std::min(rule->burst, bucket.tokens + std::max(0.0, now - bucket.last) * rule->tps);
    bucket.last = now;
    if (bucket.tokens < 1)
        return false;
    bucket.tokens -= 1;
    return true;
}

} // namespace flowdesk::sim
