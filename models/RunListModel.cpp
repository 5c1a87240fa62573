#include "RunListModel.h"

#include "ExecutionRecordCells.h"

namespace flowdesk::models {

namespace {

using Cells = ExecutionRecordCells;

// The run models' columns are the cells' fields, in the same order.
static_assert(int(RunListModel::ExecutionIdColumn) == int(Cells::ExecutionId));
static_assert(int(RunListModel::ErrorColumn) == int(Cells::Error));
static_assert(int(RunListModel::ColumnCount) == int(Cells::FieldCount));

Cells::Field fieldOf(int column)
{
    return static_cast<Cells::Field>(column);
}

} // namespace

RunListModel::RunListModel(QObject *parent)
    : KeyedTableModel(parent)
{
}

void RunListModel::setFlowName(const QString &flowName)
{
    if (flowName == m_flowName)
        return;
    clear();
    m_flowName = flowName;
}

MergeResult RunListModel::merge(const QList<appflow::ExecutionRecord> &runs)
{
    return mergeRows(runs, [](const appflow::ExecutionRecord &) { return true; });
}

void RunListModel::clear()
{
    mergeRows({}, [](const appflow::ExecutionRecord &) { return true; });
}

int RunListModel::activeRunCount() const
{
    int count = 0;
    for (int row = 0; row < rowCount(); ++row)
        count += appflow::isActive(record(row).executionStatus) ? 1 : 0;
    return count;
}

int RunListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RunListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    if (role == Roles::FlowNameRole)
        return m_flowName;
    return Cells::data(record(index.row()), fieldOf(index.column()), role, now(), locale());
}

QVariant RunListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::DisplayRole)
        return Cells::header(fieldOf(section));
    if (role == Qt::TextAlignmentRole && Cells::isNumeric(fieldOf(section)))
        return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
    return QAbstractTableModel::headerData(section, orientation, role);
}

ColumnMask RunListModel::changedColumns(const appflow::ExecutionRecord &before,
                                        const appflow::ExecutionRecord &after) const
{
    // Columns are fields, so the field mask is the column mask.
    return Cells::changedFields(before, after, now());
}

ColumnMask RunListModel::timeDependentColumns() const
{
    return bit(StartedColumn) | bit(LastUpdatedColumn) | bit(DurationColumn);
}

} // namespace flowdesk::models
