#pragma once

#include "AppFlowTypes.h"
#include "KeyedTableModel.h"

#include <QHash>

namespace flowdesk::models {

// The flows of one connection (ListFlows), keyed by flow name. Feed it with merge() after every
// refresh; see KeyedTableModel for what a merge signals. The number of active runs per flow is
// not in ListFlows' answer: the app sets it with setActiveRunCount() as it learns it.
//
// Roles: Qt::DisplayRole (formatted), Roles::SortRole (raw: names and routes as strings,
// statuses and trigger types as the enum's int, the last run time in ms since epoch, the active
// count as int), Qt::ToolTipRole (ARN, description, exact times, the last run's message),
// Qt::TextAlignmentRole (the count right-aligned). Row-level, on every column: Roles::IdRole
// and Roles::FlowNameRole (flow name), Roles::ActiveRole (the flow has active runs).
// Roles::StatusRole is appflow::ExecutionStatus on LastRunStatusColumn and appflow::FlowStatus
// on every other column.
class FlowListModel : public KeyedTableModel<appflow::FlowDefinition, QString>
{
    Q_OBJECT

public:
    enum Column {
        NameColumn,
        StatusColumn,
        TriggerColumn,
        RouteColumn, // source → destination
        LastRunStatusColumn,
        LastRunTimeColumn,
        ActiveRunsColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    explicit FlowListModel(QObject *parent = nullptr);

    // The complete current list of flows (all pages of one ListFlows).
    MergeResult merge(const QList<appflow::FlowDefinition> &flows);
    // Some pages of a listing that did not finish: updates and adds, removes nothing (a flow
    // missing from these pages may be on the pages that were not read).
    MergeResult mergePartial(const QList<appflow::FlowDefinition> &flows);
    void clear();

    // count < 0 means "not known" (shown as "—"). Kept for flows not (yet) in the list, too.
    void setActiveRunCount(const QString &flowName, int count);
    int activeRunCount(const QString &flowName) const { return m_activeRuns.value(flowName, -1); }
    // The flow's runs could not be read in the latest attempt (`why`: the error and its time);
    // its Active runs cell says so ("?" and the reason) instead of a count that may be stale.
    // An empty `why` clears it.
    void setRunsUnread(const QString &flowName, const QString &why);

    const appflow::FlowDefinition &flow(int row) const { return rowAt(row); }
    int indexOfId(const QString &flowName) const { return rowOfKey(flowName); }
    QStringList flowNames() const { return keys(); }

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

protected:
    QString keyOf(const appflow::FlowDefinition &flow) const override { return flow.flowName; }
    ColumnMask changedColumns(const appflow::FlowDefinition &before,
                              const appflow::FlowDefinition &after) const override;
    ColumnMask timeDependentColumns() const override { return bit(LastRunTimeColumn); }

private:
    QVariant display(const appflow::FlowDefinition &flow, int column) const;
    QVariant sortValue(const appflow::FlowDefinition &flow, int column) const;
    QVariant toolTip(const appflow::FlowDefinition &flow, int column) const;

    void signalActiveCell(const QString &flowName);

    QHash<QString, int> m_activeRuns;
    QHash<QString, QString> m_unread; // flow → why its runs could not be read
};

} // namespace flowdesk::models
