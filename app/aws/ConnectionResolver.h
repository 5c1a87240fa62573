#pragma once

#include "EndpointResolver.h"
#include "RetrySettings.h"

#include <QProcessEnvironment>
#include <QString>
#include <QUrl>

#include <optional>

namespace flowdesk::aws {

struct ConnectionRequest {
    QString profileName; // chosen; empty: AWS_PROFILE, AWS_DEFAULT_PROFILE, default (if any)
    QString region;      // chosen (UI, command line, stored account); empty: from env/profile
    QUrl endpoint;       // chosen; empty: overrides from env/profile, else the default host
    std::optional<bool> useFips;
    AwsService service = AwsService::AppFlow;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
};

struct Connection {
    QString region;
    QString regionSource;
    QUrl endpoint;
    QString endpointSource;
    QString signingRegion;
    RetrySettings retry; // retry_mode and max_attempts (AWS_RETRY_MODE, AWS_MAX_ATTEMPTS)
    QString error;
    bool ok() const { return error.isEmpty(); }
};

// Where a service lives for a profile: the region (RegionResolver) and endpoint
// (EndpointResolver) resolved against the user's AWS config files in one step, which is what
// the client needs next to a CredentialChain.
class ConnectionResolver
{
public:
    static Connection resolve(const ConnectionRequest &request);
};

} // namespace flowdesk::aws
