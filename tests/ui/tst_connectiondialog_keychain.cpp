// Stored accounts in the Open connection dialog, against the real Secret Service (label
// keychain): listed under Flowdesk accounts with their region and endpoint, chosen, and removed
// only after the question is answered Yes — which deletes their keychain entries too.
#include "ConnectionDialog.h"
#include "CredentialTestSupport.h"
#include "MessageBoxes.h"
#include "Translations.h"

#include <KeychainJob.h>
#include <StoredAccounts.h>

#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTreeWidget>
#include <QUuid>

using flowdesk::ConnectionDialog;
using flowdesk::MessageBoxes;
using flowdesk::aws::KeychainJob;
using flowdesk::aws::KeychainResult;
using flowdesk::aws::StoredAccount;
using flowdesk::aws::StoredAccounts;
using flowdesk::models::ConnectionChoice;
using Kind = flowdesk::models::ConnectionInfo::Kind;

class TstConnectionDialogKeychain : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<StoredAccounts> m_accounts;
    const QString m_service = QStringLiteral("Flowdesk-test-")
        + QUuid::createUuid().toString(QUuid::WithoutBraces);

    template<typename T>
    static T *child(QWidget *dialog, const char *name)
    {
        auto *widget = dialog->findChild<T *>(QLatin1String(name));
        if (!widget)
            qWarning("no child %s", name);
        return widget;
    }

    QString store(const QString &name, const QString &region, const QUrl &endpoint)
    {
        StoredAccount account;
        account.name = name;
        account.accessKeyId = QStringLiteral("AKIAIOSFODNN7EXAMPLE");
        account.region = region;
        account.endpoint = endpoint;
        std::optional<QString> answer;
        m_accounts->save(account, QStringLiteral("secret-") + name, QStringLiteral("token-") + name,
                         this, [&](const QString &error) { answer = error; });
        if (!QTest::qWaitFor([&] { return answer.has_value(); }, 30000))
            return QStringLiteral("no answer");
        return *answer;
    }

    KeychainResult::Status keychainStatus(const QString &key)
    {
        std::optional<KeychainResult> result;
        KeychainJob *job = KeychainJob::read(m_service, key);
        connect(job, &KeychainJob::finished, this, [&](const KeychainResult &r) { result = r; });
        job->start();
        if (!QTest::qWaitFor([&] { return result.has_value(); }, 30000))
            return KeychainResult::Status::Failed;
        return result->status;
    }

private slots:
    void initTestCase()
    {
        flowdesk::installTranslations();
        m_settings = std::make_unique<QSettings>(m_dir.filePath(QStringLiteral("flowdesk.ini")),
                                                 QSettings::IniFormat);
        m_accounts = std::make_unique<StoredAccounts>(m_settings.get(), m_service);
        QCOMPARE(store(QStringLiteral("ops-eu"), QStringLiteral("eu-central-1"), {}), QString());
        QCOMPARE(store(QStringLiteral("sim"), QStringLiteral("us-east-1"),
                       QUrl(QStringLiteral("http://127.0.0.1:4999"))),
                 QString());
    }

    void listsAndChoosesStoredAccounts()
    {
        flowdesk::aws::test::AwsHome home;
        QPointer<ConnectionDialog> dialog = new ConnectionDialog(m_accounts.get(), home.env());
        dialog->show();
        auto *tree = child<QTreeWidget>(dialog, "entriesTreeWidget");
        const auto accounts = tree->findItems(QStringLiteral("Flowdesk accounts"), Qt::MatchExactly);
        QCOMPARE(accounts.size(), 1);
        QCOMPARE(accounts.first()->childCount(), 2);
        QCOMPARE(accounts.first()->child(0)->text(0), QStringLiteral("ops-eu"));
        QCOMPARE(accounts.first()->child(0)->text(1), QStringLiteral("eu-central-1"));
        QCOMPARE(accounts.first()->child(1)->text(0), QStringLiteral("sim"));

        QVERIFY(dialog->selectEntry(Kind::StoredAccount, QStringLiteral("sim")));
        QVERIFY(child<QPushButton>(dialog, "editAccountButton")->isEnabled());
        QVERIFY(child<QPushButton>(dialog, "removeAccountButton")->isEnabled());
        // The account's own endpoint is prefilled.
        QCOMPARE(child<QLineEdit>(dialog, "endpointLineEdit")->text(), QStringLiteral("http://127.0.0.1:4999"));
        QVERIFY(dialog->selectEntry(Kind::StoredAccount, QStringLiteral("ops-eu")));
        QVERIFY(child<QLineEdit>(dialog, "endpointLineEdit")->text().isEmpty());
        QCOMPARE(child<QComboBox>(dialog, "regionComboBox")->currentText(), QStringLiteral("eu-central-1"));

        QSignalSpy chosen(dialog.data(), &ConnectionDialog::connectionChosen);
        QTest::mouseClick(child<QDialogButtonBox>(dialog, "connectionButtonBox")->button(QDialogButtonBox::Ok),
                          Qt::LeftButton);
        QCOMPARE(chosen.size(), 1);
        const auto choice = chosen.first().first().value<ConnectionChoice>();
        QCOMPARE(choice.kind, Kind::StoredAccount);
        QCOMPARE(choice.name, QStringLiteral("ops-eu"));
        QCOMPARE(choice.region, QStringLiteral("eu-central-1"));
        QTRY_VERIFY(!dialog);
    }

    void removeAsksThenDeletesTheKeychainEntries()
    {
        flowdesk::aws::test::AwsHome home;
        QPointer<ConnectionDialog> dialog = new ConnectionDialog(m_accounts.get(), home.env());
        dialog->show();
        QVERIFY(dialog->selectEntry(Kind::StoredAccount, QStringLiteral("ops-eu")));
        auto *remove = child<QPushButton>(dialog, "removeAccountButton");

        // "Cancel": nothing happens.
        MessageBoxes::setNextAnswer(QMessageBox::Cancel);
        QTest::mouseClick(remove, Qt::LeftButton);
        QVERIFY2(MessageBoxes::lastText().contains(QStringLiteral("ops-eu"))
                     && MessageBoxes::lastText().contains(QStringLiteral("keychain")),
                 qPrintable(MessageBoxes::lastText()));
        QTest::qWait(100);
        QVERIFY(m_accounts->account(QStringLiteral("ops-eu")));
        QCOMPARE(keychainStatus(StoredAccounts::secretKeyEntry(QStringLiteral("ops-eu"))),
                 KeychainResult::Status::Ok);

        // "Yes": gone from the list, the settings and the keychain.
        MessageBoxes::setNextAnswer(QMessageBox::Yes);
        QTest::mouseClick(remove, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!m_accounts->account(QStringLiteral("ops-eu")), 30000);
        QTRY_VERIFY(!dialog->selectEntry(Kind::StoredAccount, QStringLiteral("ops-eu")));
        QVERIFY(dialog->selectEntry(Kind::StoredAccount, QStringLiteral("sim")));
        QCOMPARE(keychainStatus(StoredAccounts::secretKeyEntry(QStringLiteral("ops-eu"))),
                 KeychainResult::Status::NotFound);
        QCOMPARE(keychainStatus(StoredAccounts::sessionTokenEntry(QStringLiteral("ops-eu"))),
                 KeychainResult::Status::NotFound);
        // The other account's secrets are untouched.
        QCOMPARE(keychainStatus(StoredAccounts::secretKeyEntry(QStringLiteral("sim"))),
                 KeychainResult::Status::Ok);
        delete dialog;
    }

    void cleanupTestCase()
    {
        for (const auto &account : m_accounts->accounts()) {
            bool done = false;
            m_accounts->remove(account.name, this, [&](const QString &) { done = true; });
            QVERIFY(QTest::qWaitFor([&] { return done; }, 30000));
        }
    }
};

QTEST_MAIN(TstConnectionDialogKeychain)
#include "tst_connectiondialog_keychain.moc"
