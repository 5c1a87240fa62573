#include "RunVerdict.h"

#include <CancelOutcomeModel.h>

namespace flowdesk::soak {

using Result = ReportedOutcome::Result;

namespace {

QString statusName(const QString &text)
{
    return text.isEmpty() ? QStringLiteral("unknown") : text;
}

bool claimsCancelled(Result result)
{
    return result == Result::CancelStarted || result == Result::AlreadyCancelled;
}

} // namespace

QString RunVerdict::resultName(Result result)
{
    switch (result) {
    case Result::None:
        return QStringLiteral("no row");
    case Result::Sending:
        return QStringLiteral("still sending");
    case Result::CancelStarted:
        return QStringLiteral("cancel started");
    case Result::AlreadyCancelled:
        return QStringLiteral("already cancelled");
    case Result::NotCancellable:
        return QStringLiteral("not cancellable");
    case Result::RequestFailed:
        return QStringLiteral("request failed");
    case Result::NoAnswer:
        return QStringLiteral("no answer");
    case Result::NotSent:
        return QStringLiteral("not sent");
    }
    return {};
}

QString RunVerdict::describe(const ExpectedOutcome &expected)
{
    QString text = resultName(expected.result);
    if (expected.result == Result::NotCancellable)
        text += QStringLiteral(" \"%1\"").arg(
            models::CancelOutcomeModel::notCancellableReason(expected.status));
    if (expected.result == Result::RequestFailed)
        text += expected.answered
            ? QStringLiteral(" (with AWS code and request ID)")
            : QStringLiteral(" or no answer (connection dropped; with an error code)");
    return text + QStringLiteral("; status ") + statusName(expected.statusText);
}

QString RunVerdict::describe(const ReportedOutcome &reported)
{
    QString text = resultName(reported.result);
    if (reported.result == Result::NotCancellable)
        text += QStringLiteral(" \"%1\"").arg(reported.reason);
    if (reported.result == Result::RequestFailed || reported.result == Result::NoAnswer
        || reported.result == Result::NotSent)
        text += QStringLiteral(" \"%1\" code \"%2\" request ID \"%3\"")
                    .arg(reported.error, reported.errorCode, reported.requestId);
    text += QStringLiteral("; status ") + statusName(reported.statusText);
    if (reported.statusIsLastKnown)
        text += QStringLiteral(" (last known)");
    return text;
}

RunVerdict RunVerdict::judge(const ExpectedOutcome &expected, const ReportedOutcome &reported)
{
    RunVerdict verdict;
    if (reported.result == Result::None || reported.result == Result::Sending) {
        verdict.kind = Kind::NotReported;
        verdict.problems << QStringLiteral("result: expected %1, reported %2")
                                .arg(resultName(expected.result), resultName(reported.result));
        return verdict;
    }
    // The last attempt got no answer: the client cannot know whether AppFlow acted on it, so
    // "no answer" is as true as "request failed" (the simulator never acts on a dropped one).
    const bool failedAlike = expected.result == Result::RequestFailed && !expected.answered
        && reported.result == Result::NoAnswer;
    if (reported.result != expected.result && !failedAlike)
        verdict.problems << QStringLiteral("result: expected %1, reported %2")
                                .arg(resultName(expected.result), resultName(reported.result));
    verdict.reportedCancelledButNot
        = claimsCancelled(reported.result) && !expected.cancelledBySimulator;

    if (reported.result == expected.result && expected.result == Result::NotCancellable) {
        const QString reason = models::CancelOutcomeModel::notCancellableReason(expected.status);
        if (reported.reason != reason)
            verdict.problems << QStringLiteral("reason: expected \"%1\", reported \"%2\"")
                                    .arg(reason, reported.reason);
    }
    if (expected.result == Result::RequestFailed
        && (reported.result == Result::RequestFailed || failedAlike)) {
        if (reported.error.isEmpty())
            verdict.problems << QStringLiteral("error: none shown");
        if (reported.errorCode.isEmpty())
            verdict.problems << QStringLiteral("error code: none reported");
        if (expected.answered && reported.requestId.isEmpty())
            verdict.problems << QStringLiteral("request ID: none reported, AppFlow sent one");
    }
    // "Status now" must be the simulator's status, unless the view says it is only the last
    // one known (never say more than you know).
    if (!reported.statusIsLastKnown && reported.status != expected.status)
        verdict.problems << QStringLiteral("status now: expected %1, reported %2")
                                .arg(statusName(expected.statusText),
                                     statusName(reported.statusText));
    if (!verdict.problems.isEmpty())
        verdict.kind = Kind::Misreported;
    return verdict;
}

} // namespace flowdesk::soak
