#include "Run.h"

#include <QtGlobal>

#include <algorithm>
#include <cmath>

namespace flowdesk::sim {

QString executionStatusName(ExecutionStatus status)
{
    switch (status) {
    case ExecutionStatus::InProgress: return QStringLiteral("InProgress");
    case ExecutionStatus::Successful: return QStringLiteral("Successful");
    case ExecutionStatus::Error: return QStringLiteral("Error");
    case ExecutionStatus::CancelStarted: return QStringLiteral("CancelStarted");
    case ExecutionStatus::Canceled: return QStringLiteral("Canceled");
    }
    return {};
}

bool parseExecutionStatus(const QString &text, ExecutionStatus *status)
{
    for (ExecutionStatus candidate :
         {ExecutionStatus::InProgress, ExecutionStatus::Successful, ExecutionStatus::Error,
          ExecutionStatus::CancelStarted, ExecutionStatus::Canceled}) {
        if (executionStatusName(candidate) == text) {
            *status = candidate;
            return true;
        }
    }
    return false;
}

ExecutionStatus Run::statusAt(double now) const
{
    if (cancelRequestedAt >= 0 && now >= cancelRequestedAt)
        return now >= cancelEffectiveAt ? ExecutionStatus::Canceled : ExecutionStatus::CancelStarted;
    if (now < naturalEnd())
        return ExecutionStatus::InProgress;
    return fails ? ExecutionStatus::Error : ExecutionStatus::Successful;
}

double Run::lastUpdatedAt(double now) const
{
    const double end = cancelRequestedAt >= 0 ? cancelEffectiveAt : naturalEnd();
    return std::min(now, end);
}

qint64 Run::recordsProcessedAt(double now) const
{
    // A cancelled run stops reading at once, unless a batch API makes it finish its batch.
    double stop = naturalEnd();
    if (cancelRequestedAt >= 0)
        stop = std::min(stop, batchApi ? cancelEffectiveAt : cancelRequestedAt);
    const double elapsed = std::min(now, stop) - startedAt;
    if (elapsed <= 0 || durationSeconds <= 0)
        return 0;
    const double share = std::min(1.0, elapsed / durationSeconds);
    return static_cast<qint64>(std::floor(share * static_cast<double>(plannedRecords)));
}

qint64 Run::bytesWrittenAt(double now) const
{
    const qint64 processed = bytesProcessedAt(now);
    switch (statusAt(now)) {
    case ExecutionStatus::Successful:
        return processed;
    case ExecutionStatus::Error:
        return std::max<qint64>(0, processed - putFailuresCount * bytesPerRecord);
    default:
        // The destination lags a little behind what was read.
        return processed - processed / 10;
    }
}

bool Run::requestCancel(double now, double cancelDelay)
{
    if (statusAt(now) != ExecutionStatus::InProgress)
        return false;
    cancelRequestedAt = now;
    double effective = now + cancelDelay;
    if (batchApi && batchSeconds > 0) {
        const double batchesStarted = std::ceil((now - startedAt) / batchSeconds);
        const double batchEnd = std::min(naturalEnd(), startedAt + batchesStarted * batchSeconds);
        effective = std::max(effective, batchEnd);
    }
    cancelEffectiveAt = effective;
    return true;
}

} // namespace flowdesk::sim
