#include "MainWindow.h"

#include "ActiveRunsModel.h"
#include "CancelConfirmationDialog.h"
#include "CancelController.h"
#include "CancelOutcomeView.h"
#include "Connection.h"
#include "DisplayFormat.h"
#include "ErrorPresenter.h"
#include "FlowFilterProxyModel.h"
#include "FlowListModel.h"
#include "HistoryWindow.h"
#include "MessageBar.h"
#include "MessageBoxes.h"
#include "PreferencesDialog.h"
#include "ModelRoles.h"
#include "RefreshController.h"
#include "RunFilterProxyModel.h"
#include "RunListModel.h"
#include "StatusBadgeDelegate.h"

#include <AuditLog.h>

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QCloseEvent>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QProgressBar>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTextBrowser>
#include <QToolBar>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

#include <memory>

namespace flowdesk {

using appflow::ExecutionRecord;
using appflow::ExecutionStatus;
using appflow::FlowDefinition;
using models::ActiveRunsModel;
using models::FlowListModel;
using models::RunListModel;

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

QString htmlRow(const QString &label, const QString &value)
{
    return QStringLiteral("<tr><td style='color:#555;padding-right:14px'>%1</td><td>%2</td></tr>")
        .arg(label.toHtmlEscaped(), value.toHtmlEscaped());
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_auditLogPath(audit::AuditLog::defaultFilePath())
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Flowdesk"));
    resize(1280, 800);

    createActions();
    createMenus();
    createToolBar();

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(6, 6, 6, 0);
    m_messageBar = new MessageBar(central);
    layout->addWidget(m_messageBar);

    m_mainSplitter = new QSplitter(Qt::Horizontal, central);
    m_mainSplitter->setObjectName(QStringLiteral("mainSplitter"));
    m_mainSplitter->addWidget(createFlowsPane());
    m_tabs = new QTabWidget(m_mainSplitter);
    m_tabs->setObjectName(QStringLiteral("viewTabWidget"));
    m_tabs->addTab(createRunsPane(), tr("Runs of flow"));
    m_tabs->addTab(createActiveRunsPane(), tr("All active runs"));
    m_mainSplitter->addWidget(m_tabs);
    m_mainSplitter->setStretchFactor(0, 2);
    m_mainSplitter->setStretchFactor(1, 3);
    layout->addWidget(m_mainSplitter, 1);
    setCentralWidget(central);
    connect(m_tabs, &QTabWidget::currentChanged, this, &MainWindow::updateActions);

    createStatusBar();
    restoreSettings();
    updateActions();
}

MainWindow::~MainWindow() = default;

CancelOutcomeView *MainWindow::lastOutcomeView() const
{
    return m_lastOutcomeView.data();
}

void MainWindow::createActions()
{
    m_refreshAction = new QAction(QIcon::fromTheme(QStringLiteral("view-refresh"),
                                                   style()->standardIcon(QStyle::SP_BrowserReload)),
                                  tr("&Refresh"), this);
    m_refreshAction->setObjectName(QStringLiteral("refreshAction"));
    m_refreshAction->setShortcut(QKeySequence::Refresh);
    m_refreshAction->setToolTip(tr("Read flows and runs again (F5)"));
    connect(m_refreshAction, &QAction::triggered, this, [this] {
        if (m_refresh)
            m_refresh->refresh();
    });

    m_stopAction = new QAction(style()->standardIcon(QStyle::SP_BrowserStop), tr("S&top"), this);
    m_stopAction->setObjectName(QStringLiteral("stopAction"));
    m_stopAction->setToolTip(tr("Stop the refresh in progress"));
    connect(m_stopAction, &QAction::triggered, this, [this] {
        if (m_refresh)
            m_refresh->stop();
    });

    m_cancelSelectedAction = new QAction(style()->standardIcon(QStyle::SP_DialogCancelButton),
                                         tr("Cancel selected runs…"), this);
    m_cancelSelectedAction->setObjectName(QStringLiteral("cancelSelectedAction"));
    m_cancelSelectedAction->setShortcut(QKeySequence::Delete);
    m_cancelSelectedAction->setShortcutContext(Qt::WindowShortcut);
    connect(m_cancelSelectedAction, &QAction::triggered, this, &MainWindow::cancelSelectedRuns);

    m_cancelFlowAction = new QAction(tr("Cancel all active runs of this flow…"), this);
    m_cancelFlowAction->setObjectName(QStringLiteral("cancelFlowAction"));
    m_cancelFlowAction->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_Delete));
    connect(m_cancelFlowAction, &QAction::triggered, this, &MainWindow::cancelAllOfCurrentFlow);

    m_cancelAllAction = new QAction(tr("Cancel every active run…"), this);
    m_cancelAllAction->setObjectName(QStringLiteral("cancelAllAction"));
    connect(m_cancelAllAction, &QAction::triggered, this, &MainWindow::cancelAllActiveRuns);

    m_deactivateAction = new QAction(style()->standardIcon(QStyle::SP_MediaPause),
                                     tr("&Deactivate flow…"), this);
    m_deactivateAction->setObjectName(QStringLiteral("deactivateAction"));
    m_deactivateAction->setToolTip(tr("Stop scheduled or event runs of this flow (StopFlow)"));
    connect(m_deactivateAction, &QAction::triggered, this, &MainWindow::deactivateCurrentFlow);

    m_startAction = new QAction(style()->standardIcon(QStyle::SP_MediaPlay), tr("&Start run"), this);
    m_startAction->setObjectName(QStringLiteral("startAction"));
    m_startAction->setToolTip(tr("Start a run of this on-demand flow (StartFlow)"));
    connect(m_startAction, &QAction::triggered, this, &MainWindow::startRunOfCurrentFlow);

    m_historyAction = new QAction(tr("Cancel &history"), this);
    m_historyAction->setObjectName(QStringLiteral("historyAction"));
    m_historyAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_H));
    m_historyAction->setToolTip(tr("Every cancel Flowdesk sent, from the audit log"));
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
    fileMenu->addAction(m_historyAction);
    fileMenu->addAction(m_preferencesAction);
    fileMenu->addSeparator();
    fileMenu->addAction(m_quitAction);

    QMenu *viewMenu = menuBar()->addMenu(tr("&View"));
    viewMenu->setObjectName(QStringLiteral("viewMenu"));
    viewMenu->addAction(m_refreshAction);
    viewMenu->addAction(m_stopAction);

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

void MainWindow::createToolBar()
{
    QToolBar *toolBar = addToolBar(tr("Main"));
    toolBar->setObjectName(QStringLiteral("mainToolBar"));
    toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolBar->setMovable(false);
    toolBar->addAction(m_refreshAction);
    toolBar->addSeparator();
    toolBar->addAction(m_cancelSelectedAction);
    toolBar->addAction(m_cancelFlowAction);
    toolBar->addSeparator();
    toolBar->addAction(m_startAction);
    toolBar->addAction(m_deactivateAction);
}

void MainWindow::configureView(QTreeView *view, const QString &objectName,
                               const QString &accessibleName)
{
    view->setObjectName(objectName);
    view->setAccessibleName(accessibleName);
    view->setRootIsDecorated(false);
    view->setUniformRowHeights(true); // no per-row measuring: smooth at 10,000 rows
    view->setAlternatingRowColors(true);
    view->setSortingEnabled(true);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    view->setAllColumnsShowFocus(true);
    view->setContextMenuPolicy(Qt::ActionsContextMenu);
    view->header()->setSectionsMovable(true);
    view->header()->setStretchLastSection(true);
}

QWidget *MainWindow::createFlowsPane()
{
    auto *pane = new QWidget(this);
    auto *layout = new QVBoxLayout(pane);
    layout->setContentsMargins(0, 0, 0, 0);

    m_flowFilterEdit = new QLineEdit(pane);
    m_flowFilterEdit->setObjectName(QStringLiteral("flowFilterEdit"));
    m_flowFilterEdit->setPlaceholderText(tr("Filter flows by name or connector…"));
    m_flowFilterEdit->setClearButtonEnabled(true);
    m_flowFilterEdit->setAccessibleName(tr("Filter flows"));
    layout->addWidget(m_flowFilterEdit);

    m_flowsView = new QTreeView(pane);
    configureView(m_flowsView, QStringLiteral("flowsTreeView"), tr("Flows"));
    m_flowsView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_flowsView->addAction(m_cancelFlowAction);
    m_flowsView->addAction(m_startAction);
    m_flowsView->addAction(m_deactivateAction);
    m_flowsView->addAction(m_refreshAction);
    layout->addWidget(m_flowsView, 1);
    return pane;
}

QWidget *MainWindow::createRunsPane()
{
    auto *pane = new QWidget(this);
    auto *layout = new QVBoxLayout(pane);
    layout->setContentsMargins(4, 4, 4, 4);

    auto *header = new QHBoxLayout;
    m_runsTitleLabel = new QLabel(tr("Select a flow to see its runs."), pane);
    m_runsTitleLabel->setObjectName(QStringLiteral("runsTitleLabel"));
    header->addWidget(m_runsTitleLabel, 1);
    m_activeOnlyCheckBox = new QCheckBox(tr("Active runs only"), pane);
    m_activeOnlyCheckBox->setObjectName(QStringLiteral("activeOnlyCheckBox"));
    header->addWidget(m_activeOnlyCheckBox);
    layout->addLayout(header);

    m_runsSplitter = new QSplitter(Qt::Vertical, pane);
    m_runsSplitter->setObjectName(QStringLiteral("runsSplitter"));
    m_runsView = new QTreeView(m_runsSplitter);
    configureView(m_runsView, QStringLiteral("runsTreeView"), tr("Runs of the selected flow"));
    m_runsView->addAction(m_cancelSelectedAction);
    m_runsView->addAction(m_cancelFlowAction);
    m_runsView->addAction(m_refreshAction);
    m_detailsBrowser = new QTextBrowser(m_runsSplitter);
    m_detailsBrowser->setObjectName(QStringLiteral("runDetailsBrowser"));
    m_detailsBrowser->setAccessibleName(tr("Run details"));
    m_detailsBrowser->setPlaceholderText(tr("Select a run to see its details."));
    m_runsSplitter->addWidget(m_runsView);
    m_runsSplitter->addWidget(m_detailsBrowser);
    m_runsSplitter->setStretchFactor(0, 3);
    m_runsSplitter->setStretchFactor(1, 1);
    layout->addWidget(m_runsSplitter, 1);
    return pane;
}

QWidget *MainWindow::createActiveRunsPane()
{
    auto *pane = new QWidget(this);
    auto *layout = new QVBoxLayout(pane);
    layout->setContentsMargins(4, 4, 4, 4);
    auto *hint = new QLabel(tr("Every run in progress or being cancelled, across all flows of "
                               "this connection."),
                            pane);
    hint->setObjectName(QStringLiteral("activeRunsHintLabel"));
    hint->setWordWrap(true);
    layout->addWidget(hint);
    m_activeRunsView = new QTreeView(pane);
    configureView(m_activeRunsView, QStringLiteral("activeRunsTreeView"), tr("All active runs"));
    m_activeRunsView->addAction(m_cancelSelectedAction);
    m_activeRunsView->addAction(m_cancelAllAction);
    m_activeRunsView->addAction(m_refreshAction);
    layout->addWidget(m_activeRunsView, 1);
    return pane;
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

void MainWindow::setConnection(models::Connection *connection)
{
    if (m_refresh) {
        m_refresh->stop();
        delete m_refresh;
        m_refresh = nullptr;
    }
    delete m_connection;
    m_connection = connection;
    m_descriptions.clear();
    if (!m_connection) {
        updateStatusBar();
        updateActions();
        return;
    }
    m_connection->setParent(this);
    m_refresh = new models::RefreshController(m_connection->client(), m_connection);
    setPreferences(m_preferences);

    m_flowProxy = new models::FlowFilterProxyModel(m_refresh);
    m_flowProxy->setSourceModel(m_refresh->flows());
    m_runProxy = new models::RunFilterProxyModel(m_refresh);
    m_runProxy->setSourceModel(m_refresh->runs());
    m_activeProxy = new models::RunFilterProxyModel(m_refresh);
    m_activeProxy->setSourceModel(m_refresh->activeRuns());

    m_flowsView->setModel(m_flowProxy);
    m_runsView->setModel(m_runProxy);
    m_activeRunsView->setModel(m_activeProxy);
    m_flowsView->setItemDelegateForColumn(
        FlowListModel::StatusColumn, new StatusBadgeDelegate(StatusBadgeDelegate::Kind::Flow, m_flowsView));
    m_flowsView->setItemDelegateForColumn(
        FlowListModel::LastRunStatusColumn,
        new StatusBadgeDelegate(StatusBadgeDelegate::Kind::Execution, m_flowsView));
    m_runsView->setItemDelegateForColumn(
        RunListModel::StatusColumn,
        new StatusBadgeDelegate(StatusBadgeDelegate::Kind::Execution, m_runsView));
    m_activeRunsView->setItemDelegateForColumn(
        ActiveRunsModel::StatusColumn,
        new StatusBadgeDelegate(StatusBadgeDelegate::Kind::Execution, m_activeRunsView));
    restoreHeaders();
    connect(m_flowFilterEdit, &QLineEdit::textChanged, m_flowProxy,
            &models::FlowFilterProxyModel::setFilterText);
    m_flowProxy->setFilterText(m_flowFilterEdit->text());
    connect(m_activeOnlyCheckBox, &QCheckBox::toggled, m_runProxy,
            &models::RunFilterProxyModel::setActiveOnly);
    m_runProxy->setActiveOnly(m_activeOnlyCheckBox->isChecked());

    connect(m_flowsView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &MainWindow::currentFlowChanged);
    connect(m_runsView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &MainWindow::currentRunChanged);
    connect(m_runsView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &MainWindow::updateActions);
    connect(m_activeRunsView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &MainWindow::updateActions);
    // Statuses change under a selection (a run finishes): re-check what the actions can do.
    for (QAbstractItemModel *model : {static_cast<QAbstractItemModel *>(m_refresh->runs()),
                                      static_cast<QAbstractItemModel *>(m_refresh->activeRuns()),
                                      static_cast<QAbstractItemModel *>(m_refresh->flows())}) {
        connect(model, &QAbstractItemModel::dataChanged, this, &MainWindow::updateActions);
        connect(model, &QAbstractItemModel::rowsInserted, this, &MainWindow::updateActions);
        connect(model, &QAbstractItemModel::rowsRemoved, this, &MainWindow::updateActions);
    }
    connect(m_refresh->runs(), &QAbstractItemModel::dataChanged, this, &MainWindow::currentRunChanged);

    connect(m_refresh, &models::RefreshController::errorOccurred, this, &MainWindow::showError);
    connect(m_refresh, &models::RefreshController::busyChanged, this, &MainWindow::updateStatusBar);
    connect(m_refresh, &models::RefreshController::refreshed, this, &MainWindow::updateStatusBar);
    connect(m_refresh, &models::RefreshController::progressChanged, this, [this](int done, int total) {
        m_progressBar->setRange(0, qMax(total, 1));
        m_progressBar->setValue(done);
        m_progressBar->setFormat(tr("%1 of %2 flows").arg(done).arg(total));
    });
    connect(m_refresh, &models::RefreshController::flowsListed, this, [this] {
        // Re-select the flow the user had last time (or the first one) once the list is known.
        if (!currentFlowName().isEmpty())
            return;
        QModelIndex index;
        const int row = m_refresh->flows()->indexOfId(m_flowToRestore);
        if (row >= 0)
            index = m_flowProxy->mapFromSource(m_refresh->flows()->index(row, 0));
        if (!index.isValid())
            index = m_flowProxy->index(0, 0);
        if (index.isValid()) {
            m_flowsView->setCurrentIndex(index);
            m_flowsView->scrollTo(index);
        }
        m_flowToRestore.clear();
    });

    updateStatusBar();
    updateActions();
    m_refresh->refresh();
}

void MainWindow::setPreferences(const Preferences &preferences)
{
    m_preferences = preferences;
    if (m_refresh)
        m_refresh->setAutoRefreshInterval(preferences.autoRefreshSeconds);
    if (m_connection) {
        m_connection->client()->setMaxConcurrentRequests(preferences.maxConcurrentRequests);
        m_connection->client()->setTransferTimeout(std::chrono::seconds(preferences.requestTimeoutSeconds));
    }
}

void MainWindow::showInfo(const QString &text, const QString &hint)
{
    BarMessage message;
    message.severity = BarMessage::Severity::Info;
    message.text = text;
    message.hint = hint;
    m_messageBar->showMessage(message);
}

void MainWindow::showError(const appflow::AppFlowError &error, const QString &operation,
                           const QString &flowName)
{
    BarMessage message = ErrorPresenter::present(
        error, operation, flowName, m_connection ? m_connection->info().endpointHost() : QString());
    if (error.code() == appflow::AppFlowError::Code::ResourceNotFound && m_refresh) {
        message.actionText = tr("Refresh flow list");
        message.action = [this] {
            if (m_refresh)
                m_refresh->refresh();
        };
    }
    m_messageBar->showMessage(message);
}

QString MainWindow::currentFlowName() const
{
    const QModelIndex current = m_flowsView->selectionModel()
        ? m_flowsView->selectionModel()->currentIndex()
        : QModelIndex();
    return current.isValid() ? current.data(models::Roles::IdRole).toString() : QString();
}

std::optional<FlowDefinition> MainWindow::flowDefinition(const QString &flowName) const
{
    if (!m_refresh)
        return std::nullopt;
    const int row = m_refresh->flows()->indexOfId(flowName);
    if (row < 0)
        return std::nullopt;
    return m_refresh->flows()->flow(row);
}

void MainWindow::currentFlowChanged()
{
    if (!m_refresh)
        return;
    const QString flow = currentFlowName();
    m_refresh->setCurrentFlow(flow);
    m_runsTitleLabel->setText(flow.isEmpty() ? tr("Select a flow to see its runs.")
                                             : tr("Runs of <b>%1</b>, newest first").arg(flow.toHtmlEscaped()));
    m_tabs->setTabText(0, flow.isEmpty() ? tr("Runs of flow") : tr("Runs of %1").arg(flow));
    m_detailsBrowser->clear();
    updateActions();
}

void MainWindow::currentRunChanged()
{
    if (!m_refresh)
        return;
    const QModelIndex current = m_runsView->selectionModel()->currentIndex();
    if (!current.isValid()) {
        m_detailsBrowser->clear();
        return;
    }
    const int row = m_runProxy->mapToSource(current).row();
    if (row < 0 || row >= m_refresh->runs()->rowCount())
        return;
    const ExecutionRecord &run = m_refresh->runs()->record(row);
    const QLocale locale;
    using models::DisplayFormat;
    const auto &result = run.executionResult;
    QString html = QStringLiteral("<table>");
    html += htmlRow(tr("Run ID"), run.executionId);
    html += htmlRow(tr("Status"), DisplayFormat::executionStatus(run.executionStatus, run.executionStatusText));
    html += htmlRow(tr("Started"), DisplayFormat::exactTime(run.startedAt));
    html += htmlRow(tr("Last updated"), DisplayFormat::exactTime(run.lastUpdatedAt));
    html += htmlRow(tr("Data pulled from"), DisplayFormat::exactTime(run.dataPullStartTime));
    html += htmlRow(tr("Data pulled until"), DisplayFormat::exactTime(run.dataPullEndTime));
    html += htmlRow(tr("Records processed"), DisplayFormat::count(result.recordsProcessed, locale));
    html += htmlRow(tr("Bytes processed"), DisplayFormat::dataSize(result.bytesProcessed, locale));
    html += htmlRow(tr("Bytes written"), DisplayFormat::dataSize(result.bytesWritten, locale));
    html += htmlRow(tr("Parallel processes"), DisplayFormat::count(result.numParallelProcesses, locale));
    html += htmlRow(tr("Max page size"), DisplayFormat::count(result.maxPageSize, locale));
    if (result.errorInfo) {
        html += htmlRow(tr("Error"), result.errorInfo->executionMessage);
        html += htmlRow(tr("Failed writes"), DisplayFormat::count(result.errorInfo->putFailuresCount, locale));
    }
    html += QStringLiteral("</table>");
    m_detailsBrowser->setHtml(html);
}

MainWindow::View MainWindow::currentView() const
{
    return m_tabs->currentIndex() == 1 ? View::ActiveRuns : View::Runs;
}

QTreeView *MainWindow::currentRunsView() const
{
    return currentView() == View::ActiveRuns ? m_activeRunsView : m_runsView;
}

QList<QPair<QString, ExecutionRecord>> MainWindow::selectedInProgressRuns() const
{
    QList<QPair<QString, ExecutionRecord>> runs;
    if (!m_refresh)
        return runs;
    QTreeView *view = currentRunsView();
    if (!view->selectionModel())
        return runs;
    // Re-read the selection now, through the proxy: rows may have moved since it was made.
    const QModelIndexList rows = view->selectionModel()->selectedRows();
    for (const QModelIndex &proxyIndex : rows) {
        if (view == m_activeRunsView) {
            const int row = m_activeProxy->mapToSource(proxyIndex).row();
            const models::ActiveRun &run = m_refresh->activeRuns()->run(row);
            if (run.record.executionStatus == ExecutionStatus::InProgress)
                runs.append({run.flowName, run.record});
        } else {
            const int row = m_runProxy->mapToSource(proxyIndex).row();
            const ExecutionRecord &record = m_refresh->runs()->record(row);
            if (record.executionStatus == ExecutionStatus::InProgress)
                runs.append({m_refresh->runs()->flowName(), record});
        }
    }
    return runs;
}

QList<ExecutionRecord> MainWindow::inProgressRunsOf(const QString &flowName) const
{
    QList<ExecutionRecord> runs;
    if (!m_refresh)
        return runs;
    const ActiveRunsModel *active = m_refresh->activeRuns();
    for (int row = 0; row < active->rowCount(); ++row) {
        const models::ActiveRun &run = active->run(row);
        if ((flowName.isEmpty() || run.flowName == flowName)
            && run.record.executionStatus == ExecutionStatus::InProgress)
            runs.append(run.record);
    }
    return runs;
}

std::optional<ExecutionRecord> MainWindow::latestRecord(const QString &flowName,
                                                        const QString &executionId) const
{
    if (!m_refresh)
        return std::nullopt;
    const int activeRow = m_refresh->activeRuns()->indexOfId(flowName, executionId);
    if (activeRow >= 0)
        return m_refresh->activeRuns()->run(activeRow).record;
    if (m_refresh->runs()->flowName() == flowName) {
        const int row = m_refresh->runs()->indexOfId(executionId);
        if (row >= 0)
            return m_refresh->runs()->record(row);
    }
    return std::nullopt;
}

void MainWindow::updateActions()
{
    const bool connected = m_refresh != nullptr;
    m_refreshAction->setEnabled(connected);
    m_stopAction->setEnabled(connected && m_refresh->isBusy());

    const int selected = int(selectedInProgressRuns().size());
    m_cancelSelectedAction->setEnabled(selected > 0);
    m_cancelSelectedAction->setText(selected > 0 ? tr("Cancel %n run(s)…", nullptr, selected)
                                                 : tr("Cancel selected runs…"));

    const QString flow = currentFlowName();
    const std::optional<FlowDefinition> definition = flow.isEmpty() ? std::nullopt : flowDefinition(flow);
    m_cancelFlowAction->setEnabled(definition && !inProgressRunsOf(flow).isEmpty());
    m_cancelAllAction->setEnabled(connected && !inProgressRunsOf(QString()).isEmpty());
    m_deactivateAction->setEnabled(definition && canBeDeactivated(*definition));
    m_startAction->setEnabled(definition && canBeStarted(*definition));
}

void MainWindow::updateStatusBar()
{
    if (!m_connection) {
        m_connectionLabel->setText(tr("Not connected"));
        m_demoBadge->hide();
        m_progressBar->hide();
        m_stopButton->hide();
        return;
    }
    const models::ConnectionInfo &info = m_connection->info();
    m_connectionLabel->setText(info.label());
    m_demoBadge->setVisible(info.isDemo());
    setWindowTitle(info.isDemo() ? tr("Flowdesk \u2014 Demo") : tr("Flowdesk \u2014 %1").arg(info.label()));
    const bool busy = m_refresh && m_refresh->isBusy();
    m_progressBar->setVisible(busy);
    m_stopButton->setVisible(busy);
    m_stopAction->setEnabled(busy);
    if (busy && m_progressBar->maximum() <= 1 && m_progressBar->value() <= 0) {
        m_progressBar->setRange(0, 0); // busy indicator until the flow count is known
    }
    const QDateTime when = m_refresh ? m_refresh->lastRefreshed() : QDateTime();
    m_refreshedLabel->setText(when.isValid()
                                  ? tr("Refreshed %1").arg(QLocale().toString(when.time(), QLocale::ShortFormat))
                                  : tr("Not refreshed yet"));
    m_refreshedLabel->setToolTip(when.isValid() ? QLocale().toString(when, QLocale::LongFormat) : QString());
}

void MainWindow::cancelSelectedRuns()
{
    const auto selected = selectedInProgressRuns();
    if (selected.isEmpty())
        return;
    CancelPlan plan;
    plan.scope = CancelPlan::Scope::SelectedRuns;
    for (const auto &[flowName, record] : selected) {
        auto it = std::find_if(plan.flows.begin(), plan.flows.end(),
                               [&](const CancelPlan::FlowRuns &f) { return f.flowName == flowName; });
        if (it == plan.flows.end()) {
            CancelPlan::FlowRuns flowRuns;
            flowRuns.flowName = flowName;
            plan.flows.append(flowRuns);
            it = plan.flows.end() - 1;
        }
        it->runs.append(record);
    }
    prepareCancel(plan);
}

void MainWindow::cancelAllOfCurrentFlow()
{
    const QString flow = currentFlowName();
    if (flow.isEmpty())
        return;
    CancelPlan plan;
    plan.scope = CancelPlan::Scope::AllActiveOfFlow;
    CancelPlan::FlowRuns flowRuns;
    flowRuns.flowName = flow;
    flowRuns.runs = inProgressRunsOf(flow);
    plan.flows.append(flowRuns);
    prepareCancel(plan);
}

void MainWindow::cancelAllActiveRuns()
{
    CancelPlan plan;
    plan.scope = CancelPlan::Scope::AllActiveAcrossFlows;
    const ActiveRunsModel *active = m_refresh->activeRuns();
    for (const QString &flow : active->flowNames()) {
        CancelPlan::FlowRuns flowRuns;
        flowRuns.flowName = flow;
        flowRuns.runs = inProgressRunsOf(flow);
        if (!flowRuns.runs.isEmpty())
            plan.flows.append(flowRuns);
    }
    if (plan.flows.size() == 1)
        plan.scope = CancelPlan::Scope::AllActiveOfFlow;
    if (!plan.flows.isEmpty())
        prepareCancel(plan);
}

// Fills in what the confirmation needs to know about each flow (trigger type from the list,
// batch API use from DescribeFlow — asked once per flow and remembered), then opens it.
void MainWindow::prepareCancel(CancelPlan plan)
{
    if (!m_connection)
        return;
    plan.connectionLabel = m_connection->info().label();
    plan.requireTypedConfirmation = m_preferences.requireTypedConfirmation;
    auto pending = std::make_shared<int>(0);
    auto shared = std::make_shared<CancelPlan>(plan);
    auto fill = [this, shared](int i) {
        CancelPlan::FlowRuns &flow = (*shared).flows[i];
        if (const auto definition = flowDefinition(flow.flowName))
            flow.triggerType = definition->triggerType;
        const auto it = m_descriptions.constFind(flow.flowName);
        if (it != m_descriptions.cend()) {
            flow.descriptionKnown = true;
            flow.batchApiUses = it->batchApiUses;
        }
    };
    for (int i = 0; i < shared->flows.size(); ++i) {
        const QString flowName = shared->flows.at(i).flowName;
        if (m_descriptions.contains(flowName)) {
            fill(i);
            continue;
        }
        ++*pending;
        m_connection->client()->describeFlow(
            flowName, this,
            [this, shared, pending, i, flowName, fill](const appflow::AppFlowResult<appflow::FlowDescription> &result) {
                if (result.ok())
                    m_descriptions.insert(flowName, result.value());
                // A failed DescribeFlow does not block the cancel: the dialog says it could
                // not check for a batch API.
                fill(i);
                if (--*pending == 0)
                    openConfirmation(*shared);
            });
    }
    if (*pending == 0)
        openConfirmation(*shared);
    else
        statusBar()->showMessage(tr("Checking the flow settings before cancelling…"), 3000);
}

void MainWindow::openConfirmation(const CancelPlan &plan)
{
    auto *dialog = new CancelConfirmationDialog(plan, this);
    connect(dialog, &CancelConfirmationDialog::cancelConfirmed, this,
            [this, plan](bool deactivate) { executeCancel(plan, deactivate); });
    dialog->open();
}

void MainWindow::executeCancel(const CancelPlan &plan, bool deactivate)
{
    if (!m_connection)
        return;
    // The user may have read for a while: send only what is still in progress now.
    QList<models::CancelController::Target> targets;
    QStringList finishedMeanwhile;
    for (const CancelPlan::FlowRuns &flow : plan.flows) {
        models::CancelController::Target target;
        target.flowName = flow.flowName;
        target.allActive = plan.isCancelAll();
        for (const ExecutionRecord &run : flow.runs) {
            const std::optional<ExecutionRecord> latest = latestRecord(flow.flowName, run.executionId);
            if (latest && latest->executionStatus != ExecutionStatus::InProgress) {
                finishedMeanwhile << run.executionId;
                continue;
            }
            target.runs.append(latest ? *latest : run);
        }
        if (target.allActive) {
            // Runs that started while the dialog was open are cancelled too: show them.
            for (const ExecutionRecord &run : inProgressRunsOf(flow.flowName)) {
                const bool listed = std::any_of(target.runs.cbegin(), target.runs.cend(),
                                                [&](const ExecutionRecord &r) { return r.executionId == run.executionId; });
                if (!listed)
                    target.runs.append(run);
            }
        }
        if (target.allActive || !target.runs.isEmpty())
            targets.append(target);
    }
    if (targets.isEmpty()) {
        showInfo(tr("Nothing was cancelled: the selected runs finished while the confirmation "
                    "was open."));
        return;
    }
    auto *controller = new models::CancelController(m_connection->client(), m_connection->info(),
                                                    m_auditLogPath);
    auto *view = new CancelOutcomeView(controller, m_connection->info().label(), this);
    m_lastOutcomeView = view;
    connect(controller, &models::CancelController::errorOccurred, this, &MainWindow::showError);
    connect(controller, &models::CancelController::auditFailed, this, [this](const QString &message) {
        BarMessage bar;
        bar.severity = BarMessage::Severity::Error;
        bar.text = message;
        bar.hint = tr("Free disk space or fix the permissions of %1, then try again.").arg(m_auditLogPath);
        m_messageBar->showMessage(bar);
    });
    QPointer<models::RefreshController> refresh = m_refresh;
    QStringList flows;
    for (const auto &target : targets)
        flows << target.flowName;
    auto refreshFlows = [refresh, flows] {
        if (refresh) {
            for (const QString &flow : flows)
                refresh->refreshFlow(flow);
        }
    };
    connect(controller, &models::CancelController::requestsDone, this, refreshFlows);
    connect(controller, &models::CancelController::settled, this, refreshFlows);
    view->show();
    controller->start(targets, deactivate);
    if (!finishedMeanwhile.isEmpty())
        showInfo(tr("%1 of the selected runs finished while the confirmation was open and were "
                    "not sent.").arg(finishedMeanwhile.size()));
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
    const QString flow = currentFlowName();
    if (flow.isEmpty() || !m_connection)
        return;
    MessageBoxes::question(
        this, tr("Deactivate flow"),
        tr("Deactivate \u201c%1\u201d?\n\nNo new scheduled or event runs will start until the "
           "flow is activated again. Runs already in progress continue.")
            .arg(flow),
        QMessageBox::Yes | QMessageBox::No, QMessageBox::No,
        [this, flow](QMessageBox::StandardButton answer) {
            if (answer != QMessageBox::Yes || !m_connection)
                return;
            m_connection->client()->stopFlow(flow, this, [this, flow](const appflow::AppFlowResult<appflow::StopFlowResult> &result) {
                if (!result.ok()) {
                    showError(result.error(), QStringLiteral("StopFlow"), flow);
                    return;
                }
                showInfo(tr("\u201c%1\u201d is now %2.").arg(flow, result.value().flowStatusText));
                if (m_refresh)
                    m_refresh->refresh();
            });
        });
}

void MainWindow::startRunOfCurrentFlow()
{
    const QString flow = currentFlowName();
    if (flow.isEmpty() || !m_connection)
        return;
    m_connection->client()->startFlow(flow, this, [this, flow](const appflow::AppFlowResult<appflow::StartFlowResult> &result) {
        if (!result.ok()) {
            showError(result.error(), QStringLiteral("StartFlow"), flow);
            return;
        }
        showInfo(tr("Started run %1 of \u201c%2\u201d.").arg(result.value().executionId, flow));
        if (m_refresh)
            m_refresh->refreshFlow(flow);
    });
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::WindowStateChange && m_refresh)
        m_refresh->setPaused(isMinimized());
    QMainWindow::changeEvent(event);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveSettings();
    QMainWindow::closeEvent(event);
}

void MainWindow::restoreSettings()
{
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("mainWindow/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("mainWindow/state")).toByteArray());
    if (!m_mainSplitter->restoreState(settings.value(QStringLiteral("mainWindow/mainSplitter")).toByteArray()))
        m_mainSplitter->setSizes({560, 720});
    if (!m_runsSplitter->restoreState(settings.value(QStringLiteral("mainWindow/runsSplitter")).toByteArray()))
        m_runsSplitter->setSizes({480, 200});
    m_tabs->setCurrentIndex(settings.value(QStringLiteral("mainWindow/tab"), 0).toInt());
    m_flowToRestore = settings.value(QStringLiteral("mainWindow/lastFlow")).toString();
    m_preferences = Preferences::load(settings);
}

// Column widths, order and sort as the user left them; sensible widths the first time.
void MainWindow::restoreHeaders()
{
    QSettings settings;
    const auto restore = [&settings](QTreeView *view, const QString &key, const QList<int> &widths,
                                     int sortColumn, Qt::SortOrder order) {
        const QByteArray state = settings.value(key).toByteArray();
        if (!state.isEmpty() && view->header()->restoreState(state))
            return;
        for (int column = 0; column < widths.size(); ++column)
            view->setColumnWidth(column, widths.at(column));
        view->sortByColumn(sortColumn, order);
    };
    const bool flowsRestored = !settings.value(QStringLiteral("mainWindow/flowsHeader")).toByteArray().isEmpty();
    restore(m_flowsView, QStringLiteral("mainWindow/flowsHeader"), {240, 90, 90, 170, 110, 100, 88},
            FlowListModel::NameColumn, Qt::AscendingOrder);
    if (!flowsRestored) {
        // What matters in an incident first: which flows have runs going right now.
        m_flowsView->header()->moveSection(
            m_flowsView->header()->visualIndex(FlowListModel::ActiveRunsColumn), 1);
    }
    restore(m_runsView, QStringLiteral("mainWindow/runsHeader"), {250, 115, 110, 110, 90, 90, 100, 100},
            RunListModel::StartedColumn, Qt::DescendingOrder);
    restore(m_activeRunsView, QStringLiteral("mainWindow/activeRunsHeader"),
            {240, 250, 115, 110, 90, 90}, ActiveRunsModel::StartedColumn, Qt::DescendingOrder);
}

void MainWindow::saveSettings() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("mainWindow/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("mainWindow/state"), saveState());
    settings.setValue(QStringLiteral("mainWindow/mainSplitter"), m_mainSplitter->saveState());
    settings.setValue(QStringLiteral("mainWindow/runsSplitter"), m_runsSplitter->saveState());
    settings.setValue(QStringLiteral("mainWindow/flowsHeader"), m_flowsView->header()->saveState());
    settings.setValue(QStringLiteral("mainWindow/runsHeader"), m_runsView->header()->saveState());
    settings.setValue(QStringLiteral("mainWindow/activeRunsHeader"), m_activeRunsView->header()->saveState());
    settings.setValue(QStringLiteral("mainWindow/tab"), m_tabs->currentIndex());
    const QString flow = currentFlowName();
    if (!flow.isEmpty())
        settings.setValue(QStringLiteral("mainWindow/lastFlow"), flow);
}

} // namespace flowdesk
