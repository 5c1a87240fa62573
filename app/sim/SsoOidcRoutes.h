#pragma once

#include "HttpMessages.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

namespace flowdesk::sim {

// The access tokens the portal accepts, and the OIDC clients that may renew them. Shared by
// SsoRoutes (which checks tokens) and SsoOidcRoutes (which issues them).
class SsoTokenRegistry
{
public:
    // A client registration as `aws sso login` leaves one in the token cache, with the refresh
    // token it holds now.
    struct Client {
        QString clientId;
        QString clientSecret;
        QString refreshToken;
    };

    SsoTokenRegistry(const QStringList &accessTokens, const QList<Client> &clients);

    bool acceptsAccessToken(const QString &token) const;
    const Client *client(const QString &clientId) const;
    // Trades a valid refresh token for a new access token and a new refresh token (the old one
    // stops working, as a rotated refresh token does); false when the refresh token is unknown.
    bool renew(const QString &clientId, const QString &refreshToken, QString *accessToken,
               QString *newRefreshToken);

private:
    QSet<QString> m_accessTokens;
    QHash<QString, Client> m_clients;
};

// IAM Identity Center OIDC (sso-oidc, REST-JSON, unsigned): CreateToken (POST /token) with
// grantType refresh_token. Shapes and errors from ../shared/reference/sso-oidc/service-2.json:
// errors carry `error` and `error_description` and the X-Amzn-ErrorType header.
class SsoOidcRoutes
{
public:
    SsoOidcRoutes(SsoTokenRegistry &registry, int accessTokenSeconds);

    static bool matches(const HttpRequest &request);
    HttpReply handle(const HttpRequest &request);

private:
    SsoTokenRegistry &m_registry;
    int m_accessTokenSeconds;
};

} // namespace flowdesk::sim
