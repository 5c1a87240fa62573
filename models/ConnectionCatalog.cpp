#include "ConnectionCatalog.h"

#include <AwsConfig.h>
#include <CredentialChain.h>
#include <EnvironmentCredentialSource.h>
#include <StoredAccounts.h>

#include <QCoreApplication>

#include <algorithm>
#include <array>
#include <memory>

namespace flowdesk::models {

namespace {

// The regions of partitions[aws].services.appflow.endpoints in botocore's endpoints.json, as
// summarised in ../shared/reference/appflow/endpoints-appflow.json ("regions"); FIPS host
// names and the deprecated fips-* pseudo-regions are left out because they are not regions a
// user picks. tst_connectioncatalog compares this table with that file, so an update of the
// reference that adds a region fails the test until the table follows.
constexpr std::array<const char *, 16> kAppFlowRegions = {
    "af-south-1",     "ap-northeast-1", "ap-northeast-2", "ap-south-1",
    "ap-southeast-1", "ap-southeast-2", "ca-central-1",   "eu-central-1",
    "eu-west-1",      "eu-west-2",      "eu-west-3",      "sa-east-1",
    "us-east-1",      "us-east-2",      "us-west-1",      "us-west-2",
};

// The region an entry starts with: its own, else the environment's (as the AWS CLI falls back).
void setRegion(ConnectionCatalogEntry &entry, const QString &own, const QString &ownSource,
               const QProcessEnvironment &environment)
{
    if (!own.isEmpty()) {
        entry.region = own;
        entry.regionSource = ownSource;
        return;
    }
    for (const char *variable : {"AWS_REGION", "AWS_DEFAULT_REGION"}) {
        const QString value = environment.value(QLatin1String(variable)).trimmed();
        if (!value.isEmpty()) {
            entry.region = value;
            entry.regionSource = QLatin1String(variable);
            return;
        }
    }
}

// Why the credential chain could not use `profile`, decided from the files alone (`config`,
// read once for all profiles: reading the files per profile made the list quadratic).
QString profileProblem(const QString &profile, const QProcessEnvironment &environment,
                       const std::shared_ptr<const aws::AwsConfig> &config)
{
    aws::CredentialChainOptions options;
    options.profileName = profile;
    options.environment = environment;
    options.logDecision = false; // a check, not a use
    options.config = config;
    aws::CredentialChain chain(options);
    return chain.resolve() ? QString() : chain.errorString();
}

} // namespace

ConnectionCatalog ConnectionCatalog::load(const QProcessEnvironment &environment,
                                          const aws::StoredAccounts *accounts)
{
    return load(environment, accounts ? accounts->accounts() : QList<aws::StoredAccount>());
}

ConnectionCatalog ConnectionCatalog::load(const QProcessEnvironment &environment,
                                          QList<aws::StoredAccount> stored,
                                          const std::function<bool()> &stopRequested)
{
    ConnectionCatalog catalog;

    const auto shared = std::make_shared<const aws::AwsConfig>(aws::AwsConfig::load(environment));
    const aws::AwsConfig &config = *shared;
    if (!config.isValid()) {
        catalog.m_configError = tr("The AWS CLI configuration cannot be read, so its profiles "
                                   "are not listed: %1").arg(config.errorString());
    } else {
        for (const QString &name : config.profileNames()) {
            if (stopRequested && stopRequested())
                return catalog;
            const std::optional<aws::AwsProfile> profile = config.profile(name);
            if (!profile)
                continue;
            ConnectionCatalogEntry entry;
            entry.kind = ConnectionInfo::Kind::Profile;
            entry.name = name;
            entry.displayName = name;
            setRegion(entry, profile->value(QStringLiteral("region")).trimmed(),
                      tr("profile %1").arg(name), environment);
            entry.note = profileProblem(name, environment, shared);
            catalog.m_entries.append(entry);
        }
        const QString preferred = config.defaultProfileName();
        if (config.profile(preferred))
            catalog.m_defaultProfile = preferred;
    }

    if (aws::EnvironmentCredentialSource::applies(environment)) {
        ConnectionCatalogEntry entry;
        entry.kind = ConnectionInfo::Kind::Environment;
        entry.displayName = tr("Environment credentials");
        setRegion(entry, {}, {}, environment);
        entry.note = aws::EnvironmentCredentialSource::read(environment).error;
        catalog.m_entries.append(entry);
    }

    std::sort(stored.begin(), stored.end(), [](const auto &a, const auto &b) {
        return QString::localeAwareCompare(a.name, b.name) < 0;
    });
    for (const aws::StoredAccount &account : stored) {
        ConnectionCatalogEntry entry;
        entry.kind = ConnectionInfo::Kind::StoredAccount;
        entry.name = account.name;
        entry.displayName = account.name;
        entry.endpoint = account.endpoint;
        setRegion(entry, account.region, tr("account %1").arg(account.name), environment);
        catalog.m_entries.append(entry);
    }
    return catalog;
}

void ConnectionCatalog::addDemoEntry()
{
    ConnectionCatalogEntry entry;
    entry.kind = ConnectionInfo::Kind::Demo;
    entry.displayName = tr("Built-in simulator");
    entry.region = QStringLiteral("us-east-1");
    entry.regionSource = tr("the demo");
    m_entries.append(entry);
}

QStringList ConnectionCatalog::appFlowRegions()
{
    QStringList regions;
    regions.reserve(qsizetype(kAppFlowRegions.size()));
    for (const char *region : kAppFlowRegions)
        regions.append(QLatin1String(region));
    return regions;
}

bool ConnectionCatalog::isAppFlowRegion(const QString &region)
{
    return std::any_of(kAppFlowRegions.begin(), kAppFlowRegions.end(),
                       [&](const char *known) { return region == QLatin1String(known); });
}

} // namespace flowdesk::models
