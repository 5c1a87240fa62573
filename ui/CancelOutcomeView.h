#pragma once

#include <QWidget>

class QLabel;
class QPushButton;
class QTimer;
class QTreeView;

namespace flowdesk {

namespace models {
class CancelController;
}

// What happened after "Cancel": one row per run — cancel started, not cancellable and why, or
// the request error — with each run's live status while the controller watches it, and a line
// that says when every cancelled run has reached Canceled. A non-modal window; it owns the
// controller, so closing it stops the watching (never the cancel itself, which is already sent).
class CancelOutcomeView : public QWidget
{
    Q_OBJECT

public:
    // Takes ownership of `controller` (reparented), which must not have been started yet.
    explicit CancelOutcomeView(models::CancelController *controller, const QString &connectionLabel,
                               QWidget *parent = nullptr);

    models::CancelController *controller() const { return m_controller; }
    QString summaryText() const;
    QPushButton *retryButton() const { return m_retryButton; }

private:
    void updateSummary();
    QString sendingText() const;
    QString resultText() const;

    models::CancelController *m_controller;
    QLabel *m_summaryLabel;
    QTreeView *m_view;
    QPushButton *m_retryButton;
    QTimer *m_countdown; // the "next attempt in N s" line while a request waits
};

} // namespace flowdesk
