#include "ConnectionOpener.h"

#include "Connection.h"
#include "ConnectionChoice.h"

#include <AwsConfig.h>
#include <ConnectionResolver.h>
#include <CredentialChain.h>
#include <EndpointResolver.h>
#include <EnvironmentCredentialSource.h>
#include <StoredAccounts.h>

#include <QCoreApplication>
#include <QFileInfo>
#include <QNetworkAccessManager>

#include <algorithm>

#include <memory>

namespace flowdesk {

namespace {
models::ConnectionInfo connectionInfo(models::ConnectionInfo::Kind kind, const QString &name,
                                      const aws::Connection &resolved, const QUrl &chosenEndpoint)
{
    models::ConnectionInfo info;
    info.kind = kind;
    info.name = name;
    info.region = resolved.region;
    info.endpoint = resolved.endpoint;
    info.chosenEndpoint = chosenEndpoint;
    return info;
}

appflow::AppFlowClientConfig clientConfig(const aws::Connection &resolved)
{
    appflow::AppFlowClientConfig config;
    config.endpoint = resolved.endpoint;
    config.region = resolved.signingRegion.isEmpty() ? resolved.region : resolved.signingRegion;
    // retry_mode / max_attempts (AWS_RETRY_MODE / AWS_MAX_ATTEMPTS) as the AWS CLI honours them.
    config.retry.adaptive = resolved.retry.mode == aws::RetrySettings::Mode::Adaptive;
    if (resolved.retry.maxAttempts > 0) {
        config.retry.maxAttempts = resolved.retry.maxAttempts;
        // A cancel the user asked for keeps its extra patience unless asked for even more.
        config.userActionMaxAttempts = std::max(config.userActionMaxAttempts, resolved.retry.maxAttempts);
    }
    return config;
}
} // namespace

ConnectionOpener::ConnectionOpener(ConnectionServices services)
    : m_services(std::move(services))
{
}

bool ConnectionOpener::awsConfigurationPresent() const
{
    const QProcessEnvironment &environment = m_services.environment;
    if (environment.contains(QStringLiteral("AWS_ACCESS_KEY_ID"))
        || environment.contains(QStringLiteral("AWS_PROFILE")))
        return true;
    const aws::AwsConfig config = aws::AwsConfig::load(environment);
    return QFileInfo::exists(config.configPath()) || QFileInfo::exists(config.credentialsPath());
}

ConnectionAttempt ConnectionOpener::open(const models::ConnectionChoice &choice) const
{
    using Kind = models::ConnectionInfo::Kind;
    switch (choice.kind) {
    case Kind::Profile:
        return openProfile(choice.name, choice.region, choice.endpoint);
    case Kind::Environment:
        return openEnvironment(choice.region, choice.endpoint);
    case Kind::StoredAccount:
        return openStoredAccount(choice.name, choice.region, choice.endpoint);
    case Kind::Demo:
    case Kind::Explicit:
    case Kind::IdentityCenter:
        break;
    }
    ConnectionAttempt attempt;
    attempt.error = tr("This kind of connection cannot be opened from a choice.");
    return attempt;
}

// Region and endpoint by the AWS CLI's rules for `profileName` (empty: the default profile).
aws::Connection ConnectionOpener::resolve(const QString &profileName, const QString &region,
                                           const QUrl &endpoint) const
{
    aws::ConnectionRequest where;
    where.profileName = profileName;
    where.region = region;
    where.endpoint = endpoint;
    where.environment = m_services.environment;
    return aws::ConnectionResolver::resolve(where);
}

ConnectionAttempt ConnectionOpener::openProfile(const QString &profileName, const QString &region,
                                                 const QUrl &endpoint) const
{
    ConnectionAttempt attempt;
    // Credentials first: for a profile that does not exist, the chain's message also lists the
    // profiles that do.
    // For STS and SSO; the connection owns both once it exists. The chain goes first: it uses
    // the network manager until it is destroyed.
    auto network = std::make_unique<QNetworkAccessManager>();
    aws::CredentialChainOptions options;
    options.profileName = profileName;
    options.environment = m_services.environment;
    options.network = network.get();
    options.mfaPrompter = m_services.mfaPrompter;
    auto chain = std::make_unique<aws::CredentialChain>(options);
    if (!chain->resolve()) {
        attempt.error = chain->errorString();
        attempt.credentialsProblem = true;
        return attempt;
    }

    const aws::Connection resolved = resolve(profileName, region, endpoint);
    if (!resolved.ok()) {
        attempt.error = resolved.error;
        return attempt;
    }
    const QString usedProfile = chain->profileName();
    const auto kind = usedProfile.isEmpty() ? models::ConnectionInfo::Kind::Environment
                                            : models::ConnectionInfo::Kind::Profile;
    const models::ConnectionInfo info = connectionInfo(kind, usedProfile, resolved, endpoint);
    attempt.connection = new models::Connection(info, chain.release(), clientConfig(resolved));
    attempt.connection->adopt(network.release());
    return attempt;
}

// The environment's keys, even when AWS_PROFILE is also set: the user picked "environment".
ConnectionAttempt ConnectionOpener::openEnvironment(const QString &region, const QUrl &endpoint) const
{
    ConnectionAttempt attempt;
    if (!aws::EnvironmentCredentialSource::applies(m_services.environment)) {
        attempt.error = tr("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set in Flowdesk's "
                           "environment. Set them before starting Flowdesk, or choose a profile.");
        attempt.credentialsProblem = true;
        return attempt;
    }
    const aws::Connection resolved = resolve(QString(), region, endpoint);
    if (!resolved.ok()) {
        attempt.error = resolved.error;
        return attempt;
    }
    attempt.connection = new models::Connection(
        connectionInfo(models::ConnectionInfo::Kind::Environment, QString(), resolved, endpoint),
        new aws::EnvironmentCredentialSource(m_services.environment), clientConfig(resolved));
    return attempt;
}

ConnectionAttempt ConnectionOpener::openStoredAccount(const QString &name, const QString &region,
                                                       const QUrl &endpoint) const
{
    ConnectionAttempt attempt;
    const std::optional<aws::StoredAccount> account =
        m_services.accounts ? m_services.accounts->account(name) : std::nullopt;
    if (!account) {
        attempt.error = tr("There is no Flowdesk account named \u201c%1\u201d. Add it in File \u2192 "
                           "Open connection \u2192 Add account.").arg(name);
        return attempt;
    }
    // The account's own region and endpoint only: no profile or environment override applies
    // to an account Flowdesk stores itself.
    aws::EndpointRequest where;
    where.region = region.isEmpty() ? account->region : region;
    where.explicitUrl = endpoint.isEmpty() ? account->endpoint : endpoint;
    where.environment = QProcessEnvironment();
    if (where.region.isEmpty()) {
        attempt.error = tr("Account \u201c%1\u201d has no default region: choose one.").arg(name);
        return attempt;
    }
    const aws::EndpointResult resolved = aws::EndpointResolver::resolve(where);
    if (!resolved.ok()) {
        attempt.error = tr("Account \u201c%1\u201d: %2").arg(name, resolved.error);
        return attempt;
    }
    appflow::AppFlowClientConfig config;
    config.endpoint = resolved.url;
    config.region = resolved.signingRegion.isEmpty() ? where.region : resolved.signingRegion;
    models::ConnectionInfo info;
    info.kind = models::ConnectionInfo::Kind::StoredAccount;
    info.name = name;
    info.region = where.region;
    info.endpoint = resolved.url;
    info.chosenEndpoint = endpoint;
    attempt.connection = new models::Connection(
        info, m_services.accounts->createCredentialSource(name), config);
    return attempt;
}

} // namespace flowdesk
