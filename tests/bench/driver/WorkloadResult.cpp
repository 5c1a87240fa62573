#include "WorkloadResult.h"

namespace flowdesk::bench {

QJsonObject WorkloadResult::toJson() const
{
    QJsonObject object{{QStringLiteral("wallMs"), wallMs},
                       {QStringLiteral("flows"), flows},
                       {QStringLiteral("flowsRead"), flowsRead},
                       {QStringLiteral("records"), records},
                       {QStringLiteral("pages"), pages},
                       {QStringLiteral("activeRuns"), activeRuns},
                       {QStringLiteral("stoppedEarly"), stoppedEarly},
                       {QStringLiteral("cancelStarted"), cancelStarted},
                       {QStringLiteral("notCancellable"), notCancellable},
                       {QStringLiteral("errors"), errors}};
    if (!firstError.isEmpty())
        object.insert(QStringLiteral("firstError"), firstError);
    return object;
}

} // namespace flowdesk::bench
