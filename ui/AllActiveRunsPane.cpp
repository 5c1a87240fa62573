#include "AllActiveRunsPane.h"

#include "ActiveRunsModel.h"
#include "ConnectionPage.h"
#include "RefreshController.h"
#include "RunFilterProxyModel.h"
#include "StatusBadgeDelegate.h"

#include <QConcatenateTablesProxyModel>
#include <QHeaderView>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QTabWidget>
#include <QTreeView>
#include <QVBoxLayout>

namespace flowdesk {

using models::ActiveRunsModel;

AllActiveRunsPane::AllActiveRunsPane(QWidget *parent)
    : QWidget(parent)
    , m_concatenation(new QConcatenateTablesProxyModel(this))
    , m_proxy(new models::RunFilterProxyModel(this))
{
    setObjectName(QStringLiteral("allActiveRunsPane"));
    m_proxy->setSourceModel(m_concatenation);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    m_hintLabel = new QLabel(this);
    m_hintLabel->setObjectName(QStringLiteral("activeRunsHintLabel"));
    m_hintLabel->setWordWrap(true);
    // Reads what the refreshes could not (the rest of a flow list, the unread flows).
    m_retryButton = new QPushButton(tr("Retry"), this);
    m_retryButton->setObjectName(QStringLiteral("activeRunsRetryButton"));
    m_retryButton->setToolTip(tr("Read the flows whose runs could not be read, and the rest of an "
                                 "unfinished flow list"));
    m_retryButton->hide();
    connect(m_retryButton, &QPushButton::clicked, this, [this] {
        for (ConnectionPage *page : std::as_const(m_pages))
            page->refreshController()->retryUnread();
    });
    auto *hintRow = new QHBoxLayout;
    hintRow->addWidget(m_hintLabel, 1);
    hintRow->addWidget(m_retryButton, 0, Qt::AlignTop);
    layout->addLayout(hintRow);
    m_view = new QTreeView(this);
    configureRunTableView(m_view, QStringLiteral("activeRunsTreeView"), tr("All active runs"),
                          tr("Every run in progress or being cancelled, across all flows; select runs and press Delete to cancel them"));
    m_view->setModel(m_proxy);
    m_view->setItemDelegateForColumn(
        ActiveRunsModel::StatusColumn,
        new StatusBadgeDelegate(StatusBadgeDelegate::Kind::Execution, m_view));
    QTabWidget *tabs = tableWithTimeline(m_view, ActiveRunsModel::StartedColumn, -1, this);
    tabs->setObjectName(QStringLiteral("activeRunsTabs"));
    layout->addWidget(tabs, 1);

    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &AllActiveRunsPane::stateChanged);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &AllActiveRunsPane::stateChanged);
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved}) {
        connect(m_proxy, signal, this, &AllActiveRunsPane::updateHint); // "at least N"
        connect(m_proxy, signal, this, &AllActiveRunsPane::stateChanged);
    }
    connect(m_proxy, &QAbstractItemModel::dataChanged, this, &AllActiveRunsPane::stateChanged);
    updateHint();
}

AllActiveRunsPane::~AllActiveRunsPane() = default;

void AllActiveRunsPane::addConnection(ConnectionPage *page)
{
    ActiveRunsModel *model = page->refreshController()->activeRuns();
    m_pages.insert(model, page);
    m_concatenation->addSourceModel(model);
    connect(page->refreshController(), &models::RefreshController::stateChanged, this, [this] {
        updateHint();
        emit stateChanged();
    });
    // The columns exist from the first connection on: only now can their layout be restored.
    if (m_pages.size() == 1)
        restoreLayout(QSettings());
    updateHint();
}

void AllActiveRunsPane::removeConnection(ConnectionPage *page)
{
    ActiveRunsModel *model = page->refreshController()->activeRuns();
    if (!m_pages.contains(model))
        return;
    if (m_pages.size() == 1) {
        QSettings settings;
        saveLayout(settings);
    }
    m_pages.remove(model);
    m_concatenation->removeSourceModel(model);
    disconnect(page->refreshController(), nullptr, this, nullptr);
    updateHint();
}

bool AllActiveRunsPane::isPartial() const
{
    for (ConnectionPage *page : m_pages) {
        const models::RefreshController *refresh = page->refreshController();
        if (!refresh->listingComplete() || !refresh->unreadFlows().isEmpty())
            return true;
    }
    return false;
}

// What the rows are: every active run, or (when some flows could not be read) at least these.
// The Connection column only matters when there is more than one connection.
void AllActiveRunsPane::updateHint()
{
    const qsizetype connections = m_pages.size();
    m_view->setColumnHidden(ActiveRunsModel::ConnectionColumn, connections < 2);
    int unread = 0;
    QStringList codes;
    QStringList incomplete;
    for (ConnectionPage *page : std::as_const(m_pages)) {
        const models::RefreshController *refresh = page->refreshController();
        for (const QString &flow : refresh->unreadFlows()) {
            ++unread;
            if (const auto error = refresh->unreadError(flow); error && !codes.contains(error->codeText()))
                codes << error->codeText();
        }
        if (!refresh->listingComplete())
            incomplete << page->shortName();
    }
    m_retryButton->setVisible(unread > 0 || !incomplete.isEmpty());
    if (unread == 0 && incomplete.isEmpty()) {
        m_hintLabel->setText(connections < 2
                                 ? tr("Every run in progress or being cancelled, across all flows of "
                                      "this connection.")
                                 : tr("Every run in progress or being cancelled, across all flows of "
                                      "the %1 open connections.").arg(connections));
        return;
    }
    const int rows = m_proxy->rowCount();
    QStringList parts{tr("At least %n run(s) in progress or being cancelled.", nullptr, rows)};
    if (unread > 0)
        parts << tr("%n flow(s) not read (%1): their runs are missing or as last read.", nullptr, unread)
                     .arg(codes.join(tr(", ")));
    if (!incomplete.isEmpty())
        parts << tr("The flow list of %1 is incomplete: flows on the pages not read are not here.")
                     .arg(incomplete.join(tr(", ")));
    m_hintLabel->setText(parts.join(u' '));
}

std::optional<AllActiveRunsPane::Run> AllActiveRunsPane::runAt(const QModelIndex &proxyIndex) const
{
    const QModelIndex source = m_concatenation->mapToSource(m_proxy->mapToSource(proxyIndex));
    if (!source.isValid())
        return std::nullopt;
    ConnectionPage *page = m_pages.value(source.model());
    if (!page)
        return std::nullopt;
    const models::ActiveRun &run = page->refreshController()->activeRuns()->run(source.row());
    return Run{page, run.flowName, run.record};
}

QList<AllActiveRunsPane::Run> AllActiveRunsPane::selectedInProgressRuns() const
{
    QList<Run> runs;
    // Re-read the selection now, through the proxies: rows may have moved since it was made.
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    for (const QModelIndex &index : rows) {
        const std::optional<Run> run = runAt(index);
        if (run && run->record.executionStatus == appflow::ExecutionStatus::InProgress)
            runs.append(*run);
    }
    return runs;
}

std::optional<AllActiveRunsPane::Run> AllActiveRunsPane::currentRun() const
{
    return runAt(m_view->selectionModel()->currentIndex());
}

void AllActiveRunsPane::restoreLayout(const QSettings &settings)
{
    // Only a layout saved with these very columns: an empty one (saved with no connection open)
    // or an older one would leave every column at a default width, unsorted.
    const QByteArray state = settings.value(QStringLiteral("mainWindow/activeRunsHeader")).toByteArray();
    const bool sameColumns =
        settings.value(QStringLiteral("mainWindow/activeRunsColumns")).toInt() == ActiveRunsModel::ColumnCount;
    if (sameColumns && !state.isEmpty() && m_view->header()->restoreState(state)) {
        updateHint();
        return;
    }
    setInitialColumnWidths(m_view, {240, 250, 115, 110, 90, 90, 100, 180});
    // Which account a run belongs to comes first, when there is more than one.
    m_view->header()->moveSection(m_view->header()->visualIndex(ActiveRunsModel::ConnectionColumn), 0);
    m_view->sortByColumn(ActiveRunsModel::StartedColumn, Qt::DescendingOrder);
    updateHint();
}

void AllActiveRunsPane::saveLayout(QSettings &settings) const
{
    if (m_view->header()->count() != ActiveRunsModel::ColumnCount)
        return; // no connection open: no columns, nothing worth keeping
    settings.setValue(QStringLiteral("mainWindow/activeRunsColumns"), int(ActiveRunsModel::ColumnCount));
    settings.setValue(QStringLiteral("mainWindow/activeRunsHeader"), m_view->header()->saveState());
}

} // namespace flowdesk
