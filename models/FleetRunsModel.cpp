#include "FleetRunsModel.h"

#include "ExecutionRecordCells.h"

#include <array>

namespace flowdesk::models {

namespace {

using Cells = ExecutionRecordCells;

// The run field behind each column (FieldCount: not a run field).
constexpr std::array<Cells::Field, FleetRunsModel::ColumnCount> fieldOfColumn{
    Cells::FieldCount, Cells::FieldCount, Cells::FieldCount,
    Cells::ExecutionId, Cells::Status, Cells::Started, Cells::Duration,
};

} // namespace

FleetRunsModel::FleetRunsModel(QObject *parent)
    : KeyedTableModel(parent)
{
}

QString FleetRunsModel::keyOf(const FleetRunRow &row) const
{
    return row.accountId + u'/' + row.region + u'/' + row.flowName + u'/' + row.record.executionId;
}

MergeResult FleetRunsModel::mergeRegion(const fleet::FleetRegionState &region)
{
    using Status = fleet::FleetRegionState::Status;
    if (region.status == Status::Failed || region.status == Status::Waiting)
        return {};
    QList<FleetRunRow> rows;
    rows.reserve(region.activeRuns.size());
    for (const fleet::FleetRun &run : region.activeRuns)
        rows.append({region.accountId, region.accountName, region.roleName, region.region, run.flowName, run.record});
    // Only a region read in full is the whole truth for its rows.
    const bool complete = region.status == Status::Read;
    return mergeRows(std::move(rows), [&](const FleetRunRow &row) {
        return complete && row.accountId == region.accountId && row.region == region.region;
    });
}

void FleetRunsModel::clear()
{
    mergeRows({}, [](const FleetRunRow &) { return true; });
}

int FleetRunsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FleetRunsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const FleetRunRow &r = runAt(index.row());
    if (role == Roles::FlowNameRole)
        return r.flowName;
    // Grouped by account: one group per account ID (two accounts may share a name).
    if (index.column() == AccountColumn && role == Roles::GroupKeyRole)
        return r.accountId;
    if (index.column() == AccountColumn && role == Roles::GroupLabelRole)
        return r.accountName.isEmpty() ? r.accountId : tr("%1 (%2)").arg(r.accountName, r.accountId);
    const Cells::Field field = fieldOfColumn[static_cast<std::size_t>(index.column())];
    if (field != Cells::FieldCount)
        return Cells::data(r.record, field, role, now(), locale());
    switch (role) {
    case Qt::DisplayRole:
    case Roles::SortRole:
        switch (index.column()) {
        case AccountColumn: return r.accountName.isEmpty() ? r.accountId : r.accountName;
        case RegionColumn: return r.region;
        default: return r.flowName;
        }
    case Qt::ToolTipRole:
        if (index.column() == AccountColumn)
            return tr("%1 (%2), role %3").arg(r.accountName, r.accountId, r.roleName);
        return data(index, Qt::DisplayRole);
    case Qt::TextAlignmentRole:
        return {};
    default:
        // Row-level roles (ID, status, active) as every other column answers them.
        return Cells::data(r.record, Cells::ExecutionId, role, now(), locale());
    }
}

QVariant FleetRunsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    const Cells::Field field = fieldOfColumn[static_cast<std::size_t>(section)];
    if (role == Qt::DisplayRole) {
        switch (section) {
        case AccountColumn: return tr("Account");
        case RegionColumn: return tr("Region");
        case FlowColumn: return tr("Flow");
        default: return Cells::header(field);
        }
    }
    if (role == Qt::TextAlignmentRole && field != Cells::FieldCount && Cells::isNumeric(field))
        return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
    return QAbstractTableModel::headerData(section, orientation, role);
}

ColumnMask FleetRunsModel::changedColumns(const FleetRunRow &before, const FleetRunRow &after) const
{
    const Cells::FieldMask fields = Cells::changedFields(before.record, after.record, now());
    ColumnMask mask = before.accountName != after.accountName ? bit(AccountColumn) : 0;
    for (int column = ExecutionIdColumn; column < ColumnCount; ++column) {
        if (fields & (Cells::FieldMask{1} << fieldOfColumn[static_cast<std::size_t>(column)]))
            mask |= bit(column);
    }
    return mask;
}

ColumnMask FleetRunsModel::timeDependentColumns() const
{
    return bit(StartedColumn) | bit(DurationColumn);
}

} // namespace flowdesk::models
