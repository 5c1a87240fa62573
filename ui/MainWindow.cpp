#include "MainWindow.h"
#include "PaletteIcons.h"
#include "Theme.h"
#include "ScreenFit.h"

#include "ActiveRunsModel.h"
#include "AllActiveRunsPane.h"
#include "CancelController.h"
#include "CancelWorkflow.h"
#include "CancelOutcomeView.h"
#include "CancelReconciler.h"
#include "Connection.h"
#include "ConnectionChoice.h"
#include "ConnectionDialog.h"
#include "ConnectionPage.h"
#include "FleetLoginDialog.h"
#include "FleetPage.h"

#include <AwsConfig.h>
#include <FleetController.h>
#include "ConnectionsSidebar.h"
#include "DisplayFormat.h"
#include "ErrorPresenter.h"
#include "FlowListModel.h"
#include "HistoryWindow.h"
#include "MessageBar.h"
#include "MessageBoxes.h"
#include "PreferencesDialog.h"
#include "RefreshController.h"

#include <AuditLog.h>

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QProgressBar>
#include <QSettings>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QToolBar>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>


namespace flowdesk {

using appflow::ExecutionRecord;
using appflow::ExecutionStatus;
using appflow::FlowDefinition;

namespace {

bool canBeDeactivated(const FlowDefinition &flow)
{
    return (flow.triggerType == appflow::TriggerType::Scheduled
            || flow.triggerType == appflow::TriggerType::Event)
        && flow.flowStatus == appflow::FlowStatus::Active;
}

bool canBeStarted(const FlowDefinition &flow)
{
    return flow.triggerType == appflow::TriggerType::OnDemand
        && flow.flowStatus != appflow::FlowStatus::Draft
        && flow.flowStatus != appflow::FlowStatus::Deleted
        && flow.flowStatus != appflow::FlowStatus::Deprecated;
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_auditLogPath(audit::AuditLog::defaultFilePath())
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Flowdesk"));
    ScreenFit::resizeWithin(this, QSize(1280, 800));

    createActions();
    updatePaletteIcons();
    createMenus();
    createToolBar();

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(6, 6, 6, 0);
    m_messageBar = new MessageBar(central);
    layout->addWidget(m_messageBar);

    // One tab per connection, then "All active runs" across all of them (always last).
    m_tabs = new QTabWidget(central);
    m_tabs->tabBar()->setAccessibleName(tr("Connections"));
    m_tabs->tabBar()->setAccessibleDescription(tr("One tab per open connection, and All active runs across them"));
    m_tabs->setObjectName(QStringLiteral("viewTabWidget"));
    m_tabs->setDocumentMode(true);
    m_tabs->setTabsClosable(true);
    m_activePane = new AllActiveRunsPane(m_tabs);
    m_activePane->view()->addActions({m_cancelSelectedAction, m_cancelFlowAction,
                                      m_cancelAllAction, m_refreshAction});
    m_tabs->addTab(m_activePane, tr("All active runs"));
    m_tabs->tabBar()->setTabButton(0, QTabBar::RightSide, nullptr); // it cannot be closed
    m_tabs->tabBar()->setTabButton(0, QTabBar::LeftSide, nullptr);
    layout->addWidget(m_tabs, 1);
    setCentralWidget(central);
    connect(m_tabs, &QTabWidget::currentChanged, this, &MainWindow::currentTabChanged);
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, [this](int index) {
        if (auto *page = qobject_cast<ConnectionPage *>(m_tabs->widget(index)))
            closeConnection(page);
        else if (auto *fleet = qobject_cast<FleetPage *>(m_tabs->widget(index))) {
            // Its cancels' results windows close with it; requests still being sent must not
            // lose their answers (and audit results).
            if (fleet->cancelsInFlight())
                showInfo(tr("The fleet cannot close while a cancel is being sent; try again when "
                            "its results window says the requests are done."));
            else
                fleet->deleteLater();
        }
    });
    connect(m_activePane, &AllActiveRunsPane::stateChanged, this, [this] {
        // How many runs are going right now, visible from any tab.
        const int rows = m_activePane->view()->model()->rowCount();
        // "6+": some flows could not be read, so there may be more.
        const QString count = m_activePane->isPartial() ? tr("%1+").arg(rows) : QString::number(rows);
        m_tabs->setTabText(m_tabs->indexOf(m_activePane),
                           rows > 0 || m_activePane->isPartial() ? tr("All active runs (%1)").arg(count)
                                                                : tr("All active runs"));
        updateActions();
        if (allActiveTabIsCurrent())
            updateStatusBar();
    });

    createStatusBar();
    createConnectionsSidebar();
    createCancelWorkflow();
    restoreSettings();
    updateStatusBar();
    updateActions();
}

MainWindow::~MainWindow()
{
    // First: a DescribeFlow dropped with its connection below must not open a confirmation.
    delete m_cancels;
    m_cancels = nullptr;
    // Pages first: their outcome views and models go while the window still exists.
    for (ConnectionPage *page : pages()) {
        m_activePane->removeConnection(page);
        delete page;
    }
}

CancelOutcomeView *MainWindow::lastOutcomeView() const
{
    return m_cancels->lastOutcomeView();
}

void MainWindow::setAuditLogPath(const QString &path)
{
    m_auditLogPath = path;
    m_cancels->setAuditLogPath(path);
}

void MainWindow::prepareCancel(CancelPlan plan)
{
    plan.requireTypedConfirmation = m_preferences.requireTypedConfirmation;
    m_cancels->begin(std::move(plan));
}

void MainWindow::createCancelWorkflow()
{
    m_cancels = new CancelWorkflow(this, [this](const models::Connection *connection) {
        return pageOf(connection);
    });
    m_cancels->setAuditLogPath(m_auditLogPath);
    connect(m_cancels, &CancelWorkflow::info, this, [this](const QString &text) { showInfo(text); });
    connect(m_cancels, &CancelWorkflow::progress, this,
            [this](const QString &text) { statusBar()->showMessage(text, 3000); });
    connect(m_cancels, &CancelWorkflow::errorOccurred, this, &MainWindow::showError);
    connect(m_cancels, &CancelWorkflow::auditFailed, this, [this](const QString &message) {
        BarMessage bar;
        bar.severity = BarMessage::Severity::Error;
        bar.text = message;
        bar.hint = tr("Free disk space or fix the permissions of %1, then try again.").arg(m_auditLogPath);
        m_messageBar->showMessage(bar);
    });
}

// A toolbar tooltip says what the action does and how to reach it from the keyboard; the
// label alone is already on the button. The status bar shows the same words on hover in menus.
void MainWindow::setWhatItDoes(QAction *action, const QString &description)
{
    QString tip = description;
    if (!action->shortcut().isEmpty())
        tip += QStringLiteral(" (%1)").arg(action->shortcut().toString(QKeySequence::NativeText));
    action->setToolTip(tip);
    action->setStatusTip(description);
}

void MainWindow::createActions()
{
    m_openConnectionAction = new QAction(QIcon::fromTheme(QStringLiteral("network-server"),
                                                          style()->standardIcon(QStyle::SP_DriveNetIcon)),
                                         tr("&Open connection…"), this);
    m_openConnectionAction->setObjectName(QStringLiteral("openConnectionAction"));
    m_openConnectionAction->setShortcut(QKeySequence::Open);
    setWhatItDoes(m_openConnectionAction, tr("Open another AWS profile, account or region in a new tab"));
    connect(m_openConnectionAction, &QAction::triggered, this, &MainWindow::openConnectionDialog);

    m_openFleetAction = new QAction(tr("Open IAM Identity Center &fleet…"), this);
    m_openFleetAction->setObjectName(QStringLiteral("openFleetAction"));
    setWhatItDoes(m_openFleetAction, tr("Read the active runs of every account an IAM Identity Center login reaches"));
    connect(m_openFleetAction, &QAction::triggered, this, &MainWindow::chooseFleet);

    m_closeConnectionAction = new QAction(tr("&Close connection"), this);
    m_closeConnectionAction->setObjectName(QStringLiteral("closeConnectionAction"));
    m_closeConnectionAction->setShortcut(QKeySequence::Close);
    connect(m_closeConnectionAction, &QAction::triggered, this, [this] {
        if (!allActiveTabIsCurrent() && currentPage())
            closeConnection(currentPage());
    });

    m_refreshAction = new QAction(QIcon::fromTheme(QStringLiteral("view-refresh"),
                                                   style()->standardIcon(QStyle::SP_BrowserReload)),
                                  tr("&Refresh"), this);
    m_refreshAction->setObjectName(QStringLiteral("refreshAction"));
    m_refreshAction->setShortcut(QKeySequence::Refresh);
    setWhatItDoes(m_refreshAction, tr("Read flows and runs again from AppFlow"));
    connect(m_refreshAction, &QAction::triggered, this, [this] {
        for (ConnectionPage *page : pagesInView())
            page->refreshController()->refresh();
    });

    m_stopAction = new QAction(style()->standardIcon(QStyle::SP_BrowserStop), tr("S&top"), this);
    m_stopAction->setObjectName(QStringLiteral("stopAction"));
    setWhatItDoes(m_stopAction, tr("Stop the refresh in progress; what was read so far stays, marked as partial"));
    connect(m_stopAction, &QAction::triggered, this, [this] {
        for (ConnectionPage *page : pagesInView())
            page->refreshController()->stop();
    });

    m_cancelSelectedAction = new QAction(style()->standardIcon(QStyle::SP_DialogCancelButton),
                                         tr("Cancel selected runs…"), this);
    m_cancelSelectedAction->setObjectName(QStringLiteral("cancelSelectedAction"));
    m_cancelSelectedAction->setShortcut(QKeySequence::Delete);
    m_cancelSelectedAction->setShortcutContext(Qt::WindowShortcut);
    setWhatItDoes(m_cancelSelectedAction, tr("Cancel the runs selected in the table, after a confirmation "
                                             "that says what cancelling costs"));
    connect(m_cancelSelectedAction, &QAction::triggered, this, &MainWindow::cancelSelectedRuns);

    m_cancelFlowAction = new QAction(tr("Cancel all active runs of this flow…"), this);
    m_cancelFlowAction->setObjectName(QStringLiteral("cancelFlowAction"));
    m_cancelFlowAction->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_Delete));
    setWhatItDoes(m_cancelFlowAction, tr("Cancel every run of the selected flow that is in progress now, "
                                         "after a confirmation"));
    connect(m_cancelFlowAction, &QAction::triggered, this, &MainWindow::cancelAllOfCurrentFlow);

    m_cancelAllAction = new QAction(tr("Cancel every active run…"), this);
    m_cancelAllAction->setObjectName(QStringLiteral("cancelAllAction"));
    connect(m_cancelAllAction, &QAction::triggered, this, &MainWindow::cancelAllActiveRuns);

    m_deactivateAction = new QAction(tr("&Deactivate flow…"), this);
    m_deactivateAction->setObjectName(QStringLiteral("deactivateAction"));
    setWhatItDoes(m_deactivateAction, tr("Stop new scheduled or event runs of this flow (StopFlow); "
                                         "runs in progress go on"));
    connect(m_deactivateAction, &QAction::triggered, this, &MainWindow::deactivateCurrentFlow);

    m_startAction = new QAction(tr("&Start run"), this);
    m_startAction->setObjectName(QStringLiteral("startAction"));
    setWhatItDoes(m_startAction, tr("Start a run of this on-demand flow now (StartFlow)"));
    connect(m_startAction, &QAction::triggered, this, &MainWindow::startRunOfCurrentFlow);

    m_historyAction = new QAction(tr("Cancel &history"), this);
    m_historyAction->setObjectName(QStringLiteral("historyAction"));
    m_historyAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_H));
    setWhatItDoes(m_historyAction, tr("Every cancel Flowdesk sent, from the audit log"));
    connect(m_historyAction, &QAction::triggered, this, &MainWindow::showHistory);

    m_preferencesAction = new QAction(tr("&Preferences…"), this);
    m_preferencesAction->setObjectName(QStringLiteral("preferencesAction"));
    m_preferencesAction->setShortcut(QKeySequence::Preferences);
    m_preferencesAction->setMenuRole(QAction::PreferencesRole);
    connect(m_preferencesAction, &QAction::triggered, this, [this] {
        auto *dialog = new PreferencesDialog(m_preferences, this);
        connect(dialog, &PreferencesDialog::preferencesChanged, this, [this](const Preferences &p) {
            QSettings settings;
            p.save(settings);
            applyProxy(p);
            setPreferences(p);
        });
        dialog->open();
    });

    m_quitAction = new QAction(tr("&Quit"), this);
    m_quitAction->setObjectName(QStringLiteral("quitAction"));
    m_quitAction->setShortcut(QKeySequence::Quit);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    m_aboutAction = new QAction(tr("&About Flowdesk"), this);
    m_aboutAction->setObjectName(QStringLiteral("aboutAction"));
    connect(m_aboutAction, &QAction::triggered, this, [this] {
        MessageBoxes::information(
            this, tr("About Flowdesk"),
            tr("<b>Flowdesk %1</b><p>Administer Amazon AppFlow flows and their runs.</p>"
               "<p>Qt %2, %3 build.</p>")
                .arg(QCoreApplication::applicationVersion(), QString::fromLatin1(qVersion()),
                     QStringLiteral(FLOWDESK_BUILD_TYPE)));
    });
}

void MainWindow::createMenus()
{
    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    fileMenu->setObjectName(QStringLiteral("fileMenu"));
    fileMenu->addAction(m_openConnectionAction);
    fileMenu->addAction(m_openFleetAction);
    fileMenu->addAction(m_closeConnectionAction);
    fileMenu->addSeparator();
    fileMenu->addAction(m_historyAction);
    fileMenu->addAction(m_preferencesAction);
    fileMenu->addSeparator();
    fileMenu->addAction(m_quitAction);

    QMenu *viewMenu = menuBar()->addMenu(tr("&View"));
    viewMenu->setObjectName(QStringLiteral("viewMenu"));
    viewMenu->addAction(m_refreshAction);
    viewMenu->addAction(m_stopAction);
    viewMenu->addSeparator();
    createThemeMenu(viewMenu);

    QMenu *runsMenu = menuBar()->addMenu(tr("&Runs"));
    runsMenu->setObjectName(QStringLiteral("runsMenu"));
    runsMenu->addAction(m_cancelSelectedAction);
    runsMenu->addAction(m_cancelFlowAction);
    runsMenu->addAction(m_cancelAllAction);
    runsMenu->addSeparator();
    runsMenu->addAction(m_startAction);
    runsMenu->addAction(m_deactivateAction);

    QMenu *helpMenu = menuBar()->addMenu(tr("&Help"));
    helpMenu->setObjectName(QStringLiteral("helpMenu"));
    helpMenu->addAction(m_aboutAction);
}

// View → Theme: the desktop's look, or Fusion light or dark; remembered for the next start.
void MainWindow::createThemeMenu(QMenu *viewMenu)
{
    QMenu *themeMenu = viewMenu->addMenu(tr("&Theme"));
    themeMenu->setObjectName(QStringLiteral("themeMenu"));
    auto *group = new QActionGroup(themeMenu);
    const Theme::Choice current = Theme::load(QSettings());
    const std::pair<Theme::Choice, QString> choices[] = {
        {Theme::Choice::System, tr("&System")}, {Theme::Choice::Light, tr("&Light")}, {Theme::Choice::Dark, tr("&Dark")}};
    for (const auto &[choice, text] : choices) {
        QAction *action = themeMenu->addAction(text);
        action->setObjectName(QStringLiteral("themeAction%1").arg(int(choice)));
        action->setCheckable(true);
        action->setChecked(choice == current);
        group->addAction(action);
        connect(action, &QAction::triggered, this, [choice = choice] {
            QSettings settings;
            Theme::save(settings, choice);
            Theme::apply(choice);
        });
    }
}

// Icons whose colour follows the palette; drawn again when the palette changes.
void MainWindow::updatePaletteIcons()
{
    m_deactivateAction->setIcon(PaletteIcons::pause(palette()));
    m_startAction->setIcon(PaletteIcons::play(palette()));
}

void MainWindow::createToolBar()
{
    QToolBar *toolBar = addToolBar(tr("Main"));
    toolBar->setObjectName(QStringLiteral("mainToolBar"));
    toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolBar->setMovable(false);
    toolBar->addAction(m_openConnectionAction);
    toolBar->addAction(m_refreshAction);
    toolBar->addSeparator();
    toolBar->addAction(m_cancelSelectedAction);
    toolBar->addAction(m_cancelFlowAction);
    toolBar->addSeparator();
    toolBar->addAction(m_startAction);
    toolBar->addAction(m_deactivateAction);
}

void MainWindow::createStatusBar()
{
    m_demoBadge = new QLabel(tr(" DEMO "), this);
    m_demoBadge->setObjectName(QStringLiteral("demoBadgeLabel"));
    m_demoBadge->setToolTip(tr("Connected to Flowdesk's built-in AppFlow simulator: nothing here "
                               "touches AWS."));
    m_demoBadge->setStyleSheet(QStringLiteral(
        "QLabel { background: #6a1b9a; color: white; font-weight: bold; border-radius: 3px; "
        "padding: 1px 6px; }"));
    m_demoBadge->hide();
    m_connectionLabel = new QLabel(tr("Not connected"), this);
    m_connectionLabel->setObjectName(QStringLiteral("connectionLabel"));
    m_connectionLabel->setAccessibleName(tr("Active connection"));
    m_connectionLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_refreshedLabel = new QLabel(this);
    m_refreshedLabel->setObjectName(QStringLiteral("lastRefreshedLabel"));
    m_progressBar = new QProgressBar(this);
    m_progressBar->setObjectName(QStringLiteral("refreshProgressBar"));
    m_progressBar->setMaximumWidth(180);
    m_progressBar->setTextVisible(true);
    m_progressBar->hide();
    m_stopButton = new QToolButton(this);
    m_stopButton->setDefaultAction(m_stopAction);
    m_stopButton->setAutoRaise(true);
    m_stopButton->hide();

    statusBar()->addWidget(m_demoBadge);
    statusBar()->addWidget(m_connectionLabel, 1);
    statusBar()->addPermanentWidget(m_progressBar);
    statusBar()->addPermanentWidget(m_stopButton);
    statusBar()->addPermanentWidget(m_refreshedLabel);
}


ConnectionPage *MainWindow::addConnection(models::Connection *connection)
{
    if (!connection)
        return nullptr;
    for (ConnectionPage *page : pages()) {
        if (page->connection()->info().label() == connection->info().label()) {
            delete connection;
            m_tabs->setCurrentWidget(page);
            showInfo(tr("%1 is already open.").arg(page->connection()->info().label()));
            return page;
        }
    }
    auto *page = new ConnectionPage(connection, m_preferences, m_tabs);
    page->setContextActions({m_cancelFlowAction, m_startAction, m_deactivateAction, m_refreshAction},
                            {m_cancelSelectedAction, m_cancelFlowAction, m_refreshAction});
    page->restoreLayout(QSettings(), m_flowToRestore);
    m_flowToRestore.clear();
    const int index = m_tabs->insertTab(m_tabs->count() - 1, page, page->shortName());
    m_tabs->setTabToolTip(index, connection->info().label());
    m_activePane->addConnection(page);
    rememberChoice(connection->info());

    models::RefreshController *refresh = page->refreshController();
    connect(page, &ConnectionPage::stateChanged, this, [this, page] {
        if (pagesInView().contains(page))
            updateActions();
    });
    connect(page, &ConnectionPage::currentFlowChanged, this, &MainWindow::updateTabTitles);
    connect(refresh, &models::RefreshController::errorOccurred, this,
            [this, page](const appflow::AppFlowError &error, const QString &operation, const QString &flow) {
                showError(page, error, operation, flow);
            });
    connect(refresh, &models::RefreshController::busyChanged, this, [this, page, refresh](bool busy) {
        updateStatusBar();
        // Stopped by the user: say what is shown now, never "Refreshed".
        if (!busy && refresh->wasStopped()) {
            const QDateTime from = refresh->lastRead();
            const QString shown = from.isValid()
                ? tr("Refresh stopped \u2014 showing data from %1.")
                      .arg(QLocale().toString(from.time(), QLocale::ShortFormat))
                : tr("Refresh stopped \u2014 nothing has been loaded yet.");
            showInfo(pages().size() > 1 ? tr("%1: %2").arg(page->shortName(), shown) : shown,
                     tr("Press F5 to refresh again."));
        }
    });
    connect(refresh, &models::RefreshController::stateChanged, this, &MainWindow::updateStatusBar);
    connect(refresh, &models::RefreshController::progressChanged, this, [this, page, refresh](int done, int total) {
        if (!pagesInView().contains(page))
            return;
        m_progressBar->setRange(0, qMax(total, 1));
        m_progressBar->setValue(done);
        // Done counts the flows whose read failed too; the failures are said apart.
        const int failed = int(refresh->unreadFlows().size());
        m_progressBar->setFormat(failed > 0 && done > 0
                                     ? tr("%1 of %2 flows (%3 not read)").arg(done).arg(total).arg(failed)
                                     : tr("%1 of %2 flows").arg(done).arg(total));
    });
    watchCredentials(page);
    refresh->setPaused(isMinimized());

    m_tabs->setCurrentWidget(page);
    // The keyboard starts in the new connection's flow list (at start-up too), not on the tab
    // bar: arrows pick a flow at once.
    page->flowsView()->setFocus(Qt::OtherFocusReason);
    updateTabTitles();
    updateStatusBar();
    updateActions();
    refresh->refresh();
    reconcileInterruptedCancels(page);
    return page;
}

void MainWindow::reconcileInterruptedCancels(ConnectionPage *page)
{
    auto *reconciler = new models::CancelReconciler(page->connection()->client(),
                                                    page->connection()->info(), m_auditLogPath,
                                                    m_startedAt, page);
    QPointer<ConnectionPage> target = page;
    connect(reconciler, &models::CancelReconciler::finished, this,
            [this, reconciler, target](const models::CancelReconciler::Summary &summary) {
                reconciler->deleteLater();
                if (summary.cancels == 0 && summary.unreadFlows.isEmpty())
                    return;
                QStringList statuses;
                for (auto it = summary.statuses.cbegin(); it != summary.statuses.cend(); ++it)
                    statuses << tr("%1 %2").arg(it.value()).arg(
                        it.key() == QLatin1String("not found")
                            ? tr("not found")
                            : models::DisplayFormat::executionStatus(
                                  appflow::executionStatusFromString(it.key()), it.key())
                                  .toLower());
                BarMessage message;
                message.severity = BarMessage::Severity::Warning;
                if (summary.cancels > 0) {
                    message.text = tr("%n cancel(s) from %1 were not confirmed before Flowdesk "
                                      "closed.", nullptr, summary.cancels)
                                       .arg(QLocale().toString(summary.earliest.toLocalTime(),
                                                               QLocale::ShortFormat));
                    message.detail = statuses.isEmpty()
                                         ? QString()
                                         : tr("Their runs now: %1.").arg(statuses.join(tr(", ")));
                    message.hint = tr("What AppFlow shows now is recorded in Cancel history. A run "
                                      "still in progress was not cancelled: cancel it again if "
                                      "needed.");
                } else {
                    message.text = tr("Earlier cancels of %1 were not confirmed before Flowdesk "
                                      "closed, and their runs could not be read now.")
                                       .arg(summary.unreadFlows.join(tr(", ")));
                    message.hint = tr("Flowdesk checks them again at the next start; Cancel "
                                      "history lists them as \u201cNo result recorded\u201d.");
                }
                if (summary.auditFailed)
                    message.hint += u' ' + tr("Some of it could not be written to the audit log.");
                if (pages().size() > 1 && target)
                    message.text = tr("%1: %2").arg(target->shortName(), message.text);
                message.actionText = tr("Cancel history");
                message.action = [this] { showHistory(); };
                m_messageBar->showMessage(message);
            });
    reconciler->start();
}

void MainWindow::setConnection(models::Connection *connection)
{
    for (ConnectionPage *page : pages()) {
        m_activePane->removeConnection(page);
        delete page;
    }
    addConnection(connection);
    updateTabTitles();
    updateStatusBar();
    updateActions();
}

bool MainWindow::closeConnection(ConnectionPage *page)
{
    if (page->cancelRequestsInFlight()) {
        showInfo(tr("%1 cannot be closed yet: a cancel is still being sent there.")
                     .arg(page->connection()->info().label()),
                 tr("Close it again once the cancel window says every request has answered."));
        m_closeRefusalText = m_messageBar->text();
        return false;
    }
    if (page->hasOpenOutcomeWindows()) {
        // Its cancel result windows watch the runs through this connection and go with it:
        // say so instead of closing them behind the user's back.
        QPointer<ConnectionPage> target = page;
        MessageBoxes::question(
            this, tr("Close connection"),
            tr("Close %1? Its cancel result window closes with it; what was cancelled stays in "
               "Cancel History.").arg(page->connection()->info().label()),
            QMessageBox::Close | QMessageBox::Cancel, QMessageBox::Cancel,
            [this, target](QMessageBox::StandardButton answer) {
                if (answer == QMessageBox::Close && target && !target->cancelRequestsInFlight())
                    removeConnection(target);
            });
        return false;
    }
    removeConnection(page);
    return true;
}

void MainWindow::removeConnection(ConnectionPage *page)
{
    // A "cannot close yet" message was about the cancel this connection was sending; closing
    // it means those requests have answered, so the message is over.
    if (!m_closeRefusalText.isEmpty() && m_messageBar->text() == m_closeRefusalText)
        m_messageBar->clear();
    m_closeRefusalText.clear();
    {
        QSettings settings;
        page->saveLayout(settings);
    }
    m_activePane->removeConnection(page);
    delete page; // its tab goes with it
    updateTabTitles();
    updateStatusBar();
    updateActions();
}

QList<ConnectionPage *> MainWindow::pages() const
{
    QList<ConnectionPage *> result;
    for (int i = 0; i < m_tabs->count(); ++i) {
        if (auto *page = qobject_cast<ConnectionPage *>(m_tabs->widget(i)))
            result.append(page);
    }
    return result;
}

bool MainWindow::allActiveTabIsCurrent() const
{
    return m_tabs->currentWidget() == m_activePane;
}

ConnectionPage *MainWindow::currentPage() const
{
    if (auto *page = qobject_cast<ConnectionPage *>(m_tabs->currentWidget()))
        return page;
    // A Fleet tab acts on its own accounts, never on another tab's connection.
    if (qobject_cast<FleetPage *>(m_tabs->currentWidget()))
        return nullptr;
    if (const auto run = m_activePane->currentRun())
        return run->page;
    const QList<ConnectionPage *> all = pages();
    return all.isEmpty() ? nullptr : all.first();
}

QList<ConnectionPage *> MainWindow::pagesInView() const
{
    if (allActiveTabIsCurrent())
        return pages();
    ConnectionPage *page = currentPage();
    return page ? QList<ConnectionPage *>{page} : QList<ConnectionPage *>{};
}

ConnectionPage *MainWindow::pageOf(const models::Connection *connection) const
{
    for (ConnectionPage *page : pages()) {
        if (page->connection() == connection)
            return page;
    }
    return nullptr;
}

models::Connection *MainWindow::connection() const
{
    ConnectionPage *page = currentPage();
    return page ? page->connection() : nullptr;
}

models::RefreshController *MainWindow::refreshController() const
{
    ConnectionPage *page = currentPage();
    return page ? page->refreshController() : nullptr;
}

void MainWindow::createConnectionsSidebar()
{
    auto *dock = new QDockWidget(tr("Connections"), this);
    dock->setObjectName(QStringLiteral("connectionsDock"));
    dock->setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable);
    dock->setAllowedAreas(Qt::LeftDockWidgetArea | Qt::RightDockWidgetArea);
    m_sidebar = new ConnectionsSidebar(dock);
    dock->setWidget(m_sidebar);
    addDockWidget(Qt::LeftDockWidgetArea, dock);
    // A fifth of the window at most, so a small screen keeps room for the flows and runs.
    resizeDocks({dock}, {qMin(230, width() / 5)}, Qt::Horizontal);
    QAction *toggle = dock->toggleViewAction();
    toggle->setObjectName(QStringLiteral("connectionsSidebarAction"));
    toggle->setText(tr("&Connections sidebar"));
    toggle->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    if (QMenu *view = menuBar()->findChild<QMenu *>(QStringLiteral("viewMenu"))) {
        view->addSeparator();
        view->addAction(toggle);
    }
    connect(m_sidebar, &ConnectionsSidebar::connectionChosen, this, &MainWindow::connectionRequested);
    connect(m_sidebar, &ConnectionsSidebar::moreRequested, this, &MainWindow::openConnectionDialogAt);
}

// The sidebar shows which of its entries are open in a tab.
void MainWindow::updateSidebarMarks()
{
    QList<std::pair<models::ConnectionInfo::Kind, QString>> open;
    for (ConnectionPage *page : pages()) {
        const models::ConnectionInfo &info = page->connection()->info();
        open.append({info.kind, info.name});
    }
    m_sidebar->setOpenConnections(open);
}

void MainWindow::setStoredAccounts(aws::StoredAccounts *accounts)
{
    m_accounts = accounts;
    m_sidebar->setStoredAccounts(accounts);
    updateSidebarMarks();
}

void MainWindow::openConnectionDialog()
{
    const ConnectionPage *page = currentPage();
    if (page)
        openConnectionDialogAt(page->connection()->info().kind, page->connection()->info().name);
    else
        openConnectionDialogAt(models::ConnectionInfo::Kind::Profile, QString());
}

void MainWindow::openConnectionDialogAt(models::ConnectionInfo::Kind kind, const QString &name)
{
    if (!m_accounts) {
        showInfo(tr("Opening connections is not available in this window."));
        return;
    }
    auto *dialog = new ConnectionDialog(m_accounts, QProcessEnvironment::systemEnvironment(), this);
    dialog->setLastChoices(m_lastChoices);
    dialog->selectEntry(kind, name);
    connect(dialog, &ConnectionDialog::connectionChosen, this, &MainWindow::connectionRequested);
    dialog->open();
}

void MainWindow::chooseFleet()
{
    const aws::AwsConfig config = aws::AwsConfig::load();
    if (!config.isValid())
        showInfo(config.errorString()); // the dialog still offers a typed start URL and the demo
    auto *dialog = new FleetLoginDialog(models::FleetLogin::fromConfig(config), config.configPath(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &FleetLoginDialog::loginChosen, this, &MainWindow::fleetRequested);
    dialog->open();
}

FleetPage *MainWindow::addFleet(models::FleetController *fleet)
{
    auto *page = new FleetPage(fleet);
    page->setAuditLogPath(m_auditLogPath);
    connect(page, &FleetPage::info, this, [this](const QString &text) { showInfo(text); });
    const int index = m_tabs->insertTab(m_tabs->count() - 1, page, page->title());
    m_tabs->setTabToolTip(index, tr("Every chosen account and region of %1, and their active runs").arg(fleet->name()));
    m_tabs->setCurrentIndex(index);
    page->start();
    return page;
}

void MainWindow::showConnectionError(const QString &error)
{
    BarMessage message;
    message.text = tr("Flowdesk could not open the connection.");
    message.detail = error;
    message.hint = tr("Fix what is named above, then open the connection again.");
    message.actionText = tr("Open connection…");
    message.action = [this] { openConnectionDialog(); };
    m_messageBar->showMessage(message);
}

void MainWindow::currentTabChanged()
{
    updateStatusBar();
    updateActions();
}

// Connection tabs say whose they are; the window title says which connection and flow is in
// front, so a glance at the task bar tells the account too.
void MainWindow::updateTabTitles()
{
    // Two connections that differ only in their endpoint (two simulators, a VPC endpoint…)
    // must not read the same: add the host.
    QHash<QString, int> uses;
    for (ConnectionPage *page : pages())
        ++uses[page->baseName()];
    for (ConnectionPage *page : pages()) {
        const QString base = page->baseName();
        page->setDisplayName(uses.value(base) > 1
                                 ? tr("%1 (%2)").arg(base, page->connection()->info().endpointHost())
                                 : base);
    }
    for (ConnectionPage *page : pages()) {
        const int index = m_tabs->indexOf(page);
        m_tabs->setTabText(index, page->shortName());
        m_tabs->setTabIcon(index, page->connection()->info().isDemo()
                                      ? QIcon(QStringLiteral(":/icons/flowdesk.svg"))
                                      : QIcon());
        m_tabs->setTabToolTip(index, tr("Flows and runs of %1 (%2 closes it)")
                                         .arg(page->connection()->info().label(),
                                              m_closeConnectionAction->shortcut().toString(QKeySequence::NativeText)));
    }
    m_tabs->setTabToolTip(m_tabs->indexOf(m_activePane),
                          tr("Every run in progress or being cancelled, in every open connection"));
    m_closeConnectionAction->setEnabled(!pages().isEmpty());
    updateSidebarMarks();
}

void MainWindow::setPreferences(const Preferences &preferences)
{
    m_preferences = preferences;
    for (ConnectionPage *page : pages())
        page->setPreferences(preferences);
}

void MainWindow::showInfo(const QString &text, const QString &hint)
{
    BarMessage message;
    message.severity = BarMessage::Severity::Info;
    message.text = text;
    message.hint = hint;
    m_messageBar->showMessage(message);
}

void MainWindow::showError(ConnectionPage *page, const appflow::AppFlowError &error,
                           const QString &operation, const QString &flowName)
{
    QPointer<ConnectionPage> target = page;
    BarMessage message = ErrorPresenter::present(
        error, operation, flowName, page ? page->connection()->info().endpointHost() : QString(),
        page ? page->refreshController()->nextAutoRefresh() : QDateTime());
    if (pages().size() > 1 && page)
        message.text = tr("%1: %2").arg(page->shortName(), message.text);
    if (error.code() == appflow::AppFlowError::Code::ResourceNotFound && page) {
        message.actionText = tr("Refresh flow list");
        message.action = [target] {
            if (target)
                target->refreshController()->refresh();
        };
    } else if (page && (operation == QLatin1String("ListFlows")
                        || operation == QLatin1String("DescribeFlowExecutionRecords"))) {
        // Reads only what is missing: the rest of the flow list, the flows not read.
        message.actionText = tr("Retry");
        message.action = [target] {
            if (target)
                target->refreshController()->retryUnread();
        };
    }
    m_messageBar->showMessage(message);
}

MainWindow::FlowContext MainWindow::currentFlow() const
{
    if (allActiveTabIsCurrent()) {
        const auto run = m_activePane->currentRun();
        return run ? FlowContext{run->page, run->flowName} : FlowContext{};
    }
    ConnectionPage *page = currentPage();
    return page ? FlowContext{page, page->currentFlowName()} : FlowContext{};
}

QList<MainWindow::SelectedRun> MainWindow::selectedInProgressRuns() const
{
    QList<SelectedRun> runs;
    if (allActiveTabIsCurrent()) {
        for (const AllActiveRunsPane::Run &run : m_activePane->selectedInProgressRuns())
            runs.append({run.page, run.flowName, run.record});
        return runs;
    }
    if (ConnectionPage *page = currentPage()) {
        const QString flow = page->refreshController()->runs()->flowName();
        for (const ExecutionRecord &record : page->selectedInProgressRuns())
            runs.append({page, flow, record});
    }
    return runs;
}

void MainWindow::updateActions()
{
    const QList<ConnectionPage *> inView = pagesInView();
    const bool connected = !inView.isEmpty();
    m_refreshAction->setEnabled(connected);
    const bool busy = std::any_of(inView.cbegin(), inView.cend(), [](ConnectionPage *page) {
        return page->refreshController()->isBusy();
    });
    m_stopAction->setEnabled(busy);
    m_closeConnectionAction->setEnabled(!allActiveTabIsCurrent() && connected);

    const int selected = int(selectedInProgressRuns().size());
    m_cancelSelectedAction->setEnabled(selected > 0);
    m_cancelSelectedAction->setText(selected > 0 ? tr("Cancel %n run(s)…", nullptr, selected)
                                                 : tr("Cancel selected runs…"));

    const FlowContext flow = currentFlow();
    const std::optional<FlowDefinition> definition =
        flow.page && !flow.flowName.isEmpty() ? flow.page->flowDefinition(flow.flowName) : std::nullopt;
    m_cancelFlowAction->setEnabled(definition && flow.page->hasInProgressRuns(flow.flowName));
    const bool anyActive = std::any_of(inView.cbegin(), inView.cend(), [](ConnectionPage *page) {
        return page->hasInProgressRuns(QString());
    });
    m_cancelAllAction->setEnabled(anyActive);
    m_deactivateAction->setEnabled(definition && canBeDeactivated(*definition));
    m_startAction->setEnabled(definition && canBeStarted(*definition));
}

void MainWindow::updateStatusBar()
{
    if (auto *fleet = qobject_cast<FleetPage *>(m_tabs->currentWidget())) {
        // A fleet is many accounts: its own status line says how far reading got.
        m_connectionLabel->setText(tr("IAM Identity Center \u00b7 %1").arg(fleet->fleet()->name()));
        m_demoBadge->hide();
        m_progressBar->hide();
        m_stopButton->hide();
        m_refreshedLabel->clear();
        setWindowTitle(tr("Flowdesk \u2014 %1").arg(fleet->title()));
        return;
    }
    const QList<ConnectionPage *> inView = pagesInView();
    if (inView.isEmpty()) {
        m_connectionLabel->setText(tr("Not connected \u2014 File \u2192 Open connection\u2026 (Ctrl+O)"));
        m_demoBadge->hide();
        m_progressBar->hide();
        m_stopButton->hide();
        m_refreshedLabel->clear();
        setWindowTitle(tr("Flowdesk"));
        return;
    }
    const bool allDemo = std::all_of(inView.cbegin(), inView.cend(), [](ConnectionPage *page) {
        return page->connection()->info().isDemo();
    });
    m_demoBadge->setVisible(allDemo);
    if (inView.size() == 1) {
        const models::ConnectionInfo &info = inView.first()->connection()->info();
        m_connectionLabel->setText(info.label());
        m_connectionLabel->setToolTip(QString());
        setWindowTitle(info.isDemo() ? tr("Flowdesk \u2014 Demo") : tr("Flowdesk \u2014 %1").arg(info.label()));
    } else {
        QStringList names;
        QStringList labels;
        for (ConnectionPage *page : inView) {
            names << page->shortName();
            labels << page->connection()->info().label();
        }
        m_connectionLabel->setText(tr("%n connection(s): %1", nullptr, int(inView.size()))
                                       .arg(names.join(QStringLiteral("; "))));
        m_connectionLabel->setToolTip(labels.join(QLatin1Char('\n')));
        setWindowTitle(tr("Flowdesk \u2014 %n connection(s)", nullptr, int(inView.size())));
    }
    const bool busy = std::any_of(inView.cbegin(), inView.cend(), [](ConnectionPage *page) {
        return page->refreshController()->isBusy();
    });
    m_progressBar->setVisible(busy);
    m_stopButton->setVisible(busy);
    m_stopAction->setEnabled(busy);
    if (busy && m_progressBar->maximum() <= 1 && m_progressBar->value() <= 0)
        m_progressBar->setRange(0, 0); // busy indicator until the flow count is known
    if (busy && m_progressBar->maximum() == 0)
        m_progressBar->setFormat(tr("Listing flows\u2026"));
    const auto [text, tip] = refreshStateText(inView);
    QString shown = text;
    // A credential fetch is named while the pages in view wait for it.
    for (const CredentialWait &wait : std::as_const(m_credentialWaits)) {
        if (wait.page && inView.contains(wait.page)) {
            shown = tr("Waiting for %1\u2026 (%2 s)")
                        .arg(wait.what)
                        .arg(wait.since.secsTo(QDateTime::currentDateTimeUtc()));
            break;
        }
    }
    m_refreshedLabel->setText(shown);
    m_refreshedLabel->setToolTip(tip);
}

std::pair<QString, QString> MainWindow::refreshStateText(const QList<ConnectionPage *> &inView) const
{
    const QLocale locale;
    auto time = [&locale](const QDateTime &when) { return locale.toString(when.time(), QLocale::ShortFormat); };
    QDateTime complete; // the oldest complete refresh: how stale the view can be
    QDateTime read;     // the oldest read of anything
    bool neverComplete = false;
    bool neverRead = false;
    bool stopped = false;
    int unread = 0;
    QStringList incomplete;
    QStringList details;
    for (ConnectionPage *page : inView) {
        const models::RefreshController *refresh = page->refreshController();
        const QString prefix = inView.size() > 1 ? page->shortName() + QStringLiteral(": ") : QString();
        if (refresh->lastRefreshed().isValid()) {
            if (!complete.isValid() || refresh->lastRefreshed() < complete)
                complete = refresh->lastRefreshed();
        } else {
            neverComplete = true;
        }
        if (refresh->lastRead().isValid()) {
            if (!read.isValid() || refresh->lastRead() < read)
                read = refresh->lastRead();
        } else {
            neverRead = true;
        }
        stopped = stopped || refresh->wasStopped();
        if (!refresh->listingComplete()) {
            incomplete << page->shortName();
            details << prefix + tr("the flow list is incomplete (%1); flows on the pages not read are missing or as last listed")
                                    .arg(refresh->listingError() ? refresh->listingError()->codeText() : tr("not read"));
        }
        for (const QString &flow : refresh->unreadFlows()) {
            ++unread;
            const auto error = refresh->unreadError(flow);
            details << prefix + tr("runs of \u201c%1\u201d not read (%2)").arg(flow, error ? error->codeText() : QString());
        }
        if (refresh->lastRefreshed().isValid())
            details << prefix + tr("last complete refresh %1").arg(locale.toString(refresh->lastRefreshed(), QLocale::LongFormat));
    }
    const QString tip = details.join(u'\n');
    if (stopped)
        return {read.isValid() && !neverRead
                    ? tr("Refresh stopped \u2014 showing data from %1").arg(time(read))
                    : tr("Refresh stopped \u2014 not loaded"),
                tip};
    if (unread > 0 || !incomplete.isEmpty()) {
        QStringList what;
        if (!incomplete.isEmpty())
            what << tr("flow list incomplete");
        if (unread > 0)
            what << tr("%n flow(s) not read", nullptr, unread);
        return {read.isValid() ? tr("Partly refreshed %1 \u2014 %2").arg(time(read), what.join(tr(", ")))
                               : tr("Not refreshed \u2014 %1").arg(what.join(tr(", "))),
                tip};
    }
    if (complete.isValid() && !neverComplete)
        return {tr("Refreshed %1").arg(time(complete)), locale.toString(complete, QLocale::LongFormat)};
    if (read.isValid())
        return {tr("Partly refreshed %1").arg(time(read)), tip};
    return {tr("Not refreshed yet"), tip};
}

void MainWindow::watchCredentials(ConnectionPage *page)
{
    aws::CredentialSource *credentials = page->connection()->credentials();
    if (!credentials)
        return;
    if (!m_waitTicker) {
        m_waitTicker = new QTimer(this);
        m_waitTicker->setInterval(1000);
        connect(m_waitTicker, &QTimer::timeout, this, &MainWindow::updateStatusBar);
    }
    QPointer<ConnectionPage> target = page;
    connect(credentials, &aws::CredentialSource::fetchStarted, page, [this, target](const QString &what) {
        m_credentialWaits.append({target, what, QDateTime::currentDateTimeUtc()});
        m_waitTicker->start();
        updateStatusBar();
    });
    connect(credentials, &aws::CredentialSource::fetchFinished, page, [this, target](const QString &error) {
        m_credentialWaits.removeIf([&](const CredentialWait &wait) { return !wait.page || wait.page == target; });
        if (m_credentialWaits.isEmpty())
            m_waitTicker->stop();
        updateStatusBar();
        // A failure nobody waits for any more (the refresh was stopped) still gets told.
        if (!error.isEmpty() && target && !target->refreshController()->isBusy()) {
            BarMessage message;
            message.text = tr("Getting credentials for %1 failed.").arg(target->connection()->info().label());
            message.detail = error;
            message.hint = tr("Fix what is named above, then press F5.");
            m_messageBar->showMessage(message);
        }
    });
}

CancelPlan::FlowRuns MainWindow::planEntry(ConnectionPage *page, const QString &flowName)
{
    CancelPlan::FlowRuns flowRuns;
    flowRuns.connection = page->connection();
    flowRuns.connectionLabel = page->connection()->info().label();
    flowRuns.connectionName = page->shortName();
    flowRuns.flowName = flowName;
    return flowRuns;
}

void MainWindow::cancelSelectedRuns()
{
    const QList<SelectedRun> selected = selectedInProgressRuns();
    if (selected.isEmpty())
        return;
    CancelPlan plan;
    plan.scope = CancelPlan::Scope::SelectedRuns;
    for (const SelectedRun &run : selected) {
        auto it = std::find_if(plan.flows.begin(), plan.flows.end(), [&](const CancelPlan::FlowRuns &f) {
            return f.connection == run.page->connection() && f.flowName == run.flowName;
        });
        if (it == plan.flows.end()) {
            plan.flows.append(planEntry(run.page, run.flowName));
            it = plan.flows.end() - 1;
        }
        it->runs.append(run.record);
    }
    prepareCancel(plan);
}

void MainWindow::cancelAllOfCurrentFlow()
{
    const FlowContext flow = currentFlow();
    if (!flow.page || flow.flowName.isEmpty())
        return;
    CancelPlan plan;
    plan.scope = CancelPlan::Scope::AllActiveOfFlow;
    CancelPlan::FlowRuns flowRuns = planEntry(flow.page, flow.flowName);
    flowRuns.runs = flow.page->inProgressRunsOf(flow.flowName);
    plan.flows.append(flowRuns);
    prepareCancel(plan);
}

void MainWindow::cancelAllActiveRuns()
{
    CancelPlan plan;
    plan.scope = CancelPlan::Scope::AllActiveAcrossFlows;
    for (ConnectionPage *page : pagesInView()) {
        for (const QString &flow : page->refreshController()->activeRuns()->flowNames()) {
            CancelPlan::FlowRuns flowRuns = planEntry(page, flow);
            flowRuns.runs = page->inProgressRunsOf(flow);
            if (!flowRuns.runs.isEmpty())
                plan.flows.append(flowRuns);
        }
    }
    if (plan.flows.size() == 1)
        plan.scope = CancelPlan::Scope::AllActiveOfFlow;
    if (!plan.flows.isEmpty())
        prepareCancel(plan);
}

void MainWindow::showHistory()
{
    if (!m_historyWindow)
        m_historyWindow = new HistoryWindow(m_auditLogPath, this);
    else
        m_historyWindow->reload();
    m_historyWindow->show();
    m_historyWindow->raise();
    m_historyWindow->activateWindow();
}

void MainWindow::deactivateCurrentFlow()
{
    const FlowContext context = currentFlow();
    if (!context.page || context.flowName.isEmpty())
        return;
    QPointer<ConnectionPage> page = context.page;
    const QString flow = context.flowName;
    MessageBoxes::question(
        this, tr("Deactivate flow"),
        tr("Deactivate \u201c%1\u201d in %2?\n\nNo new scheduled or event runs will start until "
           "the flow is activated again. Runs already in progress continue.")
            .arg(flow, page->connection()->info().label()),
        QMessageBox::Yes | QMessageBox::No, QMessageBox::No,
        [this, page, flow](QMessageBox::StandardButton answer) {
            if (answer != QMessageBox::Yes || !page)
                return;
            page->connection()->client()->stopFlow(flow, page, [this, page, flow](const appflow::AppFlowResult<appflow::StopFlowResult> &result) {
                if (!result.ok()) {
                    showError(page, result.error(), QStringLiteral("StopFlow"), flow);
                    return;
                }
                showInfo(tr("\u201c%1\u201d is now %2.").arg(flow, result.value().flowStatusText));
                page->refreshController()->refresh();
            });
        });
}

void MainWindow::startRunOfCurrentFlow()
{
    const FlowContext context = currentFlow();
    if (!context.page || context.flowName.isEmpty())
        return;
    QPointer<ConnectionPage> page = context.page;
    const QString flow = context.flowName;
    page->connection()->client()->startFlow(flow, page, [this, page, flow](const appflow::AppFlowResult<appflow::StartFlowResult> &result) {
        if (!result.ok()) {
            showError(page, result.error(), QStringLiteral("StartFlow"), flow);
            return;
        }
        showInfo(tr("Started run %1 of \u201c%2\u201d.").arg(result.value().executionId, flow));
        page->refreshController()->refreshFlow(flow);
    });
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        updatePaletteIcons();
    if (event->type() == QEvent::WindowStateChange) {
        for (ConnectionPage *page : pages())
            page->refreshController()->setPaused(isMinimized());
    }
    QMainWindow::changeEvent(event);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    // A cancel whose requests have not answered yet would lose its result (and its audit line).
    for (ConnectionPage *page : pages()) {
        if (page->cancelRequestsInFlight()) {
            showInfo(tr("Flowdesk cannot close yet: a cancel is still being sent to %1.")
                         .arg(page->connection()->info().label()),
                     tr("Close it again once the cancel window says every request has answered."));
            m_closeRefusalText = m_messageBar->text();
            event->ignore();
            return;
        }
    }
    saveSettings();
    QMainWindow::closeEvent(event);
}

void MainWindow::restoreSettings()
{
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("mainWindow/geometry")).toByteArray());
    ScreenFit::keepWithin(this); // saved on a larger screen, or at another scale
    restoreState(settings.value(QStringLiteral("mainWindow/state")).toByteArray());
    m_flowToRestore = settings.value(QStringLiteral("mainWindow/lastFlow")).toString();
    m_preferences = Preferences::load(settings);
}

void MainWindow::saveSettings() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("mainWindow/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("mainWindow/state"), saveState());
    if (ConnectionPage *page = currentPage())
        page->saveLayout(settings);
    m_activePane->saveLayout(settings);
    // Names, regions and endpoints only: what reopens them at the next start.
    QVariantList open;
    for (ConnectionPage *page : pages()) {
        const models::ConnectionInfo &info = page->connection()->info();
        if (!info.isDemo() && info.kind != models::ConnectionInfo::Kind::Explicit)
            open.append(models::ConnectionChoice::fromInfo(info).toVariant());
    }
    settings.setValue(QStringLiteral("connections/open"), open);
}

// The same choice saveSettings() would store for this connection, kept for the session: its
// sidebar entry and the Open connection dialog reopen it there after its tab is closed.
void MainWindow::rememberChoice(const models::ConnectionInfo &info)
{
    if (info.isDemo() || info.kind == models::ConnectionInfo::Kind::Explicit)
        return;
    const models::ConnectionChoice choice = models::ConnectionChoice::fromInfo(info);
    m_lastChoices.removeIf([&](const models::ConnectionChoice &known) {
        return known.kind == choice.kind && known.name == choice.name;
    });
    m_lastChoices.append(choice);
    m_sidebar->setLastChoices(m_lastChoices);
}

QList<models::ConnectionChoice> MainWindow::lastOpenConnections()
{
    QList<models::ConnectionChoice> choices;
    const QVariantList open = QSettings().value(QStringLiteral("connections/open")).toList();
    for (const QVariant &value : open) {
        if (const auto choice = models::ConnectionChoice::fromVariant(value))
            choices.append(*choice);
    }
    return choices;
}

} // namespace flowdesk
