// The simulator's HTTP/1.1 request parser (HttpRequestParser: request line, headers, Content-Length
// and chunked framing, the limits of HttpLimits), fed the way a socket feeds it: in pieces.
// Input: the first byte chooses the piece size (1–256 bytes; a slow client and a fast one frame
// the same bytes alike), the rest is what the client sent. Small limits, so that every limit is
// reached often. Checked beyond "no crash": a Ready request never exceeds the limits, an Error
// always names an HTTP error status, and nothing is parsed after an Error.

#include "FuzzSupport.h"

#include <HttpRequestParser.h>

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace flowdesk::sim;
    if (size == 0)
        return 0;
    const qsizetype piece = qsizetype(data[0]) + 1;
    const QByteArray input = flowdesk::fuzz::bytes(data + 1, size - 1);

    HttpLimits limits;
    limits.maxRequestLineBytes = 256;
    limits.maxHeaderBytes = 1024;
    limits.maxHeaderFields = 16;
    limits.maxBodyBytes = 4096;
    HttpRequestParser parser(limits);

    bool failed = false;
    const auto drain = [&] {
        for (;;) {
            const HttpRequestParser::Status status = parser.parse();
            if (status == HttpRequestParser::NeedMore)
                return;
            if (status == HttpRequestParser::Error) {
                const int code = parser.failure().status;
                if (code < 400 || code > 599 || parser.failure().code.isEmpty())
                    std::abort(); // an error the connection could not answer
                // Sticky: more bytes after an error are never parsed into a request.
                parser.feed("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
                if (parser.parse() != HttpRequestParser::Error)
                    std::abort();
                failed = true;
                return;
            }
            const HttpRequest request = parser.takeRequest();
            if (request.body.size() > limits.maxBodyBytes
                || request.headers.size() > limits.maxHeaderFields
                || request.method.isEmpty())
                std::abort(); // a limit that did not hold
        }
    };
    for (qsizetype at = 0; at < input.size() && !failed; at += piece) {
        parser.feed(QByteArrayView(input.constData() + at, qMin(piece, input.size() - at)));
        drain();
    }
    if (!failed) {
        parser.endOfInput();
        drain();
    }
    return 0;
}
