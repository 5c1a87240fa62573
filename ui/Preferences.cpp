#include "Preferences.h"

#include <QLoggingCategory>
#include <QNetworkProxy>
#include <QNetworkProxyFactory>

namespace flowdesk {

namespace {
Q_LOGGING_CATEGORY(lcPreferences, "flowdesk.preferences")
} // namespace

void applyProxy(const Preferences &preferences)
{
    if (!preferences.useSystemProxy && preferences.manualProxyComplete()) {
        // Replaces (and deletes) the system factory: requests go to this proxy only.
        QNetworkProxy::setApplicationProxy(QNetworkProxy(QNetworkProxy::HttpProxy,
                                                         preferences.proxyHost.trimmed(),
                                                         static_cast<quint16>(preferences.proxyPort)));
        return;
    }
    if (!preferences.useSystemProxy) {
        qCWarning(lcPreferences, "The manual proxy in the settings has no host or port; using the "
                                 "system proxy settings instead. Set it in Preferences.");
    }
    // Installs the system factory, which also clears a manual proxy set before.
    QNetworkProxyFactory::setUseSystemConfiguration(true);
}

} // namespace flowdesk
