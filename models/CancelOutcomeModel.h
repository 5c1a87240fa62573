#pragma once

#include "AppFlowTypes.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

namespace flowdesk::models {

// What happened to each run of a cancel, kept live while the runs are watched: the result of
// the request (cancel started / not cancellable and why / request failed) and the run's latest
// status, until every cancelled run has reached Canceled.
class CancelOutcomeModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { FlowColumn, ExecutionIdColumn, ResultColumn, StatusColumn, DetailColumn, ColumnCount };
    Q_ENUM(Column)

    enum class Result { Requested, CancelStarted, NotCancellable, RequestFailed };

    struct Row {
        QString flowName;
        QString executionId;
        Result result = Result::Requested;
        appflow::ExecutionStatus status = appflow::ExecutionStatus::Unknown;
        QString statusText;   // latest wire status, empty when unknown
        QString detail;       // why not cancellable / the request error
        bool settled() const; // nothing more will change for this run
    };

    explicit CancelOutcomeModel(QObject *parent = nullptr);

    // Adds or updates the row for (flow, id); only changed cells are signalled.
    void setRequested(const QString &flowName, const QString &executionId,
                      const appflow::ExecutionRecord &latest);
    void setResult(const QString &flowName, const QString &executionId, Result result,
                   const QString &detail = {});
    // The newest record of a run seen while watching; ignored for runs not in the model.
    void updateStatus(const QString &flowName, const appflow::ExecutionRecord &record);
    // The run is not in the flow's history at all (an unknown ID, or another flow's run).
    void markNotFound(const QString &flowName, const QString &executionId);

    const Row &row(int row) const { return m_rows.at(row); }
    int indexOf(const QString &flowName, const QString &executionId) const;
    // Runs whose cancel started and that have not reached a final status yet.
    QStringList watchedIds(const QString &flowName) const;
    QStringList flowNames() const;
    bool allSettled() const;
    int count(Result result) const;

    // "Already finished", "Already failed"…: why AppFlow would not cancel a run in this status.
    static QString notCancellableReason(appflow::ExecutionStatus latest);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    int ensureRow(const QString &flowName, const QString &executionId);
    void changed(int row, int firstColumn, int lastColumn);
    static QString key(const QString &flowName, const QString &executionId);

    QList<Row> m_rows;
    QHash<QString, int> m_rowOfKey;
};

} // namespace flowdesk::models
