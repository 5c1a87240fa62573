#include "ConnectionFactory.h"

#include "Connection.h"

#include <AwsConfig.h>
#include <ConnectionResolver.h>
#include <CredentialChain.h>
#include <Simulator.h>

#include <QCoreApplication>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QProcessEnvironment>

namespace flowdesk {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("flowdesk::ConnectionFactory", text);
}
} // namespace

bool ConnectionFactory::awsConfigurationPresent()
{
    const QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    if (environment.contains(QStringLiteral("AWS_ACCESS_KEY_ID"))
        || environment.contains(QStringLiteral("AWS_PROFILE")))
        return true;
    const aws::AwsConfig config = aws::AwsConfig::load(environment);
    return QFileInfo::exists(config.configPath()) || QFileInfo::exists(config.credentialsPath());
}

ConnectionAttempt ConnectionFactory::open(const CommandLineRequest &request)
{
    if (request.demo)
        return openDemo();
    if (!request.connectionChosen() && !awsConfigurationPresent()) {
        ConnectionAttempt attempt = openDemo();
        attempt.note = tr("No AWS credentials or profiles were found, so Flowdesk shows its "
                          "built-in demo. Configure the AWS CLI (aws configure) or start Flowdesk "
                          "with --profile NAME to manage real flows.");
        return attempt;
    }
    return openAws(request);
}

ConnectionAttempt ConnectionFactory::openDemo()
{
    auto *simulator = new sim::Simulator(sim::Simulator::demoConfig());
    ConnectionAttempt attempt;
    if (!simulator->listen()) {
        attempt.error = tr("The demo simulator could not start: %1").arg(simulator->errorString());
        delete simulator;
        return attempt;
    }
    models::ConnectionInfo info;
    info.kind = models::ConnectionInfo::Kind::Demo;
    info.region = simulator->config().region;
    info.endpoint = simulator->url();
    appflow::AppFlowClientConfig config;
    config.endpoint = info.endpoint;
    config.region = info.region;
    auto *credentials = new aws::StaticCredentialSource(simulator->credentials(), tr("demo credentials"));
    attempt.connection = new models::Connection(info, credentials, config);
    attempt.connection->adopt(simulator);
    return attempt;
}

ConnectionAttempt ConnectionFactory::openAws(const CommandLineRequest &request)
{
    ConnectionAttempt attempt;
    aws::ConnectionRequest where;
    where.profileName = request.profile;
    where.region = request.region;
    where.endpoint = request.endpoint;
    const aws::Connection resolved = aws::ConnectionResolver::resolve(where);
    if (!resolved.ok()) {
        attempt.error = resolved.error;
        return attempt;
    }

    auto *network = new QNetworkAccessManager; // for STS and SSO; owned by the connection below
    aws::CredentialChainOptions options;
    options.profileName = request.profile;
    options.network = network;
    auto *chain = new aws::CredentialChain(options);
    if (!chain->resolve()) {
        attempt.error = chain->errorString();
        delete chain;
        delete network;
        return attempt;
    }

    models::ConnectionInfo info;
    info.kind = chain->profileName().isEmpty() ? models::ConnectionInfo::Kind::Environment
                                               : models::ConnectionInfo::Kind::Profile;
    info.name = chain->profileName();
    info.region = resolved.region;
    info.endpoint = resolved.endpoint;
    appflow::AppFlowClientConfig config;
    config.endpoint = resolved.endpoint;
    config.region = resolved.signingRegion.isEmpty() ? resolved.region : resolved.signingRegion;
    attempt.connection = new models::Connection(info, chain, config);
    attempt.connection->adopt(network);
    return attempt;
}

} // namespace flowdesk
