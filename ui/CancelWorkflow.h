#pragma once

#include "CancelController.h"
#include "CancelPlan.h"

#include <QObject>
#include <QPointer>

#include <functional>

class QWidget;

namespace flowdesk {

class DesktopNotifier;

namespace appflow {
class AppFlowError;
}
class CancelOutcomeView;
class ConnectionPage;

// From a plan to cancels on the wire, for runs of any number of open connections:
//  1. fills in what the confirmation must say about each flow — trigger type from the flow
//     list, batch API use from DescribeFlow (asked once per flow and connection, remembered);
//  2. opens the confirmation (without the runs of a connection closed meanwhile);
//  3. on "Cancel", sends only what is still in progress then, one CancelController and outcome
//     window per connection, each flow's request through that connection's own client.
// Owned by the window; deleting it drops the DescribeFlow answers still to come.
class CancelWorkflow : public QObject
{
    Q_OBJECT

public:
    // The open page of a connection, null once it was closed.
    using PageOf = std::function<ConnectionPage *(const models::Connection *)>;

    CancelWorkflow(QWidget *window, PageOf pageOf);

    void setAuditLogPath(const QString &path) { m_auditLogPath = path; }
    void begin(CancelPlan plan);
    // The most recent outcome window (tests).
    CancelOutcomeView *lastOutcomeView() const { return m_lastOutcomeView.data(); }
    // A cancel that takes at least this long to settle (5 s) is announced on the desktop when
    // Flowdesk is not the active window by then; tests shorten it.
    void setNotifyAfter(int milliseconds) { m_notifyAfterMs = milliseconds; }
    DesktopNotifier *notifier() const { return m_notifier; }

signals:
    void info(const QString &text);
    void progress(const QString &text); // a passing status line
    void errorOccurred(flowdesk::ConnectionPage *page, const flowdesk::appflow::AppFlowError &error,
                       const QString &operation, const QString &flowName);
    void auditFailed(const QString &message);

private:
    void openConfirmation(CancelPlan plan);
    void execute(const CancelPlan &plan, bool deactivate);
    void start(ConnectionPage *page, const QList<models::CancelController::Target> &targets);
    void announceSettled(models::CancelController *controller, const QString &connectionLabel);

    QWidget *m_window;
    PageOf m_pageOf;
    QString m_auditLogPath;
    QPointer<CancelOutcomeView> m_lastOutcomeView;
    DesktopNotifier *m_notifier;
    int m_notifyAfterMs = 5000;
};

} // namespace flowdesk
