// Stored accounts against the real Secret Service that `./dev test` starts (gnome-keyring in a
// private D-Bus session) and a real QSettings file in a temporary folder.
#include "CredentialTestSupport.h"
#include "KeychainJob.h"
#include "StoredAccounts.h"
#include "StoredAccountsFixture.h"

#include <QDirIterator>
#include <QSettings>
#include <QUuid>

using namespace flowdesk::aws;

class TstStoredAccounts : public QObject
{
    Q_OBJECT

private:
    flowdesk::test::StoredAccountsFixture m_fixture;
    const QString m_secret = QStringLiteral("wJalrXUtnFEMI/K7MDENG/bPxRfiCY") + QUuid::createUuid().toString(QUuid::Id128);
    const QString m_token = QStringLiteral("IQoJb3JpZ2luX2VjE") + QUuid::createUuid().toString(QUuid::Id128);

    static StoredAccount makeAccount(const QString &name, const QString &region = {})
    {
        StoredAccount a;
        a.name = name;
        a.accessKeyId = QStringLiteral("AKIAIOSFODNN7EXAMPLE");
        a.region = region;
        return a;
    }

    QString save(const StoredAccount &a, const QString &secret, const QString &token = {})
    {
        return m_fixture.save(a, secret, token);
    }

    std::optional<CredentialsResult> fetchFor(const QString &name)
    {
        std::unique_ptr<CredentialSource> source(m_fixture.accounts().createCredentialSource(name));
        return flowdesk::aws::test::fetch(source.get(), 30000);
    }

private slots:
    void initTestCase()
    {
        if (!qEnvironmentVariableIsSet("DBUS_SESSION_BUS_ADDRESS"))
            QFAIL("No D-Bus session: run the tests through `./dev test`, which starts one with "
                  "an unlocked gnome-keyring.");
        QVERIFY(m_fixture.ok());
    }

    void init() { m_fixture.reset(); }
    void cleanup() { m_fixture.removeAll(); }

    void addListsAndGivesCredentials()
    {
        QSignalSpy changed(&m_fixture.accounts(), &StoredAccounts::accountsChanged);
        QCOMPARE(save(makeAccount(QStringLiteral("ops-eu"), QStringLiteral("eu-west-1")), m_secret, m_token),
                 QString());
        QCOMPARE(changed.count(), 1);

        const QList<StoredAccount> all = m_fixture.accounts().accounts();
        QCOMPARE(all.size(), 1);
        QCOMPARE(all.first().name, QStringLiteral("ops-eu"));
        QCOMPARE(all.first().accessKeyId, QStringLiteral("AKIAIOSFODNN7EXAMPLE"));
        QCOMPARE(all.first().region, QStringLiteral("eu-west-1"));
        QVERIFY(all.first().hasSessionToken);

        QCOMPARE(m_fixture.readKeychain(QStringLiteral("account/ops-eu/secretAccessKey")).secret, m_secret.toUtf8());
        QCOMPARE(m_fixture.readKeychain(QStringLiteral("account/ops-eu/sessionToken")).secret, m_token.toUtf8());

        const auto answer = fetchFor(QStringLiteral("ops-eu"));
        QVERIFY(answer);
        QVERIFY2(answer->ok(), qPrintable(answer->error));
        QCOMPARE(answer->credentials.accessKeyId, QStringLiteral("AKIAIOSFODNN7EXAMPLE"));
        QCOMPARE(answer->credentials.secretAccessKey, m_secret);
        QCOMPARE(answer->credentials.sessionToken, m_token);
    }

    void noSecretInAnySettingsFile()
    {
        QCOMPARE(save(makeAccount(QStringLiteral("leak-check")), m_secret, m_token), QString());
        m_fixture.settings().sync();
        QVERIFY(QFile::exists(m_fixture.settings().fileName()));
        // The settings file and everything else under the test's folders and HOME
        // (QSettings' native locations); the keyring's own encrypted store is the only place
        // the secret may be.
        QStringList roots{m_fixture.dirPath(), QDir::homePath()};
        int scanned = 0;
        for (const QString &root : roots) {
            QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
            while (it.hasNext()) {
                const QString path = it.next();
                if (path.contains(QLatin1String("/keyrings/")) || QFileInfo(path).size() > 4 << 20)
                    continue;
                QFile file(path);
                if (!file.open(QIODevice::ReadOnly))
                    continue;
                const QByteArray content = file.readAll();
                ++scanned;
                QVERIFY2(!content.contains(m_secret.toUtf8()), qPrintable(u"secret found in " + path));
                QVERIFY2(!content.contains(m_token.toUtf8()), qPrintable(u"token found in " + path));
            }
        }
        QVERIFY(scanned >= 1);
        QFile settingsFile(m_fixture.settings().fileName());
        QVERIFY(settingsFile.open(QIODevice::ReadOnly));
        QVERIFY(settingsFile.readAll().contains("AKIAIOSFODNN7EXAMPLE"));
    }

    void editKeepsOrReplacesSecrets()
    {
        QCOMPARE(save(makeAccount(QStringLiteral("e")), m_secret, m_token), QString());
        // Region only: secrets untouched.
        QCOMPARE(flowdesk::test::StoredAccountsFixture::await([&](QObject *c, StoredAccounts::Done d) {
                     m_fixture.accounts().edit(QStringLiteral("e"), makeAccount(QStringLiteral("e"), QStringLiteral("us-west-2")),
                                      std::nullopt, std::nullopt, c, d);
                 }),
                 QString());
        QCOMPARE(m_fixture.accounts().account(QStringLiteral("e"))->region, QStringLiteral("us-west-2"));
        QVERIFY(m_fixture.accounts().account(QStringLiteral("e"))->hasSessionToken);
        QCOMPARE(m_fixture.readKeychain(QStringLiteral("account/e/secretAccessKey")).secret, m_secret.toUtf8());

        // New secret, token removed.
        QCOMPARE(flowdesk::test::StoredAccountsFixture::await([&](QObject *c, StoredAccounts::Done d) {
                     m_fixture.accounts().edit(QStringLiteral("e"), makeAccount(QStringLiteral("e")),
                                      QStringLiteral("new-secret"), QString(), c, d);
                 }),
                 QString());
        QVERIFY(!m_fixture.accounts().account(QStringLiteral("e"))->hasSessionToken);
        QCOMPARE(m_fixture.readKeychain(QStringLiteral("account/e/sessionToken")).status, KeychainResult::Status::NotFound);
        const auto answer = fetchFor(QStringLiteral("e"));
        QVERIFY(answer && answer->ok());
        QCOMPARE(answer->credentials.secretAccessKey, QStringLiteral("new-secret"));
        QVERIFY(answer->credentials.sessionToken.isEmpty());
    }

    void renameMovesKeychainEntries()
    {
        QCOMPARE(save(makeAccount(QStringLiteral("old")), m_secret, m_token), QString());
        QCOMPARE(flowdesk::test::StoredAccountsFixture::await([&](QObject *c, StoredAccounts::Done d) {
                     m_fixture.accounts().edit(QStringLiteral("old"), makeAccount(QStringLiteral("new name")),
                                      std::nullopt, std::nullopt, c, d);
                 }),
                 QString());
        QVERIFY(!m_fixture.accounts().account(QStringLiteral("old")));
        QVERIFY(m_fixture.accounts().account(QStringLiteral("new name")));
        QCOMPARE(m_fixture.readKeychain(QStringLiteral("account/old/secretAccessKey")).status,
                 KeychainResult::Status::NotFound);
        QCOMPARE(m_fixture.readKeychain(QStringLiteral("account/old/sessionToken")).status,
                 KeychainResult::Status::NotFound);
        const auto answer = fetchFor(QStringLiteral("new name"));
        QVERIFY(answer && answer->ok());
        QCOMPARE(answer->credentials.secretAccessKey, m_secret);
        QCOMPARE(answer->credentials.sessionToken, m_token);
    }

    void removeDeletesKeychainEntries()
    {
        QCOMPARE(save(makeAccount(QStringLiteral("gone")), m_secret, m_token), QString());
        QSignalSpy changed(&m_fixture.accounts(), &StoredAccounts::accountsChanged);
        QCOMPARE(flowdesk::test::StoredAccountsFixture::await([&](QObject *c, StoredAccounts::Done d) { m_fixture.accounts().remove(QStringLiteral("gone"), c, d); }),
                 QString());
        QCOMPARE(changed.count(), 1);
        QVERIFY(m_fixture.accounts().accounts().isEmpty());
        QCOMPARE(m_fixture.readKeychain(QStringLiteral("account/gone/secretAccessKey")).status,
                 KeychainResult::Status::NotFound);
        QCOMPARE(m_fixture.readKeychain(QStringLiteral("account/gone/sessionToken")).status,
                 KeychainResult::Status::NotFound);
        m_fixture.settings().sync();
        QFile file(m_fixture.settings().fileName());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(!file.readAll().contains("gone"));
    }

    void secretDeletedOutsideFlowdesk()
    {
        QCOMPARE(save(makeAccount(QStringLiteral("orphan")), m_secret), QString());
        KeychainJob *job = KeychainJob::remove(m_fixture.service(), StoredAccounts::secretKeyEntry(QStringLiteral("orphan")));
        QSignalSpy done(job, &KeychainJob::finished);
        job->start();
        QVERIFY(done.wait(20000));
        const auto answer = fetchFor(QStringLiteral("orphan"));
        QVERIFY(answer && !answer->ok());
        QVERIFY2(answer->error.contains(QStringLiteral("not in the keychain")), qPrintable(answer->error));
    }

    void renameWithoutStoredSecretChangesNothing()
    {
        QCOMPARE(save(makeAccount(QStringLiteral("lost")), m_secret, m_token), QString());
        KeychainJob *job = KeychainJob::remove(m_fixture.service(), StoredAccounts::secretKeyEntry(QStringLiteral("lost")));
        QSignalSpy done(job, &KeychainJob::finished);
        job->start();
        QVERIFY(done.wait(20000));
        const QString error = flowdesk::test::StoredAccountsFixture::await([&](QObject *c, StoredAccounts::Done d) {
            m_fixture.accounts().edit(QStringLiteral("lost"), makeAccount(QStringLiteral("found")), std::nullopt,
                             std::nullopt, c, d);
        });
        QVERIFY2(error.contains(QStringLiteral("no secret key in the keychain")), qPrintable(error));
        QVERIFY(m_fixture.accounts().account(QStringLiteral("lost")));
        QVERIFY(!m_fixture.accounts().account(QStringLiteral("found")));
        // The token was not deleted by the failed move.
        QCOMPARE(m_fixture.readKeychain(QStringLiteral("account/lost/sessionToken")).secret, m_token.toUtf8());
        QCOMPARE(m_fixture.readKeychain(QStringLiteral("account/found/sessionToken")).status,
                 KeychainResult::Status::NotFound);
    }

    void invalidInputIsRefused_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("keyId");
        QTest::addColumn<QString>("region");
        QTest::addColumn<QString>("secret");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("empty name") << QString() << QStringLiteral("AKIAIOSFODNN7EXAMPLE") << QString()
                                    << QStringLiteral("s") << QStringLiteral("Give the account a name");
        QTest::newRow("slash") << QStringLiteral("a/b") << QStringLiteral("AKIAIOSFODNN7EXAMPLE") << QString()
                               << QStringLiteral("s") << QStringLiteral("cannot name an account");
        QTest::newRow("bad key id") << QStringLiteral("a") << QStringLiteral("akia-lower") << QString()
                                    << QStringLiteral("s") << QStringLiteral("access key ID");
        QTest::newRow("bad region") << QStringLiteral("a") << QStringLiteral("AKIAIOSFODNN7EXAMPLE")
                                    << QStringLiteral("Europe") << QStringLiteral("s")
                                    << QStringLiteral("not a region name");
        QTest::newRow("no secret") << QStringLiteral("a") << QStringLiteral("AKIAIOSFODNN7EXAMPLE") << QString()
                                   << QString() << QStringLiteral("Enter the secret access key");
    }

    void invalidInputIsRefused()
    {
        QFETCH(QString, name);
        QFETCH(QString, keyId);
        QFETCH(QString, region);
        QFETCH(QString, secret);
        QFETCH(QString, fragment);
        StoredAccount a = makeAccount(name, region);
        a.accessKeyId = keyId;
        const QString error = save(a, secret);
        QVERIFY2(error.contains(fragment), qPrintable(error));
        QVERIFY(m_fixture.accounts().accounts().isEmpty());
    }

    void renameOntoExistingIsRefused()
    {
        QCOMPARE(save(makeAccount(QStringLiteral("a")), m_secret), QString());
        QCOMPARE(save(makeAccount(QStringLiteral("b")), m_secret), QString());
        const QString error = flowdesk::test::StoredAccountsFixture::await([&](QObject *c, StoredAccounts::Done d) {
            m_fixture.accounts().edit(QStringLiteral("a"), makeAccount(QStringLiteral("b")), std::nullopt,
                             std::nullopt, c, d);
        });
        QVERIFY2(error.contains(QStringLiteral("already exists")), qPrintable(error));
    }

    void unknownAccountSourceFailsClearly()
    {
        const auto answer = fetchFor(QStringLiteral("nobody"));
        QVERIFY(answer && !answer->ok());
        QVERIFY2(answer->error.contains(QStringLiteral("no stored account 'nobody'")), qPrintable(answer->error));
    }
};

QTEST_GUILESS_MAIN(TstStoredAccounts)
#include "tst_storedaccounts.moc"
