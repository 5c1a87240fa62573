// A successful (HTTP 200) AppFlow answer: the body through ResponseParser for every operation
// (ListFlows, DescribeFlow, DescribeFlowExecutionRecords, CancelFlowExecutions, StartFlow,
// StopFlow), since any of them may receive any bytes.

#include "FuzzSupport.h"

#include <ResponseParser.h>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using flowdesk::appflow::ResponseParser;
    flowdesk::appflow::HttpResponse response;
    response.status = 200;
    response.reasonPhrase = QByteArrayLiteral("OK");
    response.headers = {{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")},
                        {QByteArrayLiteral("x-amzn-RequestId"),
                         QByteArrayLiteral("5f1c2d3e-0000-4000-8000-000000000000")}};
    response.body = flowdesk::fuzz::bytes(data, size);
    (void)ResponseParser::listFlows(response);
    (void)ResponseParser::describeFlow(response);
    (void)ResponseParser::executionRecords(response);
    (void)ResponseParser::cancelFlowExecutions(response);
    (void)ResponseParser::startFlow(response);
    (void)ResponseParser::stopFlow(response);
    return 0;
}
