#include "FleetPage.h"

#include "CancelConfirmationDialog.h"
#include "CancelOutcomeView.h"
#include "FleetAccountsDialog.h"
#include "StatusBadgeDelegate.h"
#include "ToneTextDelegate.h"

#include <AppFlowCall.h>
#include <CancelController.h>
#include <FleetController.h>
#include <GroupingProxyModel.h>
#include <ModelRoles.h>
#include <SortProxyModel.h>
#include <SsoDeviceLogin.h>

#include <QComboBox>
#include <QDesktopServices>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QTimer>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>

namespace flowdesk {

using models::FleetRegionsModel;
using models::FleetRunsModel;

namespace {

QTreeView *newTable(QAbstractItemModel *model, QWidget *parent)
{
    auto *view = new QTreeView(parent);
    view->setModel(model);
    view->setRootIsDecorated(false);
    view->setUniformRowHeights(true); // thousands of rows stay smooth
    view->setSortingEnabled(true);
    view->setAlternatingRowColors(true);
    view->header()->setStretchLastSection(true);
    return view;
}

} // namespace

FleetPage::FleetPage(models::FleetController *fleet, QWidget *parent)
    : QWidget(parent)
    , m_fleet(fleet)
    , m_network(new QNetworkAccessManager(this))
{
    m_fleet->setParent(this);
    auto *layout = new QVBoxLayout(this);

    auto *top = new QHBoxLayout;
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("fleetStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setAccessibleName(tr("Fleet status"));
    top->addWidget(m_status, 1);
    m_signInButton = new QPushButton(tr("&Sign in…"), this);
    m_signInButton->setAccessibleDescription(tr("Sign in to IAM Identity Center in the browser, as aws sso login does"));
    m_signInButton->hide();
    top->addWidget(m_signInButton);
    m_chooseButton = new QPushButton(tr("&Accounts and regions…"), this);
    m_chooseButton->setAccessibleDescription(tr("Choose which accounts, roles and regions to read"));
    top->addWidget(m_chooseButton);
    m_refreshButton = new QPushButton(tr("Re&ad again"), this);
    m_refreshButton->setAccessibleDescription(tr("Read the active runs of every chosen account and region again"));
    top->addWidget(m_refreshButton);
    layout->addLayout(top);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    m_regionsProxy = new models::SortProxyModel(this);
    m_regionsProxy->setSourceModel(m_fleet->regions());
    m_regionsView = newTable(m_regionsProxy, splitter);
    m_regionsView->setAccessibleName(tr("Accounts and regions"));
    m_regionsView->setAccessibleDescription(tr("One row per account and region: flows, active runs and how reading went"));
    m_regionsView->setItemDelegateForColumn(FleetRegionsModel::StateColumn, new ToneTextDelegate(m_regionsView));
    m_regionsView->sortByColumn(-1, Qt::AscendingOrder);

    auto *runsArea = new QWidget(splitter);
    auto *runsLayout = new QVBoxLayout(runsArea);
    runsLayout->setContentsMargins(0, 0, 0, 0);
    auto *runsTop = new QHBoxLayout;
    auto *runsLabel = new QLabel(tr("Active runs across the fleet"), runsArea);
    runsTop->addWidget(runsLabel, 1);
    m_filter = new QLineEdit(runsArea);
    m_filter->setPlaceholderText(tr("Filter by account, region or flow"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setAccessibleName(tr("Filter active runs"));
    runsTop->addWidget(m_filter, 1);
    auto *groupLabel = new QLabel(tr("&Group by:"), runsArea);
    runsTop->addWidget(groupLabel);
    m_groupBy = new QComboBox(runsArea);
    m_groupBy->setAccessibleName(tr("Group active runs by"));
    m_groupBy->addItem(tr("Account"), QVariant::fromValue(Grouping::Account));
    m_groupBy->addItem(tr("Region"), QVariant::fromValue(Grouping::Region));
    m_groupBy->addItem(tr("Flow"), QVariant::fromValue(Grouping::Flow));
    m_groupBy->addItem(tr("Nothing (one list)"), QVariant::fromValue(Grouping::None));
    groupLabel->setBuddy(m_groupBy);
    runsTop->addWidget(m_groupBy);
    m_expandButton = new QPushButton(tr("Co&llapse all"), runsArea);
    m_expandButton->setAccessibleDescription(tr("Fold or unfold every group of active runs"));
    runsTop->addWidget(m_expandButton);
    m_cancelButton = new QPushButton(tr("&Cancel selected runs…"), runsArea);
    m_cancelButton->setAccessibleDescription(tr("Cancel the selected runs in their accounts, after a confirmation"));
    runsTop->addWidget(m_cancelButton);
    runsLayout->addLayout(runsTop);
    m_runsProxy = new models::SortProxyModel(this);
    m_runsProxy->setSourceModel(m_fleet->runs());
    m_runsProxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_runsProxy->setFilterKeyColumn(-1);
    m_runsGrouped = new models::GroupingProxyModel(this);
    m_runsGrouped->setSourceModel(m_runsProxy);
    m_runsGrouped->setGroupLabelFormat([](const QString &label, int count) {
        return tr("%1 \u00b7 %n active run(s)", nullptr, count).arg(label);
    });
    m_runsView = newTable(m_runsProxy, runsArea);
    m_runsView->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_runsView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_runsView->setAccessibleName(tr("Active runs across the fleet"));
    m_runsView->setAccessibleDescription(tr("Every run in progress or cancelling, with its account and region"));
    m_runsView->setItemDelegateForColumn(FleetRunsModel::StatusColumn,
                                         new StatusBadgeDelegate(StatusBadgeDelegate::Kind::Execution, m_runsView));
    m_runsView->sortByColumn(-1, Qt::AscendingOrder);
    runsLayout->addWidget(m_runsView, 1);
    splitter->addWidget(m_regionsView);
    splitter->addWidget(runsArea);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    layout->addWidget(splitter, 1);

    connect(m_chooseButton, &QPushButton::clicked, this, &FleetPage::chooseAccounts);
    connect(m_refreshButton, &QPushButton::clicked, this, [this] {
        m_fleet->refresh();
        updateStatus();
    });
    connect(m_signInButton, &QPushButton::clicked, this, &FleetPage::signIn);
    connect(m_cancelButton, &QPushButton::clicked, this, &FleetPage::cancelSelected);
    connect(m_filter, &QLineEdit::textChanged, m_runsProxy, &QSortFilterProxyModel::setFilterFixedString);
    connect(m_fleet, &models::FleetController::progressChanged, this, &FleetPage::updateStatus);
    connect(m_fleet, &models::FleetController::scanFinished, this, [this] {
        updateStatus();
        for (int column = 0; column < FleetRegionsModel::ColumnCount - 1; ++column)
            m_regionsView->resizeColumnToContents(column);
        for (int column = 0; column < FleetRunsModel::ColumnCount - 1; ++column)
            m_runsView->resizeColumnToContents(column);
    });
    m_autoRefresh = new QTimer(this);
    m_autoRefresh->setSingleShot(true);
    m_autoRefresh->setInterval(std::chrono::seconds(kAutoRefreshSeconds));
    connect(m_autoRefresh, &QTimer::timeout, this, [this] {
        if (m_fleet->scanner()->isScanning())
            return; // the scan's end starts the timer again
        if (!isVisible()) {
            m_autoRefresh->start(); // not in front: ask again later
            return;
        }
        m_fleet->refreshActive();
        updateStatus();
    });
    connect(m_fleet, &models::FleetController::scanFinished, this, [this] {
        if (m_fleet->runs()->rowCount() > 0)
            m_autoRefresh->start();
    });
    connect(m_fleet->runs(), &QAbstractItemModel::rowsRemoved, this, &FleetPage::updateButtons);
    connect(m_runsGrouped, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex &parent, int first, int last) {
        if (!parent.isValid())
            onGroupsInserted(first, last);
    });
    connect(m_runsGrouped, &QAbstractItemModel::modelReset, this, [this] {
        onGroupsInserted(0, m_runsGrouped->rowCount() - 1);
    });
    connect(m_groupBy, &QComboBox::activated, this, [this] {
        setGrouping(m_groupBy->currentData().value<Grouping>());
        QSettings().setValue(QStringLiteral("fleet/groupRunsBy"), m_groupBy->currentIndex());
    });
    connect(m_expandButton, &QPushButton::clicked, this, [this] {
        // Unfold when any group is folded; fold when all are open.
        if (anyGroupFolded())
            m_runsView->expandAll();
        else
            m_runsView->collapseAll();
        updateButtons();
    });
    connect(m_runsView, &QTreeView::expanded, this, &FleetPage::updateButtons);
    connect(m_runsView, &QTreeView::collapsed, this, &FleetPage::updateButtons);
    const int remembered = QSettings().value(QStringLiteral("fleet/groupRunsBy"), 0).toInt();
    setGrouping(m_groupBy->itemData(std::clamp(remembered, 0, m_groupBy->count() - 1)).value<Grouping>());
    updateStatus();
    updateButtons();
}

void FleetPage::setGrouping(Grouping grouping)
{
    m_groupBy->setCurrentIndex(m_groupBy->findData(QVariant::fromValue(grouping)));
    QItemSelectionModel *before = m_runsView->selectionModel();
    const bool grouped = grouping != Grouping::None;
    if (grouped) {
        m_runsGrouped->setGroupColumn(grouping == Grouping::Account  ? FleetRunsModel::AccountColumn
                                      : grouping == Grouping::Region ? FleetRunsModel::RegionColumn
                                                                     : FleetRunsModel::FlowColumn);
    }
    QAbstractItemModel *model = grouped ? static_cast<QAbstractItemModel *>(m_runsGrouped) : m_runsProxy;
    if (m_runsView->model() != model) {
        m_runsView->setModel(model);
        delete before; // a new model comes with a new selection model; the old one is ours to delete
        connect(m_runsView->selectionModel(), &QItemSelectionModel::selectionChanged, this, &FleetPage::updateButtons);
    }
    m_runsView->setRootIsDecorated(grouped);
    if (grouped)
        onGroupsInserted(0, m_runsGrouped->rowCount() - 1);
    m_expandButton->setVisible(grouped);
    updateButtons();
}

FleetPage::Grouping FleetPage::grouping() const
{
    return m_groupBy->currentData().value<Grouping>();
}

// A new group spans the row (its words are longer than the first column) and opens: runs are
// what the user came for; "Collapse all" folds them when there are too many.
void FleetPage::onGroupsInserted(int first, int last)
{
    if (m_runsView->model() != m_runsGrouped)
        return;
    for (int row = first; row <= last; ++row) {
        m_runsView->setFirstColumnSpanned(row, {}, true);
        m_runsView->expand(m_runsGrouped->index(row, 0));
    }
}

bool FleetPage::anyGroupFolded() const
{
    for (int row = 0; row < m_runsGrouped->rowCount(); ++row) {
        if (!m_runsView->isExpanded(m_runsGrouped->index(row, 0)))
            return true;
    }
    return false;
}

QList<int> FleetPage::selectedRunRows() const
{
    QList<int> rows;
    const bool grouped = m_runsView->model() == m_runsGrouped;
    auto add = [&](const QModelIndex &sorted) {
        const int row = m_runsProxy->mapToSource(sorted).row();
        if (row >= 0 && !rows.contains(row))
            rows.append(row);
    };
    for (const QModelIndex &index : m_runsView->selectionModel()->selectedRows()) {
        if (!grouped) {
            add(index);
        } else if (m_runsGrouped->isGroup(index)) {
            for (const QModelIndex &sorted : m_runsGrouped->sourceRowsOfGroup(index))
                add(sorted);
        } else {
            add(m_runsGrouped->mapToSource(index));
        }
    }
    return rows;
}

FleetPage::~FleetPage()
{
    // The results windows (and their controllers) before the fleet's connections they use.
    for (const QPointer<CancelOutcomeView> &view : std::as_const(m_outcomeViews))
        delete view.data();
    delete m_fleet;
}

bool FleetPage::cancelsInFlight() const
{
    for (const QPointer<CancelOutcomeView> &view : m_outcomeViews) {
        if (view && view->controller() && !view->controller()->requestsFinished())
            return true;
    }
    return false;
}

QList<CancelOutcomeView *> FleetPage::outcomeViews() const
{
    QList<CancelOutcomeView *> views;
    for (const QPointer<CancelOutcomeView> &view : m_outcomeViews) {
        if (view)
            views.append(view);
    }
    return views;
}

QString FleetPage::title() const
{
    return tr("Fleet \u00b7 %1").arg(m_fleet->name());
}

QString FleetPage::settingsGroup() const
{
    return QStringLiteral("fleet/") + QString::fromLatin1(m_fleet->name().toUtf8().toHex());
}

void FleetPage::restoreChoice()
{
    QSettings settings;
    settings.beginGroup(settingsGroup());
    QList<fleet::FleetAccountChoice> chosen;
    const QStringList accounts = settings.value(QStringLiteral("accounts")).toStringList();
    const QStringList names = settings.value(QStringLiteral("accountNames")).toStringList();
    for (qsizetype i = 0; i < accounts.size(); ++i) {
        const QString &entry = accounts.at(i);
        chosen.append({entry.section(u'=', 0, 0), names.value(i), entry.section(u'=', 1)});
    }
    m_fleet->setChoice(chosen, settings.value(QStringLiteral("regions")).toStringList());
}

void FleetPage::saveChoice() const
{
    QSettings settings;
    settings.beginGroup(settingsGroup());
    QStringList accounts;
    QStringList names;
    for (const fleet::FleetAccountChoice &choice : m_fleet->chosenAccounts()) {
        accounts.append(choice.accountId + u'=' + choice.roleName);
        names.append(choice.accountName);
    }
    settings.setValue(QStringLiteral("accounts"), accounts);
    settings.setValue(QStringLiteral("accountNames"), names);
    settings.setValue(QStringLiteral("regions"), m_fleet->chosenRegions());
}

void FleetPage::start()
{
    if (m_fleet->chosenAccounts().isEmpty()) // a choice made by whoever opened it stands
        restoreChoice();
    if (m_fleet->chosenAccounts().isEmpty() || m_fleet->chosenRegions().isEmpty()) {
        chooseAccounts();
        return;
    }
    m_fleet->refresh();
    updateStatus();
}

void FleetPage::chooseAccounts()
{
    m_status->setText(tr("Listing the accounts of %1…").arg(m_fleet->name()));
    m_chooseButton->setEnabled(false);
    auto *once = new QObject(this);
    connect(m_fleet, &models::FleetController::accountsListed, once, [this, once] {
        once->deleteLater();
        m_chooseButton->setEnabled(true);
        if (m_fleet->accounts().isEmpty()) {
            m_status->setText(m_fleet->accountsError().isEmpty()
                                  ? tr("IAM Identity Center assigns no account to this login.")
                                  : tr("The accounts could not be listed: %1").arg(m_fleet->accountsError()));
            m_signInButton->setVisible(!m_fleet->accountsError().isEmpty() && !m_fleet->signInRequest().startUrl.isEmpty());
            return;
        }
        m_signInButton->hide();
        QStringList regions = m_fleet->chosenRegions();
        if (regions.isEmpty())
            regions = {QStringLiteral("us-east-1"), QStringLiteral("eu-west-1")};
        auto *dialog = new FleetAccountsDialog(m_fleet->accounts(), m_fleet->chosenAccounts(), regions, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &QDialog::accepted, this, [this, dialog] {
            m_fleet->setChoice(dialog->chosenAccounts(), dialog->chosenRegions());
            saveChoice();
            m_fleet->refresh();
            updateStatus();
        });
        connect(dialog, &QDialog::rejected, this, &FleetPage::updateStatus);
        dialog->open();
    });
    m_fleet->listAccounts();
}

void FleetPage::signIn()
{
    if (!m_deviceLogin) {
        m_deviceLogin = new aws::SsoDeviceLogin(m_fleet->oidcEndpoint(), m_network, this);
        connect(m_deviceLogin, &aws::SsoDeviceLogin::verificationReady, this,
                [this](const QUrl &page, const QString &code, const QDateTime &) {
                    QDesktopServices::openUrl(page);
                    m_status->setText(tr("Approve code %1 in the browser (the page %2 was opened), then "
                                         "return here. Flowdesk waits for the approval.")
                                          .arg(code, page.toDisplayString()));
                });
        connect(m_deviceLogin, &aws::SsoDeviceLogin::finished, this, [this](const QString &error) {
            m_signInButton->setEnabled(true);
            if (!error.isEmpty()) {
                m_status->setText(error);
                return;
            }
            m_signInButton->hide();
            chooseAccounts();
        });
    }
    m_signInButton->setEnabled(false);
    m_status->setText(tr("Starting the sign-in…"));
    m_deviceLogin->start(m_fleet->signInRequest());
}

void FleetPage::updateStatus()
{
    const auto &regions = m_fleet->scanner()->regions();
    if (regions.isEmpty()) {
        m_status->setText(tr("No accounts chosen yet: choose the accounts and regions to read."));
        return;
    }
    int failed = 0;
    int partial = 0;
    for (const fleet::FleetRegionState &region : regions) {
        failed += region.status == fleet::FleetRegionState::Status::Failed ? 1 : 0;
        partial += region.status == fleet::FleetRegionState::Status::Partial ? 1 : 0;
    }
    QString text = m_fleet->scanner()->isScanning()
        ? tr("Reading %1: %2").arg(m_fleet->name(), m_fleet->progressText())
        : tr("%1: %2").arg(m_fleet->name(), m_fleet->progressText());
    text += tr(" \u00b7 %n active run(s) found", nullptr, m_fleet->scanner()->activeRunCount());
    if (failed > 0)
        text += tr(" \u00b7 %n could not be read (see State)", nullptr, failed);
    if (partial > 0)
        text += tr(" \u00b7 %n read in part", nullptr, partial);
    m_status->setText(text);
}

void FleetPage::updateButtons()
{
    bool any = false;
    for (int row : selectedRunRows()) {
        const models::FleetRunRow &run = m_fleet->runs()->runAt(row);
        any = any || run.record.executionStatus == appflow::ExecutionStatus::InProgress;
    }
    m_cancelButton->setEnabled(any);
    m_expandButton->setText(anyGroupFolded() ? tr("E&xpand all") : tr("Co&llapse all"));
}

CancelPlan FleetPage::selectedPlan()
{
    CancelPlan plan;
    plan.scope = CancelPlan::Scope::SelectedRuns;
    QHash<QString, int> flowIndex; // account/region/flow → index in plan.flows
    for (int row : selectedRunRows()) {
        const models::FleetRunRow &run = m_fleet->runs()->runAt(row);
        if (run.record.executionStatus != appflow::ExecutionStatus::InProgress)
            continue; // cancelling already: nothing to send
        const QString key = run.accountId + u'/' + run.region + u'/' + run.flowName;
        auto found = flowIndex.find(key);
        if (found == flowIndex.end()) {
            CancelPlan::FlowRuns flow;
            models::Connection *connection = m_fleet->connectionFor(run.accountId, run.region);
            flow.connection = connection;
            flow.connectionLabel = connection ? connection->info().label() : QString();
            flow.connectionName = tr("%1 \u00b7 %2").arg(run.accountName, run.region);
            flow.flowName = run.flowName;
            found = flowIndex.insert(key, static_cast<int>(plan.flows.size()));
            plan.flows.append(flow);
        }
        plan.flows[*found].runs.append(run.record);
    }
    return plan;
}

void FleetPage::cancelSelected()
{
    const CancelPlan plan = selectedPlan();
    if (plan.runCount() == 0) {
        emit info(tr("Select runs that are in progress to cancel them."));
        return;
    }
    // What the confirmation must say about each flow (its trigger, whether a batch API makes a
    // cancelled run finish its batch) comes from DescribeFlow, asked in each flow's own account.
    auto shared = std::make_shared<CancelPlan>(plan);
    auto pending = std::make_shared<int>(static_cast<int>(plan.flows.size()));
    m_cancelButton->setEnabled(false);
    m_status->setText(tr("Checking the flow settings before cancelling…"));
    auto open = [this, shared] {
        updateStatus();
        updateButtons();
        auto *dialog = new CancelConfirmationDialog(*shared, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &CancelConfirmationDialog::cancelConfirmed, this,
                [this, plan = *shared](bool) { execute(plan); });
        dialog->open();
    };
    for (int i = 0; i < shared->flows.size(); ++i) {
        models::Connection *connection = shared->flows.at(i).connection;
        auto settle = [shared, pending, open, i, answered = std::make_shared<bool>(false)](
                          const std::optional<appflow::FlowDescription> &description) {
            if (*answered)
                return;
            *answered = true;
            if (description) {
                CancelPlan::FlowRuns &flow = shared->flows[i];
                flow.descriptionKnown = true;
                flow.triggerType = description->definition.triggerType;
                flow.batchApiUses = description->batchApiUses;
            }
            // A failed DescribeFlow does not block the cancel: the dialog says it could not
            // check for a batch API.
            if (--*pending == 0)
                open();
        };
        if (!connection) {
            settle(std::nullopt);
            continue;
        }
        appflow::AppFlowCall *call = connection->client()->describeFlow(
            shared->flows.at(i).flowName, this,
            [settle](const appflow::AppFlowResult<appflow::FlowDescription> &result) {
                settle(result.ok() ? std::optional<appflow::FlowDescription>(result.value()) : std::nullopt);
            });
        connect(call, &QObject::destroyed, this, [settle] { settle(std::nullopt); });
    }
}

// One controller and results window per account × region: each has its own client, its own
// audit context (account ID, role, region) and its own watch until the runs are Canceled.
void FleetPage::execute(const CancelPlan &plan)
{
    QList<models::Connection *> order;
    QHash<models::Connection *, QList<models::CancelController::Target>> targets;
    for (const CancelPlan::FlowRuns &flow : plan.flows) {
        if (!flow.connection)
            continue;
        models::CancelController::Target target;
        target.flowName = flow.flowName;
        target.runs = flow.runs;
        if (!order.contains(flow.connection))
            order.append(flow.connection);
        targets[flow.connection].append(target);
    }
    auto *reread = new QTimer(this);
    reread->setSingleShot(true);
    reread->setInterval(1000);
    connect(reread, &QTimer::timeout, m_fleet, &models::FleetController::refresh);
    for (models::Connection *connection : order) {
        auto *controller = new models::CancelController(connection->client(), connection->info(), m_auditLogPath);
        auto *view = new CancelOutcomeView(controller, connection->info().label(), this);
        m_outcomeViews.append(view);
        connect(controller, &models::CancelController::requestsDone, reread, qOverload<>(&QTimer::start));
        connect(controller, &models::CancelController::settled, reread, qOverload<>(&QTimer::start));
        view->show();
        controller->start(targets.value(connection));
    }
}

} // namespace flowdesk
