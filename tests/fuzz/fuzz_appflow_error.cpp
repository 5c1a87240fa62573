// An AppFlow error answer: AppFlowError::fromHttpResponse (code from X-Amzn-ErrorType or the
// body's __type/code, message, request ID, retryability).
// Input: "STATUS reason" line, header lines, an empty line, the body (FuzzSupport.h).

#include "FuzzSupport.h"

#include <AppFlowError.h>

#include <QUrl>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using flowdesk::appflow::AppFlowError;
    const flowdesk::fuzz::TextMessage message
        = flowdesk::fuzz::textMessage(flowdesk::fuzz::bytes(data, size));
    flowdesk::appflow::HttpResponse response;
    const qsizetype space = message.startLine.indexOf(' ');
    response.status = message.startLine.left(space < 0 ? message.startLine.size() : space).toInt();
    response.reasonPhrase = space < 0 ? QByteArray() : message.startLine.mid(space + 1);
    response.headers = message.headers;
    response.body = message.body;
    const AppFlowError error = AppFlowError::fromHttpResponse(
        response, QUrl(QStringLiteral("https://appflow.us-east-1.amazonaws.com")));
    (void)error.toString();
    (void)error.isThrottling();
    (void)error.isExpiredCredentials();
    (void)error.isClockSkew();
    (void)AppFlowError::textForCode(error.code());
    return 0;
}
