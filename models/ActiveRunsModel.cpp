#include "ActiveRunsModel.h"

#include "ExecutionRecordCells.h"

#include <QSet>

#include <array>

namespace flowdesk::models {

namespace {

using Cells = ExecutionRecordCells;

// The run field behind each column but the first.
constexpr std::array<Cells::Field, ActiveRunsModel::ColumnCount> fieldOfColumn{
    Cells::FieldCount, // FlowColumn: not a run field
    Cells::ExecutionId, Cells::Status,  Cells::Started,
    Cells::Duration,    Cells::Records, Cells::BytesProcessed,
    Cells::FieldCount, // ConnectionColumn: not a run field
};

} // namespace

ActiveRunsModel::ActiveRunsModel(QObject *parent)
    : KeyedTableModel(parent)
{
}

MergeResult ActiveRunsModel::mergeFlow(const QString &flowName,
                                       const QList<appflow::ExecutionRecord> &records)
{
    QList<ActiveRun> active;
    for (const auto &record : records) {
        if (appflow::isActive(record.executionStatus))
            active.append(ActiveRun{flowName, record});
    }
    return mergeRows(std::move(active),
                     [&flowName](const ActiveRun &run) { return run.flowName == flowName; });
}

MergeResult ActiveRunsModel::removeFlow(const QString &flowName)
{
    return mergeRows({}, [&flowName](const ActiveRun &run) { return run.flowName == flowName; });
}

void ActiveRunsModel::clear()
{
    mergeRows({}, [](const ActiveRun &) { return true; });
}

void ActiveRunsModel::setConnectionName(const QString &name)
{
    if (name == m_connectionName)
        return;
    m_connectionName = name;
    if (rowCount() > 0)
        emit dataChanged(index(0, ConnectionColumn), index(rowCount() - 1, ConnectionColumn),
                         {Qt::DisplayRole, Qt::ToolTipRole, Roles::SortRole});
}

int ActiveRunsModel::activeRunCount(const QString &flowName) const
{
    int count = 0;
    for (int row = 0; row < rowCount(); ++row)
        count += run(row).flowName == flowName ? 1 : 0;
    return count;
}

QStringList ActiveRunsModel::flowNames() const
{
    QStringList names;
    QSet<QString> seen;
    for (int row = 0; row < rowCount(); ++row) {
        const QString &name = run(row).flowName;
        if (!seen.contains(name)) {
            seen.insert(name);
            names.append(name);
        }
    }
    return names;
}

int ActiveRunsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ActiveRunsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ActiveRun &r = run(index.row());
    if (role == Roles::FlowNameRole)
        return r.flowName;
    if (index.column() == FlowColumn || index.column() == ConnectionColumn) {
        switch (role) {
        case Qt::DisplayRole:
        case Qt::ToolTipRole:
        case Roles::SortRole: return index.column() == FlowColumn ? r.flowName : m_connectionName;
        case Qt::TextAlignmentRole: return {};
        default: break; // the row-level roles below
        }
        return Cells::data(r.record, Cells::ExecutionId, role, now(), locale());
    }
    return Cells::data(r.record, fieldOfColumn[static_cast<std::size_t>(index.column())], role,
                       now(), locale());
}

QVariant ActiveRunsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (section == FlowColumn || section == ConnectionColumn)
        return role == Qt::DisplayRole
            ? QVariant(section == FlowColumn ? tr("Flow") : tr("Connection"))
            : QAbstractTableModel::headerData(section, orientation, role);
    const Cells::Field field = fieldOfColumn[static_cast<std::size_t>(section)];
    if (role == Qt::DisplayRole)
        return section == BytesColumn ? tr("Bytes") : Cells::header(field);
    if (role == Qt::TextAlignmentRole && Cells::isNumeric(field))
        return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
    return QAbstractTableModel::headerData(section, orientation, role);
}

ColumnMask ActiveRunsModel::changedColumns(const ActiveRun &before, const ActiveRun &after) const
{
    const Cells::FieldMask fields = Cells::changedFields(before.record, after.record, now());
    ColumnMask mask = before.flowName != after.flowName ? bit(FlowColumn) : 0;
    for (int column = ExecutionIdColumn; column < ConnectionColumn; ++column) {
        if (fields & (Cells::FieldMask{1} << fieldOfColumn[static_cast<std::size_t>(column)]))
            mask |= bit(column);
    }
    return mask;
}

ColumnMask ActiveRunsModel::timeDependentColumns() const
{
    return bit(StartedColumn) | bit(DurationColumn);
}

} // namespace flowdesk::models
