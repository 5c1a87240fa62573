#include "ProfileCredentialSource.h"

#include "GuardedCallback.h"

namespace flowdesk::aws {

namespace {
const QString kAccessKey = QStringLiteral("aws_access_key_id");
const QString kSecretKey = QStringLiteral("aws_secret_access_key");
const QString kSessionToken = QStringLiteral("aws_session_token");
} // namespace

ProfileCredentialSource::ProfileCredentialSource(const AwsProfile &profile, QObject *parent)
    : CredentialSource(parent)
    , m_result(read(profile))
    , m_profileName(profile.name)
{
}

bool ProfileCredentialSource::applies(const AwsProfile &profile)
{
    return profile.has(kAccessKey) || profile.has(kSecretKey);
}

CredentialsResult ProfileCredentialSource::read(const AwsProfile &profile)
{
    CredentialsResult result;
    if (!profile.has(kAccessKey)) {
        result.error = tr("Profile '%1' has aws_secret_access_key but no aws_access_key_id (in "
                          "%2). Add the access key ID, e.g. with `aws configure --profile %1`.")
                           .arg(profile.name, profile.fileOf(kSecretKey));
        return result;
    }
    if (!profile.has(kSecretKey)) {
        result.error = tr("Profile '%1' has aws_access_key_id but no aws_secret_access_key (in "
                          "%2). Add the secret key, e.g. with `aws configure --profile %1`.")
                           .arg(profile.name, profile.fileOf(kAccessKey));
        return result;
    }
    result.credentials.accessKeyId = profile.value(kAccessKey);
    result.credentials.secretAccessKey = profile.value(kSecretKey);
    result.credentials.sessionToken = profile.value(kSessionToken);
    return result;
}

void ProfileCredentialSource::requestCredentials(QObject *context, Callback callback)
{
    guardedCallback(context, std::move(callback))(m_result);
}

QString ProfileCredentialSource::description() const
{
    return tr("profile %1").arg(m_profileName);
}

} // namespace flowdesk::aws
