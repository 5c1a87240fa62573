#pragma once

#include "KeyedTableModel.h"

#include <FleetScanner.h>

namespace flowdesk::models {

// One row of FleetRunsModel: an active run and the account × region it runs in.
struct FleetRunRow {
    QString accountId;
    QString accountName;
    QString roleName;
    QString region;
    QString flowName;
    appflow::ExecutionRecord record;
};

// Every active run of the fleet ("All active runs" of the Fleet tab), fed one account × region
// at a time as the scanner reads them. Keyed by account, region, flow and execution ID; merged,
// never reset, so selection and scroll position survive each scan.
// What a region's scan did not read is not removed: a Failed region keeps its earlier rows,
// a Partial one only adds and updates (the regions table says which are not current).
class FleetRunsModel : public KeyedTableModel<FleetRunRow, QString>
{
    Q_OBJECT

public:
    enum Column {
        AccountColumn,
        RegionColumn,
        FlowColumn,
        ExecutionIdColumn,
        StatusColumn,
        StartedColumn,
        DurationColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    explicit FleetRunsModel(QObject *parent = nullptr);

    MergeResult mergeRegion(const fleet::FleetRegionState &region);
    void clear();

    const FleetRunRow &runAt(int row) const { return rowAt(row); }

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

protected:
    QString keyOf(const FleetRunRow &row) const override;
    ColumnMask changedColumns(const FleetRunRow &before, const FleetRunRow &after) const override;
    ColumnMask timeDependentColumns() const override;
};

} // namespace flowdesk::models
