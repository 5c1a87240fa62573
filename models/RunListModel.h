#pragma once

#include "AppFlowTypes.h"
#include "KeyedTableModel.h"

namespace flowdesk::models {

// The runs of one flow (DescribeFlowExecutionRecords), keyed by execution ID. Feed it with
// merge() after every poll; see KeyedTableModel for what a merge signals.
//
// Roles: Qt::DisplayRole (formatted), Roles::SortRole (raw: qint64 counts, bytes, ms since
// epoch and durations in ms; the status enum as int), Qt::ToolTipRole (exact timestamps, exact
// counts, the whole error message), Qt::TextAlignmentRole (numbers right-aligned). Row-level,
// on every column: Roles::IdRole (execution ID), Roles::StatusRole
// (appflow::ExecutionStatus), Roles::ActiveRole (in progress or cancelling),
// Roles::FlowNameRole. Changes of the row-level roles are signalled on the Status column.
class RunListModel : public KeyedTableModel<appflow::ExecutionRecord, QString>
{
    Q_OBJECT

public:
    enum Column {
        ExecutionIdColumn,
        StatusColumn,
        StartedColumn,
        LastUpdatedColumn,
        DurationColumn,
        RecordsColumn,
        BytesProcessedColumn,
        BytesWrittenColumn,
        ErrorColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    explicit RunListModel(QObject *parent = nullptr);

    // Which flow's runs this model shows. Switching to another flow removes the old flow's runs
    // (rowsRemoved, not a reset); the same name again changes nothing.
    void setFlowName(const QString &flowName);
    QString flowName() const { return m_flowName; }

    // The complete current list of the flow's runs (all pages of one poll).
    MergeResult merge(const QList<appflow::ExecutionRecord> &runs);
    void clear();

    const appflow::ExecutionRecord &record(int row) const { return rowAt(row); }
    int indexOfId(const QString &executionId) const { return rowOfKey(executionId); }
    QStringList executionIds() const { return keys(); }
    int activeRunCount() const;

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

protected:
    QString keyOf(const appflow::ExecutionRecord &run) const override { return run.executionId; }
    ColumnMask changedColumns(const appflow::ExecutionRecord &before,
                              const appflow::ExecutionRecord &after) const override;
    ColumnMask timeDependentColumns() const override;

private:
    QString m_flowName;
};

} // namespace flowdesk::models
