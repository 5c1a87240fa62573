#include "SsoCredentialSource.h"

#include "CredentialLogging.h"
#include "GuardedCallback.h"
#include "RegularFile.h"
#include "SsoOidcClient.h"

#include <QCryptographicHash>
#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QUrlQuery>

#include <cmath>

namespace flowdesk::aws {

SsoCredentialSource::SsoCredentialSource(const SsoParameters &parameters,
                                         const QUrl &portalEndpoint,
                                         QNetworkAccessManager *network, QObject *parent,
                                         const QUrl &oidcEndpoint)
    : CredentialSource(parent)
    , m_parameters(parameters)
    , m_endpoint(portalEndpoint)
    , m_network(network)
    , m_oidcEndpoint(oidcEndpoint)
{
}

QString SsoCredentialSource::description() const
{
    return tr("profile %1 (IAM Identity Center, account %2, role %3)")
        .arg(m_parameters.profileName, m_parameters.accountId, m_parameters.roleName);
}

QString SsoCredentialSource::cacheFileName(const QString &cacheDirectory,
                                           const QString &sessionOrStartUrl)
{
    const QByteArray hash
        = QCryptographicHash::hash(sessionOrStartUrl.toUtf8(), QCryptographicHash::Sha1).toHex();
    return QDir(cacheDirectory).filePath(QString::fromLatin1(hash) + QStringLiteral(".json"));
}

QString SsoCredentialSource::loginName() const
{
    if (m_parameters.profileName.isEmpty() && m_parameters.sessionName.isEmpty())
        return tr("IAM Identity Center %1").arg(m_parameters.startUrl);
    if (m_parameters.profileName.isEmpty())
        return tr("sso-session '%1'").arg(m_parameters.sessionName);
    return tr("profile '%1'").arg(m_parameters.profileName);
}

QString SsoCredentialSource::loginHint() const
{
    // A start URL typed into Flowdesk has no name the AWS CLI knows: its own sign-in is the way.
    if (m_parameters.profileName.isEmpty() && m_parameters.sessionName.isEmpty())
        return tr("Sign in with Sign in… on the Fleet tab, then try again.");
    if (m_parameters.profileName.isEmpty())
        return tr("Run `aws sso login --sso-session %1`, then try again.").arg(m_parameters.sessionName);
    return tr("Run `aws sso login --profile %1`, then try again.").arg(m_parameters.profileName);
}

SsoCredentialSource::Token SsoCredentialSource::readToken() const
{
    const QString key = m_parameters.sessionName.isEmpty() ? m_parameters.startUrl
                                                           : m_parameters.sessionName;
    const QString path = cacheFileName(m_parameters.cacheDirectory, key);
    // A token file is a few hundred bytes; only a regular file is read, and never more than
    // kMaxTokenFileSize (a link to /dev/zero or a FIFO in the cache folder must not hang or
    // fill memory).
    const RegularFileRead read = readRegularFile(path, kMaxTokenFileSize);
    switch (read.status) {
    case RegularFileRead::Status::Missing:
        return {{}, path, tr("There is no IAM Identity Center login for %1 (no token in %2). %3")
                              .arg(loginName(), path, loginHint())};
    case RegularFileRead::Status::Unreadable:
        return {{}, path, tr("Cannot read the IAM Identity Center token %1: %2.")
                              .arg(path, read.systemError)};
    case RegularFileRead::Status::NotRegular:
    case RegularFileRead::Status::Changed:
        return {{}, path, tr("The IAM Identity Center token %1 is %2, not a regular file; Flowdesk "
                       "reads tokens only from regular files. Delete it. %3")
                        .arg(path,
                             read.notRegularWhat.isEmpty() ? tr("no longer a regular file")
                                                           : read.notRegularWhat,
                             loginHint())};
    case RegularFileRead::Status::TooBig:
        return {{}, path, tr("The IAM Identity Center token %1 is larger than %2 KiB, which no token "
                       "is; Flowdesk does not read it. Delete it. %3")
                        .arg(path)
                        .arg(kMaxTokenFileSize / 1024)
                        .arg(loginHint())};
    case RegularFileRead::Status::Read:
        break;
    }
    const std::optional<SsoToken> parsed = SsoTokenFile::parse(read.data);
    if (!parsed)
        return {{}, path, tr("The IAM Identity Center token file %1 is damaged or incomplete. %2")
                              .arg(path, loginHint())};
    return {*parsed, path, {}};
}

QString SsoCredentialSource::expiredError(const QDateTime &expiry, const QString &renewalError) const
{
    const QString hint = renewalError.isEmpty() ? loginHint() : renewalError + u' ' + loginHint();
    if (expiry.isValid() && expiry > QDateTime::currentDateTimeUtc())
        return tr("The IAM Identity Center login for %1 expires at %2 and could not be "
                  "renewed. %3")
            .arg(loginName(), expiry.toUTC().toString(Qt::ISODate), hint);
    return tr("The IAM Identity Center login for %1 has expired%2. %3")
        .arg(loginName(),
             expiry.isValid() ? tr(" (at %1)").arg(expiry.toUTC().toString(Qt::ISODate)) : QString(),
             hint);
}

SsoCredentialSource::CachedToken SsoCredentialSource::parseTokenCache(const QByteArray &json)
{
    const std::optional<SsoToken> token = SsoTokenFile::parse(json);
    if (!token)
        return {};
    return {false, token->accessToken, token->expiresAt};
}

void SsoCredentialSource::requestCredentials(QObject *context, Callback callback)
{
    m_waiting.append(guardedCallback(context, std::move(callback)));
    if (m_running)
        return;
    m_running = true;
    requestAccessToken(this, [this](const QString &accessToken, const QString &error) {
        if (!error.isEmpty())
            finish(credentialsError(error));
        else
            exchange(accessToken);
    });
}

void SsoCredentialSource::requestAccessToken(QObject *context, TokenCallback callback)
{
    m_tokenWaiting.append([guard = QPointer<QObject>(context), callback = std::move(callback)](
                              const QString &accessToken, const QString &error) {
        if (guard)
            callback(accessToken, error);
    });
    if (m_tokenRunning)
        return;
    m_tokenRunning = true;
    readOrRenewToken();
}

void SsoCredentialSource::finishToken(const QString &accessToken, const QString &error)
{
    m_tokenRunning = false;
    const QList<TokenCallback> waiting = std::exchange(m_tokenWaiting, {});
    for (const TokenCallback &callback : waiting)
        callback(accessToken, error);
}

void SsoCredentialSource::readOrRenewToken()
{
    const Token read = readToken();
    if (!read.error.isEmpty()) {
        finishToken({}, read.error);
        return;
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QDateTime expiry = read.token.expiresAt;
    const qint64 remaining = expiry.isValid() ? now.secsTo(expiry) : -1;
    // botocore renews sso-session tokens only (legacy start-URL logins have no refresh token).
    const bool renew = !m_parameters.sessionName.isEmpty() && !m_oidcEndpoint.isEmpty()
        && remaining < SsoOidcClient::kRefreshWindow.count() && read.token.canRefresh(now)
        && (!m_nextRefreshAttempt.isValid() || now >= m_nextRefreshAttempt);
    if (renew) {
        m_nextRefreshAttempt = now.addSecs(SsoOidcClient::kAttemptInterval.count());
        auto *oidc = new SsoOidcClient(m_oidcEndpoint, m_network, this);
        oidc->setTransferTimeout(m_timeout);
        oidc->refresh(read.token, this, [this, oidc, read, remaining](const SsoOidcClient::Result &result) {
            oidc->deleteLater();
            if (result.error.isEmpty()) {
                // Written back so that the AWS CLI (and the next start) use the renewed token;
                // if that fails the renewed token still serves this request.
                const QString writeError = SsoTokenFile::write(read.path, result.token);
                if (!writeError.isEmpty())
                    qCWarning(lcAwsCredentials).noquote() << writeError;
                else
                    qCInfo(lcAwsCredentials) << "SSO token renewed, now valid until"
                                             << result.token.expiresAt.toString(Qt::ISODate);
                finishToken(result.token.accessToken, {});
                return;
            }
            // Within the mandatory window (or expired) the failure is the answer; before it,
            // the current token still serves, as botocore does.
            if (remaining < SsoOidcClient::kMandatoryRefreshWindow.count()) {
                finishToken({}, expiredError(read.token.expiresAt, result.error));
                return;
            }
            qCWarning(lcAwsCredentials).noquote() << result.error;
            finishToken(read.token.accessToken, {});
        });
        return;
    }
    if (remaining <= 0) {
        finishToken({}, expiredError(expiry, {}));
        return;
    }
    finishToken(read.token.accessToken, {});
}

void SsoCredentialSource::exchange(const QString &accessToken)
{
    if (!m_network) {
        finish(credentialsError(tr("IAM Identity Center is not reachable: no network access.")));
        return;
    }

    QUrl url = m_endpoint;
    url.setPath(url.path().endsWith(u'/') ? url.path() + QStringLiteral("federation/credentials")
                                          : url.path() + QStringLiteral("/federation/credentials"));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("account_id"), m_parameters.accountId);
    query.addQueryItem(QStringLiteral("role_name"), m_parameters.roleName);
    url.setQuery(query);

    QNetworkRequest request(url);
    request.setRawHeader("x-amz-sso_bearer_token", accessToken.toUtf8());
    request.setTransferTimeout(static_cast<int>(m_timeout.count()));
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    qCDebug(lcAwsCredentials) << "SSO GetRoleCredentials account" << m_parameters.accountId
                              << "role" << m_parameters.roleName << "at"
                              << m_endpoint.toDisplayString();

    QNetworkReply *reply = m_network->get(request);
    reply->setParent(this); // abandoned (and aborted) if this source goes away first
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray body = reply->readAll();
        if (status == 0) {
            finish(credentialsError(tr("Could not reach IAM Identity Center at %1 (%2). Check "
                                       "the network connection.")
                                        .arg(m_endpoint.toDisplayString(), reply->errorString())));
            return;
        }
        const QJsonObject object = QJsonDocument::fromJson(body).object();
        if (status == 401 || status == 403) {
            finish(credentialsError(tr("IAM Identity Center rejected the login of profile '%1' "
                                       "(HTTP %2: %3). %4")
                                        .arg(m_parameters.profileName)
                                        .arg(status)
                                        .arg(object.value(QLatin1String("message")).toString(),
                                             loginHint())));
            return;
        }
        if (status < 200 || status >= 300) {
            QString message = object.value(QLatin1String("message")).toString();
            if (message.isEmpty())
                message = object.value(QLatin1String("Message")).toString();
            finish(credentialsError(tr("IAM Identity Center could not give credentials for "
                                       "account %1, role %2 (HTTP %3%4). Check sso_account_id "
                                       "and sso_role_name of profile '%5'.")
                                        .arg(m_parameters.accountId, m_parameters.roleName)
                                        .arg(status)
                                        .arg(message.isEmpty() ? QString() : u": " + message,
                                             m_parameters.profileName)));
            return;
        }
        const std::optional<Credentials> credentials = parseRoleCredentials(object);
        if (!credentials) {
            finish(credentialsError(tr("IAM Identity Center answered without usable role "
                                       "credentials (accessKeyId, secretAccessKey, sessionToken, "
                                       "expiration).")));
            return;
        }
        CredentialsResult result;
        result.credentials = *credentials;
        finish(result);
    });
}

std::optional<Credentials> SsoCredentialSource::parseRoleCredentials(const QJsonObject &answer)
{
    const QJsonObject role = answer.value(QLatin1String("roleCredentials")).toObject();
    Credentials c;
    c.accessKeyId = role.value(QLatin1String("accessKeyId")).toString();
    c.secretAccessKey = role.value(QLatin1String("secretAccessKey")).toString();
    c.sessionToken = role.value(QLatin1String("sessionToken")).toString();
    const QJsonValue expiration = role.value(QLatin1String("expiration"));
    // Epoch milliseconds; checked as a double first (converting one beyond qint64 is
    // undefined behaviour): more than ±30,000 years away is no expiration time.
    if (expiration.isDouble() && std::fabs(expiration.toDouble()) < 1.0e15)
        c.expiration = QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(expiration.toDouble()), Qt::UTC);
    if (!c.isValid() || c.sessionToken.isEmpty() || !c.expiration.isValid())
        return std::nullopt;
    return c;
}

void SsoCredentialSource::finish(const CredentialsResult &result)
{
    m_running = false;
    if (!result.ok())
        qCWarning(lcAwsCredentials).noquote() << result.error;
    const QList<Callback> waiting = std::exchange(m_waiting, {});
    for (const Callback &callback : waiting)
        callback(result);
}

} // namespace flowdesk::aws
