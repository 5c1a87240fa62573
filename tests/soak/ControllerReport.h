#pragma once

// The one place where the soak reads what the controllers report. Everything else in the soak
// compares these structs with the simulator's state, so following a change of the controllers'
// API (a new result, the error code and request ID of a failed request, the refresh's own list
// of unread flows) means changing this file only.

#include <AppFlowTypes.h>

#include <QObject>
#include <QSet>
#include <QString>
#include <QStringList>

namespace flowdesk::models {
class CancelOutcomeModel;
class RefreshController;
} // namespace flowdesk::models

namespace flowdesk::soak {

// What the outcome view says about one run of a cancel.
struct ReportedOutcome {
    enum class Result {
        None, // no row for the run
        Sending, // still being sent or retried
        CancelStarted,
        AlreadyCancelled, // AppFlow listed it as invalid because it was already cancelling
        NotCancellable, // … because it was finished, failed, …
        RequestFailed, // AppFlow answered with an error
        NoAnswer, // sent, but no answer came back (a dropped connection)
        NotSent // never sent (the audit log could not record the intent)
    };
    Result result = Result::None;
    QString reason; // NotCancellable: why, as shown
    QString error; // RequestFailed: the error, as shown
    QString errorCode; // RequestFailed: the AWS error code of the last attempt
    QString requestId; // RequestFailed: its x-amzn-RequestId (none when no answer came)
    appflow::ExecutionStatus status = appflow::ExecutionStatus::Unknown; // "Status now"
    QString statusText; // wire text, empty when unknown
    // The view marks "Status now" as last known (with its time), not as the current status.
    bool statusIsLastKnown = false;
};

ReportedOutcome reportOf(const models::CancelOutcomeModel &model, int row);

// What a refresh says about what it could not read. Attach before refresh() is called.
class RefreshReport : public QObject
{
    Q_OBJECT

public:
    explicit RefreshReport(models::RefreshController *controller);

    QStringList unreadFlows() const; // sorted
    QString unreadReason(const QString &flowName) const; // the error, for a miss's detail
    // The read failed on the way (connection refused, reset or timed out before an answer):
    // such attempts may never reach the simulator, so its log cannot show them.
    bool unreadOnTheWay(const QString &flowName) const;
    bool listingComplete() const;

private:
    models::RefreshController *m_controller;
};

} // namespace flowdesk::soak
