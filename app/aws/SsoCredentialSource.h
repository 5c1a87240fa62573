#pragma once

#include "CredentialSource.h"
#include "SsoTokenFile.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QPointer>
#include <QUrl>

#include <chrono>
#include <optional>
#include <functional>

class QNetworkAccessManager;

namespace flowdesk::aws {

struct SsoParameters {
    QString profileName;  // for messages and the `aws sso login --profile NAME` hint; empty
                          // for a login used without a profile (the fleet: --sso-session)
    QString sessionName;  // sso_session; empty for the legacy sso_* keys on the profile
    QString startUrl;
    QString accountId;
    QString roleName;
    QString cacheDirectory; // ~/.aws/sso/cache
};

// IAM Identity Center (SSO): reads the access token that `aws sso login` cached in
// ~/.aws/sso/cache/<sha1>.json (SHA-1 of the sso_session name, or of the start URL for legacy
// profiles) and exchanges it for role credentials with the portal's GetRoleCredentials.
// For sso-session logins a token with less than 15 minutes left is renewed with the OIDC
// service's CreateToken (refresh_token) and written back in the CLI's format, by botocore's
// rules (SsoOidcClient); a token that cannot be renewed and is expired, or a renewal that fails
// in the last 10 minutes, asks the user to run `aws sso login`. No caching of role
// credentials here (see CachingCredentialSource).
class SsoCredentialSource : public CredentialSource
{
    Q_OBJECT

public:
    // `portalEndpoint`: https://portal.sso.<sso_region>.amazonaws.com (EndpointResolver, which
    // lets tests point it at the simulator). `network` must outlive this.
    // `oidcEndpoint`: https://oidc.<sso_region>.amazonaws.com; empty: tokens are never renewed.
    SsoCredentialSource(const SsoParameters &parameters, const QUrl &portalEndpoint,
                        QNetworkAccessManager *network, QObject *parent = nullptr,
                        const QUrl &oidcEndpoint = {});

    void setTransferTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }

    void requestCredentials(QObject *context, Callback callback) override;
    QString description() const override;

    // The login's access token alone (read from the cache, renewed when due), for callers that
    // use the portal themselves (the fleet: one login, many accounts). Calls `callback` once,
    // unless `context` is destroyed first; concurrent requests share one read and one renewal.
    using TokenCallback = std::function<void(const QString &accessToken, const QString &error)>;
    void requestAccessToken(QObject *context, TokenCallback callback);

    // The token cache file for a session name (or legacy start URL).
    static QString cacheFileName(const QString &cacheDirectory, const QString &sessionOrStartUrl);
    // The largest token cache file read: real ones are under 4 KiB (a token, a refresh token,
    // the client registration), so 1 MiB is generous and still bounds a wrong file.
    static constexpr qint64 kMaxTokenFileSize = 1024 * 1024;

    // What a token cache file holds: `damaged` when it is not a JSON object with an
    // accessToken; `expiresAt` invalid when absent or unreadable (CLI v1's "…UTC" is read too).
    struct CachedToken {
        bool damaged = true;
        QString accessToken;
        QDateTime expiresAt;
    };
    static CachedToken parseTokenCache(const QByteArray &json);

    // GetRoleCredentials' answer ({"roleCredentials": {…, "expiration": epoch ms}}) as
    // credentials; nullopt unless it has a key, a secret, a session token and an expiration.
    // Shared with the fleet's portal client.
    static std::optional<Credentials> parseRoleCredentials(const QJsonObject &answer);

private:
    struct Token {
        SsoToken token;
        QString path;
        QString error; // the file could not be read or holds no token
    };
    Token readToken() const;
    QString expiredError(const QDateTime &expiry, const QString &renewalError) const;
    void readOrRenewToken();
    void finishToken(const QString &accessToken, const QString &error);
    void exchange(const QString &accessToken);
    void finish(const CredentialsResult &result);
    QString loginName() const;  // "profile 'X'", or "sso-session 'X'" without a profile
    QString loginHint() const;

    SsoParameters m_parameters;
    QUrl m_endpoint;
    QPointer<QNetworkAccessManager> m_network;
    std::chrono::milliseconds m_timeout{std::chrono::seconds(30)};
    QUrl m_oidcEndpoint;
    QDateTime m_nextRefreshAttempt; // botocore: at most one renewal attempt a minute
    bool m_running = false;
    QList<Callback> m_waiting;
    bool m_tokenRunning = false;
    QList<TokenCallback> m_tokenWaiting;
};

} // namespace flowdesk::aws
