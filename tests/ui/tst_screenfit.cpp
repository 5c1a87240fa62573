// Every top-level window opens within the screen it appears on (issue #16 finding: on a
// 1024×700 screen the main window opened at 1280×800 with the status bar off-screen, and Cancel
// History at 1100 px hid Export CSV…). Qt's offscreen platform has an 800×800 screen, smaller
// than every window's preferred size, so the real windows are checked against it.
#include "ConnectionDialog.h"
#include "HistoryWindow.h"
#include "MainWindow.h"
#include "ScreenFit.h"

#include <StoredAccounts.h>

#include <QScreen>
#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

using namespace flowdesk;

class TstScreenFit : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    static QRect available() { return QGuiApplication::primaryScreen()->availableGeometry(); }

    static bool fits(const QWidget &window)
    {
        return available().contains(window.frameGeometry());
    }

    static QString describe(const QWidget &window)
    {
        const QRect frame = window.frameGeometry();
        const QRect room = available();
        return QStringLiteral("%1: frame %2x%3+%4+%5, screen area %6x%7+%8+%9")
            .arg(window.objectName())
            .arg(frame.width()).arg(frame.height()).arg(frame.x()).arg(frame.y())
            .arg(room.width()).arg(room.height()).arg(room.x()).arg(room.y());
    }

private slots:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("FlowdeskTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_screenfit"));
        QSettings().clear();
        QVERIFY(m_dir.isValid());
        // The test means something only while the screen is smaller than the windows want.
        QVERIFY2(available().width() < 1100 && available().height() <= 800,
                 "the screen is not smaller than the windows' preferred sizes");
    }

    void cleanupTestCase() { QSettings().clear(); }

    void mainWindowFits()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY2(fits(window), qPrintable(describe(window)));
    }

    // A geometry saved on a 2560×1600 screen is made to fit the smaller one at the next start.
    void restoredGeometryFromALargerScreenFits()
    {
        {
            MainWindow big;
            big.setGeometry(300, 200, 2400, 1500);
            QSettings().setValue(QStringLiteral("mainWindow/geometry"), big.saveGeometry());
        }
        MainWindow window; // restores the saved geometry
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY2(fits(window), qPrintable(describe(window)));
        QSettings().remove(QStringLiteral("mainWindow/geometry"));
    }

    void historyWindowFits()
    {
        HistoryWindow window(m_dir.filePath(QStringLiteral("audit-log.jsonl")));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY2(fits(window), qPrintable(describe(window)));
    }

    void connectionDialogFits()
    {
        QSettings settings(m_dir.filePath(QStringLiteral("accounts.ini")), QSettings::IniFormat);
        aws::StoredAccounts accounts(&settings);
        ConnectionDialog dialog(&accounts, QProcessEnvironment());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY2(fits(dialog), qPrintable(describe(dialog)));
    }

    void resizeWithinKeepsSmallerSizes()
    {
        QWidget window;
        ScreenFit::resizeWithin(&window, QSize(300, 200));
        QCOMPARE(window.size(), QSize(300, 200));
        ScreenFit::resizeWithin(&window, QSize(5000, 5000));
        QVERIFY(window.width() < available().width() && window.height() < available().height());
    }
};

QTEST_MAIN(TstScreenFit)
#include "tst_screenfit.moc"
