#include "SigV4.h"

#include <QCryptographicHash>
#include <QMessageAuthenticationCode>
#include <QTime>

#include <algorithm>

namespace flowdesk::aws::sigv4 {

namespace {

constexpr char kAlgorithm[] = "AWS4-HMAC-SHA256";
constexpr char kTerminator[] = "aws4_request";

// The headers this signer sets itself; names compared case-insensitively.
constexpr char kAmzDate[] = "X-Amz-Date";
constexpr char kSecurityToken[] = "X-Amz-Security-Token";
constexpr char kContentSha256[] = "x-amz-content-sha256";
constexpr char kAuthorization[] = "Authorization";

bool sameName(const QByteArray &a, const QByteArray &b)
{
    return a.compare(b, Qt::CaseInsensitive) == 0;
}

void removeHeader(QList<Header> &headers, const QByteArray &name)
{
    headers.removeIf([&name](const Header &header) { return sameName(header.first, name); });
}

// Hop-by-hop and proxy-rewritten headers: a proxy or Qt itself may add, drop or change them on
// the way, so a signature over them would break for reasons that have nothing to do with the
// request. The list is botocore's SIGNED_HEADERS_BLACKLIST plus authorization (which carries the
// signature and so cannot be part of it).
bool isNeverSigned(const QByteArray &lowerName)
{
    static const QByteArray never[] = {
        "authorization", "connection", "expect",  "keep-alive", "te",
        "trailer",       "transfer-encoding",     "upgrade",    "user-agent",
        "x-amzn-trace-id",
    };
    return lowerName.startsWith("proxy-")
        || std::find(std::begin(never), std::end(never), lowerName) != std::end(never);
}

bool isHexDigit(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// Percent-decoding that leaves a '%' not followed by two hex digits as it is (Qt's
// fromPercentEncoding would turn "%zz" into an arbitrary byte). '+' stays '+': SigV4 query
// strings are not form-encoded.
QByteArray percentDecode(const QByteArray &text)
{
    QByteArray out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size() && isHexDigit(text[i + 1])
            && isHexDigit(text[i + 2])) {
            out.append(QByteArray::fromHex(text.mid(i + 1, 2)));
            i += 2;
        } else {
            out.append(text[i]);
        }
    }
    return out;
}

// RFC 3986 encoding of everything but the unreserved set (A-Z a-z 0-9 - . _ ~), upper-case hex:
// exactly what QByteArray::toPercentEncoding does with no exclusions.
QByteArray uriEncode(const QByteArray &bytes, const QByteArray &keep = {})
{
    return bytes.toPercentEncoding(keep);
}

// Dot-segment removal as botocore does it for every service but S3: split on '/', drop empty and
// "." segments, ".." pops one; keep the leading '/' and a trailing '/' when anything is left.
QByteArray normalizePath(const QByteArray &path)
{
    if (path.isEmpty())
        return "/";
    QList<QByteArray> kept;
    for (const QByteArray &segment : path.split('/')) {
        if (segment.isEmpty() || segment == ".")
            continue;
        if (segment == "..") {
            if (!kept.isEmpty())
                kept.removeLast();
            continue;
        }
        kept.append(segment);
    }
    QByteArray out = path.startsWith('/') ? QByteArray("/") : QByteArray();
    out += kept.join('/');
    if (path.endsWith('/') && !kept.isEmpty())
        out += '/';
    return out.isEmpty() ? QByteArray("/") : out;
}

QByteArray hmacSha256(const QByteArray &key, const QByteArray &message)
{
    return QMessageAuthenticationCode::hash(message, key, QCryptographicHash::Sha256);
}

QByteArray yyyymmdd(const QDate &date)
{
    return date.toString(u"yyyyMMdd").toLatin1();
}

// A fragment of an untrusted header that is safe to put into an error message: printable ASCII
// only and short, so a verifier can echo it back without reflecting arbitrary bytes.
QString excerpt(const QByteArray &text)
{
    constexpr qsizetype limit = 48;
    QString out;
    for (qsizetype i = 0; i < std::min(text.size(), limit); ++i) {
        const char c = text[i];
        out += (c >= 0x20 && c < 0x7f) ? QChar::fromLatin1(c) : u'?';
    }
    if (text.size() > limit)
        out += QStringLiteral("...");
    return out;
}

bool isLowerAlnumDash(const QByteArray &text)
{
    return !text.isEmpty() && std::all_of(text.begin(), text.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    });
}

// RFC 9110 token characters, lower-case letters only (SignedHeaders lists canonical names).
bool isLowerToken(const QByteArray &text)
{
    static const QByteArray extra = "!#$%&'*+-.^_`|~";
    return !text.isEmpty() && std::all_of(text.begin(), text.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || extra.contains(c);
    });
}

// The X-Amz-* query parameters of a presigned URL, in the order aws-c-auth writes them.
QList<std::pair<QByteArray, QByteArray>> presignParameters(const QByteArray &accessKeyId,
                                                           const QByteArray &scope,
                                                           const QByteArray &date,
                                                           const QList<QByteArray> &signedHeaders,
                                                           int expiresSeconds)
{
    return {
        {"X-Amz-Algorithm", kAlgorithm},
        {"X-Amz-Credential", accessKeyId + '/' + scope},
        {"X-Amz-Date", date},
        {"X-Amz-SignedHeaders", signedHeadersList(signedHeaders)},
        {"X-Amz-Expires", QByteArray::number(expiresSeconds)},
    };
}

QByteArray appendQuery(const QByteArray &query, const QByteArray &name, const QByteArray &value)
{
    const QByteArray pair = uriEncode(name) + '=' + uriEncode(value);
    return query.isEmpty() ? pair : query + '&' + pair;
}

// Drops parameters the signer is about to set, so a re-signed URL does not carry two of them.
QByteArray withoutParameters(const QByteArray &query, const QList<QByteArray> &names)
{
    QList<QByteArray> kept;
    for (const QByteArray &pair : query.split('&')) {
        if (pair.isEmpty())
            continue;
        const QByteArray name = percentDecode(pair.left(pair.indexOf('=')));
        const bool ours = std::any_of(names.begin(), names.end(),
                                      [&name](const QByteArray &n) { return sameName(n, name); });
        if (!ours)
            kept.append(pair);
    }
    return kept.join('&');
}

} // namespace

QByteArray credentialScope(const QDate &date, const QString &region, const QString &service)
{
    return yyyymmdd(date) + '/' + region.toUtf8() + '/' + service.toUtf8() + '/' + kTerminator;
}

QByteArray amzDate(const QDateTime &time)
{
    return time.toUTC().toString(u"yyyyMMdd'T'HHmmss'Z'").toLatin1();
}

QDateTime parseAmzDate(const QByteArray &text)
{
    // Exactly "YYYYMMDDTHHMMSSZ": QDateTime::fromString alone would accept other lengths.
    if (text.size() != 16 || text[8] != 'T' || text[15] != 'Z')
        return {};
    const QByteArray digits = text.left(8) + text.mid(9, 6);
    if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return {};
    const QDate date = QDate::fromString(QString::fromLatin1(text.left(8)), u"yyyyMMdd");
    const QTime time = QTime::fromString(QString::fromLatin1(text.mid(9, 6)), u"HHmmss");
    if (!date.isValid() || !time.isValid())
        return {};
    return QDateTime(date, time, Qt::UTC);
}

QByteArray hexSha256(const QByteArray &data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex();
}

QByteArray canonicalUri(const QByteArray &path, const Options &options)
{
    const QByteArray source = options.normalizePath ? normalizePath(path)
                                                    : (path.isEmpty() ? QByteArray("/") : path);
    return uriEncode(source, "/");
}

QByteArray canonicalQuery(const QByteArray &query)
{
    QList<std::pair<QByteArray, QByteArray>> parameters;
    for (const QByteArray &pair : query.split('&')) {
        if (pair.isEmpty())
            continue;
        const qsizetype equals = pair.indexOf('=');
        const QByteArray name = equals < 0 ? pair : pair.left(equals);
        const QByteArray value = equals < 0 ? QByteArray() : pair.mid(equals + 1);
        parameters.append({uriEncode(percentDecode(name)), uriEncode(percentDecode(value))});
    }
    // Sorting happens on the encoded form, by name and then value (repeated names).
    std::sort(parameters.begin(), parameters.end());
    QByteArray out;
    for (const auto &[name, value] : std::as_const(parameters)) {
        if (!out.isEmpty())
            out += '&';
        out += name + '=' + value;
    }
    return out;
}

QByteArray canonicalHeaders(const QList<Header> &headers, const QList<QByteArray> &signedHeaders)
{
    QList<QByteArray> names = signedHeaders;
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());

    QByteArray out;
    for (const QByteArray &name : std::as_const(names)) {
        QList<QByteArray> values;
        for (const auto &[headerName, value] : headers) {
            // simplified() trims and collapses every whitespace run, which also folds
            // obsolete line continuations ("value1\n  value2") into single spaces.
            if (sameName(headerName, name))
                values.append(value.simplified());
        }
        out += name + ':' + values.join(',') + '\n';
    }
    return out;
}

QList<QByteArray> headersToSign(const QList<Header> &headers)
{
    QList<QByteArray> names;
    for (const auto &header : headers) {
        const QByteArray name = header.first.trimmed().toLower();
        if (!name.isEmpty() && !isNeverSigned(name))
            names.append(name);
    }
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    return names;
}

QByteArray signedHeadersList(const QList<QByteArray> &signedHeaders)
{
    return signedHeaders.join(';');
}

QByteArray canonicalRequest(const Request &request, const QList<QByteArray> &signedHeaders,
                            const QByteArray &payloadHash, const Options &options)
{
    return request.method + '\n' + canonicalUri(request.path, options) + '\n'
         + canonicalQuery(request.query) + '\n' + canonicalHeaders(request.headers, signedHeaders)
         + '\n' + signedHeadersList(signedHeaders) + '\n' + payloadHash;
}

QByteArray stringToSign(const QDateTime &time, const QByteArray &scope,
                        const QByteArray &canonicalRequest)
{
    return QByteArray(kAlgorithm) + '\n' + amzDate(time) + '\n' + scope + '\n'
         + hexSha256(canonicalRequest);
}

QByteArray signingKey(const QString &secretAccessKey, const QDate &date, const QString &region,
                      const QString &service)
{
    // The key changes once a day per region and service, yet every request would derive it
    // again: four HMACs, ~7 % of a refresh's client CPU. The AWS SDKs keep the last one too.
    // Per thread, so no lock; it holds nothing the thread does not already hold (the secret).
    struct Derived {
        QString secret;
        QDate date;
        QString region;
        QString service;
        QByteArray key;
    };
    thread_local Derived last;
    if (!last.key.isEmpty() && last.date == date && last.region == region
        && last.service == service && last.secret == secretAccessKey)
        return last.key;
    const QByteArray dateKey = hmacSha256("AWS4" + secretAccessKey.toUtf8(), yyyymmdd(date));
    const QByteArray regionKey = hmacSha256(dateKey, region.toUtf8());
    const QByteArray serviceKey = hmacSha256(regionKey, service.toUtf8());
    last = Derived{secretAccessKey, date, region, service, hmacSha256(serviceKey, kTerminator)};
    return last.key;
}

QByteArray signature(const QByteArray &signingKey, const QByteArray &stringToSign)
{
    return hmacSha256(signingKey, stringToSign).toHex();
}

QByteArray authorizationHeader(const QString &accessKeyId, const QByteArray &scope,
                               const QList<QByteArray> &signedHeaders,
                               const QByteArray &signature)
{
    return QByteArray(kAlgorithm) + " Credential=" + accessKeyId.toUtf8() + '/' + scope
         + ", SignedHeaders=" + signedHeadersList(signedHeaders) + ", Signature=" + signature;
}

SigningResult signHeaders(Request &request, const Credentials &credentials, const QString &region,
                          const QString &service, const QDateTime &now, const Options &options)
{
    const QDateTime time = now.toUTC();
    const QByteArray date = amzDate(time);
    const QByteArray scope = credentialScope(time.date(), region, service);
    const QByteArray payloadHash = hexSha256(request.body);
    const QByteArray token = credentials.sessionToken.toUtf8();

    removeHeader(request.headers, kAuthorization);
    removeHeader(request.headers, kAmzDate);
    request.headers.append({kAmzDate, date});
    // A caller's own X-Amz-Security-Token survives only with long-term credentials (then it is
    // just another header); with temporary ones the credentials' token is the one that counts.
    if (credentials.isTemporary())
        removeHeader(request.headers, kSecurityToken);
    if (credentials.isTemporary() && !options.omitSessionToken)
        request.headers.append({kSecurityToken, token});
    if (options.signBodyHeader) {
        removeHeader(request.headers, kContentSha256);
        request.headers.append({kContentSha256, payloadHash});
    }

    SigningResult result;
    const QList<QByteArray> signedHeaders = headersToSign(request.headers);
    result.canonicalRequest = canonicalRequest(request, signedHeaders, payloadHash, options);
    result.stringToSign = stringToSign(time, scope, result.canonicalRequest);
    result.signature = signature(
        signingKey(credentials.secretAccessKey, time.date(), region, service), result.stringToSign);
    result.authorization = authorizationHeader(credentials.accessKeyId, scope, signedHeaders,
                                               result.signature);

    if (credentials.isTemporary() && options.omitSessionToken)
        request.headers.append({kSecurityToken, token});
    request.headers.append({kAuthorization, result.authorization});
    return result;
}

SigningResult signQuery(Request &request, const Credentials &credentials, const QString &region,
                        const QString &service, const QDateTime &now, int expiresSeconds,
                        const Options &options)
{
    const QDateTime time = now.toUTC();
    const QByteArray scope = credentialScope(time.date(), region, service);
    // Presigned URLs hash the body like header signing does; signBodyHeader has no header to
    // add here, so it is ignored.
    const QByteArray payloadHash = hexSha256(request.body);
    const QList<QByteArray> signedHeaders = headersToSign(request.headers);

    QByteArray query = withoutParameters(
        request.query, {"X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-SignedHeaders",
                        "X-Amz-Expires", kSecurityToken, "X-Amz-Signature"});
    for (const auto &[name, value] : presignParameters(credentials.accessKeyId.toUtf8(), scope,
                                                       amzDate(time), signedHeaders,
                                                       expiresSeconds)) {
        query = appendQuery(query, name, value);
    }
    if (credentials.isTemporary() && !options.omitSessionToken)
        query = appendQuery(query, kSecurityToken, credentials.sessionToken.toUtf8());

    Request toSign = request;
    toSign.query = query;
    SigningResult result;
    result.canonicalRequest = canonicalRequest(toSign, signedHeaders, payloadHash, options);
    result.stringToSign = stringToSign(time, scope, result.canonicalRequest);
    result.signature = signature(
        signingKey(credentials.secretAccessKey, time.date(), region, service), result.stringToSign);

    if (credentials.isTemporary() && options.omitSessionToken)
        query = appendQuery(query, kSecurityToken, credentials.sessionToken.toUtf8());
    query = appendQuery(query, "X-Amz-Signature", result.signature);
    result.presignedQuery = query;
    request.query = query;
    return result;
}

ParsedAuthorization parseAuthorization(const QByteArray &headerValue)
{
    ParsedAuthorization parsed;
    const auto fail = [&parsed](const QString &why) {
        parsed = {};
        parsed.error = why;
        return parsed;
    };

    const QByteArray value = headerValue.trimmed();
    if (value.isEmpty())
        return fail(QStringLiteral("The Authorization header is empty."));
    const qsizetype space = value.indexOf(' ');
    const QByteArray algorithm = space < 0 ? value : value.left(space);
    if (algorithm != kAlgorithm) {
        return fail(QStringLiteral("Unsupported authorization algorithm '%1': only "
                                   "AWS4-HMAC-SHA256 (Signature Version 4) is accepted.")
                        .arg(excerpt(algorithm)));
    }
    if (space < 0) {
        return fail(QStringLiteral("The Authorization header has no Credential, SignedHeaders "
                                   "and Signature after AWS4-HMAC-SHA256."));
    }

    QByteArray credential, signedHeaders, signatureHex;
    bool haveCredential = false, haveSignedHeaders = false, haveSignature = false;
    for (const QByteArray &rawPart : value.mid(space + 1).split(',')) {
        const QByteArray part = rawPart.trimmed();
        if (part.isEmpty()) {
            return fail(QStringLiteral("The Authorization header has an empty component "
                                       "(a stray ',')."));
        }
        const qsizetype equals = part.indexOf('=');
        if (equals <= 0) {
            return fail(QStringLiteral("Authorization component '%1' is not of the form "
                                       "Name=value.")
                            .arg(excerpt(part.left(24))));
        }
        const QByteArray name = part.left(equals);
        const QByteArray content = part.mid(equals + 1);
        QByteArray *target = nullptr;
        bool *seen = nullptr;
        if (name == "Credential") {
            target = &credential;
            seen = &haveCredential;
        } else if (name == "SignedHeaders") {
            target = &signedHeaders;
            seen = &haveSignedHeaders;
        } else if (name == "Signature") {
            target = &signatureHex;
            seen = &haveSignature;
        } else {
            return fail(QStringLiteral("Unknown Authorization component '%1': expected "
                                       "Credential, SignedHeaders and Signature.")
                            .arg(excerpt(name)));
        }
        if (*seen)
            return fail(QStringLiteral("Authorization component %1 appears twice.")
                            .arg(QString::fromLatin1(name)));
        *seen = true;
        *target = content;
    }
    for (const auto &[have, name] : {std::pair{haveCredential, "Credential"},
                                     std::pair{haveSignedHeaders, "SignedHeaders"},
                                     std::pair{haveSignature, "Signature"}}) {
        if (!have)
            return fail(QStringLiteral("The Authorization header requires the %1 component.")
                            .arg(QLatin1String(name)));
    }

    // Credential=AKID/YYYYMMDD/region/service/aws4_request
    const QList<QByteArray> scope = credential.split('/');
    if (scope.size() != 5) {
        return fail(QStringLiteral("Credential must have five '/'-separated parts (access key ID, "
                                   "date YYYYMMDD, region, service, aws4_request); it has %1.")
                        .arg(scope.size()));
    }
    const QByteArray &accessKeyId = scope[0];
    const bool keyPrintable = std::all_of(accessKeyId.begin(), accessKeyId.end(),
                                          [](char c) { return c > 0x20 && c < 0x7f; });
    if (accessKeyId.isEmpty() || !keyPrintable)
        return fail(QStringLiteral("Credential has an empty or malformed access key ID."));
    const bool dateDigits = std::all_of(scope[1].begin(), scope[1].end(),
                                        [](char c) { return c >= '0' && c <= '9'; });
    const QDate date = QDate::fromString(QString::fromLatin1(scope[1]), u"yyyyMMdd");
    if (scope[1].size() != 8 || !dateDigits || !date.isValid()) {
        return fail(QStringLiteral("Credential date '%1' is not a valid YYYYMMDD date.")
                        .arg(excerpt(scope[1])));
    }
    if (!isLowerAlnumDash(scope[2])) {
        return fail(QStringLiteral("Credential region '%1' is not a region name (lower-case "
                                   "letters, digits and '-').")
                        .arg(excerpt(scope[2])));
    }
    if (!isLowerAlnumDash(scope[3])) {
        return fail(QStringLiteral("Credential service '%1' is not a service signing name "
                                   "(lower-case letters, digits and '-').")
                        .arg(excerpt(scope[3])));
    }
    if (scope[4] != kTerminator) {
        return fail(QStringLiteral("Credential must end with aws4_request, not '%1'.")
                        .arg(excerpt(scope[4])));
    }

    // SignedHeaders=host;x-amz-date — canonical names, sorted and unique, as a signer writes them.
    const QList<QByteArray> headerNames = signedHeaders.split(';');
    for (qsizetype i = 0; i < headerNames.size(); ++i) {
        if (!isLowerToken(headerNames[i])) {
            return fail(QStringLiteral("SignedHeaders entry '%1' is not a lower-case header "
                                       "name.")
                            .arg(excerpt(headerNames[i])));
        }
        if (i > 0 && !(headerNames[i - 1] < headerNames[i])) {
            return fail(QStringLiteral("SignedHeaders must be sorted and unique; '%1' follows "
                                       "'%2'.")
                            .arg(excerpt(headerNames[i]), excerpt(headerNames[i - 1])));
        }
    }

    const bool lowerHex = std::all_of(signatureHex.begin(), signatureHex.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
    });
    if (signatureHex.size() != 64 || !lowerHex) {
        return fail(QStringLiteral("Signature must be 64 lower-case hexadecimal characters "
                                   "(got %1 characters).")
                        .arg(signatureHex.size()));
    }

    parsed.valid = true;
    parsed.accessKeyId = QString::fromLatin1(accessKeyId);
    parsed.date = date;
    parsed.region = QString::fromLatin1(scope[2]);
    parsed.service = QString::fromLatin1(scope[3]);
    parsed.terminator = scope[4];
    parsed.signedHeaders = headerNames;
    parsed.signature = signatureHex;
    return parsed;
}

} // namespace flowdesk::aws::sigv4
