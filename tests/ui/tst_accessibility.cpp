// Accessibility (issue #16): every focusable widget of every window and dialog tells a screen
// reader what it is (an accessible name) and what it does (a description), and the whole cancel
// path works with the keyboard alone. Names come from what Qt's accessibility layer reports
// (button text, a label's buddy, setAccessibleName), descriptions from setAccessibleDescription
// or the tooltip — the same interfaces Orca reads through AT-SPI.
#include "AccountDialog.h"
#include "CancelConfirmationDialog.h"
#include "CancelOutcomeView.h"
#include "ConnectionDialog.h"
#include "HistoryWindow.h"
#include "MainWindow.h"
#include "MfaPromptDialog.h"
#include "PreferencesDialog.h"
#include "SimulatorFixture.h"
#include "Translations.h"

#include <CancelController.h>
#include <RefreshController.h>
#include <StoredAccounts.h>

#include <QAbstractItemView>
#include <QAccessible>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QTabBar>
#include <QTabWidget>
#include <QTreeView>
#include <QtTest>

using namespace flowdesk;
using flowdesk::test::SimulatorFixture;

namespace {

QString describe(const QWidget *widget)
{
    return QStringLiteral("%1 \"%2\"").arg(QString::fromLatin1(widget->metaObject()->className()),
                                          widget->objectName());
}

// Widgets a user can reach with Tab (or click into) that a screen reader cannot name or explain.
QStringList problemsIn(QWidget *root)
{
    QStringList problems;
    QList<QWidget *> widgets = root->findChildren<QWidget *>();
    widgets.prepend(root);
    for (QWidget *widget : std::as_const(widgets)) {
        if (!widget->isVisibleTo(root) || widget->focusPolicy() == Qt::NoFocus || widget->focusProxy())
            continue;
        if (!widget->isWindow() && widget->window() != root->window())
            continue;
        QAccessibleInterface *accessible = QAccessible::queryAccessibleInterface(widget);
        if (!accessible) {
            problems << describe(widget) + QStringLiteral(": no accessible interface");
            continue;
        }
        if (accessible->text(QAccessible::Name).trimmed().isEmpty())
            problems << describe(widget) + QStringLiteral(": no accessible name");
        // A tab bar describes itself through its tabs (Qt reports each tab's tooltip).
        if (qobject_cast<QTabBar *>(widget)) {
            for (int i = 0; i < accessible->childCount(); ++i) {
                QAccessibleInterface *tab = accessible->child(i);
                if (tab->role() == QAccessible::PageTab && tab->text(QAccessible::Description).trimmed().isEmpty())
                    problems << describe(widget) + QStringLiteral(": tab \"%1\" has no description")
                                                       .arg(tab->text(QAccessible::Name));
            }
            continue;
        }
        // Text (a selectable label) is named by what it says; controls also say what they do.
        if (!qobject_cast<QLabel *>(widget) && accessible->text(QAccessible::Description).trimmed().isEmpty())
            problems << describe(widget) + QStringLiteral(": no accessible description");
    }
    return problems;
}

} // namespace

class TstAccessibility : public QObject
{
    Q_OBJECT

    std::unique_ptr<SimulatorFixture> m_sim;
    std::unique_ptr<MainWindow> m_window;
    QTemporaryDir m_dir;

    bool openWindow()
    {
        m_sim = std::make_unique<SimulatorFixture>(100);
        if (!m_sim->ok())
            return false;
        m_window = std::make_unique<MainWindow>();
        m_window->setAuditLogPath(m_sim->auditLogPath());
        m_window->setConnection(m_sim->connect());
        m_window->show();
        m_window->activateWindow();
        if (!QTest::qWaitForWindowExposed(m_window.get()))
            return false;
        auto *refresh = m_window->refreshController();
        return QTest::qWaitFor([&] { return refresh->activeRuns()->rowCount() == 5 && !refresh->isBusy(); }, 20000);
    }

private slots:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("FlowdeskTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_accessibility"));
        QSettings().clear();
        installTranslations();
        QVERIFY(m_dir.isValid());
    }

    void cleanup()
    {
        m_window.reset();
        m_sim.reset();
        QSettings().clear();
    }

    void mainWindowIsNamed()
    {
        QVERIFY(openWindow());
        QStringList problems = problemsIn(m_window.get());
        // The All active runs tab too.
        auto *tabs = m_window->findChild<QTabWidget *>();
        QVERIFY(tabs);
        for (int i = 0; i < tabs->count(); ++i) {
            tabs->setCurrentIndex(i);
            problems << problemsIn(m_window.get());
        }
        problems.removeDuplicates();
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    }

    void dialogsAreNamed()
    {
        QSettings accountSettings(m_dir.filePath(QStringLiteral("accounts.ini")), QSettings::IniFormat);
        aws::StoredAccounts accounts(&accountSettings);
        QStringList problems;
        {
            ConnectionDialog dialog(&accounts, QProcessEnvironment());
            dialog.show();
            QVERIFY(QTest::qWaitForWindowExposed(&dialog));
            problems << problemsIn(&dialog);
        }
        {
            AccountDialog dialog(&accounts);
            dialog.show();
            QVERIFY(QTest::qWaitForWindowExposed(&dialog));
            problems << problemsIn(&dialog);
        }
        {
            MfaPromptDialog dialog(QStringLiteral("arn:aws:iam::123456789012:mfa/ops"),
                                   QStringLiteral("arn:aws:iam::123456789012:role/ops"), QStringLiteral("ops"));
            dialog.show();
            QVERIFY(QTest::qWaitForWindowExposed(&dialog));
            problems << problemsIn(&dialog);
        }
        {
            PreferencesDialog dialog(Preferences{});
            dialog.show();
            QVERIFY(QTest::qWaitForWindowExposed(&dialog));
            problems << problemsIn(&dialog);
        }
        {
            HistoryWindow window(m_dir.filePath(QStringLiteral("audit-log.jsonl")));
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            problems << problemsIn(&window);
        }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    }

    // Select a flow and a run, cancel it, confirm, read the outcome and close it: keys only.
    void cancelPathWithTheKeyboardAlone()
    {
        QVERIFY(openWindow());
        auto *flows = m_window->findChild<QTreeView *>(QStringLiteral("flowsTreeView"));
        auto *runs = m_window->findChild<QTreeView *>(QStringLiteral("runsTreeView"));
        flows->setFocus();
        QTRY_VERIFY(flows->hasFocus());
        // Down to "orders-sync" (sorted by name it is the first flow).
        QTest::keyClick(flows, Qt::Key_Home);
        QTRY_COMPARE(flows->currentIndex().data().toString(), QStringLiteral("orders-sync"));
        QTRY_COMPARE(runs->model()->rowCount(), 6);
        // Tab moves on to the runs; the newest runs are in progress (sorted by start, newest first).
        QWidget *focused = nullptr;
        for (int tab = 0; tab < 10 && QApplication::focusWidget() != runs; ++tab) {
            focused = QApplication::focusWidget();
            QTest::keyClick(focused, Qt::Key_Tab);
        }
        QCOMPARE(QApplication::focusWidget(), runs);
        QTest::keyClick(runs, Qt::Key_Home);
        QTest::keyClick(runs, Qt::Key_Space); // select the current row
        QTRY_VERIFY(!runs->selectionModel()->selectedRows().isEmpty());
        QTest::keyClick(runs, Qt::Key_Delete);
        CancelConfirmationDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = m_window->findChild<CancelConfirmationDialog *>()) && dialog->isVisible());
        // The safe button has the focus; Tab reaches the cancel button, Space presses it.
        const QStringList dialogProblems = problemsIn(dialog);
        QVERIFY2(dialogProblems.isEmpty(), qPrintable(dialogProblems.join(u'\n')));
        auto *cancelButton = dialog->findChild<QPushButton *>(QStringLiteral("cancelRunsButton"));
        for (int tab = 0; tab < 20 && QApplication::focusWidget() != cancelButton; ++tab)
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget(), cancelButton);
        QTest::keyClick(cancelButton, Qt::Key_Space);
        CancelOutcomeView *outcome = nullptr;
        QTRY_VERIFY((outcome = m_window->findChild<CancelOutcomeView *>()) && outcome->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(outcome->controller()->requestsFinished(), 10000);
        const QStringList problems = problemsIn(outcome);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
        QTest::keyClick(outcome, Qt::Key_Escape);
        QTRY_VERIFY(!outcome->isVisible());
        QCOMPARE(m_sim->simulator().cancelRequested(QStringLiteral("orders-sync"),
                                                    runs->currentIndex().siblingAtColumn(0).data().toString()),
                 true);
    }
};

QTEST_MAIN(TstAccessibility)
#include "tst_accessibility.moc"
