#pragma once

#include "AwsConfig.h"
#include "CredentialSource.h"

namespace flowdesk::aws {

// Static keys of a profile: aws_access_key_id, aws_secret_access_key and optionally
// aws_session_token, from the credentials or the config file.
class ProfileCredentialSource : public CredentialSource
{
    Q_OBJECT

public:
    explicit ProfileCredentialSource(const AwsProfile &profile, QObject *parent = nullptr);

    // True when the profile has either key, so a missing partner is an error to report.
    static bool applies(const AwsProfile &profile);
    static CredentialsResult read(const AwsProfile &profile);

    void requestCredentials(QObject *context, Callback callback) override;
    QString description() const override;

private:
    CredentialsResult m_result;
    QString m_profileName;
};

} // namespace flowdesk::aws
