#include "AppFlowError.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QRegularExpression>

#include <array>
#include <utility>

namespace flowdesk::appflow {

namespace {

using namespace Qt::StringLiterals;

constexpr std::array<std::pair<AppFlowError::Code, QLatin1StringView>, 10> modeledCodes{{
    {AppFlowError::Code::Validation, "ValidationException"_L1},
    {AppFlowError::Code::AccessDenied, "AccessDeniedException"_L1},
    {AppFlowError::Code::ResourceNotFound, "ResourceNotFoundException"_L1},
    {AppFlowError::Code::Throttling, "ThrottlingException"_L1},
    {AppFlowError::Code::InternalServer, "InternalServerException"_L1},
    {AppFlowError::Code::Conflict, "ConflictException"_L1},
    {AppFlowError::Code::UnsupportedOperation, "UnsupportedOperationException"_L1},
    {AppFlowError::Code::ServiceQuotaExceeded, "ServiceQuotaExceededException"_L1},
    {AppFlowError::Code::ConnectorAuthentication, "ConnectorAuthenticationException"_L1},
    {AppFlowError::Code::ConnectorServer, "ConnectorServerException"_L1},
}};

// botocore retries/standard.py ThrottledRetryableChecker._THROTTLED_ERROR_CODES.
constexpr std::array<QLatin1StringView, 13> throttlingCodes{
    "Throttling"_L1, "ThrottlingException"_L1, "ThrottledException"_L1,
    "RequestThrottledException"_L1, "TooManyRequestsException"_L1,
    "ProvisionedThroughputExceededException"_L1, "TransactionInProgressException"_L1,
    "RequestLimitExceeded"_L1, "BandwidthLimitExceeded"_L1, "LimitExceededException"_L1,
    "RequestThrottled"_L1, "SlowDown"_L1, "EC2ThrottledException"_L1};

// botocore retries/standard.py TransientRetryableChecker._TRANSIENT_ERROR_CODES.
constexpr std::array<QLatin1StringView, 3> transientCodes{
    "RequestTimeout"_L1, "RequestTimeoutException"_L1, "PriorRequestNotComplete"_L1};

constexpr std::array<QLatin1StringView, 6> expiredCredentialCodes{
    "ExpiredToken"_L1, "ExpiredTokenException"_L1, "InvalidClientTokenId"_L1,
    "UnrecognizedClientException"_L1, "InvalidAccessKeyId"_L1, "InvalidToken"_L1};

constexpr std::array<QLatin1StringView, 3> skewCodes{
    "RequestTimeTooSkewed"_L1, "RequestExpired"_L1, "RequestInTheFuture"_L1};

template <std::size_t N>
bool contains(const std::array<QLatin1StringView, N> &list, const QString &code)
{
    for (const auto &item : list) {
        if (code == item)
            return true;
    }
    return false;
}

QString endpointText(const QUrl &endpoint)
{
    return endpoint.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemovePath | QUrl::RemoveQuery
                                    | QUrl::RemoveFragment);
}

// A short, single-line excerpt of a body that is not JSON, for a message a person can read.
QString excerpt(const QByteArray &body, qsizetype limit = 200)
{
    QString text = QString::fromUtf8(body.left(limit * 4)).simplified();
    if (text.size() > limit)
        text = text.left(limit) + u'…';
    return text;
}

QString htmlTitle(const QByteArray &body)
{
    static const QRegularExpression title(u"<title[^>]*>([^<]*)</title>"_s,
                                          QRegularExpression::CaseInsensitiveOption);
    const auto match = title.match(QString::fromUtf8(body.left(8192)));
    return match.hasMatch() ? match.captured(1).simplified() : QString();
}

bool looksLikeHtml(const HttpResponse &response)
{
    if (response.header("Content-Type").toLower().contains("text/html"))
        return true;
    const QByteArray start = response.body.trimmed().left(64).toLower();
    return start.startsWith("<!doctype html") || start.startsWith("<html");
}

QString statusText(const HttpResponse &response)
{
    QString text = u"HTTP "_s + QString::number(response.status);
    if (!response.reasonPhrase.isEmpty())
        text += u' ' + QString::fromUtf8(response.reasonPhrase);
    return text;
}

QString stringMember(const QJsonObject &object, QLatin1StringView key)
{
    const QJsonValue value = object.value(key);
    return value.isString() ? value.toString() : QString();
}

} // namespace

QString AppFlowError::sanitizeCode(QString code)
{
    // restJson1: keep what is before the first ':', then what is after the '#'. botocore keeps
    // what follows the last '#'; namespaces never contain '#', so both agree.
    code = code.trimmed();
    const qsizetype colon = code.indexOf(u':');
    if (colon >= 0)
        code.truncate(colon);
    const qsizetype hash = code.lastIndexOf(u'#');
    if (hash >= 0)
        code = code.mid(hash + 1);
    return code.trimmed();
}

AppFlowError::Code AppFlowError::codeFromText(const QString &code)
{
    for (const auto &[value, name] : modeledCodes) {
        if (code == name)
            return value;
    }
    return Code::Unknown;
}

QString AppFlowError::textForCode(Code code)
{
    for (const auto &[value, name] : modeledCodes) {
        if (code == value)
            return name;
    }
    switch (code) {
    case Code::InvalidRequest:
        return u"InvalidRequest"_s;
    case Code::CredentialsUnavailable:
        return u"CredentialsUnavailable"_s;
    case Code::Network:
        return u"NetworkError"_s;
    case Code::Timeout:
        return u"TransferTimeout"_s;
    case Code::MalformedResponse:
        return u"MalformedResponse"_s;
    case Code::Aborted:
        return u"Aborted"_s;
    default:
        return u"Unknown"_s;
    }
}

AppFlowError AppFlowError::fromHttpResponse(const HttpResponse &response, const QUrl &endpoint)
{
    AppFlowError error;
    error.m_httpStatus = response.status;
    error.m_requestId = QString::fromUtf8(response.header("x-amzn-RequestId"));

    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(response.body, &parseError);
    const bool isJsonObject = parseError.error == QJsonParseError::NoError && document.isObject();
    const QJsonObject body = isJsonObject ? document.object() : QJsonObject();

    // Priority: header > body code/Code > body __type > status (botocore RestJSONParser).
    QString code = sanitizeCode(QString::fromUtf8(response.header("X-Amzn-ErrorType")));
    if (code.isEmpty())
        code = sanitizeCode(stringMember(body, "code"_L1));
    if (code.isEmpty())
        code = sanitizeCode(stringMember(body, "Code"_L1));
    if (code.isEmpty())
        code = sanitizeCode(stringMember(body, "__type"_L1));
    if (code.isEmpty())
        code = QString::number(response.status);
    error.m_codeText = code;
    error.m_code = codeFromText(code);

    if (isJsonObject) {
        error.m_message = stringMember(body, "message"_L1);
        if (error.m_message.isEmpty())
            error.m_message = stringMember(body, "Message"_L1);
        if (error.m_message.isEmpty())
            error.m_message = statusText(response) + u" from "_s + endpointText(endpoint)
                              + u" without an error message."_s;
    } else if (response.body.trimmed().isEmpty()) {
        error.m_message = statusText(response) + u" with an empty body from "_s
                          + endpointText(endpoint) + u'.';
    } else if (looksLikeHtml(response)) {
        const QString title = htmlTitle(response.body);
        error.m_message = statusText(response) + u" from "_s + endpointText(endpoint)
                          + u": an HTML page"_s
                          + (title.isEmpty() ? QString() : u" (\""_s + title + u"\")"_s)
                          + u" instead of an AppFlow response; a proxy or load balancer may be in "
                            u"the way."_s;
    } else {
        // botocore uses the raw text as the message; keep it short and on one line.
        error.m_message = statusText(response) + u" from "_s + endpointText(endpoint) + u": "_s
                          + excerpt(response.body);
    }

    const int status = response.status;
    error.m_retryable = error.isThrottling() || status == 500 || status == 502 || status == 503
                        || status == 504 || contains(transientCodes, code);
    return error;
}

AppFlowError AppFlowError::invalidRequest(const QString &field, const QString &message)
{
    AppFlowError error;
    error.m_code = Code::InvalidRequest;
    error.m_codeText = textForCode(error.m_code);
    error.m_message = field + u": "_s + message;
    return error;
}

AppFlowError AppFlowError::credentialsUnavailable(const QString &sourceDescription,
                                                  const QString &message)
{
    AppFlowError error;
    error.m_code = Code::CredentialsUnavailable;
    error.m_codeText = textForCode(error.m_code);
    error.m_message = u"No AWS credentials from "_s
                      + (sourceDescription.isEmpty() ? u"the credential source"_s : sourceDescription)
                      + u": "_s
                      + (message.isEmpty() ? u"the source returned incomplete credentials."_s
                                           : message);
    return error;
}

AppFlowError AppFlowError::network(const QString &detail, const QUrl &endpoint)
{
    AppFlowError error;
    error.m_code = Code::Network;
    error.m_codeText = textForCode(error.m_code);
    error.m_message = u"Could not complete the request to "_s + endpointText(endpoint) + u": "_s
                      + detail + u". Check the network connection and the endpoint."_s;
    error.m_retryable = true;
    return error;
}

AppFlowError AppFlowError::timeout(int timeoutMs, const QUrl &endpoint)
{
    AppFlowError error;
    error.m_code = Code::Timeout;
    error.m_codeText = textForCode(error.m_code);
    error.m_message = endpointText(endpoint) + u" sent no data for "_s
                      + QString::number(timeoutMs / 1000.0, 'g', 3)
                      + u" s, so the request was abandoned. Check the network or try again later."_s;
    error.m_retryable = true;
    return error;
}

AppFlowError AppFlowError::deadlineExceeded(int deadlineMs, const QUrl &endpoint)
{
    AppFlowError error;
    error.m_code = Code::Timeout;
    error.m_codeText = textForCode(error.m_code);
    error.m_message = endpointText(endpoint) + u" did not finish its answer within "_s
                      + QString::number(deadlineMs / 1000.0, 'g', 3)
                      + u" s, so the request was abandoned. The network or the service is very "
                        u"slow; try again later."_s;
    error.m_retryable = true;
    return error;
}

AppFlowError AppFlowError::responseTooLarge(qint64 limitBytes, const QUrl &endpoint)
{
    AppFlowError error;
    error.m_code = Code::MalformedResponse;
    error.m_codeText = textForCode(error.m_code);
    error.m_message = endpointText(endpoint) + u" sent an answer larger than "_s
                      + QString::number(limitBytes / (1024 * 1024)) + u" MiB; Flowdesk stopped "
                        u"reading it. AppFlow's answers are far smaller: check the endpoint."_s;
    return error;
}

AppFlowError AppFlowError::malformedResponse(const QString &operation, const QString &detail,
                                             const HttpResponse &response)
{
    AppFlowError error;
    error.m_code = Code::MalformedResponse;
    error.m_codeText = textForCode(error.m_code);
    error.m_httpStatus = response.status;
    error.m_requestId = QString::fromUtf8(response.header("x-amzn-RequestId"));
    error.m_message = u"The "_s + operation + u" response could not be read: "_s + detail + u'.';
    return error;
}

AppFlowError AppFlowError::aborted()
{
    AppFlowError error;
    error.m_code = Code::Aborted;
    error.m_codeText = textForCode(error.m_code);
    error.m_message = u"The request was cancelled before it finished."_s;
    return error;
}

bool AppFlowError::isThrottling() const
{
    return m_httpStatus == 429 || contains(throttlingCodes, m_codeText);
}

bool AppFlowError::isExpiredCredentials() const
{
    if (m_httpStatus != 400 && m_httpStatus != 401 && m_httpStatus != 403)
        return false;
    return contains(expiredCredentialCodes, m_codeText)
           || m_message.contains(u"security token included in the request is expired"_s,
                                 Qt::CaseInsensitive);
}

bool AppFlowError::isClockSkew() const
{
    if (m_httpStatus != 400 && m_httpStatus != 403)
        return false;
    return contains(skewCodes, m_codeText)
           || m_message.contains(u"signature expired"_s, Qt::CaseInsensitive)
           || m_message.contains(u"signature not yet current"_s, Qt::CaseInsensitive)
           || m_message.contains(u"skew"_s, Qt::CaseInsensitive);
}

QString AppFlowError::toString() const
{
    QString text = m_codeText + u": "_s + m_message;
    if (m_httpStatus > 0 || !m_requestId.isEmpty()) {
        QStringList details;
        if (m_httpStatus > 0)
            details << u"HTTP "_s + QString::number(m_httpStatus);
        if (!m_requestId.isEmpty())
            details << u"request ID "_s + m_requestId;
        text += u" ("_s + details.join(u", "_s) + u')';
    }
    return text;
}

} // namespace flowdesk::appflow
