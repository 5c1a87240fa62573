// The Fleet tab on the demo fleet (the simulator with Identity Center accounts in two regions):
// it reads the chosen accounts × regions, shows a role without AppFlow rights and a region an
// account has not enabled in place, filters the runs, names every control for a screen reader,
// offers the accounts with their roles in the chooser, and cancels runs of three accounts
// through the same confirmation, each audited with its account, role and region.
#include "CancelConfirmationDialog.h"
#include "CancelOutcomeView.h"
#include "FleetAccountsDialog.h"
#include "FleetFactory.h"
#include "FleetLoginDialog.h"
#include "FleetPage.h"
#include "MainWindow.h"
#include "Translations.h"

#include <AuditLogReader.h>
#include <CancelController.h>
#include <FleetController.h>
#include <FleetRunsModel.h>
#include <ModelRoles.h>
#include <SsoDirectory.h>

#include <QAccessible>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSettings>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTreeView>
#include <QtTest>

using namespace flowdesk;

class TstFleetPage : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QNetworkAccessManager m_network;
    std::unique_ptr<MainWindow> m_window;
    FleetPage *m_page = nullptr;
    QList<sim::SsoAccount> m_directory;

    static QStringList unnamed(QWidget *root)
    {
        QStringList problems;
        QList<QWidget *> widgets = root->findChildren<QWidget *>();
        for (QWidget *widget : std::as_const(widgets)) {
            if (!widget->isVisibleTo(root) || widget->focusPolicy() == Qt::NoFocus || widget->focusProxy())
                continue;
            QAccessibleInterface *accessible = QAccessible::queryAccessibleInterface(widget);
            if (!accessible || accessible->text(QAccessible::Name).trimmed().isEmpty())
                problems << QString::fromLatin1(widget->metaObject()->className()) + QStringLiteral(": no name");
            else if (!qobject_cast<QComboBox *>(widget) && !qobject_cast<QLineEdit *>(widget) && !qobject_cast<QLabel *>(widget)
                     && accessible->text(QAccessible::Description).trimmed().isEmpty())
                problems << accessible->text(QAccessible::Name) + QStringLiteral(": no description");
        }
        problems.removeDuplicates();
        return problems;
    }

private slots:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("FlowdeskTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_fleetpage"));
        QSettings().clear();
        installTranslations();
        QVERIFY(m_dir.isValid());
        m_directory = sim::SsoDirectory::generate(FleetFactory::kDemoAccounts, 1);

        m_window = std::make_unique<MainWindow>();
        m_window->setAuditLogPath(m_dir.filePath(QStringLiteral("audit.jsonl")));
        m_window->resize(1280, 800);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        const FleetAttempt opened = FleetFactory::openDemo(&m_network);
        QVERIFY2(opened.fleet, qPrintable(opened.error));
        QList<fleet::FleetAccountChoice> chosen;
        for (int i = 0; i < 7; ++i)
            chosen.append({m_directory.at(i).accountId, m_directory.at(i).accountName,
                           i == 4 ? QStringLiteral("AppFlowDenied") : QStringLiteral("FlowdeskOperator")});
        opened.fleet->setChoice(chosen, {QStringLiteral("us-east-1"), QStringLiteral("eu-west-1")});
        m_page = m_window->addFleet(opened.fleet);
        QVERIFY(m_page);
        QVERIFY(QTest::qWaitFor([&] { return !m_page->fleet()->scanner()->isScanning(); }, 30000));
        // Runs come grouped by account unless the user chose otherwise; the tests below that
        // count rows as runs look at the flat list.
        QCOMPARE(m_page->grouping(), FleetPage::Grouping::Account);
        m_page->setGrouping(FleetPage::Grouping::None);
    }

    void cleanupTestCase()
    {
        m_window.reset();
        QSettings().clear();
    }

    void readsTheFleetAndSaysWhatFailed()
    {
        models::FleetRegionsModel *regions = m_page->fleet()->regions();
        QCOMPARE(regions->rowCount(), 14);
        int failed = 0;
        for (int row = 0; row < regions->rowCount(); ++row) {
            const QString state = regions->index(row, models::FleetRegionsModel::StateColumn).data().toString();
            if (regions->regionAt(row).accountId == m_directory.at(4).accountId
                || (regions->regionAt(row).accountId == m_directory.at(6).accountId && regions->regionAt(row).region == u"eu-west-1")) {
                QVERIFY2(state.startsWith(QStringLiteral("Failed")), qPrintable(state));
                ++failed;
            } else {
                QCOMPARE(state, QStringLiteral("Read"));
            }
        }
        QCOMPARE(failed, 3);
        QVERIFY(m_page->runsView()->model()->rowCount() > 3);
        const QString status = m_page->findChild<QLabel *>(QStringLiteral("fleetStatus"))->text();
        QVERIFY2(status.contains(QStringLiteral("14 of 14")) && status.contains(QStringLiteral("3 could not be read")),
                 qPrintable(status));
        // The window says which fleet this is, not "Not connected".
        QVERIFY2(m_window->windowTitle().contains(QStringLiteral("Fleet")), qPrintable(m_window->windowTitle()));
    }

    void everyControlIsNamed()
    {
        const QStringList problems = unnamed(m_page);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
        // The chooser too: accounts with their roles, the denied one among them.
        QList<models::FleetController::Account> accounts;
        for (const sim::SsoAccount &account : m_directory)
            accounts.append({{account.accountId, account.accountName, account.emailAddress}, account.roles, {}});
        FleetAccountsDialog dialog(accounts, m_page->fleet()->chosenAccounts(), m_page->fleet()->chosenRegions(), m_window.get());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        const QStringList dialogProblems = unnamed(&dialog);
        QVERIFY2(dialogProblems.isEmpty(), qPrintable(dialogProblems.join(u'\n')));
        QCOMPARE(dialog.table()->rowCount(), 12);
        QCOMPARE(dialog.chosenAccounts().size(), 7);
        QCOMPARE(dialog.chosenAccounts().at(4).roleName, QStringLiteral("AppFlowDenied"));
        // Search by ID hides the others; a wrong region name stops "Read these".
        QTest::keyClicks(dialog.searchEdit(), m_directory.at(3).accountId);
        int visible = 0;
        for (int row = 0; row < dialog.table()->rowCount(); ++row)
            visible += dialog.table()->isRowHidden(row) ? 0 : 1;
        QCOMPARE(visible, 1);
        dialog.regionsEdit()->setText(QStringLiteral("us-east-1, Frankfurt"));
        QVERIFY(!dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->isEnabled());
        QCOMPARE(dialog.chosenRegions(), QStringList());
    }

    void loginDialogOffersEveryKindOfLogin()
    {
        using models::FleetLogin;
        const QList<FleetLogin> logins{{FleetLogin::Kind::Session, QStringLiteral("corp"), {}, {}},
                                       {FleetLogin::Kind::LegacyProfile, QStringLiteral("old-admin"),
                                        QStringLiteral("https://old.awsapps.com/start"), QStringLiteral("eu-west-1")}};
        FleetLoginDialog dialog(logins, QStringLiteral("~/.aws/config"), m_window.get());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QPushButton *open = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        QCOMPARE(dialog.loginBox()->count(), 4); // the two logins, a typed portal URL, the demo
        QCOMPARE(dialog.chosenLogin().kind, FleetLogin::Kind::Session);
        QVERIFY(open->isEnabled());
        QVERIFY(!dialog.startUrlEdit()->isEnabled());

        // A typed portal URL: Open waits until URL and region are usable, and says why not.
        dialog.loginBox()->setCurrentIndex(2);
        QVERIFY(dialog.startUrlEdit()->isEnabled());
        QVERIFY(!open->isEnabled());
        QVERIFY(dialog.problemLabel()->text().contains(QStringLiteral("portal URL")));
        QTest::keyClicks(dialog.startUrlEdit(), QStringLiteral("corp.awsapps.com/start"));
        QVERIFY(!open->isEnabled());
        QVERIFY2(dialog.problemLabel()->text().contains(QStringLiteral("https://")), qPrintable(dialog.problemLabel()->text()));
        dialog.startUrlEdit()->setText(QStringLiteral("https://corp.awsapps.com/start"));
        dialog.regionBox()->setCurrentText(QStringLiteral("eu-central-1"));
        QVERIFY(open->isEnabled());
        QVERIFY(dialog.problemLabel()->isHidden());
        const FleetLogin typed = dialog.chosenLogin();
        QCOMPARE(typed.kind, FleetLogin::Kind::StartUrl);
        QCOMPARE(typed.startUrl, QStringLiteral("https://corp.awsapps.com/start"));
        QCOMPARE(typed.region, QStringLiteral("eu-central-1"));
        const QStringList problems = unnamed(&dialog);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));

        QSignalSpy chosen(&dialog, &FleetLoginDialog::loginChosen);
        dialog.loginBox()->setCurrentIndex(3);
        QTest::mouseClick(open, Qt::LeftButton);
        QCOMPARE(chosen.size(), 1);
        QCOMPARE(chosen.at(0).at(0).value<FleetLogin>().kind, FleetLogin::Kind::Demo);
    }

    void filterNarrowsTheRuns()
    {
        const int all = m_page->runsView()->model()->rowCount();
        QTest::keyClicks(m_page->filterEdit(), QStringLiteral("eu-west-1"));
        const int filtered = m_page->runsView()->model()->rowCount();
        QVERIFY(filtered > 0 && filtered < all);
        for (int row = 0; row < filtered; ++row)
            QCOMPARE(m_page->runsView()->model()->index(row, models::FleetRunsModel::RegionColumn).data().toString(),
                     QStringLiteral("eu-west-1"));
        m_page->filterEdit()->clear();
        QCOMPARE(m_page->runsView()->model()->rowCount(), all);
    }

    void groupedByAccount()
    {
        m_page->setGrouping(FleetPage::Grouping::Account);
        QTreeView *runs = m_page->runsView();
        QAbstractItemModel *model = runs->model();
        models::FleetRunsModel *flat = m_page->fleet()->runs();
        QHash<QString, int> inProgressOf; // account ID → its runs that can be cancelled
        QSet<QString> accounts;
        for (int row = 0; row < flat->rowCount(); ++row) {
            const models::FleetRunRow &run = flat->runAt(row);
            accounts.insert(run.accountId);
            inProgressOf[run.accountId] += run.record.executionStatus == appflow::ExecutionStatus::InProgress ? 1 : 0;
        }
        QVERIFY(accounts.size() >= 3);
        QCOMPARE(model->rowCount(), accounts.size());
        int runsShown = 0;
        for (int row = 0; row < model->rowCount(); ++row) {
            const QModelIndex group = model->index(row, 0);
            QVERIFY2(group.data().toString().contains(QStringLiteral("active run")), qPrintable(group.data().toString()));
            QVERIFY(runs->isExpanded(group));
            QVERIFY(runs->isFirstColumnSpanned(row, {}));
            const QString account = group.data(models::Roles::GroupKeyRole).toString();
            QVERIFY(accounts.contains(account));
            for (int child = 0; child < model->rowCount(group); ++child) {
                const QModelIndex cell = model->index(child, models::FleetRunsModel::AccountColumn, group);
                QVERIFY(cell.data(Qt::ToolTipRole).toString().contains(account));
                ++runsShown;
            }
        }
        QCOMPARE(runsShown, flat->rowCount());

        // A selected account stands for all its runs; the cancel plan holds exactly those in progress.
        int chosenRow = -1;
        for (int row = 0; row < model->rowCount() && chosenRow < 0; ++row)
            chosenRow = inProgressOf.value(model->index(row, 0).data(models::Roles::GroupKeyRole).toString()) > 0 ? row : -1;
        QVERIFY(chosenRow >= 0);
        const QString chosenAccount = model->index(chosenRow, 0).data(models::Roles::GroupKeyRole).toString();
        runs->selectionModel()->select(model->index(chosenRow, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        QVERIFY(m_page->cancelButton()->isEnabled());
        const CancelPlan plan = m_page->selectedPlan();
        QCOMPARE(plan.runCount(), inProgressOf.value(chosenAccount));

        // Reading again merges: the selected account stays selected, its group stays open.
        m_page->fleet()->refresh();
        QVERIFY(QTest::qWaitFor([&] { return !m_page->fleet()->scanner()->isScanning(); }, 30000));
        const QModelIndexList selected = runs->selectionModel()->selectedRows();
        QCOMPARE(selected.size(), 1);
        QCOMPARE(selected.first().data(models::Roles::GroupKeyRole).toString(), chosenAccount);

        // Collapse all folds every account into its line; the button then offers the opposite.
        QPushButton *fold = nullptr;
        for (QPushButton *button : m_page->findChildren<QPushButton *>())
            fold = button->text().remove(u'&') == u"Collapse all" ? button : fold;
        QVERIFY(fold);
        QTest::mouseClick(fold, Qt::LeftButton);
        for (int row = 0; row < model->rowCount(); ++row)
            QVERIFY(!runs->isExpanded(model->index(row, 0)));
        QCOMPARE(fold->text().remove(u'&'), QStringLiteral("Expand all"));
        QTest::mouseClick(fold, Qt::LeftButton);
        QVERIFY(runs->isExpanded(model->index(0, 0)));

        // Grouped by region: one line per region, and the choice is remembered.
        m_page->groupingBox()->setCurrentIndex(m_page->groupingBox()->findData(QVariant::fromValue(FleetPage::Grouping::Region)));
        emit m_page->groupingBox()->activated(m_page->groupingBox()->currentIndex());
        QCOMPARE(runs->model()->rowCount(), 2);
        QCOMPARE(QSettings().value(QStringLiteral("fleet/groupRunsBy")).toInt(), m_page->groupingBox()->currentIndex());
        const QStringList problems = unnamed(m_page);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
        m_page->setGrouping(FleetPage::Grouping::None);
    }

    void cancelAcrossThreeAccounts()
    {
        m_page->setGrouping(FleetPage::Grouping::None);
        QTreeView *runs = m_page->runsView();
        QSet<QString> accounts;
        QItemSelection selection;
        for (int row = 0; row < runs->model()->rowCount() && accounts.size() < 3; ++row) {
            const QModelIndex index = runs->model()->index(row, models::FleetRunsModel::AccountColumn);
            const QString account = index.data().toString();
            if (accounts.contains(account))
                continue;
            accounts.insert(account);
            selection.select(index, index);
        }
        QCOMPARE(accounts.size(), 3);
        runs->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        QVERIFY(m_page->cancelButton()->isEnabled());
        const CancelPlan plan = m_page->selectedPlan();
        QCOMPARE(plan.flows.size(), 3);
        QCOMPARE(plan.connectionLabels().size(), 3);

        QTest::mouseClick(m_page->cancelButton(), Qt::LeftButton);
        CancelConfirmationDialog *dialog = nullptr;
        QVERIFY(QTest::qWaitFor([&] {
            dialog = m_page->findChild<CancelConfirmationDialog *>();
            return dialog && dialog->isVisible();
        }, 5000));
        // DescribeFlow was asked in each flow's own account: the batch-API fact is known.
        for (const CancelPlan::FlowRuns &flow : dialog->plan().flows)
            QVERIFY2(flow.descriptionKnown, qPrintable(flow.connectionName + u' ' + flow.flowName));
        // The same confirmation: its warnings, and each account named.
        const QString text = [&] {
            QString all;
            for (const QLabel *label : dialog->findChildren<QLabel *>())
                all += label->text() + u'\n';
            return all;
        }();
        QVERIFY2(text.contains(QStringLiteral("cannot be undone"), Qt::CaseInsensitive), qPrintable(text));
        // Each account and region with its own run count.
        QVERIFY2(text.count(QStringLiteral(": 1 run")) == 3, qPrintable(text));
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("cancelRunsButton")), Qt::LeftButton);
        QVERIFY(QTest::qWaitFor([&] { return m_page->outcomeViews().size() == 3; }, 5000));
        QVERIFY(QTest::qWaitFor([&] {
            for (CancelOutcomeView *view : m_page->outcomeViews()) {
                if (!view->controller()->requestsFinished())
                    return false;
            }
            return true;
        }, 20000));

        audit::AuditLogReader reader(m_dir.filePath(QStringLiteral("audit.jsonl")));
        QVERIFY(reader.load());
        QCOMPARE(reader.entries().size(), 6);
        QSet<QString> audited;
        for (const audit::AuditEntry &entry : reader.entries()) {
            QCOMPARE(entry.account.size(), 12);
            QCOMPARE(entry.role, QStringLiteral("FlowdeskOperator"));
            QVERIFY(entry.region == u"us-east-1" || entry.region == u"eu-west-1");
            audited.insert(entry.account);
            if (entry.type == audit::AuditEntry::Type::Result)
                QCOMPARE(entry.outcomes.value(0).kind, audit::AuditOutcome::Kind::CancelStarted);
        }
        QCOMPARE(audited.size(), 3);
    }
};

QTEST_MAIN(TstFleetPage)
#include "tst_fleetpage.moc"
