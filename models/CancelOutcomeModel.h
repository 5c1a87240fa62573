#pragma once

#include "AppFlowTypes.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QHash>
#include <QList>

namespace flowdesk::models {

// What happened to each run of a cancel, kept live while the runs are watched: what AppFlow
// answered (or that it did not answer) and the run's status, until nothing more can change.
//
// The rule is to say no more than is known. A status is "fresh" only when it was read after
// the answer that decided the row; until then it is shown as the last known status with its
// time. A fresh status can also correct what an answer alone suggested: a run AppFlow called
// "invalid" that is cancelling is "already cancelled", and a request without an answer whose
// run is cancelling did start the cancel.
class CancelOutcomeModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { FlowColumn, ExecutionIdColumn, ResultColumn, StatusColumn, DetailColumn, ColumnCount };
    Q_ENUM(Column)

    enum class Result {
        Requested,        // the request is being sent (or retried)
        CancelStarted,    // AppFlow accepted the cancel (or, without an answer, shows it cancelling)
        AlreadyCancelled, // listed as invalid, and the run was already cancelling or cancelled
        NotCancellable,   // listed as invalid: finished, failed, not started, not this flow's
        RequestFailed,    // AppFlow answered with an error: this request cancelled nothing
        NoAnswer,         // sent, but no answer came back: unknown until the status is read
        NotSent,          // never sent (the audit log could not record it)
    };
    Q_ENUM(Result)

    // What the answer to a cancel request said about one run.
    struct Answer {
        Result result = Result::Requested;
        QString detail;    // the error text, or why not cancellable
        QString errorCode; // "ThrottlingException" for RequestFailed/NoAnswer
        QString requestId; // x-amzn-RequestId of the deciding answer (or last failed attempt)
        // An earlier attempt of the same request got no answer: an "invalid" run that is
        // cancelling is then most likely cancelling because of this request.
        bool earlierAttemptUnanswered = false;
    };

    struct Row {
        QString flowName;
        QString executionId;
        Result result = Result::Requested;
        appflow::ExecutionStatus status = appflow::ExecutionStatus::Unknown;
        QString statusText;   // latest wire status, empty when unknown
        QDateTime statusAsOf; // when that status was read; invalid when not known
        bool statusFresh = false; // read after the answer that decided `result`
        bool notFound = false;    // a fresh read of the flow's history does not have this run
        QString detail;
        QString errorCode;
        QString requestId;
        bool earlierAttemptUnanswered = false;

        bool settled() const;     // nothing more will change for this run without a new request
        // The cancel did not take effect and sending it again may: failed, never sent, or no
        // answer and the run is still in progress.
        bool retryable() const;
    };

    explicit CancelOutcomeModel(QObject *parent = nullptr);

    // Adds or updates the row for (flow, id) with the status known before the request, read at
    // `asOf` (invalid when not known).
    void setRequested(const QString &flowName, const QString &executionId,
                      const appflow::ExecutionRecord &latest, const QDateTime &asOf = {});
    // The answer for one run. The status known so far stays, but is no longer fresh.
    void setAnswer(const QString &flowName, const QString &executionId, const Answer &answer);
    // A status read (started) at `readAt`, after the answer; ignored for runs not in the model.
    void updateStatus(const QString &flowName, const appflow::ExecutionRecord &record,
                      const QDateTime &readAt);
    // A whole read of the flow's history (started at `readAt`) did not list the run.
    void markNotFound(const QString &flowName, const QString &executionId, const QDateTime &readAt);

    const Row &row(int row) const { return m_rows.at(row); }
    int indexOf(const QString &flowName, const QString &executionId) const;
    QStringList flowNames() const;
    bool allSettled() const;
    int count(Result result) const;
    int retryableCount() const;

    // "Already finished", "Already failed"…: why AppFlow would not cancel a run in this status.
    static QString notCancellableReason(appflow::ExecutionStatus latest);
    static QString resultText(const Row &row);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    int ensureRow(const QString &flowName, const QString &executionId);
    // Emits dataChanged for exactly the cells whose data differs from `before`.
    void signalChanges(int row, const Row &before);
    static void reclassify(Row &row);
    static QVariant cell(const Row &row, int column, int role);
    static QString key(const QString &flowName, const QString &executionId);

    QList<Row> m_rows;
    QHash<QString, int> m_rowOfKey;
};

} // namespace flowdesk::models
