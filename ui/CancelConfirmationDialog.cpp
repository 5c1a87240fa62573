#include "CancelConfirmationDialog.h"
#include "ScreenFit.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QHash>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QStyle>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace flowdesk {

namespace {

using appflow::ExecutionRecord;
using appflow::TriggerType;

QLabel *wrappedLabel(const QString &objectName, const QString &html, QWidget *parent)
{
    auto *label = new QLabel(html, parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextFormat(Qt::RichText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

// One warning: an icon and a sentence, so the list reads as separate facts, not one paragraph.
QWidget *warningRow(const QString &objectName, QStyle::StandardPixmap icon, const QString &html,
                    QWidget *parent)
{
    auto *row = new QWidget(parent);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 2, 0, 2);
    auto *iconLabel = new QLabel(row);
    const int size = row->style()->pixelMetric(QStyle::PM_SmallIconSize);
    iconLabel->setPixmap(row->style()->standardIcon(icon).pixmap(size, size));
    iconLabel->setAlignment(Qt::AlignTop);
    layout->addWidget(iconLabel);
    layout->addWidget(wrappedLabel(objectName, html, row), 1);
    return row;
}

QString quoted(const QString &name)
{
    return QStringLiteral("<b>%1</b>").arg(name.toHtmlEscaped());
}

bool canBeScheduled(TriggerType type)
{
    return type == TriggerType::Scheduled || type == TriggerType::Event;
}

} // namespace

CancelConfirmationDialog::CancelConfirmationDialog(const CancelPlan &plan, QWidget *parent)
    : QDialog(parent)
    , m_plan(plan)
{
    setObjectName(QStringLiteral("cancelConfirmationDialog"));
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowModality(Qt::WindowModal);
    setWindowTitle(tr("Cancel runs"));

    auto *layout = new QVBoxLayout(this);

    auto *title = new QLabel(titleText(), this);
    title->setObjectName(QStringLiteral("titleLabel"));
    title->setWordWrap(true);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.25);
    titleFont.setBold(true);
    title->setFont(titleFont);
    layout->addWidget(title);

    // Not greyed out: which account this is matters as much as which runs.
    const QStringList connections = m_plan.connectionLabels();
    if (connections.size() == 1) {
        auto *connection = new QLabel(tr("Connection: %1").arg(connections.first()), this);
        connection->setObjectName(QStringLiteral("connectionLabel"));
        layout->addWidget(connection);
    } else if (connections.size() > 1) {
        // Each account (connection) with how many of the runs are its own: a cancel across a
        // fleet must say where it lands. A cancel-all names no runs, so it has no count.
        QHash<QString, int> runsOf;
        for (const CancelPlan::FlowRuns &flow : m_plan.flows)
            runsOf[flow.connectionLabel] += static_cast<int>(flow.runs.size());
        QStringList items;
        for (const QString &label : connections) {
            const int runs = runsOf.value(label);
            items << (runs > 0 ? tr("\u2022 %1: %n run(s)", nullptr, runs).arg(label.toHtmlEscaped())
                               : QStringLiteral("\u2022 %1").arg(label.toHtmlEscaped()));
        }
        layout->addWidget(wrappedLabel(
            QStringLiteral("connectionLabel"),
            tr("<b>These runs belong to %1 different connections:</b><br>%2<br>"
               "One request is sent per connection and flow.")
                .arg(connections.size())
                .arg(items.join(QStringLiteral("<br>"))),
            this));
    }

    layout->addWidget(createRunsTable());
    layout->addWidget(createWarnings());
    if (m_plan.isCancelAll() && m_plan.requireTypedConfirmation)
        layout->addWidget(createTypedConfirmation());

    auto *buttons = new QDialogButtonBox(this);
    m_keepButton = buttons->addButton(tr("Keep runs"), QDialogButtonBox::RejectRole);
    m_keepButton->setObjectName(QStringLiteral("keepRunsButton"));
    m_keepButton->setAccessibleDescription(tr("Close without cancelling anything"));
    const int count = m_plan.runCount();
    const QString confirmText = m_plan.isCancelAll() && count == 0
        ? tr("Cancel all active runs")
        : tr("Cancel %n run(s)", nullptr, count);
    m_cancelRunsButton = buttons->addButton(confirmText, QDialogButtonBox::DestructiveRole);
    m_cancelRunsButton->setObjectName(QStringLiteral("cancelRunsButton"));
    m_cancelRunsButton->setAccessibleDescription(tr("Send the cancel to AppFlow now; it cannot be undone"));
    // Keep runs is the default, so Enter keeps the runs from anywhere else. The confirm button
    // stays auto-default: once the user has moved the focus to it, Enter presses it (with
    // auto-default off, Enter there fell through to Keep runs and silently kept the runs).
    m_keepButton->setDefault(true);
    connect(m_keepButton, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_cancelRunsButton, &QPushButton::clicked, this, [this] {
        if (!m_cancelRunsButton->isEnabled())
            return;
        emit cancelConfirmed(deactivateRequested());
        accept();
    });
    layout->addWidget(buttons);

    updateConfirmButton();
    // The safe choice has the focus: Enter or Space on an unread dialog keeps the runs. With a
    // name to type, the field has it: typing is the next step, and Enter there only confirms
    // once the name matches (keyPressEvent).
    if (m_confirmationEdit)
        m_confirmationEdit->setFocus(Qt::OtherFocusReason);
    else
        m_keepButton->setFocus(Qt::OtherFocusReason);
    // As tall as the content needs at this width: sizeHint() measures the wrapped labels at a
    // narrower width, and the surplus would show as gaps between the sections.
    const int width = qMin(780, ScreenFit::availableFor(this).width() - 16);
    ScreenFit::resizeWithin(this, QSize(width, layout->hasHeightForWidth() ? layout->totalHeightForWidth(width)
                                                                            : sizeHint().height()));
}

QString CancelConfirmationDialog::titleText() const
{
    const int count = m_plan.runCount();
    const qsizetype connections = m_plan.connectionLabels().size();
    if (m_plan.scope == CancelPlan::Scope::AllActiveAcrossFlows && connections > 1)
        return tr("Cancel all %n active run(s) in %1 flows of %2 connections?", nullptr, count)
            .arg(m_plan.flows.size())
            .arg(connections);
    if (m_plan.scope == CancelPlan::Scope::AllActiveAcrossFlows)
        return tr("Cancel all %n active run(s) in %1 flows?", nullptr, count)
            .arg(m_plan.flows.size());
    const QString flow = m_plan.flows.isEmpty() ? QString() : m_plan.flows.first().flowName;
    if (m_plan.flows.size() > 1)
        return tr("Cancel %n run(s) in %1 flows?", nullptr, count).arg(m_plan.flows.size());
    if (m_plan.scope == CancelPlan::Scope::AllActiveOfFlow)
        return tr("Cancel all %n active run(s) of \u201c%1\u201d?", nullptr, count).arg(flow);
    return tr("Cancel %n run(s) of \u201c%1\u201d?", nullptr, count).arg(flow);
}

QWidget *CancelConfirmationDialog::createRunsTable()
{
    auto *box = new QWidget(this);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);

    auto *table = new QTableWidget(box);
    table->setObjectName(QStringLiteral("runsTable"));
    table->setColumnCount(5);
    table->setHorizontalHeaderLabels({tr("Flow"), tr("Run ID"), tr("Records processed"),
                                      tr("Bytes processed"), tr("Connection")});
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionMode(QAbstractItemView::NoSelection);
    table->setFocusPolicy(Qt::NoFocus);
    table->verticalHeader()->hide();
    table->setWordWrap(false);
    table->setTextElideMode(Qt::ElideMiddle);
    // Run IDs elide in the middle instead: a horizontal scroll bar would hide the rows.
    table->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    const QLocale locale;
    qint64 totalRecords = 0;
    qint64 totalBytes = 0;
    bool anyUnknown = false;
    for (const CancelPlan::FlowRuns &flow : m_plan.flows) {
        for (const ExecutionRecord &run : flow.runs) {
            const int row = table->rowCount();
            table->insertRow(row);
            table->setItem(row, 0, new QTableWidgetItem(flow.flowName));
            table->setItem(row, 1, new QTableWidgetItem(run.executionId));
            const auto &result = run.executionResult;
            auto *records = new QTableWidgetItem(result.recordsProcessed
                                                     ? locale.toString(*result.recordsProcessed)
                                                     : QStringLiteral("\u2014"));
            auto *bytes = new QTableWidgetItem(
                result.bytesProcessed ? locale.formattedDataSize(*result.bytesProcessed)
                                      : QStringLiteral("\u2014"));
            records->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            bytes->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            table->setItem(row, 2, records);
            table->setItem(row, 3, bytes);
            auto *connection = new QTableWidgetItem(flow.connectionName.isEmpty() ? flow.connectionLabel
                                                                                  : flow.connectionName);
            connection->setToolTip(flow.connectionLabel);
            table->setItem(row, 4, connection);
            totalRecords += result.recordsProcessed.value_or(0);
            totalBytes += result.bytesProcessed.value_or(0);
            anyUnknown = anyUnknown || !result.recordsProcessed || !result.bytesProcessed;
        }
    }
    table->resizeColumnsToContents();
    // One flow: its name is in the title already, the column would only repeat it.
    table->setColumnHidden(0, m_plan.flows.size() == 1);
    // One connection: it is named above the table.
    table->setColumnHidden(4, m_plan.connectionLabels().size() < 2);
    table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    // As tall as its rows (up to eight, then it scrolls): no empty box under two runs.
    const int visibleRows = std::clamp(int(table->rowCount()), 1, 8);
    const int height = table->horizontalHeader()->sizeHint().height()
        + visibleRows * table->verticalHeader()->defaultSectionSize() + 2 * table->frameWidth();
    table->setFixedHeight(height);
    layout->addWidget(table);

    QString total = tr("Already processed: <b>%1 records</b>, <b>%2</b>")
                        .arg(locale.toString(totalRecords), locale.formattedDataSize(totalBytes));
    if (anyUnknown)
        total += tr(" (some runs have not reported their counts yet)");
    if (m_plan.isCancelAll())
        total += tr("<br>Every run of the flow that is still in progress when the request "
                    "reaches AWS is cancelled, including runs that start after this list was "
                    "made.");
    layout->addWidget(wrappedLabel(QStringLiteral("totalLabel"), total, box));
    return box;
}

QWidget *CancelConfirmationDialog::createWarnings()
{
    auto *box = new QWidget(this);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 6, 0, 0);

    auto *heading = new QLabel(tr("<b>Before you cancel</b>"), box);
    layout->addWidget(heading);

    layout->addWidget(warningRow(
        QStringLiteral("chargesWarningLabel"), QStyle::SP_MessageBoxInformation,
        tr("You are still charged for the data the %n run(s) have already processed.", nullptr,
           qMax(1, m_plan.runCount())),
        box));
    layout->addWidget(warningRow(
        QStringLiteral("dataStaysWarningLabel"), QStyle::SP_MessageBoxInformation,
        tr("Data already written to the destination stays there. Cancelling does not remove "
           "or roll back anything."),
        box));

    // Batch APIs: name each flow, and say so when we could not check.
    QStringList batchFlows;
    QStringList batchDetails;
    QStringList uncheckedFlows;
    for (const CancelPlan::FlowRuns &flow : m_plan.flows) {
        if (!flow.descriptionKnown)
            uncheckedFlows << flowText(flow);
        else if (!flow.batchApiUses.isEmpty())
            batchFlows << flowText(flow);
        if (flow.descriptionKnown && !flow.batchApiUses.isEmpty())
            batchDetails << flow.batchApiUses.join(QStringLiteral("; ")).toHtmlEscaped();
    }
    if (!batchFlows.isEmpty()) {
        layout->addWidget(warningRow(
            QStringLiteral("batchWarningLabel"), QStyle::SP_MessageBoxWarning,
            tr("%1 moves data in batches (Salesforce Bulk API 2.0). After you cancel, its run "
               "still finishes the whole current batch, and that batch is billed.<br>"
               "<small>%2</small>")
                .arg(batchFlows.join(tr(", ")), batchDetails.join(QStringLiteral("<br>"))),
            box));
    }
    if (!uncheckedFlows.isEmpty()) {
        layout->addWidget(warningRow(
            QStringLiteral("batchUnknownWarningLabel"), QStyle::SP_MessageBoxWarning,
            tr("Flowdesk could not check whether %1 uses a batch API. If it does, its run "
               "finishes and bills its current batch after you cancel.")
                .arg(uncheckedFlows.join(tr(", "))),
            box));
    }

    layout->addWidget(warningRow(
        QStringLiteral("irreversibleWarningLabel"), QStyle::SP_MessageBoxWarning,
        tr("<b>Cancelling cannot be undone.</b> A cancelled run cannot be resumed; you can only "
           "start a new run."),
        box));

    QStringList scheduledFlows;
    for (const CancelPlan::FlowRuns &flow : m_plan.flows) {
        if (canBeScheduled(flow.triggerType))
            scheduledFlows << flowText(flow);
    }
    layout->addWidget(warningRow(
        QStringLiteral("scheduledWarningLabel"), QStyle::SP_MessageBoxInformation,
        tr("Scheduled runs that have not started yet are not affected. Only deactivating the "
           "flow stops them."),
        box));
    if (!scheduledFlows.isEmpty()) {
        // Only scheduled and event flows are deactivated; say which when there is a choice.
        const int count = int(scheduledFlows.size());
        m_deactivateCheckBox = new QCheckBox(
            m_plan.flows.size() == 1
                ? tr("Also deactivate the flow so no new scheduled runs start")
                : tr("Also deactivate the %n scheduled or event flow(s) among these, so no new "
                     "runs start", nullptr, count),
            box);
        m_deactivateCheckBox->setToolTip(scheduledFlows.join(QStringLiteral("<br>")));
        m_deactivateCheckBox->setObjectName(QStringLiteral("deactivateCheckBox"));
        layout->addWidget(m_deactivateCheckBox);
    }
    return box;
}

// A flow as the warnings name it: with its connection when the plan spans several, so a batch
// warning about one account's "orders-sync" is not read as about another's.
QString CancelConfirmationDialog::flowText(const CancelPlan::FlowRuns &flow) const
{
    if (m_plan.connectionLabels().size() < 2)
        return quoted(flow.flowName);
    return tr("%1 (%2)").arg(quoted(flow.flowName), flow.connectionName.toHtmlEscaped());
}

QString CancelConfirmationDialog::confirmationWord() const
{
    if (m_plan.scope == CancelPlan::Scope::AllActiveOfFlow && m_plan.flows.size() == 1)
        return m_plan.flows.first().flowName;
    // Translated: the words must be ones the user reads and types in their own language.
    return tr("cancel all", "the words typed to confirm a cancel across flows");
}

QWidget *CancelConfirmationDialog::createTypedConfirmation()
{
    auto *box = new QWidget(this);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 6, 0, 0);
    auto *prompt = new QLabel(tr("To confirm, type %1:").arg(quoted(confirmationWord())), box);
    prompt->setObjectName(QStringLiteral("confirmationPromptLabel"));
    layout->addWidget(prompt);
    m_confirmationEdit = new QLineEdit(box);
    m_confirmationEdit->setObjectName(QStringLiteral("confirmationEdit"));
    // Not the name itself: a placeholder that reads like the answer invites pressing Enter on
    // an empty field. The label above says what to type.
    m_confirmationEdit->setPlaceholderText(
        m_plan.scope == CancelPlan::Scope::AllActiveOfFlow && m_plan.flows.size() == 1
            ? tr("Type the flow name to confirm")
            : tr("Type the words above to confirm"));
    prompt->setBuddy(m_confirmationEdit);
    connect(m_confirmationEdit, &QLineEdit::textChanged, this,
            &CancelConfirmationDialog::updateConfirmButton);
    layout->addWidget(m_confirmationEdit);
    return box;
}

// Enter in the typed-name field would reach QDialog, which presses the default button, Keep
// runs: the name typed and Enter pressed would keep the runs. The typed name is the
// confirmation, so Enter there confirms when it matches and does nothing while it does not
// (closing would throw away what the user typed).
void CancelConfirmationDialog::keyPressEvent(QKeyEvent *event)
{
    const bool enter = event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter;
    if (enter && event->modifiers() == Qt::NoModifier && m_confirmationEdit
        && focusWidget() == m_confirmationEdit) {
        event->accept();
        if (m_cancelRunsButton->isEnabled())
            m_cancelRunsButton->click();
        return;
    }
    QDialog::keyPressEvent(event);
}

void CancelConfirmationDialog::updateConfirmButton()
{
    bool enabled = m_plan.isCancelAll() || m_plan.runCount() > 0;
    if (m_confirmationEdit)
        enabled = enabled && m_confirmationEdit->text().trimmed() == confirmationWord();
    m_cancelRunsButton->setEnabled(enabled);
}

bool CancelConfirmationDialog::deactivateRequested() const
{
    return m_deactivateCheckBox && m_deactivateCheckBox->isChecked();
}

} // namespace flowdesk
