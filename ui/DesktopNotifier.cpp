#include "DesktopNotifier.h"

#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QLoggingCategory>
#include <QSystemTrayIcon>
#include <QTimer>
#include <QVariantMap>

namespace flowdesk {

namespace {

Q_LOGGING_CATEGORY(lcNotify, "flowdesk.notify")

const QString kService = QStringLiteral("org.freedesktop.Notifications");
const QString kPath = QStringLiteral("/org/freedesktop/Notifications");

void showInTray(const QString &summary, const QString &body)
{
    // A tray icon only for the message's lifetime; it goes with the message.
    auto *tray = new QSystemTrayIcon(QIcon(QStringLiteral(":/icons/flowdesk.svg")));
    tray->show();
    tray->showMessage(summary, body, QSystemTrayIcon::Information, 10000);
    QObject::connect(tray, &QSystemTrayIcon::messageClicked, tray, &QObject::deleteLater);
    QTimer::singleShot(11000, tray, &QObject::deleteLater);
}

} // namespace

DesktopNotifier::DesktopNotifier(QObject *parent)
    : QObject(parent)
{
}

void DesktopNotifier::notify(const QString &summary, const QString &body)
{
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected()) {
        if (QSystemTrayIcon::isSystemTrayAvailable()) {
            showInTray(summary, body);
            emit delivered(0);
        } else {
            qCInfo(lcNotify) << "no session bus and no tray: not shown:" << summary;
            emit failed(tr("No session bus and no system tray"));
        }
        return;
    }
    // org.freedesktop.Notifications.Notify(app_name, replaces_id, app_icon, summary, body,
    // actions, hints, expire_timeout) → id; "desktop-entry" lets the desktop use our icon.
    QDBusMessage call = QDBusMessage::createMethodCall(kService, kPath, kService, QStringLiteral("Notify"));
    call << QStringLiteral("Flowdesk") << uint(0) << QStringLiteral("flowdesk") << summary << body
         << QStringList() << QVariantMap{{QStringLiteral("desktop-entry"), QStringLiteral("flowdesk")}}
         << int(-1);
    auto *watcher = new QDBusPendingCallWatcher(bus.asyncCall(call, 5000), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this, summary, body](QDBusPendingCallWatcher *w) {
        const QDBusPendingReply<uint> reply = *w;
        w->deleteLater();
        if (!reply.isError()) {
            emit delivered(reply.value());
            return;
        }
        qCInfo(lcNotify) << "notification service:" << reply.error().message();
        if (QSystemTrayIcon::isSystemTrayAvailable()) {
            showInTray(summary, body);
            emit delivered(0);
        } else {
            emit failed(reply.error().message());
        }
    });
}

} // namespace flowdesk
