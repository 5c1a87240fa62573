#include "ConnectionFactory.h"

#include "Connection.h"
#include "ConnectionChoice.h"

#include <CredentialSource.h>
#include <Simulator.h>

#include <QCoreApplication>

namespace flowdesk {

namespace {
} // namespace

ConnectionFactory::ConnectionFactory(ConnectionServices services)
    : m_opener(std::move(services))
{
}

ConnectionAttempt ConnectionFactory::open(const CommandLineRequest &request) const
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
    return m_opener.openProfile(request.profile, request.region, request.endpoint);
}

ConnectionAttempt ConnectionFactory::open(const models::ConnectionChoice &choice) const
{
    using Kind = models::ConnectionInfo::Kind;
    if (choice.kind == Kind::Demo)
        return openDemo(choice.region);
    return m_opener.open(choice);
}

models::Connection *ConnectionFactory::connectTo(sim::Simulator *simulator)
{
    models::ConnectionInfo info;
    info.kind = models::ConnectionInfo::Kind::Demo;
    info.region = simulator->config().region;
    info.endpoint = simulator->url();
    appflow::AppFlowClientConfig config;
    config.endpoint = info.endpoint;
    config.region = info.region;
    auto *credentials = new aws::StaticCredentialSource(simulator->credentials(), tr("demo credentials"));
    return new models::Connection(info, credentials, config);
}

ConnectionAttempt ConnectionFactory::openDemo(const QString &region)
{
    sim::SimulatorConfig config = sim::Simulator::demoConfig();
    if (!region.isEmpty() && region != config.region) {
        config.region = region;
        config.seed = quint32(qHash(region, 7)) | 2u; // stable per region, never the default 1
    }
    auto *simulator = new sim::Simulator(config);
    ConnectionAttempt attempt;
    if (!simulator->listen()) {
        attempt.error = tr("The demo simulator could not start: %1").arg(simulator->errorString());
        delete simulator;
        return attempt;
    }
    attempt.connection = connectTo(simulator);
    attempt.connection->adopt(simulator);
    return attempt;
}

} // namespace flowdesk
