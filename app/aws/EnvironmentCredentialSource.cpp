#include "EnvironmentCredentialSource.h"

#include "GuardedCallback.h"

namespace flowdesk::aws {

EnvironmentCredentialSource::EnvironmentCredentialSource(const QProcessEnvironment &environment,
                                                         QObject *parent)
    : CredentialSource(parent)
    , m_environment(environment)
{
}

bool EnvironmentCredentialSource::applies(const QProcessEnvironment &environment)
{
    return !environment.value(QStringLiteral("AWS_ACCESS_KEY_ID")).isEmpty()
        || !environment.value(QStringLiteral("AWS_SECRET_ACCESS_KEY")).isEmpty();
}

CredentialsResult EnvironmentCredentialSource::read(const QProcessEnvironment &environment)
{
    CredentialsResult result;
    Credentials &c = result.credentials;
    c.accessKeyId = environment.value(QStringLiteral("AWS_ACCESS_KEY_ID")).trimmed();
    c.secretAccessKey = environment.value(QStringLiteral("AWS_SECRET_ACCESS_KEY")).trimmed();
    c.sessionToken = environment.value(QStringLiteral("AWS_SESSION_TOKEN")).trimmed();
    if (c.sessionToken.isEmpty())
        c.sessionToken = environment.value(QStringLiteral("AWS_SECURITY_TOKEN")).trimmed();

    if (c.accessKeyId.isEmpty()) {
        result.error = tr("AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID "
                                            "is not. Set both, or unset both to use a profile.");
    } else if (c.secretAccessKey.isEmpty()) {
        result.error = tr("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY "
                                            "is not. Set both, or unset both to use a profile.");
    }

    const QString expiration = environment.value(QStringLiteral("AWS_CREDENTIAL_EXPIRATION"));
    if (result.error.isEmpty() && !expiration.isEmpty()) {
        c.expiration = QDateTime::fromString(expiration, Qt::ISODateWithMs);
        if (!c.expiration.isValid())
            result.error = tr(
                               "AWS_CREDENTIAL_EXPIRATION is not an ISO 8601 time (\"%1\"); use "
                               "e.g. 2030-01-31T12:00:00Z or unset it.")
                               .arg(expiration);
        else if (c.expiration <= QDateTime::currentDateTimeUtc())
            result.error = tr(
                               "The credentials in the environment expired at %1 "
                               "(AWS_CREDENTIAL_EXPIRATION). Set fresh ones.")
                               .arg(c.expiration.toUTC().toString(Qt::ISODate));
    }
    if (!result.error.isEmpty())
        result.credentials = {};
    return result;
}

void EnvironmentCredentialSource::requestCredentials(QObject *context, Callback callback)
{
    guardedCallback(context, std::move(callback))(read(m_environment));
}

QString EnvironmentCredentialSource::description() const
{
    return tr("environment variables");
}

} // namespace flowdesk::aws
