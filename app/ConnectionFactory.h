#pragma once

#include "CommandLine.h"

#include <QString>

namespace flowdesk {

namespace models {
class Connection;
}

// Turns the command line's choice into an open connection: the in-process simulator for demo
// mode, otherwise the AWS CLI's credential chain, region and endpoint rules (app/aws).
struct ConnectionAttempt {
    models::Connection *connection = nullptr; // null when it failed
    QString error;  // what is wrong and what to do
    QString note;   // shown as information (e.g. why demo mode was chosen)
};

class ConnectionFactory
{
public:
    // True when the user has any AWS configuration Flowdesk could use: credentials in the
    // environment, a profile named by AWS_PROFILE, or ~/.aws/config / credentials files.
    static bool awsConfigurationPresent();

    static ConnectionAttempt open(const CommandLineRequest &request);

private:
    static ConnectionAttempt openDemo();
    static ConnectionAttempt openAws(const CommandLineRequest &request);
};

} // namespace flowdesk
