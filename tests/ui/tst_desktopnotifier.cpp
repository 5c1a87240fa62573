// "Notice when it is done" (issue #16): a cancel that settles after a while, with Flowdesk not
// in front, is announced through the freedesktop Notifications service. The test runs its own
// notification service on the session bus (./dev test gives every test a private one) and
// checks what arrives: from DesktopNotifier directly, and from a real cancel in the main window
// against the simulator.
#include "CancelConfirmationDialog.h"
#include "CancelOutcomeView.h"
#include "CancelWorkflow.h"
#include "DesktopNotifier.h"
#include "MainWindow.h"
#include "SimulatorFixture.h"
#include "Translations.h"

#include <RefreshController.h>

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QPushButton>
#include <QSettings>
#include <QTreeView>
#include <QtTest>

using namespace flowdesk;

// What a desktop's notification daemon offers, reduced to Notify; it records every call.
class FakeNotificationService : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.Notifications")

public:
    struct Received {
        QString appName;
        QString summary;
        QString body;
    };
    QList<Received> received;

public slots:
    uint Notify(const QString &appName, uint, const QString &, const QString &summary, const QString &body,
                const QStringList &, const QVariantMap &, int)
    {
        received.append({appName, summary, body});
        return uint(received.size());
    }
};

class TstDesktopNotifier : public QObject
{
    Q_OBJECT

    FakeNotificationService m_service;
    bool m_registered = false;

private slots:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("FlowdeskTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_desktopnotifier"));
        QSettings().clear();
        installTranslations();
        QDBusConnection bus = QDBusConnection::sessionBus();
        if (!bus.isConnected())
            QSKIP("no session bus (./dev test provides one)");
        if (bus.interface()->isServiceRegistered(QStringLiteral("org.freedesktop.Notifications")))
            QSKIP("a real notification service runs on this bus; not taking its place");
        QVERIFY(bus.registerService(QStringLiteral("org.freedesktop.Notifications")));
        QVERIFY(bus.registerObject(QStringLiteral("/org/freedesktop/Notifications"), &m_service,
                                   QDBusConnection::ExportAllSlots));
        m_registered = true;
    }

    void cleanupTestCase()
    {
        if (m_registered)
            QDBusConnection::sessionBus().unregisterService(QStringLiteral("org.freedesktop.Notifications"));
    }

    void init() { m_service.received.clear(); }

    void notificationReachesTheService()
    {
        DesktopNotifier notifier;
        QSignalSpy delivered(&notifier, &DesktopNotifier::delivered);
        notifier.notify(QStringLiteral("Cancel finished"), QStringLiteral("3 runs cancelled."));
        QVERIFY(delivered.wait(5000));
        QCOMPARE(m_service.received.size(), 1);
        QCOMPARE(m_service.received.first().appName, QStringLiteral("Flowdesk"));
        QCOMPARE(m_service.received.first().summary, QStringLiteral("Cancel finished"));
        QCOMPARE(m_service.received.first().body, QStringLiteral("3 runs cancelled."));
    }

    // A cancel from the window, settled while another window is in front: one notification
    // with the counts. (The threshold is lowered; by default it is 5 s.)
    void settledCancelIsAnnouncedWhenNotInFront()
    {
        flowdesk::test::SimulatorFixture sim(100);
        QVERIFY(sim.ok());
        MainWindow window;
        window.setAuditLogPath(sim.auditLogPath());
        window.setConnection(sim.connect());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTRY_VERIFY_WITH_TIMEOUT(window.refreshController()->activeRuns()->rowCount() == 5, 20000);
        window.cancelWorkflow()->setNotifyAfter(0);

        auto *runs = window.findChild<QTreeView *>(QStringLiteral("runsTreeView"));
        auto *flows = window.findChild<QTreeView *>(QStringLiteral("flowsTreeView"));
        flows->setCurrentIndex(flows->model()->index(0, 0)); // orders-sync
        QTRY_COMPARE(runs->model()->rowCount(), 6);
        const QString run = sim.idsWithStatus(QStringLiteral("orders-sync"), QStringLiteral("InProgress")).first();
        const QModelIndexList match = runs->model()->match(runs->model()->index(0, 0), models::Roles::IdRole, run, 1,
                                                           Qt::MatchExactly);
        QCOMPARE(match.size(), 1);
        runs->selectionModel()->select(match.first(), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        window.findChild<QAction *>(QStringLiteral("cancelSelectedAction"))->trigger();
        CancelConfirmationDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = window.findChild<CancelConfirmationDialog *>()) && dialog->isVisible());
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("cancelRunsButton")), Qt::LeftButton);
        // Someone else's window in front (offscreen: nothing of ours is active).
        QWidget other;
        other.show();
        other.activateWindow();
        QTRY_VERIFY_WITH_TIMEOUT(m_service.received.size() == 1, 30000);
        QVERIFY2(m_service.received.first().summary.contains(QStringLiteral("Cancel finished")),
                 qPrintable(m_service.received.first().summary));
        QVERIFY2(m_service.received.first().body.contains(QStringLiteral("1 run cancelled")),
                 qPrintable(m_service.received.first().body));
    }
};

QTEST_MAIN(TstDesktopNotifier)
#include "tst_desktopnotifier.moc"
