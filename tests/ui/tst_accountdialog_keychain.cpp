// Saving from the account dialog into the real Secret Service (run under the private
// gnome-keyring session, label keychain): the secret and token reach the keychain, the
// settings file holds only the non-secret fields, and editing with the secret left empty keeps
// (and tests with) the stored secret.
#include "AccountDialog.h"
#include "AccountDialogTestSupport.h"
#include "Translations.h"

#include <KeychainJob.h>

#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>

using namespace flowdesk::test;
using flowdesk::AccountDialog;
using flowdesk::aws::KeychainJob;
using flowdesk::aws::KeychainResult;
using flowdesk::aws::StoredAccounts;

class TstAccountDialogKeychain : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_settingsPath;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<StoredAccounts> m_accounts;
    std::unique_ptr<flowdesk::sim::Simulator> m_simulator;
    const QString m_service = QStringLiteral("Flowdesk-test-")
        + QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString m_token = QStringLiteral("IQoJb3JpZ2luX2VjE") + QUuid::createUuid().toString(QUuid::Id128);

    KeychainResult readKeychain(const QString &key)
    {
        KeychainResult result;
        bool done = false;
        KeychainJob *job = KeychainJob::read(m_service, key);
        connect(job, &KeychainJob::finished, this, [&](const KeychainResult &r) {
            result = r;
            done = true;
        });
        job->start();
        if (!QTest::qWaitFor([&] { return done; }, 30000))
            qWarning("keychain read did not answer");
        return result;
    }

    QByteArray settingsFile() const
    {
        QFile file(m_settingsPath);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    AccountDialog *saveThroughDialog(AccountDialog *dialog)
    {
        QSignalSpy saved(dialog, &AccountDialog::accountSaved);
        QTest::mouseClick(child<QPushButton>(dialog, "testConnectionButton"), Qt::LeftButton);
        auto *status = child<QLabel>(dialog, "accountStatusLabel");
        if (!QTest::qWaitFor([&] { return saveButton(dialog)->isEnabled(); }, 20000))
            qWarning("test did not succeed: %s", qPrintable(status->text()));
        QTest::mouseClick(saveButton(dialog), Qt::LeftButton);
        if (!saved.wait(30000))
            qWarning("not saved: %s", qPrintable(status->text()));
        return dialog;
    }

private slots:
    void initTestCase()
    {
        flowdesk::installTranslations();
        m_settingsPath = m_dir.filePath(QStringLiteral("flowdesk.ini"));
        m_settings = std::make_unique<QSettings>(m_settingsPath, QSettings::IniFormat);
        m_accounts = std::make_unique<StoredAccounts>(m_settings.get(), m_service);
        m_simulator = startSimulator();
        QVERIFY(m_simulator->url().isValid());
    }

    void cleanupTestCase()
    {
        // Leave nothing behind in the test keychain.
        for (const auto &account : m_accounts->accounts()) {
            bool done = false;
            m_accounts->remove(account.name, this, [&](const QString &) { done = true; });
            QVERIFY(QTest::qWaitFor([&] { return done; }, 30000));
        }
    }

    void addSavesSecretsToTheKeychainOnly()
    {
        QPointer<AccountDialog> dialog = new AccountDialog(m_accounts.get());
        showActive(dialog);
        const QString secret = m_simulator->credentials().secretAccessKey;
        fillForSimulator(dialog, *m_simulator, QStringLiteral("sim ops"), secret);
        QSignalSpy saved(dialog.data(), &AccountDialog::accountSaved);
        saveThroughDialog(dialog);
        QCOMPARE(saved.size(), 1);
        QCOMPARE(saved.first().first().toString(), QStringLiteral("sim ops"));
        QTRY_VERIFY(!dialog); // closed and deleted

        const auto account = m_accounts->account(QStringLiteral("sim ops"));
        QVERIFY(account);
        QCOMPARE(account->accessKeyId, m_simulator->credentials().accessKeyId);
        QCOMPARE(account->region, m_simulator->config().region);
        QCOMPARE(account->endpoint, m_simulator->url());
        QVERIFY(!account->hasSessionToken);

        const KeychainResult stored = readKeychain(StoredAccounts::secretKeyEntry(QStringLiteral("sim ops")));
        QVERIFY2(stored.ok(), qPrintable(stored.errorMessage));
        QCOMPARE(QString::fromUtf8(stored.secret), secret);

        const QByteArray file = settingsFile();
        QVERIFY(file.contains(m_simulator->credentials().accessKeyId.toUtf8()));
        QVERIFY2(!file.contains(secret.toUtf8()), "the secret key landed in the settings file");
    }

    void tokenGoesToTheKeychainToo()
    {
        QPointer<AccountDialog> dialog = new AccountDialog(m_accounts.get());
        showActive(dialog);
        fillForSimulator(dialog, *m_simulator, QStringLiteral("with-token"),
                         QStringLiteral("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));
        retype(child<QLineEdit>(dialog, "sessionTokenLineEdit"), m_token);
        // These keys are not the simulator's: saved deliberately without a test.
        child<QCheckBox>(dialog, "saveUntestedCheckBox")->setChecked(true);
        QSignalSpy saved(dialog.data(), &AccountDialog::accountSaved);
        QTest::mouseClick(saveButton(dialog), Qt::LeftButton);
        QVERIFY(saved.wait(30000));
        QCOMPARE(saved.first().first().toString(), QStringLiteral("with-token"));

        QVERIFY(m_accounts->account(QStringLiteral("with-token"))->hasSessionToken);
        const KeychainResult token = readKeychain(StoredAccounts::sessionTokenEntry(QStringLiteral("with-token")));
        QVERIFY2(token.ok(), qPrintable(token.errorMessage));
        QCOMPARE(QString::fromUtf8(token.secret), m_token);
        const QByteArray file = settingsFile();
        QVERIFY2(!file.contains(m_token.toUtf8()), "the session token landed in the settings file");
        QVERIFY(!file.contains("wJalrXUtnFEMI"));
    }

    void duplicateNameIsRejectedInPlace()
    {
        QPointer<AccountDialog> dialog = new AccountDialog(m_accounts.get());
        showActive(dialog);
        retype(child<QLineEdit>(dialog, "accountNameLineEdit"), QStringLiteral("sim ops"));
        QVERIFY2(shownError(dialog, "nameErrorLabel").contains(QStringLiteral("already exists")),
                 qPrintable(shownError(dialog, "nameErrorLabel")));
        delete dialog;
    }

    void editWithEmptySecretKeepsAndTestsTheStoredOne()
    {
        const auto account = m_accounts->account(QStringLiteral("sim ops"));
        QVERIFY(account);
        QPointer<AccountDialog> dialog = new AccountDialog(m_accounts.get(), *account);
        showActive(dialog);
        QVERIFY(dialog->windowTitle().contains(QStringLiteral("sim ops")));
        QCOMPARE(child<QLineEdit>(dialog, "accessKeyIdLineEdit")->text(), account->accessKeyId);
        QVERIFY(child<QLineEdit>(dialog, "secretAccessKeyLineEdit")->text().isEmpty());
        QCOMPARE(child<QLineEdit>(dialog, "endpointLineEdit")->text(), m_simulator->url().toString());

        // Rename; the secret field stays empty, so the test reads the stored secret.
        retype(child<QLineEdit>(dialog, "accountNameLineEdit"), QStringLiteral("sim-renamed"));
        saveThroughDialog(dialog);
        QTRY_VERIFY(!dialog);
        QVERIFY(!m_accounts->account(QStringLiteral("sim ops")));
        QVERIFY(m_accounts->account(QStringLiteral("sim-renamed")));
        const KeychainResult moved = readKeychain(StoredAccounts::secretKeyEntry(QStringLiteral("sim-renamed")));
        QVERIFY2(moved.ok(), qPrintable(moved.errorMessage));
        QCOMPARE(QString::fromUtf8(moved.secret), m_simulator->credentials().secretAccessKey);
        QCOMPARE(readKeychain(StoredAccounts::secretKeyEntry(QStringLiteral("sim ops"))).status,
                 KeychainResult::Status::NotFound);
    }

    void editNeedsTheSecretForANewKeyId()
    {
        const auto account = m_accounts->account(QStringLiteral("sim-renamed"));
        QVERIFY(account);
        QPointer<AccountDialog> dialog = new AccountDialog(m_accounts.get(), *account);
        showActive(dialog);
        retype(child<QLineEdit>(dialog, "accessKeyIdLineEdit"), QStringLiteral("AKIAI44QH8DHBEXAMPLE"));
        QTest::mouseClick(child<QPushButton>(dialog, "testConnectionButton"), Qt::LeftButton);
        QVERIFY2(shownError(dialog, "secretErrorLabel").contains(QStringLiteral("new access key ID")),
                 qPrintable(shownError(dialog, "secretErrorLabel")));
        delete dialog;
    }
};

QTEST_MAIN(TstAccountDialogKeychain)
#include "tst_accountdialog_keychain.moc"
