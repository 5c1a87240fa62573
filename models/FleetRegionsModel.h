#pragma once

#include <FleetScanner.h>

#include <QAbstractTableModel>

namespace flowdesk::models {

// The Fleet tab's table: one row per chosen account × region with its flows, its active runs
// and how its last scan went ("Read", "Partial: 2 flows unread", "Failed: AccessDenied…"),
// so a region that could not be read is visible where it belongs, never a silent gap.
class FleetRegionsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        AccountColumn,
        AccountIdColumn,
        RoleColumn,
        RegionColumn,
        FlowsColumn,
        ActiveRunsColumn,
        StateColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    explicit FleetRegionsModel(QObject *parent = nullptr);

    // A new scan's rows: the same account × regions as now are updated in place (selection and
    // scroll survive a rescan); a different set replaces the table.
    void setRegions(const QList<fleet::FleetRegionState> &regions);
    void updateRegion(int row, const fleet::FleetRegionState &region);
    const fleet::FleetRegionState &regionAt(int row) const { return m_regions.at(row); }

    // "Read", "Reading…", "Partial: …", "Failed: …" — what the State column says.
    static QString stateText(const fleet::FleetRegionState &region);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QList<fleet::FleetRegionState> m_regions;
};

} // namespace flowdesk::models
