#pragma once

#include "AppFlowError.h"
#include "MessageBar.h"

namespace flowdesk {

// The one place that turns an AppFlow error into words for people: what failed, the AWS code
// and message, and what to do about it. Nothing else in the UI formats AWS errors.
class ErrorPresenter
{
public:
    // operation: the AppFlow operation name ("CancelFlowExecutions"); flowName may be empty;
    // endpointHost names where the request went (for network errors).
    static BarMessage present(const appflow::AppFlowError &error, const QString &operation,
                              const QString &flowName, const QString &endpointHost);

    // "Listing flows", "Cancelling runs of “x”", … — the subject of the message.
    static QString describeOperation(const QString &operation, const QString &flowName);
};

} // namespace flowdesk
