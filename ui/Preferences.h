#pragma once

#include <QSettings>
#include <QString>

namespace flowdesk {

// User preferences, stored in QSettings under "preferences/". Read once at start-up and again
// whenever the Preferences dialog is accepted (MainWindow applies them to the live connection).
struct Preferences {
    int autoRefreshSeconds = 10;      // poll runs while any are active; 0 = off
    int requestTimeoutSeconds = 30;   // per-request transfer timeout
    int maxConcurrentRequests = 8;    // per endpoint
    bool requireTypedConfirmation = true; // cancel-all asks for the typed flow name

    static Preferences load(const QSettings &settings)
    {
        Preferences p;
        p.autoRefreshSeconds = qBound(0, settings.value(QStringLiteral("preferences/autoRefreshSeconds"), p.autoRefreshSeconds).toInt(), 3600);
        p.requestTimeoutSeconds = qBound(5, settings.value(QStringLiteral("preferences/requestTimeoutSeconds"), p.requestTimeoutSeconds).toInt(), 600);
        p.maxConcurrentRequests = qBound(1, settings.value(QStringLiteral("preferences/maxConcurrentRequests"), p.maxConcurrentRequests).toInt(), 64);
        p.requireTypedConfirmation = settings.value(QStringLiteral("preferences/requireTypedConfirmation"), p.requireTypedConfirmation).toBool();
        return p;
    }

    void save(QSettings &settings) const
    {
        settings.setValue(QStringLiteral("preferences/autoRefreshSeconds"), autoRefreshSeconds);
        settings.setValue(QStringLiteral("preferences/requestTimeoutSeconds"), requestTimeoutSeconds);
        settings.setValue(QStringLiteral("preferences/maxConcurrentRequests"), maxConcurrentRequests);
        settings.setValue(QStringLiteral("preferences/requireTypedConfirmation"), requireTypedConfirmation);
    }
};

} // namespace flowdesk
