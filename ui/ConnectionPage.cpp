#include "ConnectionPage.h"

#include "ActiveRunsModel.h"
#include "CancelController.h"
#include "CancelOutcomeView.h"
#include "Connection.h"
#include "DisplayFormat.h"
#include "FlowFilterProxyModel.h"
#include "FlowListModel.h"
#include "ModelRoles.h"
#include "RefreshController.h"
#include "RunFilterProxyModel.h"
#include "RunListModel.h"
#include "StatusBadgeDelegate.h"
#include "TimelineView.h"

#include <QApplication>
#include <QCheckBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QScrollBar>
#include <QSettings>
#include <QSplitter>
#include <QTabWidget>
#include <QTextBrowser>
#include <QTreeView>
#include <QVBoxLayout>

namespace flowdesk {

using appflow::ExecutionRecord;
using appflow::ExecutionStatus;
using appflow::FlowDefinition;
using models::ActiveRunsModel;
using models::FlowListModel;
using models::RunListModel;

namespace {

QString htmlRow(const QString &label, const QString &value)
{
    // Labels dimmed with the palette's placeholder colour (a fixed grey vanished on dark palettes).
    const QString dim = QApplication::palette().color(QPalette::PlaceholderText).name();
    return QStringLiteral("<tr><td style='color:%3;padding-right:14px'>%1</td><td>%2</td></tr>")
        .arg(label.toHtmlEscaped(), value.toHtmlEscaped(), dim);
}

// Column widths, order and sort as the user left them; sensible widths the first time.
// Returns false when nothing was stored.
bool restoreHeader(QTreeView *view, const QSettings &settings, const QString &key,
                   const QList<int> &widths, int sortColumn, Qt::SortOrder order)
{
    const QByteArray state = settings.value(key).toByteArray();
    if (!state.isEmpty() && view->header()->restoreState(state))
        return true;
    setInitialColumnWidths(view, widths);
    view->sortByColumn(sortColumn, order);
    return false;
}

} // namespace

void setInitialColumnWidths(QTreeView *view, const QList<int> &widths)
{
    for (int column = 0; column < widths.size(); ++column) {
        int width = qMax(widths.at(column), view->header()->sectionSizeHint(column));
        if (const auto *badges = qobject_cast<const StatusBadgeDelegate *>(view->itemDelegateForColumn(column)))
            width = qMax(width, badges->widestBadgeWidth(view->font()));
        view->setColumnWidth(column, width);
    }
}

void configureRunTableView(QTreeView *view, const QString &objectName, const QString &accessibleName,
                           const QString &accessibleDescription)
{
    view->setObjectName(objectName);
    view->setAccessibleName(accessibleName);
    view->setAccessibleDescription(accessibleDescription);
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
    // Run IDs differ at both ends; "89ae1f4e…f9b9b79c7" tells them apart where "89ae1f4e-eb…" may not.
    view->setTextElideMode(Qt::ElideMiddle);
}

ConnectionPage::ConnectionPage(models::Connection *connection, const Preferences &preferences,
                               QWidget *parent)
    : QWidget(parent)
    , m_connection(connection)
{
    setObjectName(QStringLiteral("connectionPage"));
    m_connection->setParent(this);
    m_refresh = new models::RefreshController(m_connection->client(), m_connection);
    setDisplayName(baseName());
    m_flowProxy = new models::FlowFilterProxyModel(m_refresh);
    m_flowProxy->setSourceModel(m_refresh->flows());
    m_runProxy = new models::RunFilterProxyModel(m_refresh);
    m_runProxy->setSourceModel(m_refresh->runs());

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("mainSplitter"));
    m_splitter->addWidget(createFlowsPane());
    m_splitter->addWidget(createRunsPane());
    m_splitter->setStretchFactor(0, 2);
    m_splitter->setStretchFactor(1, 3);
    connect(m_splitter, &QSplitter::splitterMoved, this, [this] { m_fitSplit = false; });
    connect(m_flowProxy, &QAbstractItemModel::rowsInserted, this, &ConnectionPage::fitFlowNameColumn);
    layout->addWidget(m_splitter);

    connectModels();
    setPreferences(preferences);
}

ConnectionPage::~ConnectionPage()
{
    m_refresh->stop();
    closeOutcomeViews();
}

void ConnectionPage::setDisplayName(const QString &name)
{
    m_displayName = name;
    m_refresh->activeRuns()->setConnectionName(name);
}

QString ConnectionPage::baseName() const
{
    const models::ConnectionInfo &info = m_connection->info();
    using Kind = models::ConnectionInfo::Kind;
    switch (info.kind) {
    case Kind::Demo:
        return tr("Demo \u00b7 %1").arg(info.region);
    case Kind::Environment:
        return tr("environment \u00b7 %1").arg(info.region);
    case Kind::StoredAccount:
    case Kind::IdentityCenter:
        return tr("account %1 \u00b7 %2").arg(info.name, info.region);
    case Kind::Profile:
    case Kind::Explicit:
        break;
    }
    return info.name.isEmpty() ? info.region : tr("%1 \u00b7 %2").arg(info.name, info.region);
}

QWidget *ConnectionPage::createFlowsPane()
{
    auto *pane = new QWidget(this);
    auto *layout = new QVBoxLayout(pane);
    layout->setContentsMargins(0, 4, 0, 0);

    m_flowFilterEdit = new QLineEdit(pane);
    m_flowFilterEdit->setObjectName(QStringLiteral("flowFilterEdit"));
    m_flowFilterEdit->setPlaceholderText(tr("Filter flows by name or connector…"));
    m_flowFilterEdit->setClearButtonEnabled(true);
    m_flowFilterEdit->setAccessibleName(tr("Filter flows"));
    layout->addWidget(m_flowFilterEdit);

    m_flowsView = new QTreeView(pane);
    configureRunTableView(m_flowsView, QStringLiteral("flowsTreeView"), tr("Flows"),
                          tr("Every flow of this connection with its status and active runs; select one to see its runs"));
    m_flowsView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_flowsView->setModel(m_flowProxy);
    m_flowsView->setItemDelegateForColumn(
        FlowListModel::StatusColumn, new StatusBadgeDelegate(StatusBadgeDelegate::Kind::Flow, m_flowsView));
    m_flowsView->setItemDelegateForColumn(
        FlowListModel::LastRunStatusColumn,
        new StatusBadgeDelegate(StatusBadgeDelegate::Kind::Execution, m_flowsView));
    layout->addWidget(m_flowsView, 1);
    return pane;
}

QWidget *ConnectionPage::createRunsPane()
{
    auto *pane = new QWidget(this);
    auto *layout = new QVBoxLayout(pane);
    layout->setContentsMargins(4, 4, 0, 0);

    auto *header = new QHBoxLayout;
    m_runsTitleLabel = new QLabel(tr("Select a flow to see its runs."), pane);
    m_runsTitleLabel->setObjectName(QStringLiteral("runsTitleLabel"));
    // Wraps instead of widening the pane: a long flow name must not push the flows list aside.
    m_runsTitleLabel->setWordWrap(true);
    header->addWidget(m_runsTitleLabel, 1);
    m_activeOnlyCheckBox = new QCheckBox(tr("Active runs only"), pane);
    m_activeOnlyCheckBox->setObjectName(QStringLiteral("activeOnlyCheckBox"));
    m_activeOnlyCheckBox->setAccessibleDescription(tr("Show only the runs that are in progress or being cancelled"));
    header->addWidget(m_activeOnlyCheckBox);
    layout->addLayout(header);

    m_runsSplitter = new QSplitter(Qt::Vertical, pane);
    m_runsSplitter->setObjectName(QStringLiteral("runsSplitter"));
    m_runsView = new QTreeView(m_runsSplitter);
    configureRunTableView(m_runsView, QStringLiteral("runsTreeView"), tr("Runs of the selected flow"),
                          tr("Newest first. Select runs in progress and press Delete to cancel them"));
    m_runsView->setModel(m_runProxy);
    m_runsView->setItemDelegateForColumn(
        RunListModel::StatusColumn,
        new StatusBadgeDelegate(StatusBadgeDelegate::Kind::Execution, m_runsView));
    m_runsTabs = tableWithTimeline(m_runsView, RunListModel::StartedColumn, RunListModel::LastUpdatedColumn,
                                   m_runsSplitter);
    m_runsTabs->setObjectName(QStringLiteral("runsTabs"));
    m_detailsBrowser = new QTextBrowser(m_runsSplitter);
    m_detailsBrowser->setObjectName(QStringLiteral("runDetailsBrowser"));
    m_detailsBrowser->setAccessibleDescription(tr("Status, times, records and bytes of the selected run"));
    m_detailsBrowser->setAccessibleName(tr("Run details"));
    m_detailsBrowser->setPlaceholderText(tr("Select a run to see its details."));
    m_runsSplitter->addWidget(m_runsTabs);
    m_runsSplitter->addWidget(m_detailsBrowser);
    m_runsSplitter->setStretchFactor(0, 3);
    m_runsSplitter->setStretchFactor(1, 1);
    layout->addWidget(m_runsSplitter, 1);
    return pane;
}

QTabWidget *tableWithTimeline(QTreeView *table, int startColumn, int endColumn, QWidget *parent)
{
    auto *tabs = new QTabWidget(parent);
    tabs->setDocumentMode(true);
    auto *timeline = new TimelineView(tabs);
    // The same model and selection: a click on a bar selects the run in the table and back.
    timeline->setModel(table->model(), startColumn, endColumn);
    timeline->setSelectionModel(table->selectionModel());
    tabs->addTab(table, ConnectionPage::tr("Ta&ble"));
    tabs->addTab(timeline, ConnectionPage::tr("Ti&meline"));
    tabs->setTabToolTip(0, ConnectionPage::tr("The runs as rows, sortable by any column"));
    tabs->setTabToolTip(1, ConnectionPage::tr("The runs as bars in time: which overlap, which run long; "
                                              "the wheel zooms, a click selects"));
    return tabs;
}

void ConnectionPage::connectModels()
{
    connect(m_flowFilterEdit, &QLineEdit::textChanged, m_flowProxy,
            &models::FlowFilterProxyModel::setFilterText);
    connect(m_activeOnlyCheckBox, &QCheckBox::toggled, m_runProxy,
            &models::RunFilterProxyModel::setActiveOnly);
    connect(m_flowsView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &ConnectionPage::onCurrentFlowChanged);
    connect(m_runsView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &ConnectionPage::showRunDetails);
    connect(m_runsView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ConnectionPage::stateChanged);
    // Statuses change under a selection (a run finishes): re-check what the actions can do.
    for (QAbstractItemModel *model : {static_cast<QAbstractItemModel *>(m_refresh->runs()),
                                      static_cast<QAbstractItemModel *>(m_refresh->activeRuns()),
                                      static_cast<QAbstractItemModel *>(m_refresh->flows())}) {
        connect(model, &QAbstractItemModel::dataChanged, this, &ConnectionPage::stateChanged);
        connect(model, &QAbstractItemModel::rowsInserted, this, &ConnectionPage::stateChanged);
        connect(model, &QAbstractItemModel::rowsRemoved, this, &ConnectionPage::stateChanged);
    }
    connect(m_refresh->runs(), &QAbstractItemModel::dataChanged, this, &ConnectionPage::showRunDetails);
    connect(m_refresh, &models::RefreshController::stateChanged, this, &ConnectionPage::updateRunsTitle);
    connect(m_refresh, &models::RefreshController::flowsListed, this,
            &ConnectionPage::selectFlowAfterListing);
}

void ConnectionPage::setPreferences(const Preferences &preferences)
{
    m_refresh->setAutoRefreshInterval(preferences.autoRefreshSeconds);
    m_connection->client()->setMaxConcurrentRequests(preferences.maxConcurrentRequests);
    m_connection->client()->setTransferTimeout(std::chrono::seconds(preferences.requestTimeoutSeconds));
}

void ConnectionPage::setContextActions(const QList<QAction *> &flowActions,
                                       const QList<QAction *> &runActions)
{
    m_flowsView->addActions(flowActions);
    m_runsView->addActions(runActions);
}

// Re-select the flow the user had last time (or the first one) once the list is known.
void ConnectionPage::selectFlowAfterListing()
{
    if (!currentFlowName().isEmpty())
        return;
    QModelIndex index;
    const int row = m_refresh->flows()->indexOfId(m_flowToSelect);
    if (row >= 0)
        index = m_flowProxy->mapFromSource(m_refresh->flows()->index(row, 0));
    if (!index.isValid())
        index = m_flowProxy->index(0, 0);
    if (index.isValid()) {
        m_flowsView->setCurrentIndex(index);
        m_flowsView->scrollTo(index);
    }
    m_flowToSelect.clear();
}

QString ConnectionPage::currentFlowName() const
{
    const QModelIndex current = m_flowsView->selectionModel()->currentIndex();
    return current.isValid() ? current.data(models::Roles::IdRole).toString() : QString();
}

std::optional<FlowDefinition> ConnectionPage::flowDefinition(const QString &flowName) const
{
    const int row = m_refresh->flows()->indexOfId(flowName);
    if (row < 0)
        return std::nullopt;
    return m_refresh->flows()->flow(row);
}

void ConnectionPage::onCurrentFlowChanged()
{
    const QString flow = currentFlowName();
    m_refresh->setCurrentFlow(flow);
    updateRunsTitle();
    m_detailsBrowser->clear();
    emit currentFlowChanged(flow);
    emit stateChanged();
}

// An empty table under "Runs of X" would read as "X has no runs" when they could not be read.
void ConnectionPage::updateRunsTitle()
{
    const QString flow = currentFlowName();
    if (flow.isEmpty()) {
        m_runsTitleLabel->setText(tr("Select a flow to see its runs."));
        return;
    }
    if (const auto error = m_refresh->unreadError(flow)) {
        m_runsTitleLabel->setText(tr("Runs of <b>%1</b> could not be read (%2): shown as last read, "
                                     "if ever. Refresh or Retry reads them again.")
                                      .arg(flow.toHtmlEscaped(), error->codeText().toHtmlEscaped()));
        return;
    }
    m_runsTitleLabel->setText(tr("Runs of <b>%1</b>, newest first").arg(flow.toHtmlEscaped()));
}

void ConnectionPage::showRunDetails()
{
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

QList<ExecutionRecord> ConnectionPage::selectedInProgressRuns() const
{
    QList<ExecutionRecord> runs;
    // Re-read the selection now, through the proxy: rows may have moved since it was made.
    const QModelIndexList rows = m_runsView->selectionModel()->selectedRows();
    for (const QModelIndex &proxyIndex : rows) {
        const int row = m_runProxy->mapToSource(proxyIndex).row();
        const ExecutionRecord &record = m_refresh->runs()->record(row);
        if (record.executionStatus == ExecutionStatus::InProgress)
            runs.append(record);
    }
    return runs;
}

QList<ExecutionRecord> ConnectionPage::inProgressRunsOf(const QString &flowName) const
{
    QList<ExecutionRecord> runs;
    const ActiveRunsModel *active = m_refresh->activeRuns();
    for (int row = 0; row < active->rowCount(); ++row) {
        const models::ActiveRun &run = active->run(row);
        if ((flowName.isEmpty() || run.flowName == flowName)
            && run.record.executionStatus == ExecutionStatus::InProgress)
            runs.append(run.record);
    }
    return runs;
}

bool ConnectionPage::hasInProgressRuns(const QString &flowName) const
{
    const ActiveRunsModel *active = m_refresh->activeRuns();
    for (int row = 0; row < active->rowCount(); ++row) {
        const models::ActiveRun &run = active->run(row);
        if ((flowName.isEmpty() || run.flowName == flowName)
            && run.record.executionStatus == ExecutionStatus::InProgress)
            return true;
    }
    return false;
}

std::optional<ExecutionRecord> ConnectionPage::latestRecord(const QString &flowName,
                                                            const QString &executionId) const
{
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

std::optional<appflow::FlowDescription> ConnectionPage::description(const QString &flowName) const
{
    const auto it = m_descriptions.constFind(flowName);
    if (it == m_descriptions.cend())
        return std::nullopt;
    return *it;
}

void ConnectionPage::rememberDescription(const QString &flowName,
                                         const appflow::FlowDescription &description)
{
    m_descriptions.insert(flowName, description);
}

void ConnectionPage::addOutcomeView(CancelOutcomeView *view)
{
    m_outcomeViews.removeAll(nullptr);
    m_outcomeViews.append(view);
}

bool ConnectionPage::hasOpenOutcomeWindows() const
{
    return std::any_of(m_outcomeViews.cbegin(), m_outcomeViews.cend(),
                       [](const auto &view) { return view && view->isVisible(); });
}

bool ConnectionPage::cancelRequestsInFlight() const
{
    return std::any_of(m_outcomeViews.cbegin(), m_outcomeViews.cend(), [](const auto &view) {
        return view && !view->controller()->requestsFinished();
    });
}

void ConnectionPage::closeOutcomeViews()
{
    // The views' controllers use this connection's client: they go before it does.
    for (const QPointer<CancelOutcomeView> &view : std::as_const(m_outcomeViews))
        delete view.data();
    m_outcomeViews.clear();
}

void ConnectionPage::restoreLayout(const QSettings &settings, const QString &flowToSelect)
{
    m_flowToSelect = flowToSelect;
    m_fitSplit = !m_splitter->restoreState(settings.value(QStringLiteral("mainWindow/mainSplitter")).toByteArray());
    if (m_fitSplit)
        m_splitter->setSizes({560, 720}); // until it is shown and fitSplitToFlows() knows the width
    if (!m_runsSplitter->restoreState(settings.value(QStringLiteral("mainWindow/runsSplitter")).toByteArray()))
        m_runsSplitter->setSizes({480, 200});
    const bool flowsRestored = restoreHeader(m_flowsView, settings, QStringLiteral("mainWindow/flowsHeader"),
                                             {240, 90, 90, 170, 110, 100, 88},
                                             FlowListModel::NameColumn, Qt::AscendingOrder);
    m_fitFlowNames = !flowsRestored;
    m_runsTabs->setCurrentIndex(settings.value(QStringLiteral("mainWindow/runsViewTab")).toInt()); // table or timeline
    if (m_fitSplit || m_fitFlowNames)
        fitFlowNameColumn(); // names may be listed already (a reopened tab)
    if (!flowsRestored) {
        // What matters in an incident first: which flows have runs going right now.
        m_flowsView->header()->moveSection(
            m_flowsView->header()->visualIndex(FlowListModel::ActiveRunsColumn), 1);
    }
    restoreHeader(m_runsView, settings, QStringLiteral("mainWindow/runsHeader"),
                  {250, 115, 110, 110, 90, 90, 100, 100}, RunListModel::StartedColumn,
                  Qt::DescendingOrder);
}

void ConnectionPage::fitFlowNameColumn()
{
    if (m_fitFlowNames && m_flowProxy->rowCount() > 0) {
        m_fitFlowNames = false;
        m_flowsView->resizeColumnToContents(FlowListModel::NameColumn);
        const int contentWidth = m_flowsView->columnWidth(FlowListModel::NameColumn);
        m_flowsView->setColumnWidth(FlowListModel::NameColumn, qBound(160, contentWidth, 320));
    }
    fitSplitToFlows();
}

void ConnectionPage::fitSplitToFlows()
{
    const int total = m_splitter->width();
    if (!m_fitSplit || total <= 0 || !isVisible())
        return;
    const QHeaderView *header = m_flowsView->header();
    const int wanted = header->sectionSize(FlowListModel::NameColumn)
        + header->sectionSize(FlowListModel::ActiveRunsColumn) + header->sectionSize(FlowListModel::StatusColumn)
        + 2 * m_flowsView->frameWidth() + m_flowsView->verticalScrollBar()->sizeHint().width() + 4;
    const int flows = qBound(total * 3 / 10, wanted, total * 11 / 20);
    m_splitter->setSizes({flows, total - flows});
}

void ConnectionPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    fitSplitToFlows();
}

void ConnectionPage::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    fitSplitToFlows();
}

void ConnectionPage::saveLayout(QSettings &settings) const
{
    settings.setValue(QStringLiteral("mainWindow/mainSplitter"), m_splitter->saveState());
    settings.setValue(QStringLiteral("mainWindow/runsViewTab"), m_runsTabs->currentIndex());
    settings.setValue(QStringLiteral("mainWindow/runsSplitter"), m_runsSplitter->saveState());
    settings.setValue(QStringLiteral("mainWindow/flowsHeader"), m_flowsView->header()->saveState());
    settings.setValue(QStringLiteral("mainWindow/runsHeader"), m_runsView->header()->saveState());
    const QString flow = currentFlowName();
    if (!flow.isEmpty())
        settings.setValue(QStringLiteral("mainWindow/lastFlow"), flow);
}

} // namespace flowdesk
