// No cut-off text (issue #16): every window and dialog, in English, German and the pseudo-locale
// (every string about 40 % longer, accented), is walked and fails on a label, button, group
// title, tab or column header narrower than its text needs. Qt's offscreen platform is given a
// 1280×800 screen (a common laptop) so the windows open at the sizes users see.
#include "AccountDialog.h"
#include "CancelConfirmationDialog.h"
#include "CancelOutcomeView.h"
#include "ConnectionDialog.h"
#include "HistoryWindow.h"
#include "MainWindow.h"
#include "MfaPromptDialog.h"
#include "PreferencesDialog.h"
#include "SimulatorFixture.h"
#include "StatusBadgeDelegate.h"
#include "Translations.h"

#include <CancelController.h>
#include <RefreshController.h>
#include <StoredAccounts.h>

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QApplication>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QStandardItemModel>
#include <QTabBar>
#include <QTabWidget>
#include <QToolBar>
#include <QTreeView>
#include <QtTest>

using namespace flowdesk;
using flowdesk::test::SimulatorFixture;

Q_DECLARE_METATYPE(flowdesk::UiLanguage)

namespace {

QString describe(const QWidget *widget, const QString &text)
{
    return QStringLiteral("%1 %2 \"%3\" in %4").arg(QString::fromLatin1(widget->metaObject()->className()),
                                                   widget->objectName(), text.left(70),
                                                   widget->window()->objectName());
}

// What in `root`'s window shows less of its text than the text needs.
QStringList clippedIn(QWidget *root)
{
    QStringList problems;
    QList<QWidget *> widgets = root->findChildren<QWidget *>();
    widgets.prepend(root);
    for (QWidget *widget : std::as_const(widgets)) {
        if (!widget->isVisibleTo(root) || widget->window() != root->window())
            continue;
        if (auto *label = qobject_cast<QLabel *>(widget)) {
            if (label->text().trimmed().isEmpty())
                continue;
            const bool clipped = label->wordWrap()
                ? label->heightForWidth(label->width()) > label->height() + 1
                : label->sizeHint().width() > label->width() + 1;
            if (clipped)
                problems << describe(label, label->text())
                                + QStringLiteral(": needs %1x%2, has %3x%4")
                                      .arg(label->sizeHint().width())
                                      .arg(label->wordWrap() ? label->heightForWidth(label->width()) : label->sizeHint().height())
                                      .arg(label->width()).arg(label->height());
        } else if (auto *button = qobject_cast<QAbstractButton *>(widget)) {
            // A toolbar that is too narrow moves its buttons into its extension menu.
            if (button->text().trimmed().isEmpty() || qobject_cast<QToolBar *>(button->parentWidget()))
                continue;
            if (button->sizeHint().width() > button->width() + 1)
                problems << describe(button, button->text())
                                + QStringLiteral(": needs %1 px, has %2").arg(button->sizeHint().width()).arg(button->width());
        } else if (auto *group = qobject_cast<QGroupBox *>(widget)) {
            if (group->minimumSizeHint().width() > group->width() + 1)
                problems << describe(group, group->title())
                                + QStringLiteral(": needs %1 px, has %2").arg(group->minimumSizeHint().width()).arg(group->width());
        } else if (auto *tabs = qobject_cast<QTabBar *>(widget)) {
            // Tabs that do not fit are either scrolled (all text kept) or elided.
            if (tabs->elideMode() != Qt::ElideNone && tabs->sizeHint().width() > tabs->width() + 1)
                problems << describe(tabs, tabs->tabText(0))
                                + QStringLiteral(": tabs need %1 px, have %2").arg(tabs->sizeHint().width()).arg(tabs->width());
        } else if (auto *view = qobject_cast<QTreeView *>(widget)) {
            // Status badges: the column holds the longest status of its kind.
            for (int column = 0; view->model() && column < view->model()->columnCount(); ++column) {
                const auto *badges = qobject_cast<const StatusBadgeDelegate *>(view->itemDelegateForColumn(column));
                if (badges && !view->isColumnHidden(column) && view->columnWidth(column) < badges->widestBadgeWidth(view->font()))
                    problems << describe(view, view->model()->headerData(column, Qt::Horizontal).toString())
                                    + QStringLiteral(": status badges need %1 px, have %2")
                                          .arg(badges->widestBadgeWidth(view->font())).arg(view->columnWidth(column));
            }
        }
        if (auto *header = qobject_cast<QHeaderView *>(widget)) {
            if (header->orientation() != Qt::Horizontal || !header->model())
                continue;
            for (int section = 0; section < header->count(); ++section) {
                if (header->isSectionHidden(section))
                    continue;
                if (header->sectionSize(section) + 1 < header->sectionSizeHint(section)) {
                    const QString title = header->model()->headerData(section, Qt::Horizontal).toString();
                    problems << describe(header->parentWidget() ? header->parentWidget() : header, title)
                                    + QStringLiteral(": column \"%1\" needs %2 px, has %3")
                                          .arg(title).arg(header->sectionSizeHint(section)).arg(header->sectionSize(section));
                }
            }
        }
    }
    return problems;
}

} // namespace

class TstClippedText : public QObject
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
        if (!QTest::qWaitForWindowExposed(m_window.get()))
            return false;
        auto *refresh = m_window->refreshController();
        return QTest::qWaitFor([&] { return refresh->activeRuns()->rowCount() == 5 && !refresh->isBusy(); }, 20000);
    }

    // Selects `flow` in the flow list and waits for its runs.
    bool selectFlow(const QString &flow, int runs)
    {
        auto *flows = m_window->findChild<QTreeView *>(QStringLiteral("flowsTreeView"));
        auto *runsView = m_window->findChild<QTreeView *>(QStringLiteral("runsTreeView"));
        const QModelIndexList found = flows->model()->match(flows->model()->index(0, 0), Qt::DisplayRole, flow);
        if (found.isEmpty())
            return false;
        flows->setCurrentIndex(found.first());
        return QTest::qWaitFor([&] { return runsView->model()->rowCount() == runs; }, 10000);
    }

    static void language_data()
    {
        QTest::addColumn<UiLanguage>("language");
        QTest::newRow("English") << UiLanguage::English;
        QTest::newRow("German") << UiLanguage::German;
        QTest::newRow("pseudo-locale") << UiLanguage::Pseudo;
    }

private slots:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("FlowdeskTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_clippedtext"));
        QSettings().clear();
        QVERIFY(m_dir.isValid());
        QCOMPARE(QGuiApplication::primaryScreen()->geometry().size(), QSize(1280, 800));
    }

    void init()
    {
        if (QTest::currentDataTag()) {
            QFETCH(UiLanguage, language);
            installTranslations(language);
        }
    }

    void cleanup()
    {
        m_window.reset();
        m_sim.reset();
        QSettings().clear();
        installTranslations(UiLanguage::English);
    }

    // The check itself: a label, a button and a column too narrow for their words are found,
    // the same ones wide enough are not.
    void findsWhatIsCutOff()
    {
        QWidget window;
        window.setObjectName(QStringLiteral("probe"));
        auto *label = new QLabel(QStringLiteral("Zeit der letzten Ausführung"), &window);
        auto *button = new QPushButton(QStringLiteral("Alle aktiven Ausführungen abbrechen"), &window);
        auto *view = new QTreeView(&window);
        QStandardItemModel model(1, 2);
        model.setHorizontalHeaderLabels({QStringLiteral("Zuletzt aktualisiert"), QStringLiteral("Dauer")});
        view->setModel(&model);
        label->setGeometry(0, 0, 40, 20);
        button->setGeometry(0, 30, 60, 30);
        view->setGeometry(0, 70, 400, 200);
        view->setColumnWidth(0, 40);
        window.resize(420, 300);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const QStringList found = clippedIn(&window);
        QCOMPARE(found.size(), 3);
        label->resize(label->sizeHint());
        button->resize(button->sizeHint());
        view->setColumnWidth(0, view->header()->sectionSizeHint(0));
        QVERIFY2(clippedIn(&window).isEmpty(), qPrintable(clippedIn(&window).join(u'\n')));
    }

    void mainWindow_data() { language_data(); }
    void mainWindow()
    {
        QVERIFY(openWindow());
        // The pseudo-locale really is longer: the test would mean nothing otherwise.
        if (QTest::currentDataTag() == QByteArrayLiteral("pseudo-locale"))
            QVERIFY2(!m_window->findChild<QAction *>(QStringLiteral("refreshAction"))->text().startsWith(u'&'),
                     "the pseudo-locale is not loaded");
        QVERIFY(selectFlow(QStringLiteral("sf-bulk-accounts"), 2));
        auto *runsView = m_window->findChild<QTreeView *>(QStringLiteral("runsTreeView"));
        runsView->setCurrentIndex(runsView->model()->index(0, 0)); // the run details pane too
        QStringList problems = clippedIn(m_window.get());
        auto *runsTabs = m_window->findChild<QTabWidget *>(QStringLiteral("runsTabs"));
        QVERIFY(runsTabs);
        runsTabs->setCurrentIndex(1); // the timeline
        problems << clippedIn(m_window.get());
        auto *tabs = m_window->findChild<QTabWidget *>(QStringLiteral("viewTabWidget"));
        QVERIFY(tabs);
        for (int i = 0; i < tabs->count(); ++i) {
            tabs->setCurrentIndex(i);
            QCoreApplication::processEvents();
            problems << clippedIn(m_window.get());
        }
        problems.removeDuplicates();
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    }

    void dialogs_data() { language_data(); }
    void dialogs()
    {
        QSettings accountSettings(m_dir.filePath(QStringLiteral("accounts.ini")), QSettings::IniFormat);
        aws::StoredAccounts accounts(&accountSettings);
        QStringList problems;
        const auto walk = [&](QWidget &dialog) {
            dialog.show();
            if (!QTest::qWaitForWindowExposed(&dialog))
                problems << dialog.objectName() + QStringLiteral(" was not shown");
            problems << clippedIn(&dialog);
        };
        {
            ConnectionDialog dialog(&accounts, QProcessEnvironment());
            walk(dialog);
        }
        {
            AccountDialog dialog(&accounts);
            walk(dialog);
        }
        {
            MfaPromptDialog dialog(QStringLiteral("arn:aws:iam::123456789012:mfa/ops"),
                                   QStringLiteral("arn:aws:iam::123456789012:role/ops"), QStringLiteral("ops"));
            walk(dialog);
        }
        {
            PreferencesDialog dialog(Preferences{});
            walk(dialog);
        }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    }

    // The cancel path: the confirmation (a batch-API flow, so every fact is shown), the typed
    // confirmation of "cancel all", the results window, and History with the entries written.
    void cancelPath_data() { language_data(); }
    void cancelPath()
    {
        QVERIFY(openWindow());
        QVERIFY(selectFlow(QStringLiteral("sf-bulk-accounts"), 2));
        auto *runsView = m_window->findChild<QTreeView *>(QStringLiteral("runsTreeView"));
        runsView->selectAll();
        m_window->findChild<QAction *>(QStringLiteral("cancelSelectedAction"))->trigger();
        CancelConfirmationDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = m_window->findChild<CancelConfirmationDialog *>()) && dialog->isVisible());
        QStringList problems = clippedIn(dialog);
        dialog->findChild<QPushButton *>(QStringLiteral("cancelRunsButton"))->click();
        CancelOutcomeView *outcome = nullptr;
        QTRY_VERIFY((outcome = m_window->findChild<CancelOutcomeView *>()) && outcome->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(outcome->controller()->requestsFinished(), 10000);
        problems << clippedIn(outcome);
        outcome->close();

        QVERIFY(selectFlow(QStringLiteral("orders-sync"), 6));
        m_window->findChild<QAction *>(QStringLiteral("cancelFlowAction"))->trigger();
        CancelConfirmationDialog *typed = nullptr;
        QTRY_VERIFY((typed = m_window->findChild<CancelConfirmationDialog *>()) && typed != dialog
                    && typed->isVisible());
        problems << clippedIn(typed);
        typed->reject();

        HistoryWindow history(m_sim->auditLogPath());
        history.show();
        QVERIFY(QTest::qWaitForWindowExposed(&history));
        QTRY_VERIFY(history.findChild<QAbstractItemView *>() && history.findChild<QAbstractItemView *>()->model()->rowCount() > 0);
        problems << clippedIn(&history);
        problems.removeDuplicates();
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    }
};

int main(int argc, char *argv[])
{
    // Qt's offscreen platform with one 1280×800 screen (its own default is 800×800).
    QTemporaryDir config;
    QFile screens(config.filePath(QStringLiteral("screens.json")));
    if (!screens.open(QIODevice::WriteOnly))
        return 1;
    screens.write(R"({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1280, "height": 800,
                                   "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]})");
    screens.close();
    qputenv("QT_QPA_PLATFORM", "offscreen:configfile=" + QFile::encodeName(screens.fileName()));
    QApplication app(argc, argv);
    TstClippedText test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_clippedtext.moc"
