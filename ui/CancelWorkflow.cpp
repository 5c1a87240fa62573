#include "CancelWorkflow.h"
#include "DesktopNotifier.h"

#include "CancelConfirmationDialog.h"
#include "CancelOutcomeView.h"
#include "ConnectionPage.h"
#include "RefreshController.h"

#include <QElapsedTimer>
#include <QTimer>

#include <memory>

namespace flowdesk {

using appflow::ExecutionRecord;
using appflow::ExecutionStatus;

CancelWorkflow::CancelWorkflow(QWidget *window, PageOf pageOf)
    : QObject(window)
    , m_window(window)
    , m_pageOf(std::move(pageOf))
    , m_notifier(new DesktopNotifier(this))
{
}

// Fills in what the confirmation needs to know about each flow (trigger type from the list,
// batch API use from DescribeFlow — asked once per flow and connection, and remembered), then
// opens it.
void CancelWorkflow::begin(CancelPlan plan)
{
    auto pending = std::make_shared<int>(0);
    auto shared = std::make_shared<CancelPlan>(plan);
    auto fill = [this, shared](int i) {
        CancelPlan::FlowRuns &flow = (*shared).flows[i];
        ConnectionPage *page = m_pageOf(flow.connection);
        if (!page)
            return;
        if (const auto definition = page->flowDefinition(flow.flowName))
            flow.triggerType = definition->triggerType;
        if (const auto description = page->description(flow.flowName)) {
            flow.descriptionKnown = true;
            flow.batchApiUses = description->batchApiUses;
        }
    };
    for (int i = 0; i < shared->flows.size(); ++i) {
        const CancelPlan::FlowRuns &flow = shared->flows.at(i);
        ConnectionPage *page = m_pageOf(flow.connection);
        if (!page || page->description(flow.flowName)) {
            fill(i);
            continue;
        }
        ++*pending;
        QPointer<ConnectionPage> target = page;
        const QString flowName = flow.flowName;
        // Once per flow: when DescribeFlow answers, or when its call goes without answering
        // (the connection was closed meanwhile) — else the confirmation would never open.
        auto answered = std::make_shared<bool>(false);
        auto settle = [this, shared, pending, i, fill, answered] {
            if (*answered)
                return;
            *answered = true;
            fill(i);
            // Queued: a call that went with its connection reports from inside that
            // connection's destruction, which must be over before the plan is looked at.
            if (--*pending == 0)
                QTimer::singleShot(0, this, [this, shared] { openConfirmation(*shared); });
        };
        appflow::AppFlowCall *call = page->connection()->client()->describeFlow(
            flowName, this,
            [flowName, target, settle](const appflow::AppFlowResult<appflow::FlowDescription> &result) {
                if (result.ok() && target)
                    target->rememberDescription(flowName, result.value());
                // A failed DescribeFlow does not block the cancel: the dialog says it could
                // not check for a batch API.
                settle();
            });
        connect(call, &QObject::destroyed, this, settle);
    }
    if (*pending == 0)
        openConfirmation(*shared);
    else
        emit progress(tr("Checking the flow settings before cancelling…"));
}

void CancelWorkflow::openConfirmation(CancelPlan plan)
{
    // A connection closed while its flows were being checked: its runs leave the plan.
    QStringList closed;
    plan.flows.removeIf([&closed](const CancelPlan::FlowRuns &flow) {
        if (flow.connection)
            return false;
        if (!closed.contains(flow.connectionLabel))
            closed << flow.connectionLabel;
        return true;
    });
    if (!closed.isEmpty())
        emit info(tr("The runs of %1 are not in this cancel: that connection was closed.")
                      .arg(closed.join(tr(", "))));
    if (plan.flows.isEmpty())
        return;
    auto *dialog = new CancelConfirmationDialog(plan, m_window);
    connect(dialog, &CancelConfirmationDialog::cancelConfirmed, this,
            [this, plan](bool deactivate) { execute(plan, deactivate); });
    dialog->open();
}

void CancelWorkflow::execute(const CancelPlan &plan, bool deactivate)
{
    // The user may have read for a while: send only what is still in progress now, and only
    // to connections that are still open.
    QList<ConnectionPage *> order;
    QHash<ConnectionPage *, QList<models::CancelController::Target>> targetsByPage;
    QStringList finishedMeanwhile;
    QStringList closedMeanwhile;
    for (const CancelPlan::FlowRuns &flow : plan.flows) {
        ConnectionPage *page = m_pageOf(flow.connection);
        if (!page) {
            if (!closedMeanwhile.contains(flow.connectionLabel))
                closedMeanwhile << flow.connectionLabel;
            continue;
        }
        models::CancelController::Target target;
        target.flowName = flow.flowName;
        target.statusAsOf = page->refreshController()->lastRefreshed().toUTC();
        target.allActive = plan.isCancelAll();
        // "Also deactivate" stops scheduled and event flows; on-demand flows have nothing to stop.
        target.deactivate = deactivate
            && (flow.triggerType == appflow::TriggerType::Scheduled
                || flow.triggerType == appflow::TriggerType::Event);
        for (const ExecutionRecord &run : flow.runs) {
            const std::optional<ExecutionRecord> latest = page->latestRecord(flow.flowName, run.executionId);
            if (latest && latest->executionStatus != ExecutionStatus::InProgress) {
                finishedMeanwhile << run.executionId;
                continue;
            }
            target.runs.append(latest ? *latest : run);
        }
        if (target.allActive) {
            // Runs that started while the dialog was open are cancelled too: show them.
            for (const ExecutionRecord &run : page->inProgressRunsOf(flow.flowName)) {
                const bool listed = std::any_of(target.runs.cbegin(), target.runs.cend(),
                                                [&](const ExecutionRecord &r) { return r.executionId == run.executionId; });
                if (!listed)
                    target.runs.append(run);
            }
        }
        if (target.allActive || !target.runs.isEmpty()) {
            if (!order.contains(page))
                order.append(page);
            targetsByPage[page].append(target);
        }
    }
    for (ConnectionPage *page : order)
        start(page, targetsByPage.value(page));
    if (!closedMeanwhile.isEmpty())
        emit info(tr("Nothing was sent to %1: the connection was closed while the confirmation "
                    "was open.").arg(closedMeanwhile.join(tr(", "))));
    else if (order.isEmpty())
        emit info(tr("Nothing was cancelled: the selected runs finished while the confirmation "
                    "was open."));
    else if (!finishedMeanwhile.isEmpty())
        emit info(tr("%1 of the selected runs finished while the confirmation was open and were "
                    "not sent.").arg(finishedMeanwhile.size()));
}

void CancelWorkflow::announceSettled(models::CancelController *controller, const QString &connectionLabel)
{
    using Result = models::CancelOutcomeModel::Result;
    const models::CancelOutcomeModel *outcomes = controller->outcomes();
    const int cancelled = outcomes->count(Result::CancelStarted) + outcomes->count(Result::AlreadyCancelled);
    const int notCancelled = outcomes->count(Result::NotCancellable) + outcomes->count(Result::RequestFailed)
        + outcomes->count(Result::NotSent) + outcomes->count(Result::NoAnswer);
    QString body = tr("%n run(s) cancelled", nullptr, cancelled);
    if (notCancelled > 0)
        body += tr(", %n not — see the results window", nullptr, notCancelled);
    m_notifier->notify(tr("Cancel finished on %1").arg(connectionLabel), body + u'.');
}

// One controller and outcome window per connection: each has its own client, audit context
// and watch.
void CancelWorkflow::start(ConnectionPage *page, const QList<models::CancelController::Target> &targets)
{
    const models::ConnectionInfo &info = page->connection()->info();
    auto *controller = new models::CancelController(page->connection()->client(), info, m_auditLogPath);
    auto *view = new CancelOutcomeView(controller, info.label(), m_window);
    m_lastOutcomeView = view;
    page->addOutcomeView(view);
    QPointer<ConnectionPage> target = page;
    connect(controller, &models::CancelController::errorOccurred, this,
            [this, target](const appflow::AppFlowError &error, const QString &operation, const QString &flow) {
                emit errorOccurred(target, error, operation, flow);
            });
    connect(controller, &models::CancelController::auditFailed, this, &CancelWorkflow::auditFailed);
    // Runs whose cancel AppFlow accepted read "Cancel started" in every view at once, and are
    // not offered for cancelling again, whatever a slower or failed refresh still says.
    connect(controller, &models::CancelController::cancelStarted, this,
            [target](const QString &flow, const QStringList &ids) {
                if (target)
                    target->refreshController()->noteCancelStarted(flow, ids);
            });
    QStringList flows;
    for (const auto &t : targets)
        flows << t.flowName;
    auto refreshFlows = [target, flows] {
        if (target) {
            for (const QString &flow : flows)
                target->refreshController()->refreshFlow(flow);
        }
    };
    connect(controller, &models::CancelController::requestsDone, this, refreshFlows);
    connect(controller, &models::CancelController::settled, this, refreshFlows);
    // Someone who started a long cancel and went to another window hears when it is over.
    auto started = std::make_shared<QElapsedTimer>();
    started->start();
    const QString label = info.label();
    connect(controller, &models::CancelController::settled, this, [this, controller, started, label] {
        if (started->elapsed() >= m_notifyAfterMs && !(m_window && m_window->isActiveWindow()))
            announceSettled(controller, label);
    });
    view->show();
    controller->start(targets);
}

} // namespace flowdesk
