#include "ConnectionResolver.h"

#include "AwsConfig.h"
#include "RegionResolver.h"

#include <QCoreApplication>

namespace flowdesk::aws {

Connection ConnectionResolver::resolve(const ConnectionRequest &request)
{
    Connection connection;
    const AwsConfig config = AwsConfig::load(request.environment);
    if (!config.isValid()) {
        connection.error = QCoreApplication::translate("flowdesk::aws::ConnectionResolver",
                                                       "The AWS configuration cannot be read: %1")
                               .arg(config.errorString());
        return connection;
    }
    const QString name = request.profileName.isEmpty() ? config.defaultProfileName()
                                                       : request.profileName;
    const std::optional<AwsProfile> profile = config.profile(name);
    if (!profile && (!request.profileName.isEmpty() || name != u"default")) {
        connection.error = QCoreApplication::translate(
                               "flowdesk::aws::ConnectionResolver",
                               "The AWS profile '%1' does not exist in %2 or %3.")
                               .arg(name, config.configPath(), config.credentialsPath());
        return connection;
    }
    const AwsProfile *profilePointer = profile ? &*profile : nullptr;

    const RegionResult region
        = RegionResolver::resolve(request.region, request.environment, profilePointer);
    if (!region.ok() && !(request.service == AwsService::Sts && region.region.isEmpty())) {
        connection.error = region.error;
        return connection;
    }
    connection.region = region.region;
    connection.regionSource = region.source;

    EndpointRequest endpointRequest;
    endpointRequest.service = request.service;
    endpointRequest.region = region.region;
    endpointRequest.explicitUrl = request.endpoint;
    endpointRequest.useFips = request.useFips;
    endpointRequest.profile = profilePointer;
    endpointRequest.environment = request.environment;
    const EndpointResult endpoint = EndpointResolver::resolve(endpointRequest);
    if (!endpoint.ok()) {
        connection.error = endpoint.error;
        return connection;
    }
    connection.endpoint = endpoint.url;
    connection.endpointSource = endpoint.source;
    connection.signingRegion = endpoint.signingRegion;

    connection.retry = RetrySettings::resolve(request.environment, profilePointer);
    if (!connection.retry.ok())
        connection.error = connection.retry.error;
    return connection;
}

} // namespace flowdesk::aws
