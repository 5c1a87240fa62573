#pragma once

#include <QJsonObject>
#include <QString>

namespace flowdesk::bench {

// What one workload run reports. The harness adds what only the simulator knows (requests it
// served, its own service time); the driver reports what the client saw.
struct WorkloadResult {
    double wallMs = 0;      // first request sent → last answer handled
    int flows = 0;          // flows listed (cancel: flows cancelled in)
    int flowsRead = 0;      // flows whose run history was read
    int records = 0;        // execution records received
    int pages = 0;          // DescribeFlowExecutionRecords pages received
    int activeRuns = 0;     // InProgress or CancelStarted runs found
    int stoppedEarly = 0;   // histories whose paging stopped before the last page
    int cancelStarted = 0;  // cancel: IDs the service accepted
    int notCancellable = 0; // cancel: IDs it listed as invalidExecutions
    int errors = 0;         // operations that failed (each is also in `firstError`)
    QString firstError;

    QJsonObject toJson() const;
};

} // namespace flowdesk::bench
