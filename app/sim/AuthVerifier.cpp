#include "AuthVerifier.h"

#include <SigV4.h>


namespace flowdesk::sim {

namespace sigv4 = aws::sigv4;

AuthVerifier::AuthVerifier(const CredentialStore &store, const QStringList &regions)
    : m_store(store), m_regions(regions)
{
}

QString AuthVerifier::signatureMismatchMessage()
{
    return QStringLiteral("The request signature we calculated does not match the signature you "
                          "provided. Check your AWS Secret Access Key and signing method. Consult "
                          "the service documentation for details.");
}

QString AuthVerifier::invalidTokenMessage()
{
    return QStringLiteral("The security token included in the request is invalid.");
}

QString AuthVerifier::expiredTokenMessage()
{
    return QStringLiteral("The security token included in the request is expired");
}

AuthVerifier::Result AuthVerifier::verify(const HttpRequest &request, const QString &service,
                                          const QDateTime &now) const
{
    Result result;
    const QByteArray authorization = request.header(QByteArrayLiteral("authorization"));
    if (authorization.isEmpty()) {
        result.failure = Failure::MissingToken;
        result.message = QStringLiteral("Missing Authentication Token");
        return result;
    }
    const sigv4::ParsedAuthorization parsed = sigv4::parseAuthorization(authorization);
    result.accessKeyId = parsed.accessKeyId;
    if (!parsed.valid) {
        result.failure = Failure::IncompleteSignature;
        result.message = parsed.error.isEmpty()
            ? QStringLiteral("Authorization header is not a valid AWS4-HMAC-SHA256 authorization.")
            : parsed.error;
        return result;
    }

    const QByteArray amzDateText = request.header(QByteArrayLiteral("x-amz-date"));
    const QDateTime signedAt = sigv4::parseAmzDate(amzDateText);
    if (!signedAt.isValid()) {
        result.failure = Failure::IncompleteSignature;
        result.message = amzDateText.isEmpty()
            ? QStringLiteral("Authorization header requires existence of either a 'X-Amz-Date' or "
                             "a 'Date' header.")
            : QStringLiteral("X-Amz-Date '%1' is not an ISO-8601 basic date such as "
                             "20150830T123600Z.")
                  .arg(QString::fromLatin1(amzDateText));
        return result;
    }
    if (!parsed.signedHeaders.contains(QByteArrayLiteral("host"))) {
        result.failure = Failure::IncompleteSignature;
        result.message =
            QStringLiteral("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
        return result;
    }

    // The scope: date of X-Amz-Date, this region, this service, "aws4_request".
    const QString scopeDate = parsed.date.toString(QStringLiteral("yyyyMMdd"));
    const QString headerDate = signedAt.date().toString(QStringLiteral("yyyyMMdd"));
    if (parsed.date != signedAt.date()) {
        result.failure = Failure::WrongScope;
        result.message = QStringLiteral("Date in Credential scope does not match YYYYMMDD from "
                                        "ISO-8601 version of date from HTTP: '%1' != '%2', from "
                                        "'%3'.")
                             .arg(scopeDate.isEmpty() ? QStringLiteral("?") : scopeDate, headerDate,
                                  QString::fromLatin1(amzDateText));
        return result;
    }
    if (!m_regions.contains(parsed.region)) {
        result.failure = Failure::WrongScope;
        result.message = QStringLiteral("Credential should be scoped to a valid region.");
        return result;
    }
    if (parsed.service != service) {
        result.failure = Failure::WrongScope;
        result.message = QStringLiteral("Credential should be scoped to correct service: '%1'.")
                             .arg(service);
        return result;
    }
    if (parsed.terminator != "aws4_request") {
        result.failure = Failure::WrongScope;
        result.message = QStringLiteral("Credential should be scoped with a valid terminator: "
                                        "'aws4_request', not '%1'.")
                             .arg(QString::fromLatin1(parsed.terminator));
        return result;
    }

    // The key, then its session token.
    const std::optional<CredentialStore::Entry> entry = m_store.find(parsed.accessKeyId);
    if (!entry) {
        result.failure = Failure::UnknownKey;
        result.message = invalidTokenMessage();
        return result;
    }
    const QByteArray token = request.header(QByteArrayLiteral("x-amz-security-token"));
    if (token != entry->credentials.sessionToken.toUtf8()) {
        result.failure = Failure::UnknownKey;
        result.message = invalidTokenMessage();
        return result;
    }
    if (entry->credentials.expiration.isValid() && now >= entry->credentials.expiration) {
        result.failure = Failure::ExpiredToken;
        result.message = expiredTokenMessage();
        return result;
    }

    // Clock skew, worded as AWS words it.
    const qint64 skew = signedAt.secsTo(now);
    if (skew > kMaxSkewSeconds) {
        result.failure = Failure::SignatureExpired;
        result.message = QStringLiteral("Signature expired: %1 is now earlier than %2 (%3 - 5 min.)")
                             .arg(QString::fromLatin1(amzDateText),
                                  QString::fromLatin1(sigv4::amzDate(now.addSecs(-kMaxSkewSeconds))),
                                  QString::fromLatin1(sigv4::amzDate(now)));
        return result;
    }
    if (-skew > kMaxSkewSeconds) {
        result.failure = Failure::SignatureExpired;
        result.message =
            QStringLiteral("Signature not yet current: %1 is still later than %2 (%3 + 5 min.)")
                .arg(QString::fromLatin1(amzDateText),
                     QString::fromLatin1(sigv4::amzDate(now.addSecs(kMaxSkewSeconds))),
                     QString::fromLatin1(sigv4::amzDate(now)));
        return result;
    }

    // Finally the signature itself, recomputed with the signer's own steps.
    sigv4::Request signedRequest;
    signedRequest.method = request.method;
    signedRequest.path = request.path;
    signedRequest.query = request.query;
    signedRequest.headers = request.headers;
    signedRequest.body = request.body;
    const QByteArray canonical = sigv4::canonicalRequest(signedRequest, parsed.signedHeaders,
                                                         sigv4::hexSha256(request.body));
    const QByteArray scope = sigv4::credentialScope(parsed.date, parsed.region, parsed.service);
    const QByteArray stringToSign = sigv4::stringToSign(signedAt, scope, canonical);
    const QByteArray key = sigv4::signingKey(entry->credentials.secretAccessKey, parsed.date,
                                             parsed.region, parsed.service);
    const QByteArray expected = sigv4::signature(key, stringToSign);
    // Compare in constant time: the signature is a secret-derived value.
    bool same = expected.size() == parsed.signature.size();
    unsigned char difference = 0;
    for (qsizetype i = 0; same && i < expected.size(); ++i)
        difference |= static_cast<unsigned char>(expected.at(i) ^ parsed.signature.at(i));
    if (!same || difference != 0) {
        result.failure = Failure::SignatureMismatch;
        result.message = signatureMismatchMessage();
        return result;
    }
    result.principalArn = entry->principalArn;
    result.region = parsed.region;
    return result;
}

} // namespace flowdesk::sim
