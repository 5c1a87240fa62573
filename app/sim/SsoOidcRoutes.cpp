#include "SsoOidcRoutes.h"

#include <QJsonDocument>
#include <QJsonObject>
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

SsoOidcRoutes::SsoOidcRoutes(SsoTokenRegistry &registry, int accessTokenSeconds)
    : m_registry(registry), m_accessTokenSeconds(accessTokenSeconds)
{
}

bool SsoOidcRoutes::matches(const HttpRequest &request)
{
    return request.path == "/token";
}

HttpReply SsoOidcRoutes::handle(const HttpRequest &request)
{
    if (request.method != "POST")
        return oidcError(400, "InvalidRequestException", "invalid_request", QStringLiteral("Use POST."));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return oidcError(400, "InvalidRequestException", "invalid_request",
                         QStringLiteral("The body is not a JSON object."));
    const QJsonObject input = document.object();
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
    if (grantType != u"refresh_token")
        return oidcError(400, "UnsupportedGrantTypeException", "unsupported_grant_type",
                         QStringLiteral("Grant type %1 is not supported here.").arg(grantType));
    QString accessToken;
    QString refreshToken;
    if (!m_registry.renew(clientId, input.value(QLatin1String("refreshToken")).toString(), &accessToken,
                          &refreshToken))
        return oidcError(400, "InvalidGrantException", "invalid_grant",
                         QStringLiteral("Invalid refresh token provided."));
    return HttpReply::withBody(
        200, QByteArrayLiteral("application/json"),
        QJsonDocument(QJsonObject{{QStringLiteral("accessToken"), accessToken},
                                  {QStringLiteral("tokenType"), QStringLiteral("Bearer")},
                                  {QStringLiteral("expiresIn"), m_accessTokenSeconds},
                                  {QStringLiteral("refreshToken"), refreshToken}})
            .toJson(QJsonDocument::Compact));
}

} // namespace flowdesk::sim
