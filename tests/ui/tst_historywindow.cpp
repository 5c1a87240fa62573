// The History window over a real audit log written by AuditLog: every valid line shows, damaged
// ones are named, the flow filter, sorting, CSV export through the real file dialog, Copy,
// reload, the empty state and an unreadable file.
#include "AuditCsvExporter.h"
#include "AuditEntry.h"
#include "AuditEntryModel.h"
#include "AuditLog.h"
#include "HistoryWindow.h"
#include "MessageBoxes.h"
#include "Translations.h"

#include <QAbstractItemModelTester>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QGuiApplication>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using flowdesk::AuditEntryModel;
using flowdesk::HistoryWindow;
using flowdesk::MessageBoxes;
using flowdesk::audit::AuditEntry;
using flowdesk::audit::AuditLog;
using flowdesk::audit::AuditOutcome;

namespace {

const QString ordersFlow = QStringLiteral("orders-to-s3");
const QString ticketsFlow = QStringLiteral("zendesk-tickets");

QDateTime at(int hour, int minute)
{
    return QDateTime(QDate(2024, 5, 1), QTime(hour, minute), Qt::UTC);
}

AuditEntry intent(const QString &flow, const QDateTime &time, const QString &correlationId)
{
    AuditEntry entry;
    entry.type = AuditEntry::Type::Intent;
    entry.time = time;
    entry.correlationId = correlationId;
    entry.profile = QStringLiteral("prod-ops");
    entry.account = QStringLiteral("123456789012");
    entry.region = QStringLiteral("eu-west-1");
    entry.endpoint = QStringLiteral("https://appflow.eu-west-1.amazonaws.com");
    entry.flowName = flow;
    entry.executionIds = {QStringLiteral("exec-1"), QStringLiteral("exec-2")};
    entry.confirmedBy = QStringLiteral("alice");
    return entry;
}

bool appendRaw(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Append) && file.write(bytes) == bytes.size();
}

QString cell(QTableView *view, int row, int column)
{
    return view->model()->index(row, column).data().toString();
}

QStringList columnTexts(QTableView *view, int column)
{
    QStringList texts;
    for (int row = 0; row < view->model()->rowCount(); ++row)
        texts << cell(view, row, column);
    return texts;
}

} // namespace

class TstHistoryWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        flowdesk::installTranslations();
        QVERIFY(m_dir.isValid());
    }

    void init()
    {
        // A log as a crash and a stray edit leave it: lines 1-3, 5, 6 are valid; line 4 is
        // garbage and line 7 was cut short by a crash (no newline).
        m_logPath = m_dir.filePath(QStringLiteral("audit-%1.jsonl").arg(++m_logCount));
        AuditLog log(m_logPath);
        const AuditEntry ordersIntent = intent(ordersFlow, at(10, 0), QStringLiteral("c-orders"));
        AuditEntry ordersResult = ordersIntent.resultFor();
        ordersResult.time = at(10, 0).addSecs(1);
        ordersResult.outcomes = {{QStringLiteral("exec-1"), AuditOutcome::Kind::CancelStarted, {}},
                                 {QStringLiteral("exec-2"), AuditOutcome::Kind::NotCancellable,
                                  QStringLiteral("already finished (Successful)")}};
        ordersResult.invalidExecutions = {QStringLiteral("exec-2")};
        ordersResult.requestIds = {QStringLiteral("req-orders-1")};

        AuditEntry ticketsIntent = intent(ticketsFlow, at(11, 0), QStringLiteral("c-tickets"));
        ticketsIntent.allActiveRuns = true;
        ticketsIntent.executionIds.clear();
        ticketsIntent.deactivateRequested = true;
        AuditEntry ticketsResult = ticketsIntent.resultFor();
        ticketsResult.time = at(11, 0).addSecs(2);
        ticketsResult.error = QStringLiteral("AccessDeniedException: not authorized");
        ticketsResult.requestIds = {QStringLiteral("req-tickets-1")};

        m_pendingIntent = intent(ordersFlow, at(12, 0), QStringLiteral("c-pending"));

        QVERIFY(log.append(ordersIntent));
        QVERIFY(log.append(ordersResult));
        QVERIFY(log.append(ticketsIntent));
        QVERIFY(appendRaw(m_logPath, "{\"v\":1,\"type\":\"intent\", garbage\n"));
        QVERIFY(log.append(ticketsResult));
        QVERIFY(log.append(m_pendingIntent));
        QVERIFY(appendRaw(m_logPath, "{\"v\":1,\"type\":\"result\",\"time\":\"2024-05-01T12:0"));
    }

    void cleanup()
    {
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    }

    void showsEveryValidLineNewestFirst()
    {
        HistoryWindow window(m_logPath);
        auto *model = window.findChild<AuditEntryModel *>();
        QVERIFY(model);
        QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        auto *view = window.findChild<QTableView *>(QStringLiteral("historyTableView"));
        QVERIFY(view);
        QCOMPARE(window.findChild<QStackedWidget *>()->currentWidget(), view);
        QCOMPARE(view->model()->rowCount(), 5);
        QCOMPARE(view->model()->columnCount(), int(AuditEntryModel::ColumnCount));

        // Newest first: the pending intent, then the tickets pair, then the orders pair.
        QCOMPARE(columnTexts(view, AuditEntryModel::FlowColumn),
                 QStringList({ordersFlow, ticketsFlow, ticketsFlow, ordersFlow, ordersFlow}));
        QCOMPARE(columnTexts(view, AuditEntryModel::KindColumn),
                 QStringList({QStringLiteral("Intent"), QStringLiteral("Result"),
                              QStringLiteral("Intent"), QStringLiteral("Result"),
                              QStringLiteral("Intent")}));
        // Local time, to the second.
        QCOMPARE(cell(view, 0, AuditEntryModel::TimeColumn),
                 at(12, 0).toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));

        QCOMPARE(cell(view, 0, AuditEntryModel::OutcomeColumn), QStringLiteral("No result recorded"));
        QCOMPARE(cell(view, 1, AuditEntryModel::OutcomeColumn),
                 QStringLiteral("AccessDeniedException: not authorized"));
        QCOMPARE(cell(view, 2, AuditEntryModel::OutcomeColumn), QStringLiteral("Cancel requested"));
        QCOMPARE(cell(view, 3, AuditEntryModel::OutcomeColumn),
                 QStringLiteral("cancel started for 1 run, 1 run not cancellable"));
        QVERIFY(view->model()->index(3, AuditEntryModel::OutcomeColumn).data(Qt::ToolTipRole)
                    .toString().contains(QStringLiteral("exec-2: not cancellable (already finished (Successful))")));

        QCOMPARE(cell(view, 1, AuditEntryModel::RunsColumn), QStringLiteral("all active runs"));
        QVERIFY(view->model()->index(1, AuditEntryModel::RunsColumn).data(Qt::ToolTipRole)
                    .toString().contains(QStringLiteral("deactivated")));
        QCOMPARE(cell(view, 3, AuditEntryModel::RunsColumn), QStringLiteral("2 runs: exec-1, …"));
        QCOMPARE(view->model()->index(3, AuditEntryModel::RunsColumn).data(Qt::ToolTipRole).toString(),
                 QStringLiteral("exec-1\nexec-2"));
        QCOMPARE(cell(view, 3, AuditEntryModel::ConnectionColumn),
                 QStringLiteral("prod-ops · 123456789012"));
        QCOMPARE(cell(view, 3, AuditEntryModel::RegionColumn), QStringLiteral("eu-west-1"));
        QCOMPARE(cell(view, 3, AuditEntryModel::ConfirmedByColumn), QStringLiteral("alice"));
        QCOMPARE(cell(view, 3, AuditEntryModel::RequestIdsColumn), QStringLiteral("req-orders-1"));
        QCOMPARE(cell(view, 4, AuditEntryModel::RequestIdsColumn), QString());

        auto *status = window.findChild<QLabel *>(QStringLiteral("statusLabel"));
        QVERIFY(status->text().startsWith(QStringLiteral("5 entr")));
        QVERIFY(status->text().contains(QStringLiteral("loaded")));

        // The damaged lines are named, with their reasons in the tooltip.
        auto *damaged = window.findChild<QLabel *>(QStringLiteral("damagedLinesLabel"));
        QVERIFY(damaged->isVisible());
        QVERIFY2(damaged->text().startsWith(QStringLiteral("2 damaged line")), qPrintable(damaged->text()));
        QVERIFY2(damaged->text().contains(QStringLiteral("4, 7")), qPrintable(damaged->text()));
        QVERIFY(damaged->toolTip().contains(QStringLiteral("Line 4: not valid JSON")));
        QVERIFY(damaged->toolTip().contains(QStringLiteral("Line 7: incomplete last line")));

        QVERIFY(window.findChild<QLabel *>(QStringLiteral("logFileLabel"))->text().contains(
            QFileInfo(m_logPath).fileName()));
    }

    // A StopFlow answer and a result reconciled at a later start read as what they are, with
    // their request IDs (issue #12 finding 9, #13 recovery).
    void deactivationAndReconciledResultsAreNamed()
    {
        flowdesk::audit::AuditEntry intent = flowdesk::audit::AuditEntry::newIntent();
        intent.flowName = QStringLiteral("orders");
        intent.executionIds = {QStringLiteral("exec-1"), QStringLiteral("exec-2")};
        flowdesk::audit::AuditEntry stop = intent.resultFor();
        stop.deactivation = QStringLiteral("Suspended");
        stop.requestIds = {QStringLiteral("req-stop")};
        flowdesk::audit::AuditEntry reconciled = intent.resultFor();
        reconciled.reconciled = true;
        reconciled.outcomes = {{QStringLiteral("exec-1"), flowdesk::audit::AuditOutcome::Kind::Reconciled, QStringLiteral("Canceled")},
                               {QStringLiteral("exec-2"), flowdesk::audit::AuditOutcome::Kind::Reconciled, QStringLiteral("InProgress")}};
        AuditEntryModel model;
        model.setEntries({intent, stop, reconciled});
        QCOMPARE(model.index(1, AuditEntryModel::OutcomeColumn).data().toString(),
                 QStringLiteral("Flow deactivated (Suspended)"));
        QCOMPARE(model.index(1, AuditEntryModel::RequestIdsColumn).data().toString(), QStringLiteral("req-stop"));
        QCOMPARE(model.index(2, AuditEntryModel::OutcomeColumn).data().toString(),
                 QStringLiteral("Not confirmed before Flowdesk closed; later: Canceled, InProgress"));
        QVERIFY(model.index(2, AuditEntryModel::OutcomeColumn).data(Qt::ToolTipRole).toString()
                    .contains(QStringLiteral("exec-2: status checked later (InProgress)")));
    }

    void filtersByFlowWithTheKeyboard()
    {
        HistoryWindow window(m_logPath);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *combo = window.findChild<QComboBox *>(QStringLiteral("flowFilterComboBox"));
        auto *view = window.findChild<QTableView *>(QStringLiteral("historyTableView"));
        QCOMPARE(combo->count(), 3);
        QCOMPARE(combo->itemText(0), QStringLiteral("All flows"));
        QCOMPARE(combo->itemText(1), ordersFlow);
        QCOMPARE(combo->itemText(2), ticketsFlow);

        combo->setFocus();
        QTest::keyClick(combo, Qt::Key_Down);
        QCOMPARE(combo->currentText(), ordersFlow);
        QCOMPARE(view->model()->rowCount(), 3);
        QCOMPARE(columnTexts(view, AuditEntryModel::FlowColumn),
                 QStringList({ordersFlow, ordersFlow, ordersFlow}));

        QTest::keyClick(combo, Qt::Key_Down);
        QCOMPARE(combo->currentText(), ticketsFlow);
        QCOMPARE(view->model()->rowCount(), 2);
        auto *status = window.findChild<QLabel *>(QStringLiteral("statusLabel"));
        QVERIFY2(status->text().startsWith(QStringLiteral("Showing 2 of 5 entr")), qPrintable(status->text()));

        QTest::keyClick(combo, Qt::Key_Home);
        QCOMPARE(view->model()->rowCount(), 5);
    }

    void sortsByClickingAHeader()
    {
        HistoryWindow window(m_logPath);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *view = window.findChild<QTableView *>(QStringLiteral("historyTableView"));
        QHeaderView *header = view->horizontalHeader();
        QCOMPARE(header->sortIndicatorSection(), int(AuditEntryModel::TimeColumn));
        QCOMPARE(header->sortIndicatorOrder(), Qt::DescendingOrder);

        const auto clickHeader = [header](int section) {
            const QPoint centre(header->sectionViewportPosition(section) + header->sectionSize(section) / 2,
                                header->height() / 2);
            QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, centre);
        };
        clickHeader(AuditEntryModel::TimeColumn); // now oldest first
        QCOMPARE(header->sortIndicatorOrder(), Qt::AscendingOrder);
        QCOMPARE(cell(view, 0, AuditEntryModel::KindColumn), QStringLiteral("Intent"));
        QCOMPARE(cell(view, 0, AuditEntryModel::OutcomeColumn), QStringLiteral("Cancel requested"));
        QCOMPARE(cell(view, 0, AuditEntryModel::FlowColumn), ordersFlow);

        clickHeader(AuditEntryModel::FlowColumn);
        QCOMPARE(header->sortIndicatorSection(), int(AuditEntryModel::FlowColumn));
        const QStringList flows = columnTexts(view, AuditEntryModel::FlowColumn);
        QStringList sorted = flows;
        std::sort(sorted.begin(), sorted.end());
        QCOMPARE(flows, sorted);
    }

    void exportsTheShownEntriesAsCsv()
    {
        HistoryWindow window(m_logPath);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *combo = window.findChild<QComboBox *>(QStringLiteral("flowFilterComboBox"));
        combo->setCurrentIndex(combo->findText(ticketsFlow));

        auto *exportButton = window.findChild<QPushButton *>(QStringLiteral("exportCsvButton"));
        QVERIFY(exportButton->isEnabled());
        QSignalSpy exported(&window, &HistoryWindow::exported);
        QTest::mouseClick(exportButton, Qt::LeftButton);
        QFileDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = window.findChild<QFileDialog *>(QStringLiteral("exportFileDialog"))));
        QTRY_VERIFY(dialog->isVisible());
        QCOMPARE(dialog->acceptMode(), QFileDialog::AcceptSave);
        QVERIFY(dialog->isModal()); // open(): window-modal, without a nested event loop

        const QString csvPath = m_dir.filePath(QStringLiteral("tickets.csv"));
        dialog->selectFile(csvPath);
        static_cast<QDialog *>(dialog)->accept(); // QFileDialog::accept() is protected
        QTRY_COMPARE(exported.count(), 1);
        QCOMPARE(exported.at(0).at(0).toString(), csvPath);

        QFile csv(csvPath);
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(csv.readAll());
        QStringList lines = text.split(QStringLiteral("\r\n"));
        QCOMPARE(lines.takeLast(), QString()); // ends with CRLF
        QCOMPARE(lines.size(), 3);
        QCOMPARE(lines.at(0), flowdesk::audit::AuditCsvExporter::columns().join(u','));
        // File order (oldest first): the intent, then its result; only the filtered flow.
        QVERIFY(lines.at(1).startsWith(QStringLiteral("2024-05-01T11:00:00.000Z,intent,c-tickets,zendesk-tickets,all,")));
        QVERIFY(lines.at(2).startsWith(QStringLiteral("2024-05-01T11:00:02.000Z,result,c-tickets,zendesk-tickets,all,")));
        QVERIFY(lines.at(2).endsWith(QStringLiteral("req-tickets-1,AccessDeniedException: not authorized")));
        QVERIFY(!text.contains(ordersFlow));

        auto *status = window.findChild<QLabel *>(QStringLiteral("statusLabel"));
        QVERIFY(status->text().contains(QStringLiteral("Exported to")));
    }

    void exportFailureIsExplained()
    {
        HistoryWindow window(m_logPath);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy exported(&window, &HistoryWindow::exported);
        QTest::mouseClick(window.findChild<QPushButton *>(QStringLiteral("exportCsvButton")), Qt::LeftButton);
        QFileDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = window.findChild<QFileDialog *>(QStringLiteral("exportFileDialog"))));
        MessageBoxes::setNextAnswer(QMessageBox::Ok);
        dialog->selectFile(m_dir.filePath(QStringLiteral("no-such-folder/history.csv")));
        static_cast<QDialog *>(dialog)->accept(); // QFileDialog::accept() is protected
        QTRY_VERIFY(MessageBoxes::lastText().contains(QStringLiteral("Cannot export to")));
        QVERIFY(MessageBoxes::lastText().contains(QStringLiteral("no-such-folder")));
        QCOMPARE(exported.count(), 0);
    }

    void copiesTheSelectedEntriesAsCsv()
    {
        HistoryWindow window(m_logPath);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *view = window.findChild<QTableView *>(QStringLiteral("historyTableView"));
        view->setFocus();
        view->selectRow(3); // the orders result
        QTest::keyClick(view, Qt::Key_C, Qt::ControlModifier);
        const QString copied = QGuiApplication::clipboard()->text();
        QVERIFY2(copied.startsWith(QStringLiteral("time,type,")), qPrintable(copied));
        QVERIFY(copied.contains(QStringLiteral("exec-1=cancelStarted; exec-2=notCancellable")));
        QCOMPARE(copied.count(QStringLiteral("\r\n")), 2);
    }

    void reloadPicksUpNewLinesAndKeepsTheFilter()
    {
        HistoryWindow window(m_logPath);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *combo = window.findChild<QComboBox *>(QStringLiteral("flowFilterComboBox"));
        auto *view = window.findChild<QTableView *>(QStringLiteral("historyTableView"));
        combo->setCurrentIndex(combo->findText(ordersFlow));
        QCOMPARE(view->model()->rowCount(), 3);

        // The pending cancel's answer arrives (after the truncated line: AuditLog starts it on
        // a fresh line, so only the damaged line is lost).
        AuditEntry result = m_pendingIntent.resultFor();
        result.time = at(12, 0).addSecs(1);
        result.outcomes = {{QStringLiteral("exec-1"), AuditOutcome::Kind::CancelStarted, {}},
                           {QStringLiteral("exec-2"), AuditOutcome::Kind::CancelStarted, {}}};
        QVERIFY(AuditLog(m_logPath).append(result));

        QTest::mouseClick(window.findChild<QPushButton *>(QStringLiteral("reloadButton")), Qt::LeftButton);
        QCOMPARE(combo->currentText(), ordersFlow);
        QCOMPARE(view->model()->rowCount(), 4);
        QCOMPARE(cell(view, 0, AuditEntryModel::OutcomeColumn), QStringLiteral("cancel started for 2 runs"));
        QCOMPARE(cell(view, 1, AuditEntryModel::OutcomeColumn), QStringLiteral("Cancel requested"));
        QVERIFY(window.findChild<QLabel *>(QStringLiteral("damagedLinesLabel"))->text().contains(QStringLiteral("4, 7")));
    }

    void emptyLogShowsAFriendlyState()
    {
        HistoryWindow window(m_dir.filePath(QStringLiteral("never-written.jsonl")));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *empty = window.findChild<QLabel *>(QStringLiteral("emptyStateLabel"));
        QCOMPARE(window.findChild<QStackedWidget *>()->currentWidget(), empty);
        QVERIFY(empty->isVisible());
        QVERIFY(empty->text().contains(QStringLiteral("No cancels recorded yet")));
        QVERIFY(!window.findChild<QPushButton *>(QStringLiteral("exportCsvButton"))->isEnabled());
        QVERIFY(!window.findChild<QLabel *>(QStringLiteral("damagedLinesLabel"))->isVisible());
        QCOMPARE(window.findChild<QComboBox *>(QStringLiteral("flowFilterComboBox"))->count(), 1);
    }

    void unreadableLogSaysWhatIsWrong()
    {
        // A folder where the file should be: unreadable for everyone, root included.
        const QString path = m_dir.filePath(QStringLiteral("a-folder.jsonl"));
        QVERIFY(QDir().mkpath(path));
        HistoryWindow window(path);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *empty = window.findChild<QLabel *>(QStringLiteral("emptyStateLabel"));
        QVERIFY(empty->isVisible());
        QVERIFY2(empty->text().contains(QStringLiteral("Cannot read the audit log")), qPrintable(empty->text()));
        QVERIFY(empty->text().contains(QStringLiteral("a-folder.jsonl")));
        QVERIFY(empty->text().contains(QStringLiteral("Reload")));
        QVERIFY(!empty->text().contains(QStringLiteral("No cancels recorded yet")));
        QCOMPARE(window.findChild<QLabel *>(QStringLiteral("statusLabel"))->text(), QStringLiteral("Not loaded."));
        QVERIFY(!window.findChild<QPushButton *>(QStringLiteral("exportCsvButton"))->isEnabled());
    }

private:
    QTemporaryDir m_dir;
    QString m_logPath;
    int m_logCount = 0;
    AuditEntry m_pendingIntent;
};

QTEST_MAIN(TstHistoryWindow)
#include "tst_historywindow.moc"
