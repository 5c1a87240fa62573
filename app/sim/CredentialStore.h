#pragma once

#include <Credentials.h>

#include <QDateTime>
#include <QHash>
#include <QString>

#include <optional>

namespace flowdesk::sim {

// The credentials the simulator accepts: one long-term key from the configuration, plus every
// temporary set it issued through STS AssumeRole or SSO GetRoleCredentials (until they expire).
class CredentialStore
{
public:
    struct Entry {
        aws::Credentials credentials;
        QString principalArn;   // who signs with them (for AccessDenied wording)
    };

    CredentialStore(const aws::Credentials &longTerm, const QString &principalArn);

    // nullopt: the access key ID is unknown.
    std::optional<Entry> find(const QString &accessKeyId) const;
    // New random temporary credentials ("ASIA…"), valid for `lifetime` from `now`.
    aws::Credentials issue(const QString &principalArn, int lifetimeSeconds, const QDateTime &now);

    // A random secret access key (40 characters), e.g. for tests and demo mode.
    static QString randomSecretAccessKey();
    // A random access key ID with the given 4-letter prefix ("AKIA", "ASIA").
    static QString randomAccessKeyId(const QString &prefix);

private:
    QHash<QString, Entry> m_entries;
};

} // namespace flowdesk::sim
