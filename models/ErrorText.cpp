#include "ErrorText.h"

#include <QCoreApplication>

namespace flowdesk::models {

using appflow::AppFlowError;

namespace {

} // namespace

QString ErrorText::describeOperation(const QString &operation, const QString &flowName)
{
    const QString flow = QStringLiteral("\u201c%1\u201d").arg(flowName);
    if (operation == QLatin1String("ListFlows"))
        return tr("Listing flows");
    if (operation == QLatin1String("DescribeFlow"))
        return tr("Reading the settings of %1").arg(flow);
    if (operation == QLatin1String("DescribeFlowExecutionRecords"))
        return tr("Reading the runs of %1").arg(flow);
    if (operation == QLatin1String("CancelFlowExecutions"))
        return tr("Cancelling runs of %1").arg(flow);
    if (operation == QLatin1String("StartFlow"))
        return tr("Starting a run of %1").arg(flow);
    if (operation == QLatin1String("StopFlow"))
        return tr("Deactivating %1").arg(flow);
    return operation;
}

ErrorText ErrorText::describe(const AppFlowError &error, const QString &operation,
                              const QString &flowName, const QString &endpointHost)
{
    ErrorText message;
    message.severity = Severity::Error;
    message.code = error.codeText();
    message.detail = error.message();
    message.requestId = error.requestId();
    const QString subject = describeOperation(operation, flowName);
    message.text = tr("%1 failed.").arg(subject);

    switch (error.code()) {
    case AppFlowError::Code::AccessDenied:
        message.text = tr("%1 was refused: you lack a permission.").arg(subject);
        message.hint = tr("Ask your AWS administrator to allow the IAM action appflow:%1 "
                          "for this flow, or switch to a profile that has it.")
                           .arg(operation);
        break;
    case AppFlowError::Code::Throttling:
        message.severity = Severity::Warning;
        message.text = tr("%1 is being throttled by AWS.").arg(subject);
        message.hint = tr("AWS limits how fast this account may call AppFlow.");
        break;
    case AppFlowError::Code::ResourceNotFound:
        message.text = tr("%1 failed: the flow no longer exists.").arg(subject);
        message.hint = tr("It may have been deleted or renamed. Refresh the flow list.");
        break;
    case AppFlowError::Code::Validation:
    case AppFlowError::Code::InvalidRequest:
        message.hint = tr("The request was not accepted as written; check the flow name and "
                          "the selected runs.");
        break;
    case AppFlowError::Code::InternalServer:
        message.hint = tr("An error inside AWS. Try again in a minute; if it persists, give "
                          "AWS Support the request ID.");
        break;
    case AppFlowError::Code::Conflict:
        message.hint = tr("The flow is being changed by someone else. Refresh and try again.");
        break;
    case AppFlowError::Code::UnsupportedOperation:
        message.hint = tr("This flow does not support it (for example, on-demand flows cannot "
                          "be deactivated).");
        break;
    case AppFlowError::Code::ServiceQuotaExceeded:
        message.hint = tr("An AppFlow quota of this account is used up; see Service Quotas in "
                          "the AWS console.");
        break;
    case AppFlowError::Code::CredentialsUnavailable:
        message.text = tr("%1 failed: no usable AWS credentials.").arg(subject);
        message.hint = tr("Check the connection's profile or account (see the message above).");
        break;
    case AppFlowError::Code::Network:
        message.text = tr("%1 failed: could not reach %2.").arg(subject, endpointHost);
        message.hint = tr("Check your network, VPN or proxy settings, and the endpoint.");
        break;
    case AppFlowError::Code::Timeout:
        message.text = tr("%1 failed: %2 did not answer in time.").arg(subject, endpointHost);
        message.hint = tr("The network or the service is slow.");
        break;
    case AppFlowError::Code::MalformedResponse:
        message.hint = tr("%1 answered something Flowdesk does not understand. Check that the "
                          "endpoint really is AppFlow.")
                           .arg(endpointHost);
        break;
    case AppFlowError::Code::Aborted:
        message.severity = Severity::Info;
        message.text = tr("%1 was stopped.").arg(subject);
        break;
    case AppFlowError::Code::ConnectorAuthentication:
    case AppFlowError::Code::ConnectorServer:
        message.hint = tr("The connector (source or destination) reported a problem; check its "
                          "connection in the AppFlow console.");
        break;
    case AppFlowError::Code::Unknown:
        if (error.httpStatus() == 403)
            message.hint = tr("AWS rejected the credentials or their signature. Check the "
                              "access key, the secret and your computer's clock.");
        break;
    }
    return message;
}

} // namespace flowdesk::models
