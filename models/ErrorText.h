#pragma once

#include <QCoreApplication>

#include "AppFlowError.h"

#include <QString>

namespace flowdesk::models {

// The words for an AppFlow error that every front end shares — the app's message bar
// (ErrorPresenter) and flowdesk-cli: what failed, the AWS code and message, and what the cause
// means for the user. What happens next differs per front end (a window with a Retry button, an
// exit code), so each adds that itself.
struct ErrorText {
    Q_DECLARE_TR_FUNCTIONS(ErrorText)

public:
    enum class Severity { Info, Warning, Error };

    Severity severity = Severity::Error;
    QString text;      // "Cancelling runs of “orders-sync” was refused: you lack a permission."
    QString hint;      // what the cause means and what to do about it (may be empty)
    QString code;      // "AccessDeniedException"
    QString detail;    // the service's own message
    QString requestId; // x-amzn-RequestId

    // operation: the AppFlow operation name ("CancelFlowExecutions"); flowName may be empty;
    // endpointHost names where the request went (for network errors).
    static ErrorText describe(const appflow::AppFlowError &error, const QString &operation,
                              const QString &flowName, const QString &endpointHost);

    // "Listing flows", "Cancelling runs of “x”", … — the subject of the message.
    static QString describeOperation(const QString &operation, const QString &flowName);
};

} // namespace flowdesk::models
