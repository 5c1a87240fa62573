// The Add/Edit account dialog on real widgets: every field checked in place, and "Test
// connection" making a real ListFlows call to the simulator over loopback — accepted with the
// right keys, AWS's own error shown with a wrong secret — and what that means for Save.
// Saving (which needs the keychain) is in tst_accountdialog_keychain.
#include "AccountDialog.h"
#include "AccountDialogTestSupport.h"
#include "Translations.h"

#include <ConnectionCatalog.h>

#include <QSettings>
#include <QTcpServer>
#include <QTemporaryDir>

using namespace flowdesk::test;
using flowdesk::AccountDialog;

class TstAccountDialog : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<flowdesk::aws::StoredAccounts> m_accounts;
    std::unique_ptr<flowdesk::sim::Simulator> m_simulator;

    AccountDialog *newDialog()
    {
        auto *dialog = new AccountDialog(m_accounts.get());
        showActive(dialog);
        return dialog;
    }

private slots:
    void initTestCase()
    {
        flowdesk::installTranslations();
        m_settings = std::make_unique<QSettings>(m_dir.filePath(QStringLiteral("flowdesk.ini")),
                                                 QSettings::IniFormat);
        m_accounts = std::make_unique<flowdesk::aws::StoredAccounts>(m_settings.get());
        m_simulator = startSimulator();
        QVERIFY(m_simulator->url().isValid());
    }

    void cleanup()
    {
        for (QWidget *widget : QApplication::topLevelWidgets())
            if (qobject_cast<AccountDialog *>(widget))
                delete widget;
    }

    void offersTheAppFlowRegions()
    {
        QPointer<AccountDialog> dialog = newDialog();
        auto *combo = child<QComboBox>(dialog, "regionComboBox");
        QStringList offered;
        for (int i = 0; i < combo->count(); ++i)
            offered << combo->itemText(i);
        QCOMPARE(offered, flowdesk::models::ConnectionCatalog::appFlowRegions());
        QCOMPARE(combo->currentText(), QStringLiteral("us-east-1"));
        dialog->setSuggestedRegion(QStringLiteral("eu-west-2"));
        QCOMPARE(combo->currentText(), QStringLiteral("eu-west-2"));
        dialog->setSuggestedRegion(QStringLiteral("eu-north-1")); // no AppFlow there: ignored
        QCOMPARE(combo->currentText(), QStringLiteral("eu-west-2"));
        QVERIFY(dialog->windowTitle().contains(QStringLiteral("Add account")));
        QVERIFY(!saveButton(dialog)->isEnabled()); // nothing tested yet
    }

    void invalidInputIsExplainedInPlace()
    {
        QPointer<AccountDialog> dialog = newDialog();
        auto *name = child<QLineEdit>(dialog, "accountNameLineEdit");
        auto *keyId = child<QLineEdit>(dialog, "accessKeyIdLineEdit");
        auto *endpoint = child<QLineEdit>(dialog, "endpointLineEdit");

        retype(name, QStringLiteral("prod/eu"));
        QVERIFY2(shownError(dialog, "nameErrorLabel").contains(QStringLiteral("cannot name an account")),
                 qPrintable(shownError(dialog, "nameErrorLabel")));
        QTest::keyClick(name, Qt::Key_Backspace); // typing clears the message
        QVERIFY(shownError(dialog, "nameErrorLabel").isEmpty());
        retype(name, QStringLiteral("prod-eu"));
        QVERIFY(shownError(dialog, "nameErrorLabel").isEmpty());

        retype(keyId, QStringLiteral("akiaiosfodnn7example"));
        QVERIFY2(shownError(dialog, "accessKeyIdErrorLabel").contains(QStringLiteral("capital")),
                 qPrintable(shownError(dialog, "accessKeyIdErrorLabel")));
        retype(keyId, QStringLiteral("AKIA1234"));
        QVERIFY(!shownError(dialog, "accessKeyIdErrorLabel").isEmpty());
        retype(keyId, QStringLiteral("AKIA-IOSFODNN7EXAMPLE"));
        QVERIFY(!shownError(dialog, "accessKeyIdErrorLabel").isEmpty());
        // Unusual but possible: accepted with a warning that does not block.
        retype(keyId, QStringLiteral("ABCDIOSFODNN7EXAMPLE"));
        QVERIFY(shownError(dialog, "accessKeyIdErrorLabel").isEmpty());
        QVERIFY(!shownError(dialog, "accessKeyWarningLabel").isEmpty());
        // Temporary keys without their token: a warning.
        retype(keyId, QStringLiteral("ASIAIOSFODNN7EXAMPLE"));
        QVERIFY2(shownError(dialog, "accessKeyWarningLabel").contains(QStringLiteral("session token")),
                 qPrintable(shownError(dialog, "accessKeyWarningLabel")));
        retype(keyId, QStringLiteral("AKIAIOSFODNN7EXAMPLE"));
        QVERIFY(shownError(dialog, "accessKeyIdErrorLabel").isEmpty());
        QVERIFY(shownError(dialog, "accessKeyWarningLabel").isEmpty());

        retype(endpoint, QStringLiteral("http://appflow.example.com"));
        QVERIFY2(shownError(dialog, "endpointErrorLabel").contains(QStringLiteral("loopback")),
                 qPrintable(shownError(dialog, "endpointErrorLabel")));
        retype(endpoint, QStringLiteral("ftp://127.0.0.1:9000"));
        QVERIFY(shownError(dialog, "endpointErrorLabel").contains(QStringLiteral("https://")));
        retype(endpoint, QStringLiteral("not a url"));
        QVERIFY(!shownError(dialog, "endpointErrorLabel").isEmpty());
        retype(endpoint, QStringLiteral("http://127.0.0.1:4567"));
        QVERIFY(shownError(dialog, "endpointErrorLabel").isEmpty());
        retype(endpoint, QStringLiteral("https://appflow.eu-west-1.amazonaws.com"));
        QVERIFY(shownError(dialog, "endpointErrorLabel").isEmpty());

        // The secret is missing: Test says so under the field and sends nothing.
        QTest::mouseClick(child<QPushButton>(dialog, "testConnectionButton"), Qt::LeftButton);
        QVERIFY2(shownError(dialog, "secretErrorLabel").contains(QStringLiteral("secret access key")),
                 qPrintable(shownError(dialog, "secretErrorLabel")));
        QVERIFY(!child<QProgressBar>(dialog, "testProgressBar")->isVisible());
        QCOMPARE(dialog->focusWidget(), child<QLineEdit>(dialog, "secretAccessKeyLineEdit"));

        // Save without testing still checks every field.
        child<QCheckBox>(dialog, "saveUntestedCheckBox")->setChecked(true);
        retype(name, {});
        QVERIFY(saveButton(dialog)->isEnabled());
        QTest::mouseClick(saveButton(dialog), Qt::LeftButton);
        QVERIFY(dialog->isVisible());
        QVERIFY(!shownError(dialog, "nameErrorLabel").isEmpty());
        QVERIFY(!shownError(dialog, "secretErrorLabel").isEmpty());
        QVERIFY(m_accounts->accounts().isEmpty());
    }

    void testSucceedsWithTheRightKeys()
    {
        QPointer<AccountDialog> dialog = newDialog();
        fillForSimulator(dialog, *m_simulator, QStringLiteral("sim"),
                         m_simulator->credentials().secretAccessKey);
        QVERIFY(!saveButton(dialog)->isEnabled());
        auto *status = child<QLabel>(dialog, "accountStatusLabel");
        QTest::mouseClick(child<QPushButton>(dialog, "testConnectionButton"), Qt::LeftButton);
        // Busy while ListFlows is on its way (the simulator answers from this event loop).
        QVERIFY(child<QProgressBar>(dialog, "testProgressBar")->isVisible());
        QVERIFY(!child<QPushButton>(dialog, "testConnectionButton")->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(status->text().startsWith(QStringLiteral("Connected")), 20000);
        QVERIFY2(status->text().contains(m_simulator->config().region), qPrintable(status->text()));
        QVERIFY(!child<QProgressBar>(dialog, "testProgressBar")->isVisible());
        QVERIFY(saveButton(dialog)->isEnabled());

        // Changing the keys afterwards withdraws the permission to save.
        retype(child<QLineEdit>(dialog, "secretAccessKeyLineEdit"), QStringLiteral("other"));
        QVERIFY(!saveButton(dialog)->isEnabled());
        QVERIFY(!status->isVisible());
    }

    void testShowsTheServiceErrorWithAWrongSecret()
    {
        QPointer<AccountDialog> dialog = newDialog();
        fillForSimulator(dialog, *m_simulator, QStringLiteral("sim"),
                         QStringLiteral("wJalrXUtnFEMI/K7MDENG/bPxRfiCYWRONGSECRET"));
        auto *status = child<QLabel>(dialog, "accountStatusLabel");
        QTest::mouseClick(child<QPushButton>(dialog, "testConnectionButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(status->text().startsWith(QStringLiteral("Test failed")), 20000);
        // What AWS says for a wrong secret (the simulator answers as AWS does).
        QVERIFY2(status->text().contains(QStringLiteral("InvalidSignatureException"))
                     && status->text().contains(QStringLiteral("Check your AWS Secret Access Key")),
                 qPrintable(status->text()));
        QVERIFY(status->isVisible());
        QVERIFY(!saveButton(dialog)->isEnabled());
        QVERIFY(child<QPushButton>(dialog, "testConnectionButton")->isEnabled());
        // The secret never appears in what is shown.
        QVERIFY(!status->text().contains(QStringLiteral("WRONGSECRET")));
        child<QCheckBox>(dialog, "saveUntestedCheckBox")->setChecked(true);
        QVERIFY(saveButton(dialog)->isEnabled());
    }

    void testShowsTheServiceErrorWithAnUnknownKey()
    {
        QPointer<AccountDialog> dialog = newDialog();
        fillForSimulator(dialog, *m_simulator, QStringLiteral("sim"),
                         m_simulator->credentials().secretAccessKey);
        retype(child<QLineEdit>(dialog, "accessKeyIdLineEdit"), QStringLiteral("AKIAIOSFODNN7EXAMPLE"));
        auto *status = child<QLabel>(dialog, "accountStatusLabel");
        QTest::mouseClick(child<QPushButton>(dialog, "testConnectionButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(status->text().startsWith(QStringLiteral("Test failed")), 20000);
        QVERIFY2(status->text().contains(
                     QStringLiteral("The security token included in the request is invalid")),
                 qPrintable(status->text()));
        QVERIFY(!saveButton(dialog)->isEnabled());
    }

    void unreachableEndpointIsExplained()
    {
        QPointer<AccountDialog> dialog = newDialog();
        fillForSimulator(dialog, *m_simulator, QStringLiteral("sim"), QStringLiteral("x"));
        // A loopback port nobody listens on (the simulator's, after asking a fresh one).
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const quint16 port = probe.serverPort();
        probe.close();
        retype(child<QLineEdit>(dialog, "endpointLineEdit"),
               QStringLiteral("http://127.0.0.1:%1").arg(port));
        auto *status = child<QLabel>(dialog, "accountStatusLabel");
        QTest::mouseClick(child<QPushButton>(dialog, "testConnectionButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(status->text().startsWith(QStringLiteral("Test failed")), 30000);
        QVERIFY2(status->text().contains(QStringLiteral("127.0.0.1")), qPrintable(status->text()));
    }

    void closingDuringATestIsSafe()
    {
        QPointer<AccountDialog> dialog = newDialog();
        fillForSimulator(dialog, *m_simulator, QStringLiteral("sim"),
                         m_simulator->credentials().secretAccessKey);
        QTest::mouseClick(child<QPushButton>(dialog, "testConnectionButton"), Qt::LeftButton);
        dialog->reject(); // deletes itself with the call in flight
        QTRY_VERIFY(!dialog);
        QTest::qWait(200); // the reply, if any, finds nothing to call back
    }
};

QTEST_MAIN(TstAccountDialog)
#include "tst_accountdialog.moc"
