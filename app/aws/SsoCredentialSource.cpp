#include "SsoCredentialSource.h"

#include "CredentialLogging.h"
#include "GuardedCallback.h"
#include "RegularFile.h"

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
                                         QNetworkAccessManager *network, QObject *parent)
    : CredentialSource(parent)
    , m_parameters(parameters)
    , m_endpoint(portalEndpoint)
    , m_network(network)
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

QString SsoCredentialSource::loginHint() const
{
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
        return {{}, tr("There is no IAM Identity Center login for profile '%1' (no token in "
                       "%2). %3").arg(m_parameters.profileName, path, loginHint())};
    case RegularFileRead::Status::Unreadable:
        return {{}, tr("Cannot read the IAM Identity Center token %1: %2.")
                        .arg(path, read.systemError)};
    case RegularFileRead::Status::NotRegular:
    case RegularFileRead::Status::Changed:
        return {{}, tr("The IAM Identity Center token %1 is %2, not a regular file; Flowdesk "
                       "reads tokens only from regular files. Delete it. %3")
                        .arg(path,
                             read.notRegularWhat.isEmpty() ? tr("no longer a regular file")
                                                           : read.notRegularWhat,
                             loginHint())};
    case RegularFileRead::Status::TooBig:
        return {{}, tr("The IAM Identity Center token %1 is larger than %2 KiB, which no token "
                       "is; Flowdesk does not read it. Delete it. %3")
                        .arg(path)
                        .arg(kMaxTokenFileSize / 1024)
                        .arg(loginHint())};
    case RegularFileRead::Status::Read:
        break;
    }
    const CachedToken cached = parseTokenCache(read.data);
    if (cached.damaged)
        return {{}, tr("The IAM Identity Center token file %1 is damaged or incomplete. %2")
                        .arg(path, loginHint())};
    const QDateTime &expiry = cached.expiresAt;
    if (!expiry.isValid() || expiry <= QDateTime::currentDateTimeUtc())
        return {{}, tr("The IAM Identity Center login for profile '%1' has expired%2. %3")
                        .arg(m_parameters.profileName,
                             expiry.isValid()
                                 ? tr(" (at %1)").arg(expiry.toUTC().toString(Qt::ISODate))
                                 : QString(),
                             loginHint())};
    return {cached.accessToken, {}};
}

SsoCredentialSource::CachedToken SsoCredentialSource::parseTokenCache(const QByteArray &json)
{
    QJsonParseError parseError;
    const QJsonObject object = QJsonDocument::fromJson(json, &parseError).object();
    CachedToken token;
    token.accessToken = object.value(QLatin1String("accessToken")).toString();
    token.damaged = parseError.error != QJsonParseError::NoError || token.accessToken.isEmpty();
    QString expiresAt = object.value(QLatin1String("expiresAt")).toString();
    // The CLI v1 wrote "2019-11-14T04:05:45UTC"; v2 writes ISO 8601 with "Z".
    if (expiresAt.endsWith(QLatin1String("UTC")))
        expiresAt = expiresAt.chopped(3) + u'Z';
    token.expiresAt = QDateTime::fromString(expiresAt, Qt::ISODateWithMs);
    return token;
}

void SsoCredentialSource::requestCredentials(QObject *context, Callback callback)
{
    m_waiting.append(guardedCallback(context, std::move(callback)));
    if (m_running)
        return;
    m_running = true;

    const Token token = readToken();
    if (!token.error.isEmpty()) {
        finish(credentialsError(token.error));
        return;
    }
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
    request.setRawHeader("x-amz-sso_bearer_token", token.accessToken.toUtf8());
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
        const QJsonObject role = object.value(QLatin1String("roleCredentials")).toObject();
        CredentialsResult result;
        Credentials &c = result.credentials;
        c.accessKeyId = role.value(QLatin1String("accessKeyId")).toString();
        c.secretAccessKey = role.value(QLatin1String("secretAccessKey")).toString();
        c.sessionToken = role.value(QLatin1String("sessionToken")).toString();
        const QJsonValue expiration = role.value(QLatin1String("expiration"));
        // Epoch milliseconds; checked as a double first (converting one beyond qint64 is
        // undefined behaviour): more than ±30,000 years away is no expiration time.
        if (expiration.isDouble() && std::fabs(expiration.toDouble()) < 1.0e15)
            c.expiration = QDateTime::fromMSecsSinceEpoch(
                static_cast<qint64>(expiration.toDouble()), Qt::UTC);
        if (!c.isValid() || c.sessionToken.isEmpty() || !c.expiration.isValid()) {
            finish(credentialsError(tr("IAM Identity Center answered without usable role "
                                       "credentials (accessKeyId, secretAccessKey, sessionToken, "
                                       "expiration).")));
            return;
        }
        finish(result);
    });
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
