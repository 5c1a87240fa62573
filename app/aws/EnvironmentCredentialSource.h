#pragma once

#include "CredentialSource.h"

#include <QProcessEnvironment>

namespace flowdesk::aws {

// AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN (AWS_SECURITY_TOKEN as the
// older name), optionally AWS_CREDENTIAL_EXPIRATION, read from the given environment.
class EnvironmentCredentialSource : public CredentialSource
{
    Q_OBJECT

public:
    explicit EnvironmentCredentialSource(const QProcessEnvironment &environment
                                         = QProcessEnvironment::systemEnvironment(),
                                         QObject *parent = nullptr);

    // True when the environment sets either key variable, i.e. the user meant to use it (a
    // half-set pair is then an error, not a reason to fall through to the next source).
    static bool applies(const QProcessEnvironment &environment);
    // The answer, computed without waiting: credentials or what is missing.
    static CredentialsResult read(const QProcessEnvironment &environment);

    void requestCredentials(QObject *context, Callback callback) override;
    QString description() const override;

private:
    QProcessEnvironment m_environment;
};

} // namespace flowdesk::aws
