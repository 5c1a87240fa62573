#include "AuditEntryModel.h"

#include "DisplayFormat.h"
#include "ModelRoles.h"

#include <QCoreApplication>
#include <QLocale>

#include <algorithm>
#include <utility>

namespace flowdesk {

using audit::AuditEntry;
using audit::AuditOutcome;
namespace Roles = models::Roles;

namespace {

QString outcomeWords(AuditOutcome::Kind kind)
{
    switch (kind) {
    case AuditOutcome::Kind::CancelStarted: return AuditEntryModel::tr("cancel started");
    case AuditOutcome::Kind::NotCancellable: return AuditEntryModel::tr("not cancellable");
    case AuditOutcome::Kind::RequestFailed: return AuditEntryModel::tr("request failed");
    case AuditOutcome::Kind::Reconciled: return AuditEntryModel::tr("status checked later");
    }
    return {};
}

// "cancel started for 2 runs", "1 run not cancellable": whole phrases, so every language can
// put the number and the plural where it belongs.
QString countedOutcome(AuditOutcome::Kind kind, int count)
{
    switch (kind) {
    case AuditOutcome::Kind::CancelStarted: return AuditEntryModel::tr("cancel started for %n run(s)", nullptr, count);
    case AuditOutcome::Kind::NotCancellable: return AuditEntryModel::tr("%n run(s) not cancellable", nullptr, count);
    case AuditOutcome::Kind::RequestFailed:
        return AuditEntryModel::tr("%n run(s) not cancelled: request failed", nullptr, count);
    case AuditOutcome::Kind::Reconciled: return AuditEntryModel::tr("%n run(s) checked later", nullptr, count);
    }
    return {};
}

QString orAbsent(const QString &text)
{
    return text.isEmpty() ? models::DisplayFormat::absent() : text;
}

} // namespace

AuditEntryModel::AuditEntryModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void AuditEntryModel::setEntries(QList<AuditEntry> entries)
{
    beginResetModel();
    m_entries = std::move(entries);
    m_answeredIntents.clear();
    for (const AuditEntry &entry : std::as_const(m_entries)) {
        if (entry.type == AuditEntry::Type::Result)
            m_answeredIntents.insert(entry.correlationId);
    }
    endResetModel();
}

int AuditEntryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_entries.size());
}

int AuditEntryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AuditEntryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const AuditEntry &entry = m_entries.at(index.row());
    switch (role) {
    case Qt::DisplayRole: return display(entry, index.column());
    case Qt::ToolTipRole: return toolTip(entry, index.column());
    case Roles::SortRole: return sortValue(entry, index.column());
    case Roles::IdRole: return entry.correlationId;
    case Roles::FlowNameRole: return entry.flowName;
    default: return {};
    }
}

QVariant AuditEntryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole && section == TimeColumn)
        return tr("This computer’s local time. Point at a time to see it exactly, and in UTC.");
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn: return tr("Time");
    case KindColumn: return tr("Kind");
    case FlowColumn: return tr("Flow");
    case OutcomeColumn: return tr("Outcome");
    case RunsColumn: return tr("Runs");
    case ConnectionColumn: return tr("Profile / account");
    case RegionColumn: return tr("Region");
    case ConfirmedByColumn: return tr("Confirmed by");
    case RequestIdsColumn: return tr("Request IDs");
    default: return {};
    }
}

QString AuditEntryModel::runsText(const AuditEntry &entry)
{
    if (entry.allActiveRuns)
        return tr("all active runs");
    if (entry.executionIds.size() > 1) {
        // Execution IDs are long UUIDs: the count and the first one keep the column readable.
        // Always two or more, so the plural needs no %n.
        return tr("%1 runs: %2, …")
            .arg(QString::number(entry.executionIds.size()), entry.executionIds.first());
    }
    return orAbsent(entry.executionIds.join(QStringLiteral(", ")));
}

QString AuditEntryModel::outcomeSummary(const AuditEntry &entry) const
{
    if (entry.type == AuditEntry::Type::Intent) {
        return m_answeredIntents.contains(entry.correlationId) ? tr("Cancel requested")
                                                               : tr("No result recorded");
    }
    QStringList parts;
    if (entry.reconciled) {
        // What became of the runs, read at a later start: not what the request did.
        QStringList statuses;
        for (const AuditOutcome &outcome : entry.outcomes)
            statuses << outcome.detail;
        statuses.removeDuplicates();
        return tr("Not confirmed before Flowdesk closed; later: %1")
            .arg(statuses.isEmpty() ? entry.error : statuses.join(QStringLiteral(", ")));
    }
    for (auto kind : {AuditOutcome::Kind::CancelStarted, AuditOutcome::Kind::NotCancellable,
                      AuditOutcome::Kind::RequestFailed}) {
        const int count = int(std::count_if(entry.outcomes.cbegin(), entry.outcomes.cend(),
                                             [kind](const AuditOutcome &o) { return o.kind == kind; }));
        if (count > 0)
            parts << countedOutcome(kind, count);
    }
    if (!entry.deactivation.isEmpty()) {
        return entry.deactivation == QLatin1String("failed")
            ? tr("Deactivation failed: %1").arg(entry.error)
            : tr("Flow deactivated (%1)").arg(entry.deactivation);
    }
    QString summary = parts.join(QStringLiteral(", "));
    if (!entry.error.isEmpty())
        summary = summary.isEmpty() ? entry.error : summary + QStringLiteral(": ") + entry.error;
    if (summary.isEmpty()) {
        summary = entry.allActiveRuns ? tr("No active runs to cancel")
                                      : tr("No outcome recorded");
    }
    return summary;
}

QVariant AuditEntryModel::display(const AuditEntry &entry, int column) const
{
    switch (column) {
    case TimeColumn:
        // Local time to the second: what the user saw on the clock. The tooltip is exact.
        return entry.time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    case KindColumn:
        return entry.type == AuditEntry::Type::Intent ? tr("Intent") : tr("Result");
    case FlowColumn: return entry.flowName;
    case OutcomeColumn: return outcomeSummary(entry);
    case RunsColumn: return runsText(entry);
    case ConnectionColumn:
        if (!entry.profile.isEmpty() && !entry.account.isEmpty())
            return QString(entry.profile + QStringLiteral(" · ") + entry.account);
        return orAbsent(entry.profile.isEmpty() ? entry.account : entry.profile);
    case RegionColumn: return orAbsent(entry.region);
    case ConfirmedByColumn:
        // Cancels sent by another program (flowdesk-cli in a runbook) say so: "alice (flowdesk-cli)".
        if (!entry.via.isEmpty() && entry.via != QCoreApplication::applicationName())
            return tr("%1 (%2)").arg(orAbsent(entry.confirmedBy), entry.via);
        return orAbsent(entry.confirmedBy);
    case RequestIdsColumn:
        if (entry.type == AuditEntry::Type::Intent)
            return QString(); // written before any request: nothing to show
        return orAbsent(entry.requestIds.join(QStringLiteral(", ")));
    default: return {};
    }
}

QVariant AuditEntryModel::sortValue(const AuditEntry &entry, int column) const
{
    switch (column) {
    case TimeColumn: return entry.time.toMSecsSinceEpoch();
    case KindColumn: return static_cast<int>(entry.type);
    case RunsColumn:
        return entry.allActiveRuns ? tr("all active runs")
                                   : entry.executionIds.join(QStringLiteral(", "));
    case RequestIdsColumn: return entry.requestIds.join(QStringLiteral(", "));
    default: return display(entry, column);
    }
}

QVariant AuditEntryModel::toolTip(const AuditEntry &entry, int column) const
{
    switch (column) {
    case TimeColumn: return models::DisplayFormat::exactTime(entry.time);
    case KindColumn:
        return entry.type == AuditEntry::Type::Intent
            ? tr("Written before the cancel request was sent")
            : tr("Written when the answer (or the error) came in");
    case RunsColumn: {
        QString text = entry.allActiveRuns ? tr("Every run of the flow in progress at the time")
                                           : entry.executionIds.join(u'\n');
        if (entry.deactivateRequested)
            text += u'\n' + tr("The flow was also to be deactivated.");
        return text;
    }
    case OutcomeColumn: {
        if (entry.type == AuditEntry::Type::Intent) {
            return m_answeredIntents.contains(entry.correlationId)
                ? tr("The result is on its own line, with the same correlation ID.")
                : tr("No result line: the request may still be in flight, or Flowdesk stopped "
                     "before the answer came in. Check the runs' status in the main window.");
        }
        QStringList lines;
        for (const AuditOutcome &outcome : entry.outcomes) {
            QString line = outcome.executionId + QStringLiteral(": ") + outcomeWords(outcome.kind);
            if (!outcome.detail.isEmpty())
                line += QStringLiteral(" (") + outcome.detail + u')';
            lines << line;
        }
        if (!entry.error.isEmpty())
            lines << tr("Error: %1").arg(entry.error);
        return lines.isEmpty() ? outcomeSummary(entry) : lines.join(u'\n');
    }
    case ConnectionColumn: return orAbsent(entry.endpoint);
    case RequestIdsColumn: return entry.requestIds.join(u'\n');
    default: return display(entry, column);
    }
}

} // namespace flowdesk
