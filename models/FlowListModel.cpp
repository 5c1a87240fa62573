#include "FlowListModel.h"

#include "DisplayFormat.h"

namespace flowdesk::models {

using appflow::ExecutionDetails;
using appflow::FlowDefinition;

namespace {

bool sameDetails(const std::optional<ExecutionDetails> &a, const std::optional<ExecutionDetails> &b)
{
    if (a.has_value() != b.has_value())
        return false;
    return !a
        || (a->mostRecentExecutionStatus == b->mostRecentExecutionStatus
            && a->mostRecentExecutionStatusText == b->mostRecentExecutionStatusText
            && a->mostRecentExecutionMessage == b->mostRecentExecutionMessage);
}

QDateTime lastRunTime(const FlowDefinition &flow)
{
    return flow.lastRunExecutionDetails ? flow.lastRunExecutionDetails->mostRecentExecutionTime
                                        : QDateTime();
}

} // namespace

FlowListModel::FlowListModel(QObject *parent)
    : KeyedTableModel(parent)
{
    static_assert(ColumnCount <= std::numeric_limits<ColumnMask>::digits);
}

MergeResult FlowListModel::merge(const QList<FlowDefinition> &flows)
{
    return mergeRows(flows, [](const FlowDefinition &) { return true; });
}

MergeResult FlowListModel::mergePartial(const QList<FlowDefinition> &flows)
{
    return mergeRows(flows, [](const FlowDefinition &) { return false; });
}

void FlowListModel::clear()
{
    mergeRows({}, [](const FlowDefinition &) { return true; });
}

void FlowListModel::setActiveRunCount(const QString &flowName, int count)
{
    count = qMax(-1, count);
    if (activeRunCount(flowName) == count)
        return;
    if (count < 0)
        m_activeRuns.remove(flowName);
    else
        m_activeRuns.insert(flowName, count);
    signalActiveCell(flowName);
}

void FlowListModel::setRunsUnread(const QString &flowName, const QString &why)
{
    if (m_unread.value(flowName) == why)
        return;
    if (why.isEmpty())
        m_unread.remove(flowName);
    else
        m_unread.insert(flowName, why);
    signalActiveCell(flowName);
}

void FlowListModel::signalActiveCell(const QString &flowName)
{
    if (const int row = indexOfId(flowName); row >= 0) {
        // ActiveRole is row-level; like the status roles it is signalled on one column.
        const QModelIndex cell = index(row, ActiveRunsColumn);
        emit dataChanged(cell, cell);
    }
}

int FlowListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FlowListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const FlowDefinition &f = flow(index.row());
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole: return display(f, column);
    case Roles::SortRole: return sortValue(f, column);
    case Qt::ToolTipRole: return toolTip(f, column);
    case Qt::TextAlignmentRole:
        return column == ActiveRunsColumn
            ? QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter))
            : QVariant();
    case Roles::IdRole:
    case Roles::FlowNameRole: return f.flowName;
    case Roles::ActiveRole: return activeRunCount(f.flowName) > 0;
    case Roles::StatusRole:
        if (column == LastRunStatusColumn)
            return f.lastRunExecutionDetails
                ? QVariant::fromValue(f.lastRunExecutionDetails->mostRecentExecutionStatus)
                : QVariant();
        return QVariant::fromValue(f.flowStatus);
    default: return {};
    }
}

QVariant FlowListModel::display(const FlowDefinition &f, int column) const
{
    switch (column) {
    case NameColumn: return f.flowName;
    case StatusColumn: return DisplayFormat::flowStatus(f.flowStatus, f.flowStatusText);
    case TriggerColumn: return DisplayFormat::triggerType(f.triggerType, f.triggerTypeText);
    case RouteColumn: return DisplayFormat::route(f);
    case LastRunStatusColumn:
        return f.lastRunExecutionDetails
            ? DisplayFormat::executionStatus(f.lastRunExecutionDetails->mostRecentExecutionStatus,
                                             f.lastRunExecutionDetails->mostRecentExecutionStatusText)
            : DisplayFormat::absent();
    case LastRunTimeColumn: return DisplayFormat::relativeTime(lastRunTime(f), now(), locale());
    case ActiveRunsColumn: {
        const int count = activeRunCount(f.flowName);
        if (m_unread.contains(f.flowName))
            return count < 0 ? tr("?") : tr("%1?").arg(locale().toString(count));
        return count < 0 ? DisplayFormat::absent() : locale().toString(count);
    }
    default: return {};
    }
}

QVariant FlowListModel::sortValue(const FlowDefinition &f, int column) const
{
    switch (column) {
    case NameColumn: return f.flowName;
    case StatusColumn: return static_cast<int>(f.flowStatus);
    case TriggerColumn: return static_cast<int>(f.triggerType);
    case RouteColumn: return DisplayFormat::route(f);
    case LastRunStatusColumn:
        return f.lastRunExecutionDetails
            ? QVariant(static_cast<int>(f.lastRunExecutionDetails->mostRecentExecutionStatus))
            : QVariant();
    case LastRunTimeColumn: {
        const QDateTime time = lastRunTime(f);
        return time.isValid() ? QVariant(time.toMSecsSinceEpoch()) : QVariant();
    }
    case ActiveRunsColumn: {
        const int count = activeRunCount(f.flowName);
        return count < 0 ? QVariant() : QVariant(count);
    }
    default: return {};
    }
}

QVariant FlowListModel::toolTip(const FlowDefinition &f, int column) const
{
    switch (column) {
    case NameColumn: {
        QStringList lines{f.flowName};
        if (!f.description.isEmpty())
            lines << f.description;
        if (!f.flowArn.isEmpty())
            lines << f.flowArn;
        if (f.createdAt.isValid())
            lines << tr("Created %1 by %2").arg(DisplayFormat::exactTime(f.createdAt),
                                               f.createdBy.isEmpty() ? DisplayFormat::absent() : f.createdBy);
        if (f.lastUpdatedAt.isValid())
            lines << tr("Updated %1 by %2").arg(DisplayFormat::exactTime(f.lastUpdatedAt),
                                               f.lastUpdatedBy.isEmpty() ? DisplayFormat::absent() : f.lastUpdatedBy);
        for (auto it = f.tags.cbegin(); it != f.tags.cend(); ++it)
            lines << tr("Tag %1 = %2").arg(it.key(), it.value());
        return lines.join(u'\n');
    }
    case StatusColumn: return f.flowStatusText.isEmpty() ? QVariant() : QVariant(f.flowStatusText);
    case TriggerColumn: return f.triggerTypeText.isEmpty() ? QVariant() : QVariant(f.triggerTypeText);
    case RouteColumn:
        return tr("Source: %1\nDestination: %2")
            .arg(f.sourceConnectorType, f.destinationConnectorType);
    case LastRunStatusColumn:
        return f.lastRunExecutionDetails && !f.lastRunExecutionDetails->mostRecentExecutionMessage.isEmpty()
            ? QVariant(f.lastRunExecutionDetails->mostRecentExecutionMessage)
            : QVariant();
    case LastRunTimeColumn: {
        const QDateTime time = lastRunTime(f);
        return time.isValid() ? QVariant(DisplayFormat::exactTime(time)) : QVariant();
    }
    case ActiveRunsColumn: {
        const auto why = m_unread.constFind(f.flowName);
        if (why == m_unread.cend())
            return {};
        const int count = activeRunCount(f.flowName);
        return count < 0 ? tr("Not known: the runs of this flow could not be read (%1).").arg(*why)
                         : tr("%1 when last read; the latest read failed (%2).")
                               .arg(locale().toString(count), *why);
    }
    default: return {};
    }
}

QVariant FlowListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::TextAlignmentRole && section == ActiveRunsColumn)
        return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
    if (role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn: return tr("Flow");
    case StatusColumn: return tr("Status");
    case TriggerColumn: return tr("Trigger");
    case RouteColumn: return tr("Source \u2192 destination");
    case LastRunStatusColumn: return tr("Last run");
    case LastRunTimeColumn: return tr("Last run time");
    case ActiveRunsColumn: return tr("Active runs");
    default: return {};
    }
}

ColumnMask FlowListModel::changedColumns(const FlowDefinition &a, const FlowDefinition &b) const
{
    ColumnMask mask = 0;
    const auto mark = [&mask](bool changed, Column column) {
        if (changed)
            mask |= bit(column);
    };
    // Everything the name's tooltip shows counts as the name column.
    mark(a.flowName != b.flowName || a.description != b.description || a.flowArn != b.flowArn
             || a.createdAt != b.createdAt || a.lastUpdatedAt != b.lastUpdatedAt
             || a.createdBy != b.createdBy || a.lastUpdatedBy != b.lastUpdatedBy || a.tags != b.tags,
         NameColumn);
    mark(a.flowStatus != b.flowStatus || a.flowStatusText != b.flowStatusText, StatusColumn);
    mark(a.triggerType != b.triggerType || a.triggerTypeText != b.triggerTypeText, TriggerColumn);
    mark(a.sourceConnectorType != b.sourceConnectorType
             || a.sourceConnectorLabel != b.sourceConnectorLabel
             || a.destinationConnectorType != b.destinationConnectorType
             || a.destinationConnectorLabel != b.destinationConnectorLabel,
         RouteColumn);
    mark(!sameDetails(a.lastRunExecutionDetails, b.lastRunExecutionDetails), LastRunStatusColumn);
    mark(lastRunTime(a) != lastRunTime(b), LastRunTimeColumn);
    return mask;
}

} // namespace flowdesk::models
