#pragma once

#include "CommandLine.h"

#include <QProcessEnvironment>
#include <QString>

namespace flowdesk {

namespace aws {
struct Connection;
class MfaPrompter;
class StoredAccounts;
} // namespace aws
namespace models {
class Connection;
struct ConnectionChoice;
} // namespace models
namespace sim {
class Simulator;
}

// Turns the command line's choice into an open connection: the in-process simulator for demo
// mode, otherwise the AWS CLI's credential chain, region and endpoint rules (app/aws).
struct ConnectionAttempt {
    models::Connection *connection = nullptr; // null when it failed
    QString error;  // what is wrong and what to do
    QString note;   // shown as information (e.g. why demo mode was chosen)
};

// What opening a connection may need besides the choice itself. Both pointers may be null:
// then stored accounts cannot be opened and MFA profiles fail with a message saying so.
struct ConnectionServices {
    aws::StoredAccounts *accounts = nullptr; // must outlive the connections
    aws::MfaPrompter *mfaPrompter = nullptr; // must outlive the connections
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
};

// Opens connections from the command line (at start-up) and from the "Open connection" dialog,
// by the same rules: the AWS CLI's credential chain and region/endpoint resolution for profiles
// and the environment, the keychain for Flowdesk's own accounts, the in-process simulator for
// demo mode.
class ConnectionFactory
{
public:
    explicit ConnectionFactory(ConnectionServices services = {});

    // True when the user has any AWS configuration Flowdesk could use: credentials in the
    // environment, a profile named by AWS_PROFILE, or ~/.aws/config / credentials files.
    bool awsConfigurationPresent() const;

    ConnectionAttempt open(const CommandLineRequest &request) const;
    ConnectionAttempt open(const models::ConnectionChoice &choice) const;

    // A connection to a running simulator with its own credentials (demo mode, tests, the
    // screenshot tool). The simulator is not adopted: the caller decides who owns it.
    static models::Connection *connectTo(sim::Simulator *simulator);
    // Starts the demo scenario in-process and connects to it (the connection owns it). Another
    // region gives another simulator with other run IDs, as another account would.
    static ConnectionAttempt openDemo(const QString &region = {});

private:
    aws::Connection resolve(const QString &profileName, const QString &region, const QUrl &endpoint) const;
    ConnectionAttempt openProfile(const QString &profileName, const QString &region,
                                  const QUrl &endpoint) const;
    ConnectionAttempt openEnvironment(const QString &region, const QUrl &endpoint) const;
    ConnectionAttempt openStoredAccount(const QString &name, const QString &region,
                                        const QUrl &endpoint) const;

    ConnectionServices m_services;
};

} // namespace flowdesk
