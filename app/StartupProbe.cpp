#include "StartupProbe.h"

#include "MainWindow.h"
#include "RefreshController.h"

#include <QCoreApplication>
#include <QFile>
#include <QTextStream>
#include <QTimer>

namespace flowdesk {

qint64 peakResidentKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly | QIODevice::Text))
        return -1;
    // "VmHWM:     123456 kB"
    for (QByteArray line = status.readLine(); !line.isEmpty(); line = status.readLine()) {
        if (line.startsWith("VmHWM:")) {
            bool ok = false;
            const qint64 kib = line.mid(6).trimmed().split(' ').value(0).toLongLong(&ok);
            return ok ? kib : -1;
        }
    }
    return -1;
}

void installStartupProbe(MainWindow &window, const QElapsedTimer &sinceStart)
{
    models::RefreshController *refresh = window.refreshController();
    if (!refresh) {
        QTextStream(stdout) << "startup-probe: no connection" << Qt::endl;
        QTimer::singleShot(0, qApp, &QCoreApplication::quit);
        return;
    }
    QObject::connect(refresh, &models::RefreshController::flowsListed, &window,
                     [&window, &sinceStart] {
                         window.repaint(); // paint synchronously: the list is on screen now
                         QTextStream(stdout) << "startup-probe: first populated paint after "
                                             << sinceStart.elapsed() << " ms" << Qt::endl;
                     },
                     Qt::SingleShotConnection);
    // busyChanged(false) ends every refresh, successful or not; the first one is the full
    // refresh the window starts with.
    QObject::connect(refresh, &models::RefreshController::busyChanged, &window,
                     [&window, &sinceStart, refresh](bool busy) {
                         if (busy)
                             return;
                         window.repaint();
                         const bool ok = refresh->lastRefreshed().isValid();
                         QTextStream(stdout) << "startup-probe: refreshed after " << sinceStart.elapsed()
                                             << " ms, peak RSS " << peakResidentKiB() << " KiB"
                                             << (ok ? "" : " (refresh failed)") << Qt::endl;
                         QTimer::singleShot(0, qApp, &QCoreApplication::quit);
                     });
}

} // namespace flowdesk
