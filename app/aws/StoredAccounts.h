#pragma once

#include "CredentialSource.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QUrl>

#include <functional>
#include <optional>

class QSettings;

namespace flowdesk::aws {

// An account Flowdesk stores itself (for users without an AWS CLI profile). Only these
// non-secret fields live in QSettings; the secret access key and session token live in the OS
// keychain under "account/<name>/secretAccessKey" and "account/<name>/sessionToken".
struct StoredAccount {
    QString name;
    QString accessKeyId;
    QString region;               // optional default region for this account
    QUrl endpoint;                // optional AppFlow endpoint override (https, or http to loopback)
    bool hasSessionToken = false; // maintained by StoredAccounts
};

// Adds, edits and removes stored accounts. Keychain work is asynchronous (KeychainJob); each
// operation calls `done` once with an empty string on success or a message saying what failed.
// Secrets are written to the keychain before the account appears in QSettings, and removing an
// account deletes its keychain entries. QtKeychain's plain-text fallback is never used.
class StoredAccounts : public QObject
{
    Q_OBJECT

public:
    using Done = std::function<void(const QString &error)>;

    // `settings` must outlive this; accounts live in its "accounts/<name>" groups.
    explicit StoredAccounts(QSettings *settings,
                            const QString &keychainService = QStringLiteral("Flowdesk"),
                            QObject *parent = nullptr);

    QList<StoredAccount> accounts() const;
    std::optional<StoredAccount> account(const QString &name) const;

    // Empty when `name` can name an account; else why not (it becomes part of keychain keys
    // and settings groups, so no '/' or '\').
    static QString validateName(const QString &name);
    static QString secretKeyEntry(const QString &name);
    static QString sessionTokenEntry(const QString &name);

    // Adds an account or replaces the one of the same name. An empty session token removes a
    // stored one.
    void save(const StoredAccount &account, const QString &secretAccessKey,
              const QString &sessionToken, QObject *context, Done done);
    // Changes an account, possibly renaming it (its keychain entries move along). nullopt keeps
    // the stored secret / token; an empty token removes it.
    void edit(const QString &oldName, const StoredAccount &account,
              const std::optional<QString> &secretAccessKey,
              const std::optional<QString> &sessionToken, QObject *context, Done done);
    void remove(const QString &name, QObject *context, Done done);

    // Credentials of a stored account, read from the keychain on first use and kept in memory
    // until invalidate().
    CredentialSource *createCredentialSource(const QString &name, QObject *parent = nullptr) const;

    QString keychainService() const { return m_service; }

signals:
    void accountsChanged();

private:
    void writeSettings(const StoredAccount &account);

    QSettings *m_settings;
    QString m_service;
};

} // namespace flowdesk::aws
