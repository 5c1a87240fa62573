#include "AppFlowExchange.h"

#include "AppFlowLogging.h"
#include "AppFlowTransport.h"

#include <SigV4.h>

#include <QHostAddress>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

#include <cmath>

namespace flowdesk::appflow {

using namespace Qt::StringLiterals;

namespace {

const QString signingService = u"appflow"_s;

// The Host header exactly as QNetworkAccessManager would send it, so it can be signed.
QByteArray hostHeader(const QUrl &url)
{
    const QString host = url.host(QUrl::FullyEncoded);
    QByteArray value = QHostAddress(host).protocol() == QAbstractSocket::IPv6Protocol
                           ? '[' + host.toLatin1() + ']'
                           : host.toLatin1();
    if (url.port() != -1)
        value += ':' + QByteArray::number(url.port());
    return value;
}

QUrl operationUrl(const QUrl &endpoint, const QByteArray &path)
{
    QUrl url = endpoint;
    QString basePath = endpoint.path();
    while (basePath.endsWith(u'/'))
        basePath.chop(1);
    url.setPath(basePath + QString::fromLatin1(path));
    url.setQuery(QString());
    url.setFragment(QString());
    return url;
}

bool isTransportFailure(QNetworkReply::NetworkError error, int httpStatus)
{
    if (error == QNetworkReply::NoError)
        return false;
    // No status line: nothing usable came back at all.
    if (httpStatus <= 0)
        return true;
    // A status arrived, but Qt numbers network-layer failures (connection closed before the
    // whole body, reset, timeout) below 200: the response is incomplete. Everything else (Qt's
    // mapping of 4xx/5xx to content, protocol and server errors — 400 becomes
    // ProtocolInvalidOperationError) is an ordinary HTTP error answer for the error parser.
    return int(error) < 200;
}

} // namespace

AppFlowExchange::AppFlowExchange(AppFlowTransport *transport, const QString &operation,
                                 const QByteArray &path, const QByteArray &body, QObject *parent)
    : QObject(parent)
    , m_transport(transport)
    , m_operation(operation)
    , m_path(path)
    , m_body(body)
{
}

AppFlowExchange::~AppFlowExchange()
{
    if (!m_done)
        abort();
}

int AppFlowExchange::maxAttempts() const
{
    return m_maxAttempts > 0 ? m_maxAttempts : m_transport->retryPolicy().options().maxAttempts;
}

void AppFlowExchange::start(Callback callback)
{
    m_callback = std::move(callback);
    // Always from the event loop, so no result ever reaches a caller before start() returns.
    QMetaObject::invokeMethod(this, &AppFlowExchange::enqueueAttempt, Qt::QueuedConnection);
}

void AppFlowExchange::abort()
{
    if (m_done)
        return;
    m_done = true;
    if (m_retryTimer)
        m_retryTimer->stop();
    if (m_ticket != 0 && !m_holdingSlot)
        m_transport->queue().cancel(m_ticket);
    if (QNetworkReply *reply = m_reply) {
        m_reply = nullptr;
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
    releaseSlot();
    qCDebug(lcAppFlow).noquote() << m_operation << "aborted by the caller";
}

void AppFlowExchange::enqueueAttempt()
{
    if (m_done)
        return;
    m_holdingSlot = false;
    m_ticket = m_transport->queue().enqueue([self = QPointer<AppFlowExchange>(this)] {
        if (self)
            self->onSlot();
    });
}

void AppFlowExchange::onSlot()
{
    m_holdingSlot = true;
    if (m_done) {
        releaseSlot();
        return;
    }
    aws::CredentialSource *source = m_transport->credentials();
    if (!source) {
        finish(AppFlowResult<HttpResponse>::failure(AppFlowError::credentialsUnavailable(
            QString(), u"no credential source is configured; choose a profile or account."_s)));
        return;
    }
    // Asked before every signing: the source caches and refreshes temporary credentials.
    source->requestCredentials(this, [this](const aws::CredentialsResult &result) {
        onCredentials(result);
    });
}

void AppFlowExchange::onCredentials(const aws::CredentialsResult &result)
{
    if (m_done)
        return;
    if (!result.ok()) {
        aws::CredentialSource *source = m_transport->credentials();
        finish(AppFlowResult<HttpResponse>::failure(AppFlowError::credentialsUnavailable(
            source ? source->description() : QString(), result.error)));
        return;
    }
    send(result.credentials);
}

void AppFlowExchange::send(const aws::Credentials &credentials)
{
    // Adaptive retry mode, after a throttle: every attempt waits for a token of the client's
    // rate limiter (holding its queue slot, so the order of requests stays).
    if (ClientRateLimiter *limiter = m_transport->rateLimiter()) {
        const double wait = limiter->acquireDelay(m_transport->monotonicSeconds());
        if (wait > 0) {
            const int waitMs = int(std::ceil(wait * 1000));
            qCInfo(lcAppFlow).noquote() << m_operation << "waits" << waitMs
                                         << "ms for the adaptive rate limiter (sending at"
                                         << QString::number(limiter->sendRate(), 'f', 2) << "requests/s)";
            QTimer::singleShot(waitMs, this, [this, credentials] {
                if (!m_done)
                    send(credentials);
            });
            return;
        }
    }
    const QUrl url = operationUrl(m_transport->endpoint(), m_path);
    m_sentAt = m_transport->monotonicSeconds();

    aws::sigv4::Request signable;
    signable.method = "POST";
    signable.path = url.path(QUrl::FullyEncoded).toLatin1();
    signable.headers = {{"Host", hostHeader(url)}, {"Content-Type", "application/json"}};
    signable.body = m_body;
    const QDateTime signingTime = m_transport->signingTime();
    aws::sigv4::signHeaders(signable, credentials, m_transport->region(), signingService,
                            signingTime);
    // Only what identifies the signing, never the secret, the token or the signature.
    qCDebug(lcAppFlowSigning).noquote()
        << "signed" << m_operation << "with access key" << credentials.accessKeyId
        << (credentials.isTemporary() ? "(temporary)" : "(long-term)") << "for region"
        << m_transport->region() << "at" << QString::fromLatin1(aws::sigv4::amzDate(signingTime))
        << (m_transport->clockSkew().offsetMs() != 0
                ? u"(clock corrected by %1 ms)"_s.arg(m_transport->clockSkew().offsetMs())
                : QString());

    QNetworkRequest request(url);
    for (const auto &[name, value] : signable.headers)
        request.setRawHeader(name, value);
    request.setHeader(QNetworkRequest::UserAgentHeader,
                      QByteArray("Flowdesk/" FLOWDESK_VERSION " (Qt " QT_VERSION_STR ")"));
    request.setTransferTimeout(m_transport->transferTimeoutMs());
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute,
                         QNetworkRequest::AlwaysNetwork);

    ++m_attempts.made;
    qCDebug(lcAppFlow).noquote() << m_operation << "attempt" << m_attempts.made << "→ POST"
                                 << url.toDisplayString()
                                 << u"(%1 bytes)"_s.arg(m_body.size());
    m_attemptTimer.start();
    m_cutoff = Cutoff::None;
    m_reply = m_transport->network()->post(request, m_body);
    connect(m_reply, &QNetworkReply::finished, this, &AppFlowExchange::onReplyFinished);
    // Bounded memory: Qt buffers at most a little more than the limit, and the reply is
    // aborted as soon as it passes it (or announces a larger Content-Length).
    const qint64 limit = m_transport->config().maxResponseBytes;
    m_reply->setReadBufferSize(limit + 1);
    connect(m_reply, &QNetworkReply::downloadProgress, this, [this, limit](qint64 received, qint64 total) {
        if ((received > limit || total > limit) && m_reply) {
            m_cutoff = Cutoff::TooLarge;
            m_reply->abort();
        }
    });
    if (!m_deadlineTimer) {
        m_deadlineTimer = new QTimer(this);
        m_deadlineTimer->setSingleShot(true);
        connect(m_deadlineTimer, &QTimer::timeout, this, [this] {
            if (m_reply) {
                m_cutoff = Cutoff::Deadline;
                m_reply->abort();
            }
        });
    }
    m_deadlineTimer->start(int(m_transport->config().attemptDeadline.count()));
}

void AppFlowExchange::onReplyFinished()
{
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    if (!reply)
        return;
    reply->deleteLater();
    if (m_deadlineTimer)
        m_deadlineTimer->stop();
    releaseSlot();
    if (m_done)
        return;
    if (m_cutoff != Cutoff::None) {
        const bool tooLarge = m_cutoff == Cutoff::TooLarge;
        const AppFlowError error =
            tooLarge ? AppFlowError::responseTooLarge(m_transport->config().maxResponseBytes,
                                                      m_transport->endpoint())
                     : AppFlowError::deadlineExceeded(int(m_transport->config().attemptDeadline.count()),
                                                      m_transport->endpoint());
        qCWarning(lcAppFlow).noquote() << m_operation << "attempt" << m_attempts.made << "cut off after"
                                       << m_attemptTimer.elapsed() << "ms:" << error.toString();
        // An answer was on its way, so the request did arrive; what it did is not known.
        m_mayHaveArrived = true;
        noteAnswer(false);
        handleFailure(error, HttpResponse{});
        return;
    }

    HttpResponse response;
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    response.status = status.isValid() ? status.toInt() : 0;
    response.reasonPhrase = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray();
    response.headers = reply->rawHeaderPairs();
    response.body = reply->readAll();
    const QNetworkReply::NetworkError networkError = reply->error();
    const qint64 elapsedMs = m_attemptTimer.elapsed();
    const QString requestId = QString::fromUtf8(response.header("x-amzn-RequestId"));

    if (isTransportFailure(networkError, response.status)) {
        const bool timedOut = networkError == QNetworkReply::OperationCanceledError
                              || networkError == QNetworkReply::TimeoutError;
        QString detail = reply->errorString();
        if (response.status > 0)
            detail = u"the connection ended before the whole HTTP "_s
                     + QString::number(response.status) + u" response arrived ("_s + detail + u')';
        const AppFlowError error =
            timedOut ? AppFlowError::timeout(m_transport->transferTimeoutMs(), m_transport->endpoint())
                     : AppFlowError::network(detail, m_transport->endpoint());
        // A refused connection or an unknown host carried nothing; anything else broke after
        // the request may have been delivered.
        if (networkError != QNetworkReply::ConnectionRefusedError
            && networkError != QNetworkReply::HostNotFoundError)
            m_mayHaveArrived = true;
        // Failures are warnings: they reach stderr even with the app's default filter.
        qCWarning(lcAppFlow).noquote() << m_operation << "attempt" << m_attempts.made << "failed after"
                                       << elapsedMs << "ms:" << error.toString();
        noteAnswer(false);
        handleFailure(error, response);
        return;
    }

    if (response.status >= 200 && response.status < 300) {
        qCInfo(lcAppFlow).noquote() << m_operation << "→ HTTP" << response.status << "in"
                                    << elapsedMs << "ms, request ID"
                                    << (requestId.isEmpty() ? u"(none)"_s : requestId);
        noteAnswer(false);
        m_transport->retryPolicy().recordSuccess(m_attempts);
        response.earlierAttemptMayHaveArrived = m_mayHaveArrived;
        finish(AppFlowResult<HttpResponse>::success(response));
        return;
    }

    const AppFlowError error = AppFlowError::fromHttpResponse(response, m_transport->endpoint());
    qCWarning(lcAppFlow).noquote() << m_operation << "→ HTTP" << response.status << "in" << elapsedMs
                                   << "ms:" << error.toString();
    noteAnswer(error.isThrottling());
    handleFailure(error, response);
}

void AppFlowExchange::noteAnswer(bool throttled)
{
    // As botocore's limiter: every answer counts, and only throttling slows it down (a network
    // error or a 500 is not the service asking for less).
    if (ClientRateLimiter *limiter = m_transport->rateLimiter()) {
        const double before = limiter->sendRate();
        limiter->recordResponse(throttled, m_transport->monotonicSeconds(), m_sentAt);
        if (throttled)
            qCInfo(lcAppFlow).noquote()
                << u"adaptive retry mode: throttled; sending at %1 requests/s from now (was %2)"_s
                       .arg(QString::number(limiter->sendRate(), 'f', 2), QString::number(before, 'f', 2));
    }
}

void AppFlowExchange::handleFailure(const AppFlowError &error, const HttpResponse &response)
{
    if (error.isClockSkew() && !m_skewRetried) {
        m_skewRetried = true;
        if (m_transport->clockSkew().learnFrom(response, m_transport->localNow())) {
            const qint64 offsetMs = m_transport->clockSkew().offsetMs();
            qCWarning(lcAppFlow).noquote()
                << "the local clock is" << QString::number(std::abs(offsetMs) / 1000.0, 'f', 1)
                << "s" << (offsetMs > 0 ? "behind" : "ahead of")
                << "the service's (from its Date header); re-signing" << m_operation;
            --m_attempts.made; // a correction, not one of the standard attempts
            enqueueAttempt();
            return;
        }
    }
    if (error.isExpiredCredentials() && !m_credentialsRetried && m_transport->credentials()) {
        m_credentialsRetried = true;
        qCWarning(lcAppFlow).noquote()
            << m_operation << "was refused with" << error.codeText() + u';'
            << "refreshing credentials from" << m_transport->credentials()->description()
            << "and retrying once";
        m_transport->credentials()->invalidate();
        --m_attempts.made;
        enqueueAttempt();
        return;
    }
    if (const auto delay = m_transport->retryPolicy().retryDelay(error, m_attempts, m_maxAttempts)) {
        qCWarning(lcAppFlow).noquote()
            << m_operation << "failed with" << error.codeText() + u';' << "retrying in"
            << delay->count() << "ms (attempt" << m_attempts.made + 1 << "of"
            << QString::number(maxAttempts()) + u')';
        if (!m_retryTimer) {
            m_retryTimer = new QTimer(this);
            m_retryTimer->setSingleShot(true);
            connect(m_retryTimer, &QTimer::timeout, this, &AppFlowExchange::enqueueAttempt);
        }
        m_retryTimer->start(int(delay->count()));
        emit retryScheduled(error, m_attempts.made + 1, maxAttempts(), int(delay->count()));
        return;
    }
    if (error.isRetryable())
        qCWarning(lcAppFlow).noquote()
            << m_operation << "gives up after" << m_attempts.made << "attempt(s) (retry quota"
            << m_transport->retryPolicy().quota().available() << "left):" << error.toString();
    AppFlowError final = error;
    final.setAttempts(m_attempts.made);
    final.setMayHaveReachedService(m_mayHaveArrived);
    finish(AppFlowResult<HttpResponse>::failure(final));
}

void AppFlowExchange::releaseSlot()
{
    if (!m_holdingSlot)
        return;
    m_holdingSlot = false;
    m_ticket = 0;
    m_transport->queue().release();
}

void AppFlowExchange::finish(const AppFlowResult<HttpResponse> &result)
{
    if (m_done)
        return;
    m_done = true;
    releaseSlot();
    Callback callback = std::move(m_callback);
    m_callback = nullptr;
    if (callback)
        callback(result);
    deleteLater(); // pages of a long listing do not pile up until the operation ends
}

} // namespace flowdesk::appflow
