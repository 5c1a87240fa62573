#pragma once

#include <QCoreApplication>

#include "Connection.h"

#include <QList>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <functional>

#include <StoredAccounts.h>

namespace flowdesk::models {

// One thing the user can connect with.
struct ConnectionCatalogEntry {
    ConnectionInfo::Kind kind = ConnectionInfo::Kind::Profile; // Profile, Environment, StoredAccount, Demo
    QString name;          // profile or account name; empty for the environment
    QString displayName;   // "prod-ops", "Environment credentials"
    QString region;        // default region; empty when none is configured anywhere
    QString regionSource;  // "profile prod-ops", "AWS_REGION", "account ops-eu", …
    QUrl endpoint;         // a stored account's endpoint override; else empty
    QString note;          // why this entry cannot give credentials; empty when it looks usable

    bool isBroken() const { return !note.isEmpty(); }
};

// What the user can connect with, read once from the environment, the AWS CLI files
// (~/.aws/config and ~/.aws/credentials, or AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE) and
// the accounts Flowdesk stores. Each profile is checked the way the credential chain will use
// it (no network, no credential_process run), so a broken one is listed with the reason
// instead of failing later. Reading is synchronous (local files only, each parsed once per
// change): a few profiles take milliseconds, tens of thousands most of a second, so the UI
// loads it with ConnectionCatalogLoader, off its thread. Call load() again to refresh after
// the files or the stored accounts changed.
class ConnectionCatalog
{
    Q_DECLARE_TR_FUNCTIONS(ConnectionCatalog)

public:
    // `accounts` may be null (no stored accounts listed).
    static ConnectionCatalog load(const QProcessEnvironment &environment
                                  = QProcessEnvironment::systemEnvironment(),
                                  const aws::StoredAccounts *accounts = nullptr);
    // With the stored accounts already listed (StoredAccounts is a QObject of the UI thread;
    // its list is a plain value any thread may read).
    // `stopRequested`, when given, is asked between profiles: when it says true the result is
    // incomplete and nobody wants it (a newer load superseded this one).
    static ConnectionCatalog load(const QProcessEnvironment &environment,
                                  QList<aws::StoredAccount> accounts,
                                  const std::function<bool()> &stopRequested = {});

    // Adds the built-in simulator as the last entry (the Open connection dialog offers it, so
    // demo mode can show several connections side by side).
    void addDemoEntry();

    // Profiles (in file order), then the environment entry, then stored accounts (by name),
    // then the demo entry when added.
    const QList<ConnectionCatalogEntry> &entries() const { return m_entries; }
    // Empty, or why the AWS CLI files could not be read (then no profile is listed).
    QString configError() const { return m_configError; }
    // The profile AWS_PROFILE / AWS_DEFAULT_PROFILE / "default" names, when it is listed.
    QString defaultProfileName() const { return m_defaultProfile; }

    // The regions where AppFlow has an endpoint in the aws partition, sorted.
    static QStringList appFlowRegions();
    static bool isAppFlowRegion(const QString &region);

private:
    QList<ConnectionCatalogEntry> m_entries;
    QString m_configError;
    QString m_defaultProfile;
};

} // namespace flowdesk::models
