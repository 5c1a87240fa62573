#pragma once

#include <QSettings>
#include <QString>

namespace flowdesk {

// User preferences, stored in QSettings under "preferences/". Read once at start-up and again
// whenever the Preferences dialog is accepted (MainWindow applies them to the live connection).
struct Preferences {
    // The ranges load() clamps to and the Preferences dialog offers.
    static constexpr int maxAutoRefreshSeconds = 3600;
    static constexpr int minRequestTimeoutSeconds = 5;
    static constexpr int maxRequestTimeoutSeconds = 600;
    static constexpr int maxConcurrentRequestsLimit = 64;

    int autoRefreshSeconds = 10;      // poll runs while any are active; 0 = off
    int requestTimeoutSeconds = 30;   // per-request transfer timeout
    int maxConcurrentRequests = 8;    // per endpoint
    bool requireTypedConfirmation = true; // cancel-all asks for the typed flow name
    bool useSystemProxy = true;       // the OS / environment proxy settings (applyProxy())
    QString proxyHost;                // manual HTTP proxy, used when !useSystemProxy
    int proxyPort = 0;                // 1–65535; 0 = not set
    // The language of the texts, from the next start: "system", "en" or "de"
    // (uiLanguageCode(); app/i18n/Translations.h reads it at start-up).
    QString language = QStringLiteral("system");

    // A manual proxy that can be used: a host and a port in range.
    bool manualProxyComplete() const
    {
        return !proxyHost.trimmed().isEmpty() && proxyPort >= 1 && proxyPort <= 65535;
    }

    static Preferences load(const QSettings &settings)
    {
        Preferences p;
        p.autoRefreshSeconds = qBound(0, settings.value(QStringLiteral("preferences/autoRefreshSeconds"), p.autoRefreshSeconds).toInt(), maxAutoRefreshSeconds);
        p.requestTimeoutSeconds = qBound(minRequestTimeoutSeconds, settings.value(QStringLiteral("preferences/requestTimeoutSeconds"), p.requestTimeoutSeconds).toInt(), maxRequestTimeoutSeconds);
        p.maxConcurrentRequests = qBound(1, settings.value(QStringLiteral("preferences/maxConcurrentRequests"), p.maxConcurrentRequests).toInt(), maxConcurrentRequestsLimit);
        p.requireTypedConfirmation = settings.value(QStringLiteral("preferences/requireTypedConfirmation"), p.requireTypedConfirmation).toBool();
        p.useSystemProxy = settings.value(QStringLiteral("preferences/useSystemProxy"), p.useSystemProxy).toBool();
        p.proxyHost = settings.value(QStringLiteral("preferences/proxyHost")).toString().trimmed();
        p.proxyPort = qBound(0, settings.value(QStringLiteral("preferences/proxyPort"), p.proxyPort).toInt(), 65535);
        const QString language = settings.value(QStringLiteral("preferences/language")).toString().trimmed().toLower();
        if (language == u"en" || language == u"de")
            p.language = language;
        return p;
    }

    void save(QSettings &settings) const
    {
        settings.setValue(QStringLiteral("preferences/autoRefreshSeconds"), autoRefreshSeconds);
        settings.setValue(QStringLiteral("preferences/requestTimeoutSeconds"), requestTimeoutSeconds);
        settings.setValue(QStringLiteral("preferences/maxConcurrentRequests"), maxConcurrentRequests);
        settings.setValue(QStringLiteral("preferences/requireTypedConfirmation"), requireTypedConfirmation);
        settings.setValue(QStringLiteral("preferences/useSystemProxy"), useSystemProxy);
        settings.setValue(QStringLiteral("preferences/proxyHost"), proxyHost);
        settings.setValue(QStringLiteral("preferences/proxyPort"), proxyPort);
        settings.setValue(QStringLiteral("preferences/language"), language);
    }

    friend bool operator==(const Preferences &, const Preferences &) = default;
};

// Makes every QNetworkAccessManager in the process use the proxy the preferences name: the
// system's settings (QNetworkProxyFactory::setUseSystemConfiguration: on Linux libproxy when
// Qt has it, else the http_proxy / https_proxy / no_proxy variables), or the manual HTTP
// proxy (QNetworkProxy::setApplicationProxy). Call at start-up and whenever preferences change.
// Qt never proxies loopback hosts, so demo mode against flowdesk-sim works with either.
// A manual proxy without host or port (only a hand-edited settings file has one) falls back
// to the system settings, with a warning in the log.
void applyProxy(const Preferences &preferences);

} // namespace flowdesk
