// The timeline of runs (issue #16): a bar per run from its start to its end or now, in the
// table's order; a click selects the run in the table's selection model and the keyboard moves
// through the runs; the wheel zooms around the pointer; hovering names the run. Fed by the real
// RunListModel, with a fixed clock.
#include "TimelineView.h"

#include "ModelRoles.h"
#include "RunListModel.h"

#include <QApplication>
#include <QItemSelectionModel>
#include <QToolTip>
#include <QtTest>

using namespace flowdesk;
using appflow::ExecutionRecord;
using appflow::ExecutionStatus;
using models::RunListModel;

namespace {

const QDateTime kNow(QDate(2026, 12, 3), QTime(12, 0), Qt::UTC);

ExecutionRecord run(const QString &id, ExecutionStatus status, int startedMinutesAgo, int endedMinutesAgo)
{
    ExecutionRecord record;
    record.executionId = id;
    record.executionStatus = status;
    record.executionStatusText = status == ExecutionStatus::InProgress ? QStringLiteral("InProgress")
                                                                       : QStringLiteral("Successful");
    record.startedAt = kNow.addSecs(-60 * startedMinutesAgo);
    record.lastUpdatedAt = kNow.addSecs(-60 * endedMinutesAgo);
    return record;
}

} // namespace

class TstTimelineView : public QObject
{
    Q_OBJECT

    RunListModel *m_model = nullptr;
    QItemSelectionModel *m_selection = nullptr;
    TimelineView *m_view = nullptr;

private slots:
    void init()
    {
        m_model = new RunListModel(this);
        m_model->setClock([] { return kNow; });
        m_model->setFlowName(QStringLiteral("orders"));
        // Rows in this order: the model keeps the order of the first merge.
        m_model->merge({run(QStringLiteral("finished-early"), ExecutionStatus::Successful, 120, 90),
                        run(QStringLiteral("overlapping"), ExecutionStatus::Successful, 100, 60),
                        run(QStringLiteral("still-going"), ExecutionStatus::InProgress, 30, 1)});
        m_selection = new QItemSelectionModel(m_model, this);
        m_view = new TimelineView;
        m_view->setNow(kNow);
        m_view->setModel(m_model, RunListModel::StartedColumn, RunListModel::LastUpdatedColumn);
        m_view->setSelectionModel(m_selection);
        m_view->resize(800, 300);
        m_view->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_view));
    }

    void cleanup()
    {
        delete m_view;
        delete m_selection;
        delete m_model;
    }

    void barsFollowStartAndEnd()
    {
        const QRect early = m_view->barRect(0);
        const QRect overlapping = m_view->barRect(1);
        const QRect going = m_view->barRect(2);
        QVERIFY(early.isValid() && overlapping.isValid() && going.isValid());
        // One lane per row, in order.
        QVERIFY(early.top() < overlapping.top() && overlapping.top() < going.top());
        // 120→90 and 100→60 minutes ago overlap; the run in progress reaches "now".
        QVERIFY(early.left() < overlapping.left());
        QVERIFY(overlapping.left() < early.right());
        QVERIFY(early.right() < overlapping.right());
        QVERIFY(overlapping.right() < going.left());
        const double pixelsPerMinute = double(overlapping.right() - overlapping.left()) / 40.0;
        QVERIFY(qAbs((going.right() - going.left()) - 30 * pixelsPerMinute) <= 2.0);
        // Everything is in view at first.
        QVERIFY(m_view->visibleStartMs() <= kNow.addSecs(-120 * 60).toMSecsSinceEpoch());
        QVERIFY(m_view->visibleEndMs() >= kNow.toMSecsSinceEpoch());
    }

    void clickSelectsTheRunInTheTablesSelection()
    {
        const QRect bar = m_view->barRect(1);
        QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, bar.center());
        QCOMPARE(m_selection->selectedRows().size(), 1);
        QCOMPARE(m_selection->selectedRows().first().data(models::Roles::IdRole).toString(),
                 QStringLiteral("overlapping"));
        // Ctrl adds the next one, as in the table.
        QTest::mouseClick(m_view->viewport(), Qt::LeftButton, Qt::ControlModifier, m_view->barRect(2).center());
        QCOMPARE(m_selection->selectedRows().size(), 2);
        // A click beside the bars selects nothing new.
        QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, QPoint(2, m_view->barRect(2).center().y()));
        QCOMPARE(m_selection->selectedRows().size(), 2);
    }

    void keyboardMovesThroughTheRuns()
    {
        m_view->setFocus();
        QTest::keyClick(m_view, Qt::Key_Down);
        QCOMPARE(m_selection->currentIndex().row(), 0);
        QTest::keyClick(m_view, Qt::Key_Down);
        QTest::keyClick(m_view, Qt::Key_Down);
        QTest::keyClick(m_view, Qt::Key_Down); // stays on the last
        QCOMPARE(m_selection->currentIndex().row(), 2);
        QCOMPARE(m_selection->selectedRows().size(), 1);
    }

    void wheelZoomsAroundThePointer()
    {
        const QRect bar = m_view->barRect(1);
        const QPoint at(bar.left(), bar.center().y());
        const qint64 spanBefore = m_view->visibleEndMs() - m_view->visibleStartMs();
        QWheelEvent in(at, m_view->viewport()->mapToGlobal(at), QPoint(), QPoint(0, 120), Qt::NoButton,
                       Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(m_view->viewport(), &in);
        const qint64 spanAfter = m_view->visibleEndMs() - m_view->visibleStartMs();
        QVERIFY2(spanAfter < spanBefore, qPrintable(QStringLiteral("%1 → %2").arg(spanBefore).arg(spanAfter)));
        // The time under the pointer stays under it.
        QVERIFY(qAbs(m_view->barRect(1).left() - bar.left()) <= 2);
        QTest::keyClick(m_view, Qt::Key_Home); // back to everything
        QCOMPARE(m_view->visibleEndMs() - m_view->visibleStartMs(), spanBefore);
    }

    void newRunsExtendTheView()
    {
        m_model->merge({run(QStringLiteral("finished-early"), ExecutionStatus::Successful, 120, 90),
                        run(QStringLiteral("overlapping"), ExecutionStatus::Successful, 100, 60),
                        run(QStringLiteral("still-going"), ExecutionStatus::InProgress, 30, 1),
                        run(QStringLiteral("last-week"), ExecutionStatus::Successful, 7 * 24 * 60, 7 * 24 * 60 - 5)});
        QVERIFY(m_view->visibleStartMs() <= kNow.addDays(-7).toMSecsSinceEpoch());
        QVERIFY(m_view->barRect(3).isValid());
        QCOMPARE(m_view->rowAt(m_view->barRect(3).center()), 3);
    }
};

QTEST_MAIN(TstTimelineView)
#include "tst_timelineview.moc"
