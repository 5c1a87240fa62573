#pragma once

// AWS Signature Version 4, one function per step so each can be checked against the official
// test suite on its own (../shared/reference/sigv4-test-suite). Used by the AppFlow client to
// sign and by the simulator to verify; neither adds policy here (which headers a client sends,
// what an expired signature answers) — that belongs to the caller.

#include "Credentials.h"

#include <QByteArray>
#include <QDate>
#include <QDateTime>
#include <QList>
#include <QString>

#include <utility>

namespace flowdesk::aws::sigv4 {

using Header = std::pair<QByteArray, QByteArray>; // name (any case) and value (as sent)

// An HTTP request as the signer sees it.
struct Request {
    QByteArray method;         // "POST"
    QByteArray path;           // as on the request line, e.g. "/list-flows" (see canonicalUri)
    QByteArray query;          // as on the request line, without '?' ("" when none)
    QList<Header> headers;     // in order; repeated names allowed; must include Host
    QByteArray body;
};

struct Options {
    bool normalizePath = true;     // remove dot segments and "//" (every service but S3)
    bool signBodyHeader = false;   // add and sign x-amz-content-sha256 (S3-style)
    bool omitSessionToken = false; // add X-Amz-Security-Token after signing (unsigned)
};

// "20150830/us-east-1/service/aws4_request"
QByteArray credentialScope(const QDate &date, const QString &region, const QString &service);

// "20150830T123600Z" (UTC)
QByteArray amzDate(const QDateTime &time);
// Parses "20150830T123600Z"; invalid QDateTime when malformed.
QDateTime parseAmzDate(const QByteArray &text);

// Lower-case hex SHA-256.
QByteArray hexSha256(const QByteArray &data);

// Canonical URI: optionally normalized, then URI-encoded per segment (keeping '/').
// `path` is taken exactly as it appears on the request line and encoded once more here. For a
// real request that is the wire path, already percent-encoded (QUrl::path(QUrl::FullyEncoded)),
// so the canonical URI ends up double-encoded as every service but S3 expects: ':' in an ARN is
// "%3A" on the wire and "%253A" in the canonical request. The official test suites write raw
// characters on their request lines ("/example space/", "/ሴ"), which this encodes once, exactly
// as their expected files say. AppFlow's operation paths are plain ASCII, where both agree.
// Normalization (when asked) follows botocore: "." and empty segments dropped, ".." pops one,
// a trailing '/' kept when anything is left; an empty path is "/".
QByteArray canonicalUri(const QByteArray &path, const Options &options = {});
// Canonical query: parameters decoded, re-encoded (RFC 3986 unreserved kept), sorted by name
// then value; "=" kept for empty values.
QByteArray canonicalQuery(const QByteArray &query);
// Lower-case names, values trimmed with inner whitespace runs collapsed, repeated names joined
// with ',', sorted by name; only the names in `signedHeaders` (lower-case) are included.
// Returns the block of "name:value\n" lines.
QByteArray canonicalHeaders(const QList<Header> &headers, const QList<QByteArray> &signedHeaders);
// The headers a signer signs from `headers`: all but the never-signed ones (user-agent,
// connection, expect, keep-alive, proxy-*, te, trailer, transfer-encoding, upgrade,
// x-amzn-trace-id, authorization), lower-case, sorted, unique.
QList<QByteArray> headersToSign(const QList<Header> &headers);
// "content-type;host;x-amz-date"
QByteArray signedHeadersList(const QList<QByteArray> &signedHeaders);

QByteArray canonicalRequest(const Request &request, const QList<QByteArray> &signedHeaders,
                            const QByteArray &payloadHash, const Options &options = {});
QByteArray stringToSign(const QDateTime &time, const QByteArray &scope,
                        const QByteArray &canonicalRequest);
// HMAC chain: "AWS4"+secret → date → region → service → "aws4_request" (raw 32 bytes).
QByteArray signingKey(const QString &secretAccessKey, const QDate &date, const QString &region,
                      const QString &service);
// Lower-case hex HMAC-SHA256 of stringToSign under signingKey.
QByteArray signature(const QByteArray &signingKey, const QByteArray &stringToSign);
// "AWS4-HMAC-SHA256 Credential=AKID/scope, SignedHeaders=a;b, Signature=hex"
QByteArray authorizationHeader(const QString &accessKeyId, const QByteArray &scope,
                               const QList<QByteArray> &signedHeaders,
                               const QByteArray &signature);

// Every intermediate of one signing, so tests and the suite runner can say which step differs.
struct SigningResult {
    QByteArray canonicalRequest;
    QByteArray stringToSign;
    QByteArray signature;
    QByteArray authorization;   // header signing only
    QByteArray presignedQuery;  // query signing only: the full query string to send
};

// Header signing: adds X-Amz-Date, X-Amz-Security-Token (when temporary; signed unless
// omitSessionToken), x-amz-content-sha256 (when signBodyHeader) and Authorization to
// request.headers, replacing any the caller had set.
SigningResult signHeaders(Request &request, const Credentials &credentials, const QString &region,
                          const QString &service, const QDateTime &now, const Options &options = {});

// Query (presigned URL) signing: adds X-Amz-Algorithm, -Credential, -Date, -Expires,
// -SignedHeaders, -Security-Token and finally -Signature to request.query.
SigningResult signQuery(Request &request, const Credentials &credentials, const QString &region,
                        const QString &service, const QDateTime &now, int expiresSeconds,
                        const Options &options = {});

// A parsed "AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…" header, for verifiers.
struct ParsedAuthorization {
    bool valid = false;
    QString error;               // why it could not be parsed
    QString accessKeyId;
    QDate date;                  // from the scope
    QString region;
    QString service;
    QByteArray terminator;       // "aws4_request"
    QList<QByteArray> signedHeaders;
    QByteArray signature;
};
// Strict: algorithm AWS4-HMAC-SHA256; Credential, SignedHeaders and Signature each exactly once
// (any order, ',' with optional spaces); a five-part Credential with a valid YYYYMMDD date,
// lower-case region and service and "aws4_request"; SignedHeaders lower-case, sorted, unique;
// Signature 64 lower-case hex digits. `error` is one readable sentence fit for a 403 message; it
// never repeats the signature.
ParsedAuthorization parseAuthorization(const QByteArray &headerValue);

} // namespace flowdesk::aws::sigv4
