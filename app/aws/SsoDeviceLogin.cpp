#include "SsoDeviceLogin.h"

#include "CredentialLogging.h"
#include "RegularFile.h"
#include "SsoCredentialSource.h"
#include "SsoTokenFile.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

#include <algorithm>
#include <cmath>

namespace flowdesk::aws {

namespace {

// A registration is reused only with this much life left, so it cannot lapse mid-login.
constexpr qint64 kRegistrationMarginSeconds = 3600;

QString isoTime(const QDateTime &time)
{
    return time.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ssZ"));
}

} // namespace

SsoDeviceLogin::SsoDeviceLogin(const QUrl &oidcEndpoint, QNetworkAccessManager *network, QObject *parent)
    : QObject(parent)
    , m_endpoint(oidcEndpoint)
    , m_network(network)
{
    m_pollTimer.setSingleShot(true);
    connect(&m_pollTimer, &QTimer::timeout, this, &SsoDeviceLogin::poll);
}

void SsoDeviceLogin::start(const Request &request)
{
    cancel();
    m_request = request;
    m_running = true;
    // Where botocore looks: the session's name hashed, or the start URL's for a login without
    // an sso-session (legacy profiles, a start URL typed in).
    m_cacheFile = SsoCredentialSource::cacheFileName(request.cacheDirectory,
                                                     request.sessionName.isEmpty() ? request.startUrl : request.sessionName);
    m_clientId.clear();
    m_clientSecret.clear();
    m_registrationExpiresAt.clear();
    m_intervalSeconds = 5;

    // The registration `aws sso login` (or an earlier sign-in here) left in the cache serves
    // again while it is valid, as botocore reuses its cached registration.
    // Read as SsoCredentialSource reads it: a regular file of bounded size only (a FIFO or a
    // device in the cache folder must not hang the UI thread).
    const RegularFileRead read = readRegularFile(m_cacheFile, SsoCredentialSource::kMaxTokenFileSize);
    if (read.status == RegularFileRead::Status::Read) {
        const std::optional<SsoToken> cached = SsoTokenFile::parse(read.data);
        const QDateTime registrationEnd = cached ? SsoTokenFile::parseTime(cached->registrationExpiresAt) : QDateTime();
        if (cached && !cached->clientId.isEmpty() && !cached->clientSecret.isEmpty() && registrationEnd.isValid()
            && QDateTime::currentDateTimeUtc().secsTo(registrationEnd) > kRegistrationMarginSeconds) {
            m_clientId = cached->clientId;
            m_clientSecret = cached->clientSecret;
            m_registrationExpiresAt = cached->registrationExpiresAt;
        }
    }
    if (m_clientId.isEmpty())
        registerClient();
    else
        startAuthorization();
}

void SsoDeviceLogin::cancel()
{
    if (!m_running)
        return;
    m_pollTimer.stop();
    if (m_reply)
        m_reply->abort();
    fail(tr("The sign-in was cancelled."));
}

void SsoDeviceLogin::fail(const QString &error)
{
    if (!m_running)
        return;
    m_running = false;
    m_pollTimer.stop();
    qCWarning(lcAwsCredentials).noquote() << error;
    emit finished(error, m_cacheFile);
}

QString SsoDeviceLogin::describe(int status, const QJsonObject &answer, const QString &transportError)
{
    if (status == 0)
        return tr("IAM Identity Center did not answer (%1). Check the network connection.").arg(transportError);
    QString code = answer.value(QLatin1String("error")).toString();
    const QString description = answer.value(QLatin1String("error_description")).toString();
    return tr("IAM Identity Center answered HTTP %1 %2%3.")
        .arg(status)
        .arg(code.isEmpty() ? tr("error") : code, description.isEmpty() ? QString() : u": " + description);
}

void SsoDeviceLogin::post(const QString &path, const QJsonObject &body, Handler handler)
{
    if (!m_network) {
        fail(tr("IAM Identity Center is not reachable: no network access."));
        return;
    }
    QUrl url = m_endpoint;
    url.setPath(url.path().endsWith(u'/') ? url.path() + path.mid(1) : url.path() + path);
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setTransferTimeout(static_cast<int>(m_timeout.count()));
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    // Never the body in a log: it holds the client secret and the device code.
    QNetworkReply *reply = m_network->post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
    reply->setParent(this);
    m_reply = reply;
    connect(reply, &QNetworkReply::finished, this, [this, reply, handler = std::move(handler)] {
        reply->deleteLater();
        if (!m_running)
            return;
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QJsonObject answer = QJsonDocument::fromJson(reply->read(256 * 1024)).object();
        handler(status, answer, status == 0 ? reply->errorString() : QString());
    });
}

void SsoDeviceLogin::registerClient()
{
    const QJsonObject body{{QStringLiteral("clientName"), QStringLiteral("flowdesk-%1").arg(m_request.sessionName.isEmpty() ? QStringLiteral("portal") : m_request.sessionName)},
                           {QStringLiteral("clientType"), QStringLiteral("public")},
                           {QStringLiteral("scopes"), QJsonArray::fromStringList(m_request.scopes)},
                           {QStringLiteral("grantTypes"),
                            QJsonArray{deviceCodeGrant(), QStringLiteral("refresh_token")}}};
    post(QStringLiteral("/client/register"), body, [this](int status, const QJsonObject &answer, const QString &transport) {
        if (status < 200 || status >= 300)
            return fail(tr("Flowdesk could not register with IAM Identity Center: %1")
                            .arg(describe(status, answer, transport)));
        m_clientId = answer.value(QLatin1String("clientId")).toString();
        m_clientSecret = answer.value(QLatin1String("clientSecret")).toString();
        const double expires = answer.value(QLatin1String("clientSecretExpiresAt")).toDouble();
        if (m_clientId.isEmpty() || m_clientSecret.isEmpty() || !(expires > 0 && expires < 1.0e12))
            return fail(tr("IAM Identity Center registered Flowdesk without a usable client ID, "
                           "secret and expiry."));
        m_registrationExpiresAt = isoTime(QDateTime::fromSecsSinceEpoch(static_cast<qint64>(expires), Qt::UTC));
        startAuthorization();
    });
}

void SsoDeviceLogin::startAuthorization()
{
    const QJsonObject body{{QStringLiteral("clientId"), m_clientId},
                           {QStringLiteral("clientSecret"), m_clientSecret},
                           {QStringLiteral("startUrl"), m_request.startUrl}};
    post(QStringLiteral("/device_authorization"), body, [this](int status, const QJsonObject &answer, const QString &transport) {
        if (status < 200 || status >= 300)
            return fail(tr("IAM Identity Center did not start the sign-in for %1: %2")
                            .arg(m_request.startUrl, describe(status, answer, transport)));
        m_deviceCode = answer.value(QLatin1String("deviceCode")).toString();
        const QString userCode = answer.value(QLatin1String("userCode")).toString();
        QUrl page(answer.value(QLatin1String("verificationUriComplete")).toString());
        if (!page.isValid() || page.isEmpty())
            page = QUrl(answer.value(QLatin1String("verificationUri")).toString());
        const double expiresIn = answer.value(QLatin1String("expiresIn")).toDouble(600);
        const double interval = answer.value(QLatin1String("interval")).toDouble(5);
        if (m_deviceCode.isEmpty() || userCode.isEmpty() || !page.isValid() || page.isEmpty()
            || (page.scheme() != u"https" && page.scheme() != u"http"))
            return fail(tr("IAM Identity Center started the sign-in without a usable code and page."));
        // Bounded, whatever the answer says: 1 s to 1 min between polls, at most an hour.
        m_intervalSeconds = static_cast<int>(std::clamp(interval, 1.0, 60.0));
        m_codeExpiresAt = QDateTime::currentDateTimeUtc().addSecs(static_cast<qint64>(std::clamp(expiresIn, 1.0, 3600.0)));
        emit verificationReady(page, userCode, m_codeExpiresAt);
        m_pollTimer.start(std::chrono::seconds(m_intervalSeconds));
    });
}

void SsoDeviceLogin::poll()
{
    if (QDateTime::currentDateTimeUtc() > m_codeExpiresAt)
        return fail(tr("The sign-in code expired before it was approved. Start the sign-in again."));
    const QJsonObject body{{QStringLiteral("clientId"), m_clientId},
                           {QStringLiteral("clientSecret"), m_clientSecret},
                           {QStringLiteral("grantType"), deviceCodeGrant()},
                           {QStringLiteral("deviceCode"), m_deviceCode}};
    post(QStringLiteral("/token"), body, [this](int status, const QJsonObject &answer, const QString &transport) {
        const QString error = answer.value(QLatin1String("error")).toString();
        if (status == 400 && error == u"authorization_pending") {
            m_pollTimer.start(std::chrono::seconds(m_intervalSeconds));
            return;
        }
        if (status == 400 && error == u"slow_down") {
            m_intervalSeconds += kSlowDownSeconds;
            m_pollTimer.start(std::chrono::seconds(m_intervalSeconds));
            return;
        }
        if (status == 400 && error == u"expired_token")
            return fail(tr("The sign-in code expired before it was approved. Start the sign-in again."));
        if (status == 400 && error == u"access_denied")
            return fail(tr("The sign-in was denied in the browser."));
        if (status < 200 || status >= 300)
            return fail(tr("IAM Identity Center did not complete the sign-in: %1").arg(describe(status, answer, transport)));
        const QString accessToken = answer.value(QLatin1String("accessToken")).toString();
        const double expiresIn = answer.value(QLatin1String("expiresIn")).toDouble();
        if (accessToken.isEmpty() || !(expiresIn > 0 && expiresIn <= 366.0 * 24 * 3600))
            return fail(tr("IAM Identity Center completed the sign-in without a usable access token "
                           "(accessToken, expiresIn)."));
        SsoToken token;
        token.startUrl = m_request.startUrl;
        token.region = m_request.ssoRegion;
        token.accessToken = accessToken;
        token.expiresAt = QDateTime::currentDateTimeUtc().addSecs(std::llround(expiresIn));
        token.clientId = m_clientId;
        token.clientSecret = m_clientSecret;
        token.registrationExpiresAt = m_registrationExpiresAt;
        token.refreshToken = answer.value(QLatin1String("refreshToken")).toString();
        // `aws sso login` creates the cache folder on first use; so does this.
        QDir().mkpath(m_request.cacheDirectory);
        const QString writeError = SsoTokenFile::write(m_cacheFile, token);
        if (!writeError.isEmpty())
            return fail(writeError);
        qCInfo(lcAwsCredentials) << "signed in to IAM Identity Center, session" << m_request.sessionName
                                 << "valid until" << token.expiresAt.toString(Qt::ISODate);
        m_running = false;
        emit finished(QString(), m_cacheFile);
    });
}

} // namespace flowdesk::aws
