#include "ErrorPresenter.h"

#include "ErrorText.h"

#include <QCoreApplication>
#include <QLocale>

namespace flowdesk {

using appflow::AppFlowError;

namespace {

} // namespace

QString ErrorPresenter::describeOperation(const QString &operation, const QString &flowName)
{
    return models::ErrorText::describeOperation(operation, flowName);
}

QString ErrorPresenter::whatHappensNext(const AppFlowError &error, const QString &operation,
                                        const QDateTime &nextRefresh)
{
    const QString tried = error.attempts() > 1
                              ? QCoreApplication::translate("flowdesk::ErrorPresenter",
                                                            "Flowdesk tried %n times and stopped.",
                                                            nullptr, error.attempts())
                              : QString();
    auto join = [](const QString &a, const QString &b) {
        return a.isEmpty() ? b : b.isEmpty() ? a : a + u' ' + b;
    };
    if (operation == QLatin1String("CancelFlowExecutions")) {
        if (error.mayHaveReachedService())
            return join(tried, tr("No answer came back, so AppFlow may or may not have started "
                                  "the cancel: the Cancel results window reads the runs' status "
                                  "to find out, and offers Retry if they are still running."));
        return join(tried, tr("That request cancelled nothing; the runs go on. The Cancel results "
                              "window names them and has a Retry button."));
    }
    if (operation == QLatin1String("StopFlow"))
        return join(tried, tr("The flow was not deactivated: scheduled and event runs still "
                              "start. Deactivate it again from the Runs menu."));
    if (operation == QLatin1String("StartFlow"))
        return join(tried, tr("No run was started. Start it again from the Runs menu."));
    if (operation == QLatin1String("DescribeFlow"))
        return join(tried, tr("The confirmation says it could not check this flow's settings."));
    // Reads: the next refresh repeats them, if there is one.
    if (nextRefresh.isValid())
        return join(tried, tr("The next automatic refresh, at %1, reads it again; press F5 to "
                              "try now.")
                               .arg(QLocale().toString(nextRefresh.toLocalTime().time(),
                                                       QLocale::ShortFormat)));
    return join(tried, tr("Nothing retries it by itself: press F5 to try again."));
}

BarMessage ErrorPresenter::present(const AppFlowError &error, const QString &operation,
                                   const QString &flowName, const QString &endpointHost,
                                   const QDateTime &nextRefresh)
{
    const models::ErrorText words = models::ErrorText::describe(error, operation, flowName, endpointHost);
    BarMessage message;
    switch (words.severity) {
    case models::ErrorText::Severity::Info:
        message.severity = BarMessage::Severity::Info;
        break;
    case models::ErrorText::Severity::Warning:
        message.severity = BarMessage::Severity::Warning;
        break;
    case models::ErrorText::Severity::Error:
        message.severity = BarMessage::Severity::Error;
        break;
    }
    message.text = words.text;
    message.code = words.code;
    message.detail = words.detail;
    message.requestId = words.requestId;
    message.hint = words.hint;
    // What the app offers beyond the shared words: the settings that help.
    auto append = [&message](const QString &more) {
        message.hint = message.hint.isEmpty() ? more : message.hint + u' ' + more;
    };
    if (error.code() == AppFlowError::Code::Throttling)
        append(tr("If it keeps happening, lower the concurrency in Preferences."));
    else if (error.code() == AppFlowError::Code::Timeout)
        append(tr("The timeout can be raised in Preferences."));
    if (error.code() != AppFlowError::Code::Aborted && error.code() != AppFlowError::Code::InvalidRequest)
        append(whatHappensNext(error, operation, nextRefresh));
    return message;
}

} // namespace flowdesk
