#include "FleetFactory.h"

#include <AwsConfig.h>
#include <EndpointResolver.h>
#include <FleetController.h>
#include <Simulator.h>
#include <SsoCredentialSource.h>
#include <SsoTokenFile.h>

#include <QDir>
#include <QTemporaryDir>
#include <QUuid>

namespace flowdesk {

QStringList FleetFactory::ssoSessionNames()
{
    return aws::AwsConfig::load().ssoSessionNames();
}

FleetAttempt FleetFactory::openSession(const QString &sessionName, QNetworkAccessManager *network)
{
    return open({models::FleetLogin::Kind::Session, sessionName, {}, {}}, network);
}

FleetAttempt FleetFactory::open(const models::FleetLogin &login, QNetworkAccessManager *network)
{
    using Kind = models::FleetLogin::Kind;
    if (login.kind == Kind::Demo)
        return openDemo(network);
    FleetAttempt attempt;
    const aws::AwsConfig config = aws::AwsConfig::load();
    if (!config.isValid()) {
        attempt.error = config.errorString();
        return attempt;
    }
    aws::SsoParameters parameters;
    parameters.cacheDirectory = QDir(config.homePath()).filePath(QStringLiteral(".aws/sso/cache"));
    QString ssoRegion;
    switch (login.kind) {
    case Kind::Session: {
        const aws::AwsIniSection *session = config.ssoSession(login.name);
        if (!session) {
            attempt.error = tr("%1 has no [sso-session %2] section. Run `aws configure sso-session`.")
                                .arg(config.configPath(), login.name);
            return attempt;
        }
        parameters.sessionName = login.name;
        parameters.startUrl = session->value(QStringLiteral("sso_start_url"));
        ssoRegion = session->value(QStringLiteral("sso_region"));
        if (parameters.startUrl.isEmpty() || ssoRegion.isEmpty()) {
            attempt.error = tr("The [sso-session %1] section in %2 needs sso_start_url and sso_region.")
                                .arg(login.name, config.configPath());
            return attempt;
        }
        break;
    }
    case Kind::LegacyProfile: {
        // The token is cached under the start URL's hash, as botocore does for these profiles.
        const std::optional<aws::AwsProfile> profile = config.profile(login.name);
        if (!profile || !profile->has(QStringLiteral("sso_start_url")) || !profile->has(QStringLiteral("sso_region"))) {
            attempt.error = tr("The profile %1 in %2 needs sso_start_url and sso_region.")
                                .arg(login.name, config.configPath());
            return attempt;
        }
        parameters.profileName = login.name;
        parameters.startUrl = profile->value(QStringLiteral("sso_start_url"));
        ssoRegion = profile->value(QStringLiteral("sso_region"));
        break;
    }
    case Kind::StartUrl: {
        const QString problem = models::FleetLogin::checkStartUrl(login.startUrl, login.region);
        if (!problem.isEmpty()) {
            attempt.error = problem;
            return attempt;
        }
        parameters.startUrl = login.startUrl.trimmed();
        ssoRegion = login.region.trimmed();
        break;
    }
    case Kind::Demo:
        break;
    }
    aws::EndpointRequest request;
    request.service = aws::AwsService::Sso;
    request.region = ssoRegion;
    request.environment = config.environment();
    const aws::EndpointResult portal = aws::EndpointResolver::resolve(request);
    request.service = aws::AwsService::SsoOidc;
    const aws::EndpointResult oidc = aws::EndpointResolver::resolve(request);
    if (!portal.ok() || !oidc.ok()) {
        attempt.error = portal.ok() ? oidc.error : portal.error;
        return attempt;
    }
    fleet::FleetScanner::Settings settings;
    const QProcessEnvironment environment = config.environment();
    settings.endpointFor = [environment](const QString &region) {
        aws::EndpointRequest appflow;
        appflow.service = aws::AwsService::AppFlow;
        appflow.region = region;
        appflow.environment = environment;
        return aws::EndpointResolver::resolve(appflow).url;
    };
    attempt.fleet = new models::FleetController(
        login.label(), new aws::SsoCredentialSource(parameters, portal.url, network, nullptr, oidc.url),
        new fleet::SsoPortalClient(portal.url, network), settings);
    attempt.fleet->setLoginHint(parameters, oidc.url, ssoRegion);
    return attempt;
}

FleetAttempt FleetFactory::openDemo(QNetworkAccessManager *network)
{
    FleetAttempt attempt;
    sim::SimulatorConfig config = sim::Simulator::demoConfig();
    config.ssoAccounts = kDemoAccounts;
    config.regions = {QStringLiteral("us-east-1"), QStringLiteral("eu-west-1")};
    config.generatedFlows = 8;
    config.ssoAccessTokens = {QStringLiteral("demo-") + QUuid::createUuid().toString(QUuid::Id128)};
    auto *simulator = new sim::Simulator(config);
    if (!simulator->listen()) {
        attempt.error = tr("The demo simulator could not start: %1").arg(simulator->errorString());
        delete simulator;
        return attempt;
    }
    // The demo login: a token cache of its own, as `aws sso login` would leave it.
    auto *cache = new QTemporaryDir;
    aws::SsoParameters parameters;
    parameters.sessionName = QStringLiteral("demo");
    parameters.startUrl = QStringLiteral("https://demo.awsapps.com/start");
    parameters.cacheDirectory = cache->path();
    aws::SsoToken token;
    token.startUrl = parameters.startUrl;
    token.region = config.region;
    token.accessToken = config.ssoAccessTokens.constFirst();
    token.expiresAt = QDateTime::currentDateTimeUtc().addSecs(8 * 3600);
    const QString written = aws::SsoTokenFile::write(
        aws::SsoCredentialSource::cacheFileName(cache->path(), parameters.sessionName), token);
    if (!written.isEmpty()) {
        attempt.error = written;
        delete simulator;
        delete cache;
        return attempt;
    }
    fleet::FleetScanner::Settings settings;
    const QUrl endpoint = simulator->url();
    settings.endpointFor = [endpoint](const QString &) { return endpoint; };
    attempt.fleet = new models::FleetController(
        tr("demo fleet"), new aws::SsoCredentialSource(parameters, endpoint, network, nullptr, endpoint),
        new fleet::SsoPortalClient(endpoint, network), settings);
    attempt.fleet->setLoginHint(parameters, endpoint, config.region);
    simulator->setParent(attempt.fleet);
    QObject::connect(attempt.fleet, &QObject::destroyed, [cache] { delete cache; });
    return attempt;
}

} // namespace flowdesk
