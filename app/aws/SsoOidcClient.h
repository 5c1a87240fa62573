#pragma once

#include "SsoTokenFile.h"

#include <QObject>
#include <QPointer>
#include <QUrl>

#include <chrono>
#include <functional>

class QNetworkAccessManager;

namespace flowdesk::aws {

// IAM Identity Center's OIDC service (sso-oidc, https://oidc.<sso_region>.amazonaws.com):
// CreateToken with grantType=refresh_token, which renews the access token `aws sso login`
// cached, as botocore's SSOTokenProvider does. Unsigned REST-JSON (POST /token).
class SsoOidcClient : public QObject
{
    Q_OBJECT

public:
    struct Result {
        SsoToken token;    // the renewed token, ready to be written back; valid when error is empty
        QString error;     // what went wrong, for a message; the OIDC error code in it
    };
    using Callback = std::function<void(const Result &)>;

    SsoOidcClient(const QUrl &endpoint, QNetworkAccessManager *network, QObject *parent = nullptr);

    void setTransferTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }

    // Renews `token` (which canRefresh()). The new token keeps startUrl, region and the client
    // registration; expiresAt is now + expiresIn; the refresh token is the one answered, if any
    // (botocore drops it otherwise). `callback` runs once, unless `context` was destroyed.
    void refresh(const SsoToken &token, QObject *context, Callback callback);

    // botocore's refresh windows (tokens.py, DeferredRefreshableToken and SSOTokenProvider):
    // renew when less than 15 minutes remain; under 10 minutes a failed renewal is an error;
    // at most one attempt a minute.
    static constexpr std::chrono::seconds kRefreshWindow{15 * 60};
    static constexpr std::chrono::seconds kMandatoryRefreshWindow{10 * 60};
    static constexpr std::chrono::seconds kAttemptInterval{60};

private:
    QUrl m_endpoint;
    QPointer<QNetworkAccessManager> m_network;
    std::chrono::milliseconds m_timeout{std::chrono::seconds(30)};
};

} // namespace flowdesk::aws
