#pragma once

#include "SemanticColors.h"

#include <QFrame>

#include <functional>

class QLabel;
class QPushButton;
class QToolButton;

namespace flowdesk {

// What the message bar shows. Built from errors in one place (ErrorPresenter), so every error
// in the app reads the same way: what happened, the AWS code, what to do, and the request ID
// that AWS Support asks for.
struct BarMessage {
    enum class Severity { Info, Warning, Error };
    Severity severity = Severity::Error;
    QString text;       // "Cancelling runs of “orders-sync” was refused."
    QString code;       // "AccessDeniedException"
    QString detail;     // the service's own message
    QString hint;       // what to do
    QString requestId;  // x-amzn-RequestId, copyable
    QString actionText; // e.g. "Refresh flow list"; empty for none
    std::function<void()> action;
};

// A non-modal bar above the views: errors never arrive as a chain of popups. The newest
// message replaces the previous one; the user closes it, or it stays until the next.
class MessageBar : public QFrame
{
    Q_OBJECT

public:
    explicit MessageBar(QWidget *parent = nullptr);

    void showMessage(const BarMessage &message);
    void clear();

    QString text() const;      // plain text of what is shown, for tests and accessibility
    QString requestId() const;

signals:
    void closed();

protected:
    void paintEvent(QPaintEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void copyRequestId();
    SemanticColors::Colors colors() const;
    void applyColors();

    QLabel *m_iconLabel;
    QLabel *m_textLabel;
    QLabel *m_requestIdLabel;
    QToolButton *m_copyButton;
    QPushButton *m_actionButton;
    QToolButton *m_closeButton;
    BarMessage m_message;
    bool m_applyingColors = false;
};

} // namespace flowdesk
