#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QTimer>
#include <QUrl>

#include <chrono>
#include <functional>

class QNetworkAccessManager;
class QNetworkReply;

namespace flowdesk::aws {

// Signing in to IAM Identity Center from Flowdesk, as `aws sso login --sso-session NAME` does
// (the OAuth 2.0 device authorization grant, sso-oidc): RegisterClient (skipped while the
// registration in the token cache is still valid), StartDeviceAuthorization, then CreateToken
// with the device code every `interval` seconds (5 more after SlowDownException) until the user
// approved the code in the browser, or it expired. The token is written to the AWS CLI's cache
// (~/.aws/sso/cache/<sha1 of the session name>.json) in botocore's format, with the
// registration and refresh token, so Flowdesk and the CLI share the login and renew it.
// Never blocks: each step is a request or a timer.
class SsoDeviceLogin : public QObject
{
    Q_OBJECT

public:
    struct Request {
        QString sessionName;     // the sso-session (cache file name, client name); empty: none
        QString startUrl;
        QString ssoRegion;       // written to the cache as "region"
        QString cacheDirectory;  // ~/.aws/sso/cache
        QStringList scopes{QStringLiteral("sso:account:access")};
    };

    SsoDeviceLogin(const QUrl &oidcEndpoint, QNetworkAccessManager *network, QObject *parent = nullptr);

    void setTransferTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }

    void start(const Request &request);
    // Stops polling; finished() reports that the sign-in was cancelled.
    void cancel();
    bool isRunning() const { return m_running; }

    static constexpr int kSlowDownSeconds = 5; // RFC 8628 §3.5: add 5 s after slow_down
    static QString deviceCodeGrant() { return QStringLiteral("urn:ietf:params:oauth:grant-type:device_code"); }

signals:
    // Show `userCode` and open `verificationUri` (it already carries the code) in the browser.
    void verificationReady(const QUrl &verificationUri, const QString &userCode, const QDateTime &expiresAt);
    // Empty `error`: signed in, the token is in the cache file `cacheFile`.
    void finished(const QString &error, const QString &cacheFile);

private:
    using Handler = std::function<void(int status, const QJsonObject &answer, const QString &transportError)>;
    void post(const QString &path, const QJsonObject &body, Handler handler);
    void registerClient();
    void startAuthorization();
    void poll();
    void fail(const QString &error);
    static QString describe(int status, const QJsonObject &answer, const QString &transportError);

    QUrl m_endpoint;
    QPointer<QNetworkAccessManager> m_network;
    std::chrono::milliseconds m_timeout{std::chrono::seconds(30)};
    Request m_request;
    QString m_cacheFile;
    bool m_running = false;
    QString m_clientId;
    QString m_clientSecret;
    QString m_registrationExpiresAt;
    QString m_deviceCode;
    QDateTime m_codeExpiresAt;
    int m_intervalSeconds = 5;
    QTimer m_pollTimer;
    QPointer<QNetworkReply> m_reply;
};

} // namespace flowdesk::aws
