#pragma once

#include "ControllerReport.h"

#include <QStringList>

namespace flowdesk::soak {

// What the outcome view should say about one run, from the simulator's own state: whether the
// request for its flow reached the simulator, whether the run was cancelled before (behind the
// controller's back, or in the scenario's history), whether this cancel started it, and the
// status the simulator has when the round is checked.
struct ExpectedOutcome {
    ReportedOutcome::Result result = ReportedOutcome::Result::None;
    appflow::ExecutionStatus status = appflow::ExecutionStatus::Unknown;
    QString statusText;
    bool answered = true; // RequestFailed: the last attempt got an HTTP answer
    bool cancelledBySimulator = false; // the simulator holds a cancel for this run
};

// The comparison of one run, with a line per difference ("result: expected …, reported …").
struct RunVerdict {
    enum class Kind { Correct, Misreported, NotReported };
    Kind kind = Kind::Correct;
    bool reportedCancelledButNot = false; // cancel started / already cancelled, but it is not
    QStringList problems;

    static RunVerdict judge(const ExpectedOutcome &expected, const ReportedOutcome &reported);

    static QString resultName(ReportedOutcome::Result result);
    static QString describe(const ExpectedOutcome &expected);
    static QString describe(const ReportedOutcome &reported);
};

} // namespace flowdesk::soak
