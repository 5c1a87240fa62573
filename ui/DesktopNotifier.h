#pragma once

#include <QObject>
#include <QString>

namespace flowdesk {

// A desktop notification: the freedesktop Notifications service on the session bus (GNOME,
// KDE, XFCE… all run one), or the tray's balloon where there is no such service. Sent without
// waiting: the answer (or the lack of one) never holds up the UI.
class DesktopNotifier : public QObject
{
    Q_OBJECT

public:
    explicit DesktopNotifier(QObject *parent = nullptr);

    void notify(const QString &summary, const QString &body);

signals:
    // The service answered (its notification ID), or it could not be reached and the tray was
    // used or nothing could show it; for tests and the log.
    void delivered(uint id);
    void failed(const QString &reason);
};

} // namespace flowdesk
