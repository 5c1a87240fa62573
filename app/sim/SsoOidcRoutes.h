#pragma once

#include "HttpMessages.h"

#include <QJsonObject>

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

    // RegisterClient: a new public client (ID and secret).
    Client registerClient();
    // A device authorization waiting for the user (StartDeviceAuthorization) until it expires.
    struct Device {
        QString clientId;
        QString deviceCode;
        QString userCode;      // "ABCD-EFGH", what the user compares in the browser
        qint64 expiresAtMs = 0;
        qint64 lastPollMs = 0;
        bool approved = false;
    };
    Device &startDevice(const QString &clientId, qint64 nowMs, int expiresInSeconds);
    Device *device(const QString &deviceCode);
    // The user opened the verification page and approved `userCode`; false if none waits.
    bool approve(const QString &userCode, qint64 nowMs);
    // The device's tokens once approved: registers the access token, gives the client a
    // refresh token, and forgets the device code (it is used once).
    void completeDevice(const QString &deviceCode, QString *accessToken, QString *refreshToken);

private:
    QSet<QString> m_accessTokens;
    QHash<QString, Client> m_clients;
    QHash<QString, Device> m_devices; // by device code
};

// IAM Identity Center OIDC (sso-oidc, REST-JSON, unsigned): RegisterClient (POST
// /client/register), StartDeviceAuthorization (POST /device_authorization) and CreateToken
// (POST /token) with grantType refresh_token or the device code grant. Shapes and errors from
// ../shared/reference/sso-oidc/service-2.json: errors carry `error` and `error_description` and
// the X-Amzn-ErrorType header. The verification page (GET /device?user_code=…) stands in for
// the user signing in and approving in the browser: opening it approves the code.
class SsoOidcRoutes
{
public:
    SsoOidcRoutes(SsoTokenRegistry &registry, int accessTokenSeconds);

    static bool matches(const HttpRequest &request);
    // "CreateToken", "RegisterClient", "StartDeviceAuthorization", "Approve" (the page).
    static QString operationOf(const HttpRequest &request);
    HttpReply handle(const HttpRequest &request);

    static constexpr int kDeviceCodeSeconds = 600;    // StartDeviceAuthorization expiresIn
    static constexpr int kPollIntervalSeconds = 1;    // its interval
    static constexpr qint64 kRegistrationDays = 90;   // clientSecretExpiresAt

private:
    HttpReply registerClient(const QJsonObject &input);
    HttpReply startDeviceAuthorization(const HttpRequest &request, const QJsonObject &input);
    HttpReply createToken(const QJsonObject &input);
    HttpReply approvalPage(const HttpRequest &request);

    SsoTokenRegistry &m_registry;
    int m_accessTokenSeconds;
};

} // namespace flowdesk::sim
