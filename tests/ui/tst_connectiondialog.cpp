// The Open connection dialog on real widgets over a temporary HOME with real-format AWS CLI
// files: entries grouped and listed, the region following the selected entry, broken profiles
// explained and not connectable, a bad endpoint rejected in place, and OK emitting the choice.
// Stored accounts (keychain) are in tst_connectiondialog_keychain.
#include "ConnectionDialog.h"
#include "CredentialTestSupport.h"
#include "Translations.h"

#include <StoredAccounts.h>

#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTreeWidget>

using flowdesk::ConnectionDialog;
using flowdesk::models::ConnectionChoice;
using Kind = flowdesk::models::ConnectionInfo::Kind;

namespace {

template<typename T>
T *child(QWidget *dialog, const char *name)
{
    auto *widget = dialog->findChild<T *>(QLatin1String(name));
    if (!widget)
        qWarning("no child %s", name);
    return widget;
}

QStringList treeText(QTreeWidget *tree)
{
    QStringList lines;
    for (int i = 0; i < tree->topLevelItemCount(); ++i) {
        QTreeWidgetItem *group = tree->topLevelItem(i);
        lines << group->text(0);
        for (int j = 0; j < group->childCount(); ++j)
            lines << QStringLiteral("  ") + group->child(j)->text(0) + QStringLiteral(" | ")
                         + group->child(j)->text(1);
    }
    return lines;
}

QTreeWidgetItem *itemNamed(QTreeWidget *tree, const QString &text)
{
    const auto found = tree->findItems(text, Qt::MatchExactly | Qt::MatchRecursive);
    return found.isEmpty() ? nullptr : found.first();
}

} // namespace

class TstConnectionDialog : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<flowdesk::aws::StoredAccounts> m_accounts;

    static void writeFiles(flowdesk::aws::test::AwsHome &home)
    {
        home.writeConfig("[default]\nregion = eu-west-1\n\n"
                         "[profile prod]\nregion = us-west-2\nrole_arn = arn:aws:iam::123456789012:role/ops\n"
                         "source_profile = default\n\n"
                         "[profile stockholm]\nregion = eu-north-1\ncredential_process = /bin/true\n\n"
                         "[profile orphan]\nrole_arn = arn:aws:iam::123456789012:role/x\n"
                         "source_profile = missing\n");
        home.writeCredentials("[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n"
                              "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n");
    }

    ConnectionDialog *newDialog(const QProcessEnvironment &environment)
    {
        auto *dialog = new ConnectionDialog(m_accounts.get(), environment);
        dialog->show();
        QApplication::setActiveWindow(dialog);
        if (!QTest::qWaitForWindowActive(dialog))
            qWarning("dialog not active");
        return dialog;
    }

private slots:
    void initTestCase()
    {
        flowdesk::installTranslations();
        m_settings = std::make_unique<QSettings>(m_dir.filePath(QStringLiteral("flowdesk.ini")),
                                                 QSettings::IniFormat);
        m_accounts = std::make_unique<flowdesk::aws::StoredAccounts>(m_settings.get());
    }

    void cleanup()
    {
        // A failed check must not leave its dialog behind.
        for (QWidget *widget : QApplication::topLevelWidgets())
            if (qobject_cast<ConnectionDialog *>(widget))
                delete widget;
    }

    void listsEntriesInGroups()
    {
        flowdesk::aws::test::AwsHome home;
        writeFiles(home);
        home.env().insert(QStringLiteral("AWS_ACCESS_KEY_ID"), QStringLiteral("AKIAI44QH8DHBEXAMPLE"));
        home.env().insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), QStringLiteral("secret"));
        QPointer<ConnectionDialog> dialog = newDialog(home.env());
        auto *tree = child<QTreeWidget>(dialog, "entriesTreeWidget");
        QCOMPARE(treeText(tree), (QStringList{
                     QStringLiteral("AWS CLI profiles"),
                     QStringLiteral("  default | eu-west-1"),
                     QStringLiteral("  prod | us-west-2"),
                     QStringLiteral("  stockholm | eu-north-1"),
                     QStringLiteral("  orphan | none"),
                     QStringLiteral("Environment"),
                     QStringLiteral("  Environment credentials | none"),
                     QStringLiteral("Flowdesk accounts"),
                     QStringLiteral("  None yet | "),
                     QStringLiteral("Demo"),
                     QStringLiteral("  Built-in simulator | us-east-1")}));
        // Starts on the profile the AWS CLI would use.
        QCOMPARE(tree->currentItem()->text(0), QStringLiteral("default"));
        QCOMPARE(child<QComboBox>(dialog, "regionComboBox")->currentText(), QStringLiteral("eu-west-1"));
        // Account buttons only for stored accounts.
        QVERIFY(child<QPushButton>(dialog, "addAccountButton")->isEnabled());
        QVERIFY(!child<QPushButton>(dialog, "editAccountButton")->isEnabled());
        QVERIFY(!child<QPushButton>(dialog, "removeAccountButton")->isEnabled());
        delete dialog;
    }

    void regionFollowsTheEntry()
    {
        flowdesk::aws::test::AwsHome home;
        writeFiles(home);
        QPointer<ConnectionDialog> dialog = newDialog(home.env());
        auto *tree = child<QTreeWidget>(dialog, "entriesTreeWidget");
        auto *region = child<QComboBox>(dialog, "regionComboBox");
        auto *note = child<QLabel>(dialog, "regionNoteLabel");
        tree->setCurrentItem(itemNamed(tree, QStringLiteral("prod")));
        QCOMPARE(region->currentText(), QStringLiteral("us-west-2"));
        QVERIFY2(note->text().contains(QStringLiteral("profile prod")), qPrintable(note->text()));
        // eu-north-1 has no AppFlow: the region stays and the note says why.
        tree->setCurrentItem(itemNamed(tree, QStringLiteral("stockholm")));
        QCOMPARE(region->currentText(), QStringLiteral("us-west-2"));
        QVERIFY2(note->text().contains(QStringLiteral("eu-north-1")), qPrintable(note->text()));
        // Keyboard: Up goes back to prod.
        tree->setFocus();
        QTest::keyClick(tree, Qt::Key_Up);
        QCOMPARE(tree->currentItem()->text(0), QStringLiteral("prod"));
        QCOMPARE(region->currentText(), QStringLiteral("us-west-2"));
        QTest::keyClick(tree, Qt::Key_Up);
        QCOMPARE(region->currentText(), QStringLiteral("eu-west-1"));
        delete dialog;
    }

    // Issue #16 finding: an entry without a default region showed af-south-1 (the list's first)
    // with "choose one". It shows us-east-1, or the region last opened with any entry, and the
    // note says that this is the region used.
    void entryWithoutRegionGetsTheLastUsedOrUsEast1()
    {
        flowdesk::aws::test::AwsHome home;
        home.writeConfig("[profile noregion]\ncredential_process = /bin/true\n");
        QPointer<ConnectionDialog> dialog = newDialog(home.env());
        auto *tree = child<QTreeWidget>(dialog, "entriesTreeWidget");
        auto *region = child<QComboBox>(dialog, "regionComboBox");
        auto *note = child<QLabel>(dialog, "regionNoteLabel");
        tree->setCurrentItem(itemNamed(tree, QStringLiteral("noregion")));
        QCOMPARE(region->currentText(), QStringLiteral("us-east-1"));
        QVERIFY2(note->text().contains(QStringLiteral("us-east-1 is used")), qPrintable(note->text()));

        ConnectionChoice earlier;
        earlier.kind = Kind::Profile;
        earlier.name = QStringLiteral("elsewhere");
        earlier.region = QStringLiteral("ap-southeast-2");
        ConnectionChoice latest = earlier;
        latest.name = QStringLiteral("other");
        latest.region = QStringLiteral("eu-central-1");
        dialog->setLastChoices({earlier, latest});
        tree->setCurrentItem(itemNamed(tree, QStringLiteral("noregion")));
        QCOMPARE(region->currentText(), QStringLiteral("eu-central-1"));
        QVERIFY2(note->text().contains(QStringLiteral("eu-central-1 is used")), qPrintable(note->text()));
        delete dialog;
    }

    void brokenProfileIsExplainedAndCannotConnect()
    {
        flowdesk::aws::test::AwsHome home;
        writeFiles(home);
        QPointer<ConnectionDialog> dialog = newDialog(home.env());
        auto *tree = child<QTreeWidget>(dialog, "entriesTreeWidget");
        tree->setCurrentItem(itemNamed(tree, QStringLiteral("orphan")));
        const QString detail = child<QLabel>(dialog, "entryDetailLabel")->text();
        QVERIFY2(detail.contains(QStringLiteral("source_profile = missing")), qPrintable(detail));
        QVERIFY(!itemNamed(tree, QStringLiteral("orphan"))->toolTip(0).isEmpty());
        auto *ok = child<QDialogButtonBox>(dialog, "connectionButtonBox")->button(QDialogButtonBox::Ok);
        QVERIFY(!ok->isEnabled());
        QVERIFY(!dialog->choice());
        delete dialog;
    }

    void badEndpointIsRejectedInPlace()
    {
        flowdesk::aws::test::AwsHome home;
        writeFiles(home);
        QPointer<ConnectionDialog> dialog = newDialog(home.env());
        QSignalSpy chosen(dialog.data(), &ConnectionDialog::connectionChosen);
        auto *endpoint = child<QLineEdit>(dialog, "endpointLineEdit");
        auto *error = child<QLabel>(dialog, "endpointErrorLabel");
        endpoint->setFocus();
        QTest::keyClicks(endpoint, QStringLiteral("http://appflow.example.com"));
        QTest::keyClick(endpoint, Qt::Key_Tab); // leaving the field checks it
        QVERIFY(error->isVisible());
        QVERIFY2(error->text().contains(QStringLiteral("loopback")), qPrintable(error->text()));
        endpoint->setFocus();
        QTest::keyClick(endpoint, Qt::Key_Backspace); // typing clears the message
        QVERIFY(!error->isVisible());
        QTest::mouseClick(child<QDialogButtonBox>(dialog, "connectionButtonBox")->button(QDialogButtonBox::Ok),
                          Qt::LeftButton);
        QVERIFY(dialog->isVisible()); // refused, explained again
        QVERIFY(error->isVisible());
        QCOMPARE(endpoint, dialog->focusWidget());
        QCOMPARE(chosen.size(), 0);
        delete dialog;
    }

    void okEmitsTheChoice()
    {
        flowdesk::aws::test::AwsHome home;
        writeFiles(home);
        QPointer<ConnectionDialog> dialog = newDialog(home.env());
        QSignalSpy chosen(dialog.data(), &ConnectionDialog::connectionChosen);
        auto *tree = child<QTreeWidget>(dialog, "entriesTreeWidget");
        tree->setCurrentItem(itemNamed(tree, QStringLiteral("prod")));
        child<QComboBox>(dialog, "regionComboBox")->setCurrentText(QStringLiteral("ap-south-1"));
        auto *endpoint = child<QLineEdit>(dialog, "endpointLineEdit");
        endpoint->setFocus();
        QTest::keyClicks(endpoint, QStringLiteral("http://127.0.0.1:4000"));
        QTest::mouseClick(child<QDialogButtonBox>(dialog, "connectionButtonBox")->button(QDialogButtonBox::Ok),
                          Qt::LeftButton);
        QCOMPARE(chosen.size(), 1);
        const auto choice = chosen.first().first().value<ConnectionChoice>();
        QCOMPARE(choice.kind, Kind::Profile);
        QCOMPARE(choice.name, QStringLiteral("prod"));
        QCOMPARE(choice.region, QStringLiteral("ap-south-1"));
        QCOMPARE(choice.endpoint, QUrl(QStringLiteral("http://127.0.0.1:4000")));
        QTRY_VERIFY(!dialog); // closed and deleted
    }

    void doubleClickOnTheEnvironmentConnects()
    {
        flowdesk::aws::test::AwsHome home; // no files at all
        home.env().insert(QStringLiteral("AWS_ACCESS_KEY_ID"), QStringLiteral("AKIAI44QH8DHBEXAMPLE"));
        home.env().insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), QStringLiteral("secret"));
        home.env().insert(QStringLiteral("AWS_REGION"), QStringLiteral("ca-central-1"));
        QPointer<ConnectionDialog> dialog = newDialog(home.env());
        auto *tree = child<QTreeWidget>(dialog, "entriesTreeWidget");
        QVERIFY(treeText(tree).contains(QStringLiteral("  None found | ")));
        // Short for the sidebar; the whole sentence in the tooltip (and for screen readers).
        QVERIFY(itemNamed(tree, QStringLiteral("None found"))->toolTip(0).contains(QStringLiteral("~/.aws/config")));
        QCOMPARE(tree->currentItem()->text(0), QStringLiteral("Environment credentials"));
        QSignalSpy chosen(dialog.data(), &ConnectionDialog::connectionChosen);
        QTest::keyClick(tree, Qt::Key_Return);
        QCOMPARE(chosen.size(), 1);
        const auto choice = chosen.first().first().value<ConnectionChoice>();
        QCOMPARE(choice.kind, Kind::Environment);
        QVERIFY(choice.name.isEmpty());
        QCOMPARE(choice.region, QStringLiteral("ca-central-1"));
        QVERIFY(choice.endpoint.isEmpty());
    }

    // Demo mode can show connections side by side: the simulator is an entry of its own,
    // never chosen for the user, and its region is the one picked.
    void demoEntryGivesADemoChoice()
    {
        flowdesk::aws::test::AwsHome home;
        QPointer<ConnectionDialog> dialog = newDialog(home.env());
        auto *tree = child<QTreeWidget>(dialog, "entriesTreeWidget");
        QVERIFY(!tree->currentItem() || tree->currentItem()->text(0) != QStringLiteral("Built-in simulator"));
        QTreeWidgetItem *demo = itemNamed(tree, QStringLiteral("Built-in simulator"));
        QVERIFY(demo);
        tree->setCurrentItem(demo);
        QVERIFY(child<QLabel>(dialog, "entryDetailLabel")->text().contains(QStringLiteral("Nothing here touches AWS")));
        child<QComboBox>(dialog, "regionComboBox")->setCurrentText(QStringLiteral("eu-west-1"));
        QSignalSpy chosen(dialog.data(), &ConnectionDialog::connectionChosen);
        QTest::keyClick(tree, Qt::Key_Return);
        QCOMPARE(chosen.size(), 1);
        const auto choice = chosen.first().first().value<ConnectionChoice>();
        QCOMPARE(choice.kind, Kind::Demo);
        QCOMPARE(choice.region, QStringLiteral("eu-west-1"));
    }

    void brokenFileIsShownInTheList()
    {
        flowdesk::aws::test::AwsHome home;
        home.writeConfig("[profile broken\n");
        QPointer<ConnectionDialog> dialog = newDialog(home.env());
        const QStringList lines = treeText(child<QTreeWidget>(dialog, "entriesTreeWidget"));
        QVERIFY2(lines.value(1).contains(QStringLiteral("line 1")), qPrintable(lines.join(u'\n')));
        QVERIFY(!child<QDialogButtonBox>(dialog, "connectionButtonBox")->button(QDialogButtonBox::Ok)->isEnabled());
        delete dialog;
    }
};

QTEST_MAIN(TstConnectionDialog)
#include "tst_connectiondialog.moc"
