#pragma once

#include <QString>

namespace flowdesk::sim {

enum class ExecutionStatus { InProgress, Successful, Error, CancelStarted, Canceled };

// The wire text: "InProgress", "Successful", "Error", "CancelStarted", "Canceled".
QString executionStatusName(ExecutionStatus status);
bool parseExecutionStatus(const QString &text, ExecutionStatus *status);

// One run of a flow. A run is a plan fixed when it starts (duration, outcome, size) plus the
// time a cancel was asked for; everything a client sees is derived from that and the current
// simulated time, so nothing has to tick in the background.
struct Run {
    QString executionId;
    double startedAt = 0;
    double durationSeconds = 0;    // until the natural end (Successful or Error)
    bool fails = false;
    QString errorMessage;
    qint64 putFailuresCount = 0;
    qint64 plannedRecords = 0;     // processed by the natural end
    qint64 bytesPerRecord = 0;
    bool batchApi = false;         // finishes its current batch when cancelled
    double batchSeconds = 120;
    qint64 maxPageSize = 2000;
    qint64 parallelProcesses = 1;
    double dataPullStartTime = 0;  // 0: not reported
    double dataPullEndTime = 0;
    double cancelRequestedAt = -1; // < 0: never cancelled
    double cancelEffectiveAt = -1; // when CancelStarted turns into Canceled

    double naturalEnd() const { return startedAt + durationSeconds; }
    ExecutionStatus statusAt(double now) const;
    bool isActiveAt(double now) const { return statusAt(now) == ExecutionStatus::InProgress; }
    // When the run stopped changing (its end), or `now` while it still changes.
    double lastUpdatedAt(double now) const;
    qint64 recordsProcessedAt(double now) const;
    qint64 bytesProcessedAt(double now) const { return recordsProcessedAt(now) * bytesPerRecord; }
    qint64 bytesWrittenAt(double now) const;
    // Marks the run CancelStarted at `now` when it is InProgress; false otherwise. A batch run
    // reaches Canceled only after its current batch (and at least `cancelDelay` later).
    bool requestCancel(double now, double cancelDelay);
};

} // namespace flowdesk::sim
