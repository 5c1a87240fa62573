#include "SsoOidcRoutes.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>
#include <QUuid>

namespace flowdesk::sim {

namespace {

HttpReply oidcError(int status, const char *type, const char *error, const QString &description)
{
    HttpReply reply = HttpReply::withBody(
        status, QByteArrayLiteral("application/json"),
        QJsonDocument(QJsonObject{{QStringLiteral("error"), QLatin1String(error)},
                                  {QStringLiteral("error_description"), description}})
            .toJson(QJsonDocument::Compact));
    reply.headers.append({QByteArrayLiteral("X-Amzn-ErrorType"), QByteArray(type)});
    reply.errorCode = QLatin1String(type);
    return reply;
}

QString newSecret(const char *prefix)
{
    return QLatin1String(prefix) + QUuid::createUuid().toString(QUuid::Id128);
}

} // namespace

SsoTokenRegistry::SsoTokenRegistry(const QStringList &accessTokens, const QList<Client> &clients)
    : m_accessTokens(accessTokens.cbegin(), accessTokens.cend())
{
    for (const Client &client : clients)
        m_clients.insert(client.clientId, client);
}

bool SsoTokenRegistry::acceptsAccessToken(const QString &token) const
{
    return !token.isEmpty() && m_accessTokens.contains(token);
}

const SsoTokenRegistry::Client *SsoTokenRegistry::client(const QString &clientId) const
{
    const auto found = m_clients.constFind(clientId);
    return found == m_clients.cend() ? nullptr : &*found;
}

bool SsoTokenRegistry::renew(const QString &clientId, const QString &refreshToken,
                             QString *accessToken, QString *newRefreshToken)
{
    const auto found = m_clients.find(clientId);
    if (found == m_clients.end() || refreshToken.isEmpty() || found->refreshToken != refreshToken)
        return false;
    *accessToken = newSecret("sim-sso-access-");
    *newRefreshToken = newSecret("sim-sso-refresh-");
    found->refreshToken = *newRefreshToken;
    m_accessTokens.insert(*accessToken);
    return true;
}

SsoTokenRegistry::Client SsoTokenRegistry::registerClient()
{
    Client client{newSecret("sim-client-"), newSecret("sim-client-secret-"), {}};
    m_clients.insert(client.clientId, client);
    return client;
}

SsoTokenRegistry::Device &SsoTokenRegistry::startDevice(const QString &clientId, qint64 nowMs,
                                                        int expiresInSeconds)
{
    // Forget the devices nobody approved in time, so an endless loop of starts stays bounded.
    for (auto it = m_devices.begin(); it != m_devices.end();)
        it = it->expiresAtMs < nowMs ? m_devices.erase(it) : std::next(it);
    static const char kLetters[] = "BCDFGHJKLMNPQRSTVWXZ"; // no vowels: no words in codes
    QString userCode;
    const QByteArray random = QUuid::createUuid().toRfc4122();
    for (int i = 0; i < 8; ++i) {
        if (i == 4)
            userCode += u'-';
        userCode += QLatin1Char(kLetters[static_cast<unsigned char>(random.at(i)) % 20]);
    }
    Device device;
    device.clientId = clientId;
    device.deviceCode = newSecret("sim-device-");
    device.userCode = userCode;
    device.expiresAtMs = nowMs + expiresInSeconds * 1000LL;
    return m_devices.insert(device.deviceCode, device).value();
}

SsoTokenRegistry::Device *SsoTokenRegistry::device(const QString &deviceCode)
{
    const auto found = m_devices.find(deviceCode);
    return found == m_devices.end() ? nullptr : &found.value();
}

bool SsoTokenRegistry::approve(const QString &userCode, qint64 nowMs)
{
    for (Device &device : m_devices) {
        if (device.userCode == userCode && device.expiresAtMs >= nowMs && !device.approved) {
            device.approved = true;
            return true;
        }
    }
    return false;
}

void SsoTokenRegistry::completeDevice(const QString &deviceCode, QString *accessToken,
                                      QString *refreshToken)
{
    const Device device = m_devices.take(deviceCode);
    *accessToken = newSecret("sim-sso-access-");
    *refreshToken = newSecret("sim-sso-refresh-");
    m_accessTokens.insert(*accessToken);
    const auto client = m_clients.find(device.clientId);
    if (client != m_clients.end())
        client->refreshToken = *refreshToken;
}

SsoOidcRoutes::SsoOidcRoutes(SsoTokenRegistry &registry, int accessTokenSeconds)
    : m_registry(registry), m_accessTokenSeconds(accessTokenSeconds)
{
}

QString SsoOidcRoutes::operationOf(const HttpRequest &request)
{
    if (request.path == "/token")
        return QStringLiteral("CreateToken");
    if (request.path == "/client/register")
        return QStringLiteral("RegisterClient");
    if (request.path == "/device_authorization")
        return QStringLiteral("StartDeviceAuthorization");
    if (request.path == "/device")
        return QStringLiteral("Approve");
    return {};
}

bool SsoOidcRoutes::matches(const HttpRequest &request)
{
    return !operationOf(request).isEmpty();
}

HttpReply SsoOidcRoutes::handle(const HttpRequest &request)
{
    const QString operation = operationOf(request);
    if (operation == u"Approve")
        return approvalPage(request);
    if (request.method != "POST")
        return oidcError(400, "InvalidRequestException", "invalid_request", QStringLiteral("Use POST."));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return oidcError(400, "InvalidRequestException", "invalid_request",
                         QStringLiteral("The body is not a JSON object."));
    const QJsonObject input = document.object();
    if (operation == u"RegisterClient")
        return registerClient(input);
    if (operation == u"StartDeviceAuthorization")
        return startDeviceAuthorization(request, input);
    return createToken(input);
}

HttpReply SsoOidcRoutes::registerClient(const QJsonObject &input)
{
    const QString name = input.value(QLatin1String("clientName")).toString();
    const QString type = input.value(QLatin1String("clientType")).toString();
    if (name.isEmpty() || type.isEmpty())
        return oidcError(400, "InvalidRequestException", "invalid_request",
                         QStringLiteral("clientName and clientType are required."));
    if (type != u"public")
        return oidcError(400, "InvalidClientMetadataException", "invalid_client_metadata",
                         QStringLiteral("Only public clients can register."));
    const SsoTokenRegistry::Client client = m_registry.registerClient();
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    return HttpReply::withBody(
        200, QByteArrayLiteral("application/json"),
        QJsonDocument(QJsonObject{{QStringLiteral("clientId"), client.clientId},
                                  {QStringLiteral("clientSecret"), client.clientSecret},
                                  {QStringLiteral("clientIdIssuedAt"), now},
                                  {QStringLiteral("clientSecretExpiresAt"), now + kRegistrationDays * 86400}})
            .toJson(QJsonDocument::Compact));
}

HttpReply SsoOidcRoutes::startDeviceAuthorization(const HttpRequest &request, const QJsonObject &input)
{
    const QString clientId = input.value(QLatin1String("clientId")).toString();
    const QString clientSecret = input.value(QLatin1String("clientSecret")).toString();
    const QString startUrl = input.value(QLatin1String("startUrl")).toString();
    if (clientId.isEmpty() || clientSecret.isEmpty() || startUrl.isEmpty())
        return oidcError(400, "InvalidRequestException", "invalid_request",
                         QStringLiteral("clientId, clientSecret and startUrl are required."));
    const SsoTokenRegistry::Client *client = m_registry.client(clientId);
    if (!client || client->clientSecret != clientSecret)
        return oidcError(401, "InvalidClientException", "invalid_client",
                         QStringLiteral("Invalid client credentials."));
    const SsoTokenRegistry::Device &device =
        m_registry.startDevice(clientId, QDateTime::currentMSecsSinceEpoch(), kDeviceCodeSeconds);
    // The page is served by this simulator, at the address the client reached it by.
    const QString host = QString::fromLatin1(request.header(QByteArrayLiteral("host")));
    const QString page = QStringLiteral("http://%1/device").arg(host);
    return HttpReply::withBody(
        200, QByteArrayLiteral("application/json"),
        QJsonDocument(QJsonObject{{QStringLiteral("deviceCode"), device.deviceCode},
                                  {QStringLiteral("userCode"), device.userCode},
                                  {QStringLiteral("verificationUri"), page},
                                  {QStringLiteral("verificationUriComplete"), QString(page + QStringLiteral("?user_code=") + device.userCode)},
                                  {QStringLiteral("expiresIn"), kDeviceCodeSeconds},
                                  {QStringLiteral("interval"), kPollIntervalSeconds}})
            .toJson(QJsonDocument::Compact));
}

HttpReply SsoOidcRoutes::approvalPage(const HttpRequest &request)
{
    const QString query = QString::fromLatin1(request.query);
    QString userCode;
    for (const QString &pair : query.split(u'&')) {
        if (pair.startsWith(QLatin1String("user_code=")))
            userCode = QUrl::fromPercentEncoding(pair.mid(10).toLatin1());
    }
    const bool approved = !userCode.isEmpty()
        && m_registry.approve(userCode, QDateTime::currentMSecsSinceEpoch());
    const QString text = approved
        ? QStringLiteral("Request approved: %1. You can close this page and return to the application.")
        : QStringLiteral("No sign-in request waits for code \"%1\": it expired or was already used.");
    const QByteArray html = QStringLiteral("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>"
                                           "IAM Identity Center (simulator)</title></head><body><p>%1</p>"
                                           "</body></html>")
                                .arg(text.arg(userCode.toHtmlEscaped()))
                                .toUtf8();
    return HttpReply::withBody(approved ? 200 : 404, QByteArrayLiteral("text/html; charset=utf-8"), html);
}

HttpReply SsoOidcRoutes::createToken(const QJsonObject &input)
{
    const QString clientId = input.value(QLatin1String("clientId")).toString();
    const QString clientSecret = input.value(QLatin1String("clientSecret")).toString();
    const QString grantType = input.value(QLatin1String("grantType")).toString();
    if (clientId.isEmpty() || clientSecret.isEmpty() || grantType.isEmpty())
        return oidcError(400, "InvalidRequestException", "invalid_request",
                         QStringLiteral("clientId, clientSecret and grantType are required."));
    const SsoTokenRegistry::Client *client = m_registry.client(clientId);
    if (!client || client->clientSecret != clientSecret)
        return oidcError(401, "InvalidClientException", "invalid_client",
                         QStringLiteral("Invalid client credentials."));
    QString accessToken;
    QString refreshToken;
    if (grantType == u"urn:ietf:params:oauth:grant-type:device_code") {
        const QString deviceCode = input.value(QLatin1String("deviceCode")).toString();
        SsoTokenRegistry::Device *device = m_registry.device(deviceCode);
        if (!device || device->clientId != clientId)
            return oidcError(400, "InvalidGrantException", "invalid_grant",
                             QStringLiteral("Invalid device code provided."));
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        if (now > device->expiresAtMs)
            return oidcError(400, "ExpiredTokenException", "expired_token",
                             QStringLiteral("The device code has expired."));
        if (!device->approved) {
            // Polling faster than the interval (a little slack for timers) is told to slow down.
            const bool tooSoon = device->lastPollMs > 0 && now - device->lastPollMs < kPollIntervalSeconds * 1000 - 250;
            device->lastPollMs = now;
            if (tooSoon)
                return oidcError(400, "SlowDownException", "slow_down",
                                 QStringLiteral("Client is polling too quickly."));
            return oidcError(400, "AuthorizationPendingException", "authorization_pending",
                             QStringLiteral("Authorization is still pending."));
        }
        m_registry.completeDevice(deviceCode, &accessToken, &refreshToken);
    } else if (grantType == u"refresh_token") {
        if (!m_registry.renew(clientId, input.value(QLatin1String("refreshToken")).toString(), &accessToken,
                              &refreshToken))
            return oidcError(400, "InvalidGrantException", "invalid_grant",
                             QStringLiteral("Invalid refresh token provided."));
    } else {
        return oidcError(400, "UnsupportedGrantTypeException", "unsupported_grant_type",
                         QStringLiteral("Grant type %1 is not supported here.").arg(grantType));
    }
    return HttpReply::withBody(
        200, QByteArrayLiteral("application/json"),
        QJsonDocument(QJsonObject{{QStringLiteral("accessToken"), accessToken},
                                  {QStringLiteral("tokenType"), QStringLiteral("Bearer")},
                                  {QStringLiteral("expiresIn"), m_accessTokenSeconds},
                                  {QStringLiteral("refreshToken"), refreshToken}})
            .toJson(QJsonDocument::Compact));
}

} // namespace flowdesk::sim
