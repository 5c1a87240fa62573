#include "MainWindow.h"

#include <QMenuBar>
#include <QtTest>

class TstMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void constructsWithTitleAndMenus()
    {
        flowdesk::MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.windowTitle(), QStringLiteral("Flowdesk"));

        QStringList menus;
        for (QAction *action : window.menuBar()->actions())
            menus << action->text().remove(u'&');
        QVERIFY2(menus.contains(QStringLiteral("File")), qPrintable(menus.join(u',')));
        QVERIFY2(menus.contains(QStringLiteral("Help")), qPrintable(menus.join(u',')));
    }

    void quitClosesTheWindow()
    {
        flowdesk::MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *quit = window.findChild<QAction *>(QStringLiteral("quitAction"));
        QVERIFY(quit);
        QCOMPARE(quit->shortcut(), QKeySequence(QKeySequence::Quit));
        quit->trigger();
        QTRY_VERIFY(!window.isVisible());
    }
};

QTEST_MAIN(TstMainWindow)
#include "tst_mainwindow.moc"
