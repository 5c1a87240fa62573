#include "StsRoutes.h"

#include <QRegularExpression>
#include <QUrlQuery>
#include <QXmlStreamWriter>

namespace flowdesk::sim {
namespace {

const QString kNamespace = QStringLiteral("https://sts.amazonaws.com/doc/2011-06-15/");

// application/x-www-form-urlencoded: '+' is a space, then percent-decoding.
QHash<QString, QString> parseForm(const QByteArray &body)
{
    QHash<QString, QString> form;
    for (const QByteArray &pair : body.split('&')) {
        if (pair.isEmpty())
            continue;
        const qsizetype equals = pair.indexOf('=');
        QByteArray name = equals < 0 ? pair : pair.left(equals);
        QByteArray value = equals < 0 ? QByteArray() : pair.mid(equals + 1);
        name.replace('+', ' ');
        value.replace('+', ' ');
        form.insert(QString::fromUtf8(QByteArray::fromPercentEncoding(name)),
                    QString::fromUtf8(QByteArray::fromPercentEncoding(value)));
    }
    return form;
}

QString iso8601(const QDateTime &time)
{
    return time.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ssZ"));
}

HttpReply xmlReply(int status, const QByteArray &xml)
{
    return HttpReply::withBody(status, QByteArrayLiteral("text/xml"), xml);
}

QString validationMessage(const QString &value, const QString &member, const QString &constraint)
{
    return QStringLiteral("1 validation error detected: Value '%1' at '%2' failed to satisfy "
                          "constraint: %3")
        .arg(value, member, constraint);
}

} // namespace

StsRoutes::StsRoutes(CredentialStore &store, const Settings &settings)
    : m_store(store), m_settings(settings)
{
}

bool StsRoutes::matches(const HttpRequest &request)
{
    return request.method == "POST" && request.path == "/";
}

QString StsRoutes::actionOf(const QByteArray &body)
{
    return parseForm(body).value(QStringLiteral("Action"));
}

HttpReply StsRoutes::error(int status, const QString &code, const QString &message,
                           const QString &requestId)
{
    QByteArray xml;
    QXmlStreamWriter writer(&xml);
    writer.writeStartElement(QStringLiteral("ErrorResponse"));
    writer.writeDefaultNamespace(kNamespace);
    writer.writeStartElement(QStringLiteral("Error"));
    writer.writeTextElement(QStringLiteral("Type"),
                            status >= 500 ? QStringLiteral("Receiver") : QStringLiteral("Sender"));
    writer.writeTextElement(QStringLiteral("Code"), code);
    writer.writeTextElement(QStringLiteral("Message"), message);
    writer.writeEndElement();
    writer.writeTextElement(QStringLiteral("RequestId"), requestId);
    writer.writeEndElement();
    HttpReply reply = xmlReply(status, xml);
    reply.errorCode = code;
    return reply;
}

HttpReply StsRoutes::authError(const AuthVerifier::Result &auth, const QString &requestId)
{
    using Failure = AuthVerifier::Failure;
    switch (auth.failure) {
    case Failure::MissingToken:
        return error(403, QStringLiteral("MissingAuthenticationToken"),
                     QStringLiteral("Request is missing Authentication Token"), requestId);
    case Failure::IncompleteSignature:
        return error(400, QStringLiteral("IncompleteSignature"), auth.message, requestId);
    case Failure::UnknownKey:
        return error(403, QStringLiteral("InvalidClientTokenId"), auth.message, requestId);
    case Failure::ExpiredToken:
        return error(403, QStringLiteral("ExpiredToken"), auth.message, requestId);
    case Failure::WrongScope:
    case Failure::SignatureExpired:
    case Failure::SignatureMismatch:
    case Failure::None:
        break;
    }
    return error(403, QStringLiteral("SignatureDoesNotMatch"), auth.message, requestId);
}

HttpReply StsRoutes::handle(const HttpRequest &request, const AuthVerifier::Result &auth,
                            const QDateTime &now, const QString &requestId)
{
    const QHash<QString, QString> form = parseForm(request.body);
    const QString action = form.value(QStringLiteral("Action"));
    const QString version = form.value(QStringLiteral("Version"));
    if (action.isEmpty())
        return error(400, QStringLiteral("MissingAction"),
                     QStringLiteral("Missing Action"), requestId);
    if (version != QLatin1String("2011-06-15"))
        return error(400, QStringLiteral("InvalidAction"),
                     QStringLiteral("Could not find operation %1 for version %2")
                         .arg(action, version.isEmpty() ? QStringLiteral("NO_VERSION_SPECIFIED")
                                                        : version),
                     requestId);
    if (action == QLatin1String("AssumeRole"))
        return assumeRole(form, auth, now, requestId);
    if (action == QLatin1String("GetCallerIdentity"))
        return callerIdentity(auth, requestId);
    return error(400, QStringLiteral("InvalidAction"),
                 QStringLiteral("Could not find operation %1 for version %2").arg(action, version),
                 requestId);
}

HttpReply StsRoutes::assumeRole(const QHash<QString, QString> &form,
                                const AuthVerifier::Result &auth, const QDateTime &now,
                                const QString &requestId)
{
    const QString roleArn = form.value(QStringLiteral("RoleArn"));
    const QString sessionName = form.value(QStringLiteral("RoleSessionName"));
    const auto fail = [&](const QString &message) {
        return error(400, QStringLiteral("ValidationError"), message, requestId);
    };
    if (!form.contains(QStringLiteral("RoleArn")))
        return fail(QStringLiteral("1 validation error detected: Value null at 'roleArn' failed to "
                                   "satisfy constraint: Member must not be null"));
    if (!form.contains(QStringLiteral("RoleSessionName")))
        return fail(QStringLiteral("1 validation error detected: Value null at 'roleSessionName' "
                                   "failed to satisfy constraint: Member must not be null"));
    if (roleArn.size() < 20 || roleArn.size() > 2048)
        return fail(validationMessage(roleArn, QStringLiteral("roleArn"),
                                      QStringLiteral("Member must have length between 20 and 2048")));
    static const QRegularExpression sessionPattern(QStringLiteral("^[\\w+=,.@-]{2,64}$"));
    if (!sessionPattern.match(sessionName).hasMatch())
        return fail(validationMessage(
            sessionName, QStringLiteral("roleSessionName"),
            QStringLiteral("Member must satisfy regular expression pattern: [\\w+=,.@-]* and have "
                           "length between 2 and 64")));
    static const QRegularExpression rolePattern(
        QStringLiteral("^arn:aws:iam::(\\d{12}):role/(?:[\\w+=,.@-]+/)*([\\w+=,.@-]+)$"));
    const QRegularExpressionMatch role = rolePattern.match(roleArn);
    if (!role.hasMatch())
        return fail(QStringLiteral("%1 is invalid").arg(roleArn));

    int lifetime = m_settings.temporaryCredentialSeconds;
    if (form.contains(QStringLiteral("DurationSeconds"))) {
        bool ok = false;
        const int requested = form.value(QStringLiteral("DurationSeconds")).toInt(&ok);
        if (!ok || requested < 900 || requested > 43200)
            return fail(validationMessage(form.value(QStringLiteral("DurationSeconds")),
                                          QStringLiteral("durationSeconds"),
                                          QStringLiteral("Member must have value between 900 "
                                                         "and 43200")));
        // The configured lifetime caps what a client asks for, so tests can make them short.
        lifetime = std::min(lifetime, requested);
    }
    const QString externalId = form.value(QStringLiteral("ExternalId"));
    if (form.contains(QStringLiteral("ExternalId"))
        && (externalId.size() < 2 || externalId.size() > 1224))
        return fail(validationMessage(externalId, QStringLiteral("externalId"),
                                      QStringLiteral("Member must have length between 2 and 1224")));

    const QString denied = QStringLiteral("User: %1 is not authorized to perform: sts:AssumeRole "
                                          "on resource: %2")
                               .arg(auth.principalArn, roleArn);
    if (roleArn.contains(QLatin1String("denied"), Qt::CaseInsensitive))
        return error(403, QStringLiteral("AccessDenied"), denied, requestId);
    if (roleArn.contains(QLatin1String("mfa"), Qt::CaseInsensitive)) {
        const QString serial = form.value(QStringLiteral("SerialNumber"));
        const QString code = form.value(QStringLiteral("TokenCode"));
        if (serial.isEmpty() || code.isEmpty())
            return error(403, QStringLiteral("AccessDenied"), denied, requestId);
        static const QRegularExpression sixDigits(QStringLiteral("^\\d{6}$"));
        if (!sixDigits.match(code).hasMatch())
            return fail(validationMessage(code, QStringLiteral("tokenCode"),
                                          QStringLiteral("Member must satisfy regular expression "
                                                         "pattern: [\\d]*")));
        if (code != QLatin1String("123456"))
            return error(403, QStringLiteral("AccessDenied"),
                         QStringLiteral("MultiFactorAuthentication failed with invalid MFA one "
                                        "time pass code. "),
                         requestId);
    }

    const QString account = role.captured(1);
    const QString roleName = role.captured(2);
    const QString assumedArn = QStringLiteral("arn:aws:sts::%1:assumed-role/%2/%3")
                                   .arg(account, roleName, sessionName);
    const aws::Credentials credentials = m_store.issue(assumedArn, lifetime, now);
    const QString roleId = QStringLiteral("AROA") + CredentialStore::randomAccessKeyId(QString()).left(17);

    QByteArray xml;
    QXmlStreamWriter writer(&xml);
    writer.writeStartElement(QStringLiteral("AssumeRoleResponse"));
    writer.writeDefaultNamespace(kNamespace);
    writer.writeStartElement(QStringLiteral("AssumeRoleResult"));
    writer.writeStartElement(QStringLiteral("AssumedRoleUser"));
    writer.writeTextElement(QStringLiteral("AssumedRoleId"), roleId + u':' + sessionName);
    writer.writeTextElement(QStringLiteral("Arn"), assumedArn);
    writer.writeEndElement();
    writer.writeStartElement(QStringLiteral("Credentials"));
    writer.writeTextElement(QStringLiteral("AccessKeyId"), credentials.accessKeyId);
    writer.writeTextElement(QStringLiteral("SecretAccessKey"), credentials.secretAccessKey);
    writer.writeTextElement(QStringLiteral("SessionToken"), credentials.sessionToken);
    writer.writeTextElement(QStringLiteral("Expiration"), iso8601(credentials.expiration));
    writer.writeEndElement();
    writer.writeEndElement();
    writer.writeStartElement(QStringLiteral("ResponseMetadata"));
    writer.writeTextElement(QStringLiteral("RequestId"), requestId);
    writer.writeEndElement();
    writer.writeEndElement();
    return xmlReply(200, xml);
}

HttpReply StsRoutes::callerIdentity(const AuthVerifier::Result &auth, const QString &requestId)
{
    QByteArray xml;
    QXmlStreamWriter writer(&xml);
    writer.writeStartElement(QStringLiteral("GetCallerIdentityResponse"));
    writer.writeDefaultNamespace(kNamespace);
    writer.writeStartElement(QStringLiteral("GetCallerIdentityResult"));
    writer.writeTextElement(QStringLiteral("Arn"), auth.principalArn);
    writer.writeTextElement(QStringLiteral("UserId"), auth.accessKeyId);
    static const QRegularExpression account(QStringLiteral(":(\\d{12}):"));
    writer.writeTextElement(QStringLiteral("Account"),
                            account.match(auth.principalArn).captured(1));
    writer.writeEndElement();
    writer.writeStartElement(QStringLiteral("ResponseMetadata"));
    writer.writeTextElement(QStringLiteral("RequestId"), requestId);
    writer.writeEndElement();
    writer.writeEndElement();
    return xmlReply(200, xml);
}

} // namespace flowdesk::sim
