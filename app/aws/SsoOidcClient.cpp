#include "SsoOidcClient.h"

#include "CredentialLogging.h"
#include "GuardedCallback.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

#include <cmath>

namespace flowdesk::aws {

SsoOidcClient::SsoOidcClient(const QUrl &endpoint, QNetworkAccessManager *network, QObject *parent)
    : QObject(parent)
    , m_endpoint(endpoint)
    , m_network(network)
{
}

void SsoOidcClient::refresh(const SsoToken &token, QObject *context, Callback callback)
{
    auto done = [guard = QPointer<QObject>(context), callback = std::move(callback)](const Result &result) {
        if (guard)
            callback(result);
    };
    if (!m_network) {
        done({{}, tr("IAM Identity Center is not reachable: no network access.")});
        return;
    }
    QUrl url = m_endpoint;
    url.setPath(url.path().endsWith(u'/') ? url.path() + QStringLiteral("token")
                                          : url.path() + QStringLiteral("/token"));
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setTransferTimeout(static_cast<int>(m_timeout.count()));
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("clientId"), token.clientId},
                                                      {QStringLiteral("clientSecret"), token.clientSecret},
                                                      {QStringLiteral("grantType"), QStringLiteral("refresh_token")},
                                                      {QStringLiteral("refreshToken"), token.refreshToken}})
                                .toJson(QJsonDocument::Compact);
    // Never the body: it holds the client secret and the refresh token.
    qCDebug(lcAwsCredentials) << "SSO OIDC CreateToken (refresh_token) at" << m_endpoint.toDisplayString();
    QNetworkReply *reply = m_network->post(request, body);
    reply->setParent(this);
    connect(reply, &QNetworkReply::finished, this, [this, reply, token, done] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray answer = reply->read(256 * 1024);
        if (status == 0) {
            done({{}, tr("Could not reach IAM Identity Center at %1 (%2). Check the network connection.")
                          .arg(m_endpoint.toDisplayString(), reply->errorString())});
            return;
        }
        const QJsonObject object = QJsonDocument::fromJson(answer).object();
        if (status < 200 || status >= 300) {
            // OIDC errors carry "error" and "error_description" (sso-oidc service-2.json);
            // the error type is also in x-amzn-errortype.
            QString code = object.value(QLatin1String("error")).toString();
            if (code.isEmpty())
                code = QString::fromUtf8(reply->rawHeader("x-amzn-errortype")).section(u':', 0, 0);
            const QString description = object.value(QLatin1String("error_description")).toString();
            done({{}, tr("IAM Identity Center did not renew the login (HTTP %1 %2%3).")
                          .arg(status)
                          .arg(code.isEmpty() ? tr("error") : code,
                               description.isEmpty() ? QString() : u": " + description)});
            return;
        }
        const QString accessToken = object.value(QLatin1String("accessToken")).toString();
        const QJsonValue expiresIn = object.value(QLatin1String("expiresIn"));
        if (accessToken.isEmpty() || !expiresIn.isDouble() || expiresIn.toDouble() <= 0
            || expiresIn.toDouble() > 366.0 * 24 * 3600) {
            done({{}, tr("IAM Identity Center renewed the login without a usable access token "
                         "(accessToken, expiresIn).")});
            return;
        }
        Result result;
        result.token = token;
        result.token.accessToken = accessToken;
        result.token.expiresAt = QDateTime::currentDateTimeUtc().addSecs(std::llround(expiresIn.toDouble()));
        result.token.refreshToken = object.value(QLatin1String("refreshToken")).toString();
        done(result);
    });
}

} // namespace flowdesk::aws
