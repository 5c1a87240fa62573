#pragma once

#include "CredentialSource.h"

#include <QDateTime>
#include <QList>
#include <QPointer>
#include <QUrl>

#include <chrono>

class QNetworkAccessManager;

namespace flowdesk::aws {

struct SsoParameters {
    QString profileName;  // for messages and the `aws sso login --profile NAME` hint
    QString sessionName;  // sso_session; empty for the legacy sso_* keys on the profile
    QString startUrl;
    QString accountId;
    QString roleName;
    QString cacheDirectory; // ~/.aws/sso/cache
};

// IAM Identity Center (SSO): reads the access token that `aws sso login` cached in
// ~/.aws/sso/cache/<sha1>.json (SHA-1 of the sso_session name, or of the start URL for legacy
// profiles) and exchanges it for role credentials with the portal's GetRoleCredentials.
// Flowdesk never logs in itself: a missing or expired token asks the user to run
// `aws sso login --profile NAME`. No caching here (see CachingCredentialSource).
class SsoCredentialSource : public CredentialSource
{
    Q_OBJECT

public:
    // `portalEndpoint`: https://portal.sso.<sso_region>.amazonaws.com (EndpointResolver, which
    // lets tests point it at the simulator). `network` must outlive this.
    SsoCredentialSource(const SsoParameters &parameters, const QUrl &portalEndpoint,
                        QNetworkAccessManager *network, QObject *parent = nullptr);

    void setTransferTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }

    void requestCredentials(QObject *context, Callback callback) override;
    QString description() const override;

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

private:
    struct Token {
        QString accessToken;
        QString error;
    };
    Token readToken() const;
    void finish(const CredentialsResult &result);
    QString loginHint() const;

    SsoParameters m_parameters;
    QUrl m_endpoint;
    QPointer<QNetworkAccessManager> m_network;
    std::chrono::milliseconds m_timeout{std::chrono::seconds(30)};
    bool m_running = false;
    QList<Callback> m_waiting;
};

} // namespace flowdesk::aws
