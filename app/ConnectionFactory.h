#pragma once

#include <QCoreApplication>

#include "CommandLine.h"
#include "ConnectionOpener.h"

#include <QString>

namespace flowdesk {

namespace sim {
class Simulator;
}

// Opens the app's connections: from the command line (at start-up) and from the "Open
// connection" dialog. AWS connections by ConnectionOpener's rules (the same as flowdesk-cli's);
// demo mode adds the in-process simulator, which only the app links.
class ConnectionFactory
{
    Q_DECLARE_TR_FUNCTIONS(ConnectionFactory)

public:
    explicit ConnectionFactory(ConnectionServices services = {});

    bool awsConfigurationPresent() const { return m_opener.awsConfigurationPresent(); }

    ConnectionAttempt open(const CommandLineRequest &request) const;
    ConnectionAttempt open(const models::ConnectionChoice &choice) const;

    // A connection to a running simulator with its own credentials (demo mode, tests, the
    // screenshot tool). The simulator is not adopted: the caller decides who owns it.
    static models::Connection *connectTo(sim::Simulator *simulator);
    // Starts the demo scenario in-process and connects to it (the connection owns it). Another
    // region gives another simulator with other run IDs, as another account would.
    static ConnectionAttempt openDemo(const QString &region = {});

private:
    ConnectionOpener m_opener;
};

} // namespace flowdesk
