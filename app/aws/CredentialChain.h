#pragma once

#include "Credentials.h"
#include "CredentialSource.h"

#include <QPointer>
#include <QProcessEnvironment>
#include <QStringList>
#include <QUrl>

#include <chrono>
#include <memory>
#include <optional>

class QNetworkAccessManager;

namespace flowdesk::aws {

class AwsConfig;
struct AwsProfile;
class MfaPrompter;

struct CredentialChainOptions {
    // Chosen in the UI or on the command line; empty: AWS_PROFILE, AWS_DEFAULT_PROFILE, default.
    QString profileName;
    // Given explicitly (command line, demo mode): used before anything else.
    std::optional<Credentials> explicitCredentials;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    // Needed for role_arn and SSO profiles; must outlive the chain.
    QNetworkAccessManager *network = nullptr;
    // Asked for MFA codes (mfa_serial); must outlive the chain. Without one, MFA roles fail
    // with a clear message.
    MfaPrompter *mfaPrompter = nullptr;
    // Explicit STS and IAM Identity Center endpoints (tests point them at the simulator); else
    // the usual overrides apply (AWS_ENDPOINT_URL_STS, [services], …, see EndpointResolver).
    QUrl stsEndpoint;
    QUrl ssoEndpoint;
    std::chrono::milliseconds processTimeout{std::chrono::seconds(60)};
    // False when the chain is only asked whether a profile is usable (the connection list checks
    // every profile): then the decision is not logged as if credentials were being used.
    bool logDecision = true;
    // The AWS files as already read (the connection list checks every profile against one
    // reading); when null the chain reads them itself (AwsConfig::load, cached).
    std::shared_ptr<const AwsConfig> config;
};

// The AWS CLI's credential chain: explicit credentials, then the environment
// (AWS_ACCESS_KEY_ID…; skipped when a profile was chosen explicitly, as `aws --profile` does),
// then the selected profile of ~/.aws/config and ~/.aws/credentials.
// Within a profile the order is botocore's: role_arn (STS AssumeRole, from source_profile or
// credential_source = Environment, role chaining allowed), IAM Identity Center (sso_session or
// legacy sso_*), static keys in the credentials file, credential_process, static keys in the
// config file. The first that applies is used; a source that applies but is broken is an error
// (the chain does not silently fall through to the next). When none applies, the error names
// everything tried. Temporary credentials are cached and refreshed before they expire.
//
// A role reaches its source credentials through at most kMaxSourceProfileLinks source_profile
// links; a longer chain (or a loop) is an error naming the profile, found without deep recursion.
//
// Which source applies is decided on the first request (reading the config files, no network);
// after a failed decision the next request decides again, so fixing a file and retrying works.
class CredentialChain : public CredentialSource
{
    Q_OBJECT

public:
    // source_profile links a role may follow to its credentials. botocore only detects loops;
    // real chains have two or three links, and the cap keeps a hostile file from making the
    // check of every profile quadratic or its recursion deep.
    static constexpr int kMaxSourceProfileLinks = 32;

    explicit CredentialChain(const CredentialChainOptions &options, QObject *parent = nullptr);
    ~CredentialChain() override;

    void requestCredentials(QObject *context, Callback callback) override;
    void invalidate() override;
    QString description() const override;

    // Decides now which source applies. True when one does; false with errorString() (a broken
    // file, a half-configured profile, or nothing found, listing what was tried).
    bool resolve();
    QString errorString() const { return m_error; }
    CredentialSource *activeSource() const { return m_active; }
    // The profile used (empty when explicit or environment credentials won).
    QString profileName() const { return m_profileName; }

signals:
    void resolved(const QString &description);

private:
    CredentialChainOptions m_options;
    QPointer<CredentialSource> m_active;
    QString m_error;
    QString m_profileName;
};

} // namespace flowdesk::aws
