#include "CredentialChain.h"

#include "AssumeRoleCredentialSource.h"
#include "AwsConfig.h"
#include "CachingCredentialSource.h"
#include "CredentialLogging.h"
#include "EndpointResolver.h"
#include "EnvironmentCredentialSource.h"
#include "GuardedCallback.h"
#include "ProcessCredentialSource.h"
#include "ProfileCredentialSource.h"
#include "RegionResolver.h"
#include "SsoCredentialSource.h"

#include <QCoreApplication>
#include <QDir>

namespace flowdesk::aws {

namespace {

// What building a source for a profile gave: a source, an error (the profile is meant to give
// credentials but is broken), or neither (the profile has no credential settings at all).
struct Built {
    CredentialSource *source = nullptr;
    QString error;
};

// Turns one profile into a CredentialSource, following source_profile links.
class ProfileSourceBuilder
{
public:
    ProfileSourceBuilder(const AwsConfig &config, const CredentialChainOptions &options)
        : m_config(config)
        , m_options(options)
    {
    }

    Built build(const QString &name)
    {
        const auto profile = m_config.profile(name);
        if (!profile)
            return {};
        return buildProfile(*profile);
    }

private:
    static CredentialSource *cached(CredentialSource *inner)
    {
        return new CachingCredentialSource(inner);
    }

    bool hasStaticKeysFrom(const AwsProfile &profile, const QString &path) const
    {
        return ProfileCredentialSource::applies(profile)
            && (profile.fileOf(QStringLiteral("aws_access_key_id")) == path
                || profile.fileOf(QStringLiteral("aws_secret_access_key")) == path);
    }

    static bool hasSso(const AwsProfile &profile)
    {
        return profile.has(QStringLiteral("sso_session"))
            || profile.has(QStringLiteral("sso_start_url"))
            || profile.has(QStringLiteral("sso_account_id"));
    }

    Built buildProfile(const AwsProfile &profile)
    {
        if (m_visited.contains(profile.name))
            return {nullptr, CredentialChain::tr("Profiles %1 refer to each other through source_profile in a "
                                                 "loop. Point one of them at a profile with its own credentials.")
                                 .arg(m_visited.join(QStringLiteral(" → ")) + QStringLiteral(" → ")
                                      + profile.name)};
        // m_visited holds the profiles that led here through source_profile: the first is the
        // one asked for.
        if (m_visited.size() > CredentialChain::kMaxSourceProfileLinks)
            return {nullptr, CredentialChain::tr("Profile '%1' reaches its credentials through more than %2 "
                                                 "source_profile links (%3 → …). Point a profile nearer the "
                                                 "start of that chain at a profile with its own credentials.")
                                 .arg(m_visited.constFirst())
                                 .arg(CredentialChain::kMaxSourceProfileLinks)
                                 .arg(m_visited.mid(0, 4).join(QStringLiteral(" → ")))};
        m_visited.append(profile.name);

        if (profile.has(QStringLiteral("role_arn")))
            return buildRole(profile);
        if (hasSso(profile))
            return buildSso(profile);
        if (hasStaticKeysFrom(profile, m_config.credentialsPath()))
            return buildStatic(profile);
        if (profile.has(QStringLiteral("credential_process")))
            return buildProcess(profile);
        if (ProfileCredentialSource::applies(profile))
            return buildStatic(profile);
        return {};
    }

    static Built buildStatic(const AwsProfile &profile)
    {
        const CredentialsResult keys = ProfileCredentialSource::read(profile);
        if (!keys.ok())
            return {nullptr, keys.error};
        return {new ProfileCredentialSource(profile), {}};
    }

    Built buildProcess(const AwsProfile &profile)
    {
        auto *process = new ProcessCredentialSource(
            profile.value(QStringLiteral("credential_process")), profile.name);
        process->setTimeout(m_options.processTimeout);
        process->setEnvironment(m_options.environment);
        return {cached(process), {}};
    }

    Built buildRole(const AwsProfile &profile)
    {
        const QString roleArn = profile.value(QStringLiteral("role_arn"));
        const QString sourceProfile = profile.value(QStringLiteral("source_profile"));
        const QString credentialSource = profile.value(QStringLiteral("credential_source"));
        const QString where = profile.fileOf(QStringLiteral("role_arn"));

        if (!sourceProfile.isEmpty() && !credentialSource.isEmpty())
            return {nullptr, CredentialChain::tr("Profile '%1' (%2) has both source_profile and credential_source; "
                                                 "keep only one.").arg(profile.name, where)};
        if (sourceProfile.isEmpty() && credentialSource.isEmpty()) {
            if (profile.has(QStringLiteral("web_identity_token_file")))
                return {nullptr, CredentialChain::tr("Profile '%1' uses web_identity_token_file, which Flowdesk "
                                                     "does not support. Use a profile with source_profile, SSO "
                                                     "or keys.").arg(profile.name)};
            return {nullptr, CredentialChain::tr("Profile '%1' (%2) has role_arn but neither source_profile nor "
                                                 "credential_source, so there are no credentials to assume the "
                                                 "role with. Add source_profile = <profile with keys>.")
                                 .arg(profile.name, where)};
        }

        Built source;
        if (!credentialSource.isEmpty()) {
            if (credentialSource != u"Environment")
                return {nullptr, CredentialChain::tr("credential_source = %1 in profile '%2' is not supported by "
                                                     "Flowdesk (only Environment is); use source_profile "
                                                     "instead.").arg(credentialSource, profile.name)};
            if (!EnvironmentCredentialSource::applies(m_options.environment))
                return {nullptr, CredentialChain::tr("Profile '%1' takes its source credentials from the "
                                                     "environment (credential_source = Environment), but "
                                                     "AWS_ACCESS_KEY_ID is not set.").arg(profile.name)};
            source.source = new EnvironmentCredentialSource(m_options.environment);
        } else if (sourceProfile == profile.name) {
            // A profile may be its own source: its static keys assume its role (as botocore).
            source = buildStatic(profile);
            if (!source.source)
                return {nullptr, CredentialChain::tr("Profile '%1' names itself as source_profile but has no "
                                                     "usable keys: %2").arg(profile.name, source.error)};
        } else {
            if (!m_config.profile(sourceProfile))
                return {nullptr, CredentialChain::tr("Profile '%1' has source_profile = %2, but there is no "
                                                     "profile '%2' in %3 or %4.")
                                     .arg(profile.name, sourceProfile, m_config.configPath(),
                                          m_config.credentialsPath())};
            source = build(sourceProfile);
            if (!source.source && source.error.isEmpty())
                source.error = CredentialChain::tr("Profile '%1' (the source_profile of '%2') has no credentials "
                                                   "(no keys, role_arn, SSO settings or credential_process).")
                                   .arg(sourceProfile, profile.name);
            if (!source.source)
                return source;
        }

        AssumeRoleParameters parameters;
        parameters.profileName = profile.name;
        parameters.roleArn = roleArn;
        parameters.roleSessionName = profile.value(QStringLiteral("role_session_name"));
        parameters.externalId = profile.value(QStringLiteral("external_id"));
        parameters.mfaSerial = profile.value(QStringLiteral("mfa_serial"));
        if (profile.has(QStringLiteral("duration_seconds"))) {
            bool ok = false;
            parameters.durationSeconds = profile.value(QStringLiteral("duration_seconds")).toInt(&ok);
            if (!ok) {
                delete source.source;
                return {nullptr, CredentialChain::tr("duration_seconds of profile '%1' is not a number of "
                                                     "seconds.").arg(profile.name)};
            }
        }

        // STS in the profile's region (regional endpoint), else the global endpoint.
        const RegionResult region = RegionResolver::resolve({}, m_options.environment, &profile);
        EndpointRequest endpointRequest;
        endpointRequest.service = AwsService::Sts;
        endpointRequest.region = region.ok() ? region.region : QString();
        endpointRequest.explicitUrl = m_options.stsEndpoint;
        endpointRequest.profile = &profile;
        endpointRequest.environment = m_options.environment;
        const EndpointResult endpoint = EndpointResolver::resolve(endpointRequest);
        if (!endpoint.ok()) {
            delete source.source;
            return {nullptr, endpoint.error};
        }

        auto *role = new AssumeRoleCredentialSource(parameters, source.source, endpoint.url,
                                                    endpoint.signingRegion, m_options.network,
                                                    m_options.mfaPrompter);
        return {cached(role), {}};
    }

    Built buildSso(const AwsProfile &profile)
    {
        SsoParameters parameters;
        parameters.profileName = profile.name;
        parameters.accountId = profile.value(QStringLiteral("sso_account_id"));
        parameters.roleName = profile.value(QStringLiteral("sso_role_name"));
        parameters.cacheDirectory = QDir(m_config.homePath()).filePath(QStringLiteral(".aws/sso/cache"));
        QString ssoRegion;
        QStringList missing;
        if (profile.has(QStringLiteral("sso_session"))) {
            parameters.sessionName = profile.value(QStringLiteral("sso_session"));
            const AwsIniSection *session = m_config.ssoSession(parameters.sessionName);
            if (!session)
                return {nullptr, CredentialChain::tr("Profile '%1' uses sso_session = %2, but %3 has no "
                                                     "[sso-session %2] section. Run `aws configure sso`.")
                                     .arg(profile.name, parameters.sessionName,
                                          m_config.configPath())};
            parameters.startUrl = session->value(QStringLiteral("sso_start_url"));
            ssoRegion = session->value(QStringLiteral("sso_region"));
            if (parameters.startUrl.isEmpty())
                missing << QStringLiteral("sso_start_url");
            if (ssoRegion.isEmpty())
                missing << QStringLiteral("sso_region");
            if (!missing.isEmpty())
                return {nullptr, CredentialChain::tr("The [sso-session %1] section in %2 lacks %3.")
                                     .arg(parameters.sessionName, m_config.configPath(),
                                          missing.join(QStringLiteral(", ")))};
        } else {
            parameters.startUrl = profile.value(QStringLiteral("sso_start_url"));
            ssoRegion = profile.value(QStringLiteral("sso_region"));
            if (parameters.startUrl.isEmpty())
                missing << QStringLiteral("sso_start_url");
            if (ssoRegion.isEmpty())
                missing << QStringLiteral("sso_region");
        }
        if (parameters.accountId.isEmpty())
            missing << QStringLiteral("sso_account_id");
        if (parameters.roleName.isEmpty())
            missing << QStringLiteral("sso_role_name");
        if (!missing.isEmpty())
            return {nullptr, CredentialChain::tr("Profile '%1' is set up for IAM Identity Center but lacks %2. "
                                                 "Run `aws configure sso --profile %1`.")
                                 .arg(profile.name, missing.join(QStringLiteral(", ")))};

        EndpointRequest endpointRequest;
        endpointRequest.service = AwsService::Sso;
        endpointRequest.region = ssoRegion;
        endpointRequest.explicitUrl = m_options.ssoEndpoint;
        endpointRequest.profile = &profile;
        endpointRequest.environment = m_options.environment;
        const EndpointResult endpoint = EndpointResolver::resolve(endpointRequest);
        if (!endpoint.ok())
            return {nullptr, endpoint.error};
        // The OIDC service renews sso-session tokens. An explicit IAM Identity Center endpoint
        // (tests: the simulator, which serves both) stands for both services.
        EndpointRequest oidcRequest = endpointRequest;
        oidcRequest.service = AwsService::SsoOidc;
        const EndpointResult oidc = EndpointResolver::resolve(oidcRequest);
        if (!oidc.ok())
            return {nullptr, oidc.error};
        return {cached(new SsoCredentialSource(parameters, endpoint.url, m_options.network, nullptr, oidc.url)), {}};
    }

    const AwsConfig &m_config;
    const CredentialChainOptions &m_options;
    QStringList m_visited;
};

} // namespace

CredentialChain::CredentialChain(const CredentialChainOptions &options, QObject *parent)
    : CredentialSource(parent)
    , m_options(options)
{
}

CredentialChain::~CredentialChain() = default;

QString CredentialChain::description() const
{
    return m_active ? m_active->description() : tr("AWS credential chain");
}

bool CredentialChain::resolve()
{
    // A previous source may still be answering requests; it stays a child (and keeps its
    // promise to call back) instead of being deleted under them. Re-resolving is a rare,
    // user-driven event, so these few objects do not add up.
    m_active = nullptr;
    m_error.clear();
    m_profileName.clear();
    QStringList tried;

    if (m_options.explicitCredentials) {
        m_active = new StaticCredentialSource(*m_options.explicitCredentials,
                                              tr("explicit credentials"), this);
    } else if (m_options.profileName.isEmpty()
               && EnvironmentCredentialSource::applies(m_options.environment)) {
        // Like `aws --profile x`, a profile chosen explicitly skips the environment keys
        // (AWS_PROFILE does not: the environment then still wins, as in botocore).
        m_active = new EnvironmentCredentialSource(m_options.environment, this);
    } else {
        tried << tr("explicit credentials (none given)");
        if (m_options.profileName.isEmpty())
            tried << tr("environment variables (AWS_ACCESS_KEY_ID is not set)");
        const std::shared_ptr<const AwsConfig> snapshot = m_options.config
            ? m_options.config
            : std::make_shared<const AwsConfig>(AwsConfig::load(m_options.environment));
        const AwsConfig &config = *snapshot;
        if (!config.isValid()) {
            m_error = tr("The AWS configuration cannot be read: %1").arg(config.errorString());
        } else {
            const bool chosen = !m_options.profileName.isEmpty();
            const QString name = chosen ? m_options.profileName : config.defaultProfileName();
            const bool named = chosen || name != u"default";
            if (!config.profile(name)) {
                if (named)
                    m_error = tr("The AWS profile '%1' does not exist in %2 or %3. Available "
                                 "profiles: %4.")
                                  .arg(name, config.configPath(), config.credentialsPath(),
                                       config.profileNames().isEmpty()
                                           ? tr("none")
                                           : config.profileNames().join(QStringLiteral(", ")));
                else
                    tried << tr("profile 'default' (not in %1 or %2)")
                                 .arg(config.configPath(), config.credentialsPath());
            } else {
                ProfileSourceBuilder builder(config, m_options);
                const Built built = builder.build(name);
                if (built.source) {
                    m_active = built.source;
                    m_active->setParent(this);
                    m_profileName = name;
                } else if (!built.error.isEmpty()) {
                    m_error = built.error;
                } else {
                    tried << tr("profile '%1' (no aws_access_key_id, credential_process, "
                                "role_arn or sso_* settings)").arg(name);
                }
            }
        }
        if (!m_active && m_error.isEmpty())
            m_error = tr("No AWS credentials found. Tried: %1. Add an account in Flowdesk, run "
                         "`aws configure`, or set AWS_PROFILE to a profile with credentials.")
                          .arg(tried.join(QStringLiteral("; ")));
    }

    if (!m_active) {
        if (m_options.logDecision)
            qCWarning(lcAwsCredentials).noquote() << m_error;
        return false;
    }
    if (m_options.logDecision)
        qCInfo(lcAwsCredentials).noquote() << "using credentials from" << m_active->description();
    emit resolved(m_active->description());
    return true;
}

void CredentialChain::requestCredentials(QObject *context, Callback callback)
{
    if (!m_active && !resolve()) {
        guardedCallback(context, std::move(callback))(credentialsError(m_error));
        return;
    }
    m_active->requestCredentials(context, std::move(callback));
}

void CredentialChain::invalidate()
{
    if (m_active)
        m_active->invalidate();
}

} // namespace flowdesk::aws
