// Makes the README's screenshots: the real main window, cancel confirmation and outcome view,
// on the demo scenario through the real client and simulator. Run by
// docs/screenshots/make-screenshots.sh under Xvfb; exits non-zero if any step does not happen.
#include "FleetFactory.h"
#include "FleetPage.h"
#include "ActiveRunsModel.h"
#include "AllActiveRunsPane.h"
#include "CancelConfirmationDialog.h"
#include "CancelController.h"
#include "CancelOutcomeView.h"
#include "Connection.h"
#include "ConnectionFactory.h"
#include "ConnectionPage.h"
#include "MainWindow.h"
#include "MessageBar.h"
#include "ModelRoles.h"
#include "RefreshController.h"
#include "Theme.h"
#include "Translations.h"

#include <Simulator.h>

#include <FleetController.h>
#include <SsoDirectory.h>

#include <QApplication>
#include <QNetworkAccessManager>
#include <QDir>
#include <QPushButton>
#include <QTabWidget>
#include <QTest>
#include <QTextStream>
#include <QTreeView>

using namespace flowdesk;

namespace {

bool save(QWidget *widget, const QString &path)
{
    widget->repaint();
    const bool ok = widget->grab().save(path);
    QTextStream(stdout) << (ok ? "wrote " : "FAILED to write ") << path << Qt::endl;
    return ok;
}

int fail(const char *what)
{
    QTextStream(stderr) << "make_screenshots: " << what << Qt::endl;
    return 1;
}

// Triggers "Cancel selected runs…" and waits for the confirmation; null when it did not open.
CancelConfirmationDialog *confirmCancel(MainWindow &window)
{
    window.findChild<QAction *>(QStringLiteral("cancelSelectedAction"))->trigger();
    CancelConfirmationDialog *dialog = nullptr;
    const bool shown = QTest::qWaitFor([&] {
        dialog = window.findChild<CancelConfirmationDialog *>();
        return dialog && dialog->isVisible();
    }, 10000);
    return shown ? dialog : nullptr;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("FlowdeskScreenshots"));
    Q_INIT_RESOURCE(flowdesk);
    installTranslations();
    const QString outDir = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral(".");
    QDir().mkpath(outDir);

    sim::SimulatorConfig config = sim::Simulator::demoConfig();
    config.speed = 20; // cancelled runs settle within a few seconds
    auto *simulator = new sim::Simulator(config);
    if (!simulator->listen())
        return fail("the simulator did not start");
    models::Connection *connection = ConnectionFactory::connectTo(simulator);
    connection->adopt(simulator);

    MainWindow window;
    window.setAuditLogPath(QDir(outDir).filePath(QStringLiteral(".screenshot-audit.jsonl")));
    window.resize(1360, 820);
    window.setConnection(connection);
    // The demo badge's own words, so that a German screenshot says them in German.
    window.showInfo(MainWindow::tr("Connected to Flowdesk's built-in AppFlow simulator: nothing here "
                                   "touches AWS."));
    window.show();
    if (!QTest::qWaitForWindowExposed(&window))
        return fail("the window was not shown");
    auto *refresh = window.refreshController();
    if (!QTest::qWaitFor([&] { return refresh->flows()->rowCount() > 0 && !refresh->isBusy(); }, 20000))
        return fail("the flows did not load");

    // The Bulk API flow: its runs, with two in-progress runs selected.
    const QString flow = QStringLiteral("sf-opportunities-bulk-to-redshift");
    auto *flows = window.findChild<QTreeView *>(QStringLiteral("flowsTreeView"));
    const QModelIndexList match = flows->model()->match(flows->model()->index(0, 0), models::Roles::IdRole,
                                                        flow, 1, Qt::MatchExactly);
    if (match.isEmpty())
        return fail("the demo flow is missing");
    flows->setCurrentIndex(match.first());
    if (!QTest::qWaitFor([&] { return refresh->runs()->rowCount() > 0 && !refresh->isBusy(); }, 20000))
        return fail("the runs did not load");
    auto *runs = window.findChild<QTreeView *>(QStringLiteral("runsTreeView"));
    int selected = 0;
    for (int row = 0; row < runs->model()->rowCount() && selected < 2; ++row) {
        const QModelIndex index = runs->model()->index(row, 0);
        if (index.data(models::Roles::StatusRole).toInt() == int(appflow::ExecutionStatus::InProgress)) {
            runs->selectionModel()->select(index, QItemSelectionModel::Select | QItemSelectionModel::Rows);
            runs->selectionModel()->setCurrentIndex(index, QItemSelectionModel::NoUpdate);
            ++selected;
        }
    }
    if (selected == 0)
        return fail("no run in progress to select");
    QTest::qWait(300);
    if (!save(&window, QDir(outDir).filePath(QStringLiteral("main-window.png"))))
        return 1;

    CancelConfirmationDialog *dialog = confirmCancel(window);
    if (!dialog)
        return fail("the confirmation did not open");
    QTest::qWait(200);
    if (!save(dialog, QDir(outDir).filePath(QStringLiteral("cancel-confirmation.png"))))
        return 1;

    dialog->findChild<QPushButton *>(QStringLiteral("cancelRunsButton"))->click();
    if (!QTest::qWaitFor([&] { return window.lastOutcomeView() != nullptr; }, 5000))
        return fail("the outcome view did not open");
    CancelOutcomeView *outcome = window.lastOutcomeView();
    if (!QTest::qWaitFor([&] { return outcome->controller()->allSettled(); }, 60000))
        return fail("the cancelled runs did not settle");
    QTest::qWait(200);
    if (!save(outcome, QDir(outDir).filePath(QStringLiteral("cancel-outcome.png"))))
        return 1;
    outcome->close();

    // Two connections side by side: a second demo "account" in another region, and All active
    // runs spanning both, with one run of each selected.
    const ConnectionAttempt second = ConnectionFactory::openDemo(QStringLiteral("eu-west-1"));
    if (!second.connection)
        return fail("the second demo did not start");
    ConnectionPage *secondPage = window.addConnection(second.connection);
    auto *secondRefresh = secondPage->refreshController();
    if (!QTest::qWaitFor([&] { return secondRefresh->activeRuns()->rowCount() > 0 && !secondRefresh->isBusy(); }, 20000))
        return fail("the second connection did not load");
    window.findChild<QTabWidget *>(QStringLiteral("viewTabWidget"))->setCurrentWidget(window.allActiveRunsPane());
    QTreeView *active = window.allActiveRunsPane()->view();
    active->sortByColumn(models::ActiveRunsModel::ConnectionColumn, Qt::AscendingOrder);
    QTest::qWait(200);
    for (int row : {0, active->model()->rowCount() - 1}) {
        const QModelIndex index = active->model()->index(row, 0);
        active->selectionModel()->select(index, QItemSelectionModel::Select | QItemSelectionModel::Rows);
        active->selectionModel()->setCurrentIndex(index, QItemSelectionModel::NoUpdate);
    }
    window.messageBar()->hide();
    QTest::qWait(300);
    if (!save(&window, QDir(outDir).filePath(QStringLiteral("all-active-two-connections.png"))))
        return 1;
    dialog = confirmCancel(window);
    if (!dialog)
        return fail("the two-connection confirmation did not open");
    QTest::qWait(200);
    if (!save(dialog, QDir(outDir).filePath(QStringLiteral("cancel-two-connections.png"))))
        return 1;
    dialog->reject();

    // A partial failure: runs of two flows of the first connection, where AppFlow refuses the
    // cancel for one of them (AccessDenied): what the outcome window says then.
    QString firstName;
    for (ConnectionPage *page : window.pages()) {
        if (page->connection() == connection)
            firstName = page->shortName();
    }
    active->clearSelection();
    QStringList chosenFlows;
    for (int row = 0; row < active->model()->rowCount() && chosenFlows.size() < 2; ++row) {
        const QModelIndex index = active->model()->index(row, 0);
        const QString flowName = index.data(models::Roles::FlowNameRole).toString();
        if (active->model()->index(row, models::ActiveRunsModel::ConnectionColumn).data().toString() != firstName
            || index.data(models::Roles::StatusRole).toInt() != int(appflow::ExecutionStatus::InProgress)
            || chosenFlows.contains(flowName))
            continue;
        chosenFlows << flowName;
        active->selectionModel()->select(index, QItemSelectionModel::Select | QItemSelectionModel::Rows);
    }
    if (chosenFlows.size() < 2)
        return fail("no two flows with runs in progress for the partial failure");
    simulator->setFaults(0, 0, 0, {QStringLiteral("CancelFlowExecutions:") + chosenFlows.at(1)});
    dialog = confirmCancel(window);
    if (!dialog)
        return fail("the partial-failure confirmation did not open");
    dialog->findChild<QPushButton *>(QStringLiteral("cancelRunsButton"))->click();
    if (!QTest::qWaitFor([&] { return window.lastOutcomeView() != outcome && window.lastOutcomeView(); }, 5000))
        return fail("the partial-failure outcome view did not open");
    outcome = window.lastOutcomeView();
    if (!QTest::qWaitFor([&] { return outcome->controller()->allSettled(); }, 60000))
        return fail("the partial failure did not settle");
    QTest::qWait(200);
    if (!save(outcome, QDir(outDir).filePath(QStringLiteral("cancel-partial-failure.png"))))
        return 1;
    outcome->close();

    // A partial refresh: two flows of the first connection cannot be read (AccessDenied), and
    // the second connection is closed so the picture is about one account.
    window.closeConnection(secondPage);
    QStringList withRuns;
    for (int row = 0; row < refresh->flows()->rowCount() && withRuns.size() < 2; ++row) {
        const QString name = refresh->flows()->flow(row).flowName;
        if (refresh->flows()->activeRunCount(name) > 0)
            withRuns << name;
    }
    simulator->setFaults(0, 0, 0, {QStringLiteral("DescribeFlowExecutionRecords:") + withRuns.value(0),
                                   QStringLiteral("DescribeFlowExecutionRecords:") + withRuns.value(1)});
    window.findChild<QTabWidget *>(QStringLiteral("viewTabWidget"))->setCurrentWidget(window.allActiveRunsPane());
    refresh->refresh();
    if (!QTest::qWaitFor([&] { return !refresh->isBusy() && refresh->unreadFlows().size() == 2; }, 20000))
        return fail("the partial refresh did not happen");
    window.allActiveRunsPane()->view()->clearSelection();
    QTest::qWait(300);
    if (!save(&window, QDir(outDir).filePath(QStringLiteral("partial-refresh.png"))))
        return 1;

    // The same partial refresh in the dark theme (View → Theme → Dark): the error bar, badges
    // and icons take the dark palette's tones.
    Theme::rememberSystemLook();
    Theme::apply(Theme::Choice::Dark);
    QTest::qWait(300);
    if (!save(&window, QDir(outDir).filePath(QStringLiteral("partial-refresh-dark.png"))))
        return 1;

    // The timeline of a flow's runs, in the dark theme and in the light one.
    simulator->setFaults(0, 0, 0, {});
    window.messageBar()->hide();
    ConnectionPage *firstPage = window.pages().value(0);
    if (!firstPage)
        return fail("the first connection is gone");
    window.findChild<QTabWidget *>(QStringLiteral("viewTabWidget"))->setCurrentWidget(firstPage);
    flows->setCurrentIndex(QModelIndex());
    const QModelIndexList busiest = flows->model()->match(flows->model()->index(0, 0), models::Roles::IdRole,
                                                          QStringLiteral("zendesk-tickets-to-s3"), 1, Qt::MatchExactly);
    flows->setCurrentIndex(busiest.value(0, match.first()));
    if (!QTest::qWaitFor([&] { return refresh->runs()->rowCount() > 0 && !refresh->isBusy(); }, 20000))
        return fail("the runs for the timeline did not load");
    firstPage->findChild<QTabWidget *>(QStringLiteral("runsTabs"))->setCurrentIndex(1);
    QTest::qWait(300);
    if (!save(&window, QDir(outDir).filePath(QStringLiteral("timeline-dark.png"))))
        return 1;
    Theme::apply(Theme::Choice::Light);
    QTest::qWait(300);
    if (!save(&window, QDir(outDir).filePath(QStringLiteral("timeline.png"))))
        return 1;

    // The Fleet tab: the demo fleet's accounts in two regions, read, with a role without
    // AppFlow rights in one account and a region one account has not enabled.
    QNetworkAccessManager fleetNetwork;
    const FleetAttempt fleetAttempt = FleetFactory::openDemo(&fleetNetwork);
    if (!fleetAttempt.fleet)
        return fail("the demo fleet did not open");
    models::FleetController *fleet = fleetAttempt.fleet;
    QList<fleet::FleetAccountChoice> chosen;
    for (int i = 0; i < 8; ++i) {
        const sim::SsoAccount account = sim::SsoDirectory::generate(FleetFactory::kDemoAccounts, 1).at(i);
        chosen.append({account.accountId, account.accountName,
                       i == 4 ? QStringLiteral("AppFlowDenied") : QStringLiteral("FlowdeskOperator")});
    }
    fleet->setChoice(chosen, {QStringLiteral("us-east-1"), QStringLiteral("eu-west-1")});
    FleetPage *fleetPage = window.addFleet(fleet);
    if (!QTest::qWaitFor([&] { return !fleet->scanner()->isScanning(); }, 30000))
        return fail("the demo fleet was not read");
    QTest::qWait(300);
    // A run of the first account (the runs are grouped by account).
    QAbstractItemModel *fleetRuns = fleetPage->runsView()->model();
    fleetPage->runsView()->selectionModel()->select(fleetRuns->index(0, 0, fleetRuns->index(0, 0)),
                                                    QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    if (!save(&window, QDir(outDir).filePath(QStringLiteral("fleet.png"))))
        return 1;
    QFile::remove(QDir(outDir).filePath(QStringLiteral(".screenshot-audit.jsonl")));
    return 0;
}
