#pragma once

#include "AppFlowTypes.h"
#include "KeyedTableModel.h"

#include <utility>

namespace flowdesk::models {

// One row of ActiveRunsModel: a run and the flow it belongs to.
struct ActiveRun {
    QString flowName;
    appflow::ExecutionRecord record;
};

// Every run that is in progress or cancelling, across all flows of a connection: the
// "All active runs" view. Fed one flow at a time, as the runs of each flow arrive:
// mergeFlow() keeps only that flow's active runs and leaves every other flow's rows alone, so
// a run that finished (or a flow whose runs are all done) leaves without disturbing the rest.
// Rows are keyed by (flow name, execution ID).
//
// Roles as RunListModel (ExecutionRecordCells), plus Roles::FlowNameRole on every column and
// the flow name as the FlowColumn's display and sort value.
class ActiveRunsModel : public KeyedTableModel<ActiveRun, std::pair<QString, QString>>
{
    Q_OBJECT

public:
    enum Column {
        FlowColumn,
        ExecutionIdColumn,
        StatusColumn,
        StartedColumn,
        DurationColumn,
        RecordsColumn,
        BytesColumn, // bytes processed
        ConnectionColumn, // the connection's short name: the view spans several connections
        ColumnCount
    };
    Q_ENUM(Column)

    explicit ActiveRunsModel(QObject *parent = nullptr);

    // records: the flow's current runs (any status; only the active ones are kept).
    MergeResult mergeFlow(const QString &flowName, const QList<appflow::ExecutionRecord> &records);
    // The flow is gone (deleted, or no longer watched): its rows leave.
    MergeResult removeFlow(const QString &flowName);
    void clear();

    // What the Connection column shows on every row ("prod-ops · eu-west-1").
    void setConnectionName(const QString &name);
    QString connectionName() const { return m_connectionName; }

    const ActiveRun &run(int row) const { return rowAt(row); }
    int indexOfId(const QString &flowName, const QString &executionId) const
    {
        return rowOfKey({flowName, executionId});
    }
    int activeRunCount(const QString &flowName) const;
    QStringList flowNames() const; // flows with at least one active run, in row order

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

protected:
    std::pair<QString, QString> keyOf(const ActiveRun &run) const override
    {
        return {run.flowName, run.record.executionId};
    }
    ColumnMask changedColumns(const ActiveRun &before, const ActiveRun &after) const override;
    ColumnMask timeDependentColumns() const override;

private:
    QString m_connectionName;
};

} // namespace flowdesk::models
