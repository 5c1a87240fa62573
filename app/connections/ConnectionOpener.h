#pragma once

#include <QCoreApplication>

#include <QProcessEnvironment>
#include <QString>
#include <QUrl>

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

// The result of opening a connection.
struct ConnectionAttempt {
    models::Connection *connection = nullptr; // null when it failed
    QString error;  // what is wrong and what to do
    QString note;   // shown as information (e.g. why demo mode was chosen)
    // The credentials could not be had (rather than a wrong region, endpoint or account name):
    // flowdesk-cli exits 3 then, 2 otherwise.
    bool credentialsProblem = false;
};

// What opening a connection may need besides the choice itself. Both pointers may be null:
// then stored accounts cannot be opened and MFA profiles fail with a message saying so.
struct ConnectionServices {
    aws::StoredAccounts *accounts = nullptr; // must outlive the connections
    aws::MfaPrompter *mfaPrompter = nullptr; // must outlive the connections
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
};

// Opens connections to AWS by the rules AWS users know: the AWS CLI's credential chain and
// region/endpoint resolution for profiles and the environment, the keychain for Flowdesk's own
// accounts. Shared by the app (through ConnectionFactory, which adds demo mode) and
// flowdesk-cli, so both open the same profile the same way; it knows nothing of the simulator.
class ConnectionOpener
{
    Q_DECLARE_TR_FUNCTIONS(ConnectionOpener)

public:
    explicit ConnectionOpener(ConnectionServices services = {});

    // True when the user has any AWS configuration Flowdesk could use: credentials in the
    // environment, a profile named by AWS_PROFILE, or ~/.aws/config / credentials files.
    bool awsConfigurationPresent() const;

    // A profile (empty: the AWS CLI's default choice — AWS_PROFILE, the environment's keys,
    // then the default profile), with optional region and endpoint overrides.
    ConnectionAttempt openProfile(const QString &profileName, const QString &region,
                                  const QUrl &endpoint) const;
    // The environment's keys, even when AWS_PROFILE is also set.
    ConnectionAttempt openEnvironment(const QString &region, const QUrl &endpoint) const;
    // One of Flowdesk's own accounts, its secret read from the keychain.
    ConnectionAttempt openStoredAccount(const QString &name, const QString &region,
                                        const QUrl &endpoint) const;
    // Any choice but Demo and Explicit (those need the caller: see ConnectionFactory).
    ConnectionAttempt open(const models::ConnectionChoice &choice) const;

    const ConnectionServices &services() const { return m_services; }

private:
    aws::Connection resolve(const QString &profileName, const QString &region, const QUrl &endpoint) const;

    ConnectionServices m_services;
};

} // namespace flowdesk
