// The SigV4 canonical request builder (canonicalUri with and without normalization,
// canonicalQuery, canonicalHeaders) and header signing, on requests whose every byte is the
// fuzzer's: the client signs whatever path, query and headers a caller hands it.
// Input: "METHOD PATH[?QUERY] HTTP/1.1" line, header lines, an empty line, the body.

#include "FuzzSupport.h"

#include <SigV4.h>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace flowdesk::aws;
    static const Credentials longTerm{QStringLiteral("AKIDEXAMPLE"),
                                      QStringLiteral("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
                                      {}, {}};
    static const Credentials temporary{QStringLiteral("ASIAEXAMPLE"),
                                       QStringLiteral("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
                                       QStringLiteral("session-token"), {}};
    static const QDateTime now(QDate(2015, 8, 30), QTime(12, 36), Qt::UTC);

    const flowdesk::fuzz::TextMessage message
        = flowdesk::fuzz::textMessage(flowdesk::fuzz::bytes(data, size));
    sigv4::Request request;
    const QList<QByteArray> parts = message.startLine.split(' ');
    request.method = parts.value(0);
    const QByteArray target = parts.value(1);
    const qsizetype question = target.indexOf('?');
    request.path = question < 0 ? target : target.left(question);
    request.query = question < 0 ? QByteArray() : target.mid(question + 1);
    for (const auto &[name, value] : message.headers)
        request.headers.append({name, value});
    request.body = message.body;

    const QList<QByteArray> signedHeaders = sigv4::headersToSign(request.headers);
    const QByteArray payloadHash = sigv4::hexSha256(request.body);
    (void)sigv4::canonicalRequest(request, signedHeaders, payloadHash);
    sigv4::Options raw;
    raw.normalizePath = false;
    (void)sigv4::canonicalRequest(request, signedHeaders, payloadHash, raw);

    sigv4::Request copy = request;
    (void)sigv4::signHeaders(copy, longTerm, QStringLiteral("us-east-1"),
                             QStringLiteral("appflow"), now);
    sigv4::Options s3Style;
    s3Style.signBodyHeader = true;
    s3Style.omitSessionToken = true;
    (void)sigv4::signHeaders(request, temporary, QStringLiteral("us-east-1"),
                             QStringLiteral("service"), now, s3Style);
    return 0;
}
