// Stored accounts in the Open connection dialog, against the real Secret Service (label
// keychain): listed under Flowdesk accounts with their region and endpoint, chosen, and removed
// only after the question is answered Yes — which deletes their keychain entries too.
#include "ConnectionDialog.h"
#include "StoredAccountsFixture.h"
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
    flowdesk::test::StoredAccountsFixture m_fixture;

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
        return m_fixture.save(account, QStringLiteral("secret-") + name, QStringLiteral("token-") + name);
    }

private slots:
    void initTestCase()
    {
        flowdesk::installTranslations();
        QVERIFY(m_fixture.ok());
        QCOMPARE(store(QStringLiteral("ops-eu"), QStringLiteral("eu-central-1"), {}), QString());
        QCOMPARE(store(QStringLiteral("sim"), QStringLiteral("us-east-1"),
                       QUrl(QStringLiteral("http://127.0.0.1:4999"))),
                 QString());
    }

    void listsAndChoosesStoredAccounts()
    {
        flowdesk::aws::test::AwsHome home;
        QPointer<ConnectionDialog> dialog = new ConnectionDialog(&m_fixture.accounts(), home.env());
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
        QPointer<ConnectionDialog> dialog = new ConnectionDialog(&m_fixture.accounts(), home.env());
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
        QVERIFY(m_fixture.accounts().account(QStringLiteral("ops-eu")));
        QCOMPARE(m_fixture.keychainStatus(StoredAccounts::secretKeyEntry(QStringLiteral("ops-eu"))),
                 KeychainResult::Status::Ok);

        // "Yes": gone from the list, the settings and the keychain.
        MessageBoxes::setNextAnswer(QMessageBox::Yes);
        QTest::mouseClick(remove, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!m_fixture.accounts().account(QStringLiteral("ops-eu")), 30000);
        QTRY_VERIFY(!dialog->selectEntry(Kind::StoredAccount, QStringLiteral("ops-eu")));
        QVERIFY(dialog->selectEntry(Kind::StoredAccount, QStringLiteral("sim")));
        QCOMPARE(m_fixture.keychainStatus(StoredAccounts::secretKeyEntry(QStringLiteral("ops-eu"))),
                 KeychainResult::Status::NotFound);
        QCOMPARE(m_fixture.keychainStatus(StoredAccounts::sessionTokenEntry(QStringLiteral("ops-eu"))),
                 KeychainResult::Status::NotFound);
        // The other account's secrets are untouched.
        QCOMPARE(m_fixture.keychainStatus(StoredAccounts::secretKeyEntry(QStringLiteral("sim"))),
                 KeychainResult::Status::Ok);
        delete dialog;
    }

    void cleanupTestCase() { m_fixture.removeAll(); }
};

QTEST_MAIN(TstConnectionDialogKeychain)
#include "tst_connectiondialog_keychain.moc"
