#pragma once

#include <QAbstractScrollArea>
#include <QDateTime>
#include <QPersistentModelIndex>
#include <QPointer>

class QAbstractItemModel;
class QItemSelectionModel;

namespace flowdesk {

// Runs as bars on a time axis: one lane per row of the model (in the table's order), from the
// run's start to its end (or to now while it is active), coloured by status, with a line at
// "now". Overlapping runs show at a glance where the table needs reading. The wheel zooms
// around the pointer (Shift+wheel and the scroll bar move in time), hovering names the run,
// and a click selects its row in the table's own selection model.
//
// Reads the model through its roles only (IdRole, StatusRole, ActiveRole, SortRole of the
// start and end columns), so the runs of a flow and All active runs use the same view; only the
// lanes in sight are read while painting, so 10,000 runs paint as fast as 20.
class TimelineView : public QAbstractScrollArea
{
    Q_OBJECT

public:
    explicit TimelineView(QWidget *parent = nullptr);

    // endColumn -1: the model has no end time; finished runs are drawn as a short tick.
    void setModel(QAbstractItemModel *model, int startColumn, int endColumn);
    void setSelectionModel(QItemSelectionModel *selectionModel);
    // For tests and benchmarks: a fixed "now" (an invalid one means the clock).
    void setNow(const QDateTime &now);

    // The visible time span, for tests.
    qint64 visibleStartMs() const { return m_viewStartMs; }
    qint64 visibleEndMs() const { return m_viewEndMs; }
    // The row at a viewport position, -1 for none; the rectangle of a row's bar.
    int rowAt(const QPoint &viewportPos) const;
    QRect barRect(int row) const;
    // Shows the whole time range again (also after the runs change, unless zoomed in).
    void fitAll();

    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;
    bool viewportEvent(QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    struct Span {
        qint64 startMs = 0;
        qint64 endMs = 0;
        bool valid = false;
    };
    Span spanOf(int row) const;
    qint64 nowMs() const;
    void dataRangeChanged();
    void updateScrollBars();
    int xFor(qint64 ms) const;
    qint64 msFor(int x) const;
    void zoomAround(int x, double factor);
    void selectRow(int row, Qt::KeyboardModifiers modifiers);
    QString toolTipFor(int row) const;

    QPointer<QAbstractItemModel> m_model;
    QPointer<QItemSelectionModel> m_selection;
    int m_startColumn = 0;
    int m_endColumn = -1;
    QDateTime m_fixedNow;
    qint64 m_dataStartMs = 0; // the earliest start of any run
    qint64 m_viewStartMs = 0;
    qint64 m_viewEndMs = 0;
    qint64 m_scrollOriginMs = 0; // time of the horizontal scroll bar's 0
    bool m_zoomed = false;    // the user zoomed: new data does not refit
    bool m_rangeDirty = true;
    int m_currentRow = -1;    // keyboard focus lane
};

} // namespace flowdesk
