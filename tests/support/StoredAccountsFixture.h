#pragma once

// Flowdesk's stored accounts on a settings file of their own and a keychain service of this test
// run only, in the private Secret Service that `./dev test` starts: nothing of a developer's
// keyring or settings is touched. Shared by the keychain tests of aws/, ui/ and app/.
#include <KeychainJob.h>
#include <StoredAccounts.h>

#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <memory>
#include <optional>

namespace flowdesk::test {

class StoredAccountsFixture
{
public:
    explicit StoredAccountsFixture(const QString &servicePrefix = QStringLiteral("Flowdesk-test-"))
        : m_service(servicePrefix + QUuid::createUuid().toString(QUuid::WithoutBraces))
    {
        reset();
    }

    ~StoredAccountsFixture() { removeAll(); }

    // An empty settings file and a new StoredAccounts on it (the keychain is left as it is).
    void reset()
    {
        m_accounts.reset();
        m_settings = std::make_unique<QSettings>(settingsPath(), QSettings::IniFormat);
        m_settings->clear();
        m_accounts = std::make_unique<aws::StoredAccounts>(m_settings.get(), m_service);
    }

    bool ok() const { return m_dir.isValid(); }
    aws::StoredAccounts &accounts() { return *m_accounts; }
    QSettings &settings() { return *m_settings; }
    QString service() const { return m_service; }
    QString settingsPath() const { return m_dir.filePath(QStringLiteral("flowdesk.ini")); }
    QString dirPath() const { return m_dir.path(); }

    // Runs one StoredAccounts operation and waits (test code only) for its one answer: empty on
    // success, else the error.
    template<typename Start>
    static QString await(Start start)
    {
        std::optional<QString> answer;
        QObject context;
        start(&context, [&](const QString &error) { answer = error; });
        if (!QTest::qWaitFor([&] { return answer.has_value(); }, 30000))
            return QStringLiteral("<no answer within 30 s>");
        return *answer;
    }

    QString save(const aws::StoredAccount &account, const QString &secret, const QString &token = {})
    {
        return await([&](QObject *c, aws::StoredAccounts::Done d) { m_accounts->save(account, secret, token, c, d); });
    }

    // What the keychain itself holds under `key` of this run's service.
    aws::KeychainResult readKeychain(const QString &key) const
    {
        std::optional<aws::KeychainResult> result;
        QObject context;
        aws::KeychainJob *job = aws::KeychainJob::read(m_service, key);
        QObject::connect(job, &aws::KeychainJob::finished, &context,
                         [&](const aws::KeychainResult &r) { result = r; });
        job->start();
        if (!QTest::qWaitFor([&] { return result.has_value(); }, 30000)) {
            aws::KeychainResult timedOut;
            timedOut.errorMessage = QStringLiteral("keychain read did not answer within 30 s");
            return timedOut;
        }
        return *result;
    }

    aws::KeychainResult::Status keychainStatus(const QString &key) const
    {
        return readKeychain(key).status;
    }

    // Removes every account (and so its keychain entries).
    void removeAll()
    {
        if (!m_accounts)
            return;
        for (const aws::StoredAccount &account : m_accounts->accounts())
            await([&](QObject *c, aws::StoredAccounts::Done d) { m_accounts->remove(account.name, c, d); });
    }

private:
    QTemporaryDir m_dir;
    QString m_service;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<aws::StoredAccounts> m_accounts;
};

} // namespace flowdesk::test
