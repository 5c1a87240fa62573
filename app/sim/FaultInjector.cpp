#include "FaultInjector.h"

namespace flowdesk::sim {
namespace {

const QStringList &operations()
{
    static const QStringList names{QStringLiteral("ListFlows"),
                                   QStringLiteral("DescribeFlow"),
                                   QStringLiteral("DescribeFlowExecutionRecords"),
                                   QStringLiteral("CancelFlowExecutions"),
                                   QStringLiteral("StartFlow"),
                                   QStringLiteral("StopFlow")};
    return names;
}

} // namespace

FaultInjector::FaultInjector(const Settings &settings)
    : m_settings(settings), m_random(settings.seed ^ 0x5eed5eedU)
{
}

FaultInjector::Fault FaultInjector::pick()
{
    const double draw = m_random.generateDouble();
    double edge = m_settings.dropRate;
    if (draw < edge)
        return Fault::Drop;
    edge += m_settings.throttleRate;
    if (draw < edge)
        return Fault::Throttle;
    edge += m_settings.errorRate;
    if (draw < edge)
        return m_random.bounded(2) == 0 ? Fault::InternalError : Fault::Unavailable;
    return Fault::None;
}

bool FaultInjector::denies(const QString &operation, const QString &flowName) const
{
    for (const QString &rule : m_settings.deny) {
        const qsizetype colon = rule.indexOf(u':');
        const QString ruleOperation = colon < 0 ? rule : rule.left(colon);
        if (ruleOperation != operation)
            continue;
        if (colon < 0 || rule.mid(colon + 1) == flowName)
            return true;
    }
    return false;
}

bool FaultInjector::isValidDenyRule(const QString &rule, QString *error)
{
    const qsizetype colon = rule.indexOf(u':');
    const QString operation = colon < 0 ? rule : rule.left(colon);
    if (!operations().contains(operation)) {
        *error = QStringLiteral("--deny %1: unknown operation \"%2\"; use one of %3")
                     .arg(rule, operation, operations().join(QStringLiteral(", ")));
        return false;
    }
    if (colon >= 0 && rule.mid(colon + 1).isEmpty()) {
        *error = QStringLiteral("--deny %1: a flow name must follow the colon").arg(rule);
        return false;
    }
    return true;
}

} // namespace flowdesk::sim
