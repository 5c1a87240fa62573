#pragma once

#include <QCoreApplication>

#include "AppFlowError.h"
#include "MessageBar.h"

#include <QDateTime>

namespace flowdesk {

// The one place that turns an AppFlow error into words for people: what failed, the AWS code
// and message, and what to do about it. Nothing else in the UI formats AWS errors.
class ErrorPresenter
{
    Q_DECLARE_TR_FUNCTIONS(ErrorPresenter)

public:
    // operation: the AppFlow operation name ("CancelFlowExecutions"); flowName may be empty;
    // endpointHost names where the request went (for network errors); nextRefresh: when the
    // connection reads again by itself (invalid: not at all), so that the message says what
    // really happens next instead of promising a retry that will not come.
    static BarMessage present(const appflow::AppFlowError &error, const QString &operation,
                              const QString &flowName, const QString &endpointHost,
                              const QDateTime &nextRefresh = {});

    // After this failure, what Flowdesk does (or does not do) next, and what the user can do.
    static QString whatHappensNext(const appflow::AppFlowError &error, const QString &operation,
                                   const QDateTime &nextRefresh);

    // "Listing flows", "Cancelling runs of “x”", … — the subject of the message.
    static QString describeOperation(const QString &operation, const QString &flowName);
};

} // namespace flowdesk
