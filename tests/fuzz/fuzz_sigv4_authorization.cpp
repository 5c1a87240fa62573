// The simulator's check of a request's SigV4 Authorization header: AuthVerifier::verify
// (sigv4::parseAuthorization, scope, clock skew, the recomputed signature) on a request whose
// every byte is the fuzzer's, at a fixed "now" matching the seeds' X-Amz-Date.
// Input: "METHOD PATH[?QUERY] HTTP/1.1" line, header lines, an empty line, the body.

#include "FuzzSupport.h"

#include <AuthVerifier.h>
#include <CredentialStore.h>
#include <SigV4.h>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace flowdesk;
    static const sim::CredentialStore store(
        aws::Credentials{QStringLiteral("AKIDEXAMPLE"),
                         QStringLiteral("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"), {}, {}},
        QStringLiteral("arn:aws:iam::123456789012:user/fuzz"));
    static const sim::AuthVerifier verifier(store, QStringList{QStringLiteral("us-east-1")});
    static const QDateTime now(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);

    const QByteArray input = fuzz::bytes(data, size);
    const fuzz::TextMessage message = fuzz::textMessage(input);
    sim::HttpRequest request;
    const QList<QByteArray> parts = message.startLine.split(' ');
    request.method = parts.value(0);
    const QByteArray target = parts.value(1);
    const qsizetype question = target.indexOf('?');
    request.path = question < 0 ? target : target.left(question);
    request.query = question < 0 ? QByteArray() : target.mid(question + 1);
    request.headers = message.headers;
    request.body = message.body;
    (void)verifier.verify(request, QStringLiteral("appflow"), now);
    // The header parser on its own, on the raw Authorization value.
    (void)aws::sigv4::parseAuthorization(request.header(QByteArrayLiteral("Authorization")));
    return 0;
}
