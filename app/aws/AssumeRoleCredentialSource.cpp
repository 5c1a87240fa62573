#include "AssumeRoleCredentialSource.h"

#include "AwsHttp.h"
#include "CredentialLogging.h"
#include "GuardedCallback.h"
#include "MfaPrompter.h"
#include "SigV4.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QXmlStreamReader>

namespace flowdesk::aws {

AssumeRoleCredentialSource::AssumeRoleCredentialSource(const AssumeRoleParameters &parameters,
                                                       CredentialSource *sourceCredentials,
                                                       const QUrl &stsEndpoint,
                                                       const QString &signingRegion,
                                                       QNetworkAccessManager *network,
                                                       MfaPrompter *mfaPrompter, QObject *parent)
    : CredentialSource(parent)
    , m_parameters(parameters)
    , m_source(sourceCredentials)
    , m_endpoint(stsEndpoint)
    , m_region(signingRegion)
    , m_network(network)
    , m_mfaPrompter(mfaPrompter)
{
    Q_ASSERT(sourceCredentials);
    m_source->setParent(this);
}

QString AssumeRoleCredentialSource::description() const
{
    return tr("profile %1 (role %2)").arg(m_parameters.profileName, m_parameters.roleArn);
}

QString AssumeRoleCredentialSource::what() const
{
    return tr("Assuming role %1 for profile '%2'")
        .arg(m_parameters.roleArn, m_parameters.profileName);
}

void AssumeRoleCredentialSource::invalidate()
{
    m_source->invalidate();
}

void AssumeRoleCredentialSource::requestCredentials(QObject *context, Callback callback)
{
    m_waiting.append(guardedCallback(context, std::move(callback)));
    if (!m_running)
        start();
}

void AssumeRoleCredentialSource::start()
{
    m_running = true;
    const int duration = m_parameters.durationSeconds;
    if (duration != 0 && (duration < 900 || duration > 43200)) {
        finish(credentialsError(tr("duration_seconds of profile '%1' is %2; STS accepts 900 to "
                                   "43200 seconds (and at most the role's maximum session "
                                   "duration).").arg(m_parameters.profileName).arg(duration)));
        return;
    }
    if (!m_network) {
        finish(credentialsError(tr("%1 is not possible: no network access.").arg(what())));
        return;
    }
    m_source->requestCredentials(this, [this](const CredentialsResult &source) {
        if (!source.ok()) {
            finish(credentialsError(tr("%1 failed: the source credentials (%2) are not usable: "
                                       "%3").arg(what(), m_source->description(), source.error)));
            return;
        }
        askMfaThenCall(source.credentials);
    });
}

void AssumeRoleCredentialSource::askMfaThenCall(const Credentials &source)
{
    if (m_parameters.mfaSerial.isEmpty()) {
        call(source, {});
        return;
    }
    if (!m_mfaPrompter) {
        finish(credentialsError(tr("%1 needs an MFA code (mfa_serial %2), but Flowdesk has no "
                                   "way to ask for one here.")
                                    .arg(what(), m_parameters.mfaSerial)));
        return;
    }
    QPointer<AssumeRoleCredentialSource> self(this);
    m_mfaPrompter->requestMfaCode(
        m_parameters.mfaSerial, m_parameters.roleArn, m_parameters.profileName,
        [self, source](const QString &code) {
            if (!self)
                return;
            const QString trimmed = code.trimmed();
            if (trimmed.isEmpty()) {
                self->finish(credentialsError(tr("%1 was cancelled: no MFA code was entered.")
                                                  .arg(self->what())));
                return;
            }
            static const QRegularExpression sixDigits(QStringLiteral("^[0-9]{6}$"));
            if (!sixDigits.match(trimmed).hasMatch()) {
                self->finish(credentialsError(tr("%1 failed: the MFA code must be the 6 digits "
                                                 "your device shows.").arg(self->what())));
                return;
            }
            self->call(source, trimmed);
        });
}

void AssumeRoleCredentialSource::call(const Credentials &source, const QString &mfaCode)
{
    QString sessionName = m_parameters.roleSessionName;
    if (sessionName.isEmpty())
        sessionName = QStringLiteral("flowdesk-%1").arg(QDateTime::currentMSecsSinceEpoch());

    QByteArray body = "Action=AssumeRole&Version=2011-06-15&RoleArn="
        + formEncode(m_parameters.roleArn) + "&RoleSessionName=" + formEncode(sessionName);
    if (!m_parameters.externalId.isEmpty())
        body += "&ExternalId=" + formEncode(m_parameters.externalId);
    if (m_parameters.durationSeconds > 0)
        body += "&DurationSeconds=" + QByteArray::number(m_parameters.durationSeconds);
    if (!mfaCode.isEmpty())
        body += "&SerialNumber=" + formEncode(m_parameters.mfaSerial)
            + "&TokenCode=" + formEncode(mfaCode);

    QUrl url = m_endpoint;
    if (url.path().isEmpty())
        url.setPath(QStringLiteral("/"));

    sigv4::Request request;
    request.method = "POST";
    request.path = url.path(QUrl::FullyEncoded).toUtf8();
    request.query = url.query(QUrl::FullyEncoded).toUtf8();
    request.headers = {{"Host", hostHeaderFor(url)},
                       {"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"}};
    request.body = body;
    sigv4::signHeaders(request, source, m_region, QStringLiteral("sts"),
                       QDateTime::currentDateTimeUtc());

    QNetworkRequest networkRequest(url);
    for (const sigv4::Header &header : std::as_const(request.headers)) {
        if (header.first.compare("host", Qt::CaseInsensitive) != 0)
            networkRequest.setRawHeader(header.first, header.second);
    }
    networkRequest.setTransferTimeout(static_cast<int>(m_timeout.count()));
    // A signed request is never replayed to wherever a redirect points.
    networkRequest.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                                QNetworkRequest::ManualRedirectPolicy);

    qCDebug(lcAwsCredentials) << "STS AssumeRole" << m_parameters.roleArn << "at"
                              << url.toDisplayString() << "with key" << source.accessKeyId;
    QNetworkReply *reply = m_network->post(networkRequest, body);
    reply->setParent(this); // abandoned (and aborted) if this source goes away first
    connect(reply, &QNetworkReply::finished, this, [this, reply, url] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray responseBody = reply->readAll();
        if (status == 0) {
            const QString reason = reply->error() == QNetworkReply::OperationCanceledError
                ? tr("no answer within %1 seconds").arg(static_cast<double>(m_timeout.count()) / 1000.0)
                : reply->errorString();
            finish(credentialsError(tr("%1 failed: could not reach STS at %2 (%3). Check the "
                                       "network connection and the STS endpoint.")
                                        .arg(what(), url.toDisplayString(), reason)));
            return;
        }
        finish(parseResponse(status, responseBody, what()));
    });
}

void AssumeRoleCredentialSource::finish(const CredentialsResult &result)
{
    m_running = false;
    if (result.ok())
        qCInfo(lcAwsCredentials) << "assumed role" << m_parameters.roleArn << "key"
                                 << result.credentials.accessKeyId;
    else
        qCWarning(lcAwsCredentials).noquote() << result.error;
    const QList<Callback> waiting = std::exchange(m_waiting, {});
    for (const Callback &callback : waiting)
        callback(result);
}

CredentialsResult AssumeRoleCredentialSource::parseResponse(int httpStatus, const QByteArray &body,
                                                            const QString &what)
{
    QXmlStreamReader xml(body);
    QString accessKeyId, secretAccessKey, sessionToken, expiration, code, message;
    bool sawRoot = false;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        sawRoot = true;
        const auto name = xml.name();
        QString *target = nullptr;
        if (name == u"AccessKeyId")
            target = &accessKeyId;
        else if (name == u"SecretAccessKey")
            target = &secretAccessKey;
        else if (name == u"SessionToken")
            target = &sessionToken;
        else if (name == u"Expiration")
            target = &expiration;
        else if (name == u"Code")
            target = &code;
        else if (name == u"Message")
            target = &message;
        if (target)
            *target = xml.readElementText(QXmlStreamReader::SkipChildElements).trimmed();
    }
    const bool wellFormed = sawRoot && !xml.hasError();

    if (httpStatus < 200 || httpStatus >= 300) {
        if (wellFormed && !code.isEmpty()) {
            QString hint;
            if (code == u"AccessDenied")
                hint = tr(" Check the role's trust policy, external_id and MFA settings.");
            else if (code == u"InvalidClientTokenId" || code == u"SignatureDoesNotMatch")
                hint = tr(" The source credentials were rejected; check them.");
            else if (code == u"ExpiredToken")
                hint = tr(" The source credentials have expired; refresh them.");
            return credentialsError(tr("%1 failed: STS answered %2: %3.%4")
                                        .arg(what, code, message, hint));
        }
        return credentialsError(tr("%1 failed: STS answered HTTP %2 with a body that is not an "
                                   "STS error.").arg(what).arg(httpStatus));
    }
    if (!wellFormed)
        return credentialsError(tr("%1 failed: STS answered with XML that cannot be read (%2).")
                                    .arg(what, xml.hasError() ? xml.errorString()
                                                              : tr("empty body")));
    CredentialsResult result;
    Credentials &c = result.credentials;
    c.accessKeyId = accessKeyId;
    c.secretAccessKey = secretAccessKey;
    c.sessionToken = sessionToken;
    c.expiration = QDateTime::fromString(expiration, Qt::ISODateWithMs);
    if (!c.isValid() || sessionToken.isEmpty() || !c.expiration.isValid())
        return credentialsError(tr("%1 failed: STS's answer lacks the credentials (AccessKeyId, "
                                   "SecretAccessKey, SessionToken, Expiration).").arg(what));
    return result;
}

} // namespace flowdesk::aws
