#include "TimelineView.h"

#include "DisplayFormat.h"
#include "ModelRoles.h"
#include "SemanticColors.h"
#include "StatusBadgeDelegate.h"

#include <QAbstractItemModel>
#include <QHelpEvent>
#include <QItemSelectionModel>
#include <QKeyEvent>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <array>

namespace flowdesk {

namespace Roles = models::Roles;

namespace {

constexpr qint64 kMinute = 60 * 1000;
constexpr qint64 kHour = 60 * kMinute;
constexpr qint64 kDay = 24 * kHour;
constexpr qint64 kMinimumSpanMs = 10 * 1000; // zooming in stops at ten seconds across
constexpr int kMinimumBarWidth = 3;

int laneHeight(const QFontMetrics &metrics) { return metrics.height() + 6; }
int axisHeight(const QFontMetrics &metrics) { return metrics.height() + 10; }

} // namespace

TimelineView::TimelineView(QWidget *parent)
    : QAbstractScrollArea(parent)
{
    setObjectName(QStringLiteral("timelineView"));
    setAccessibleName(tr("Timeline"));
    setAccessibleDescription(tr("Each run as a bar from its start to its end or now, coloured by status. "
                                "Up and Down select runs, + and - zoom, Home shows everything."));
    setFocusPolicy(Qt::StrongFocus);
    viewport()->setMouseTracking(true);
    horizontalScrollBar()->setSingleStep(1);
    horizontalScrollBar()->hide();
    setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
}

void TimelineView::setModel(QAbstractItemModel *model, int startColumn, int endColumn)
{
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    m_model = model;
    m_startColumn = startColumn;
    m_endColumn = endColumn;
    m_zoomed = false;
    if (m_model) {
        connect(m_model, &QAbstractItemModel::modelReset, this, &TimelineView::dataRangeChanged);
        connect(m_model, &QAbstractItemModel::layoutChanged, this, &TimelineView::dataRangeChanged);
        connect(m_model, &QAbstractItemModel::rowsInserted, this, &TimelineView::dataRangeChanged);
        connect(m_model, &QAbstractItemModel::rowsRemoved, this, &TimelineView::dataRangeChanged);
        connect(m_model, &QAbstractItemModel::dataChanged, this, &TimelineView::dataRangeChanged);
    }
    dataRangeChanged();
}

void TimelineView::setSelectionModel(QItemSelectionModel *selectionModel)
{
    if (m_selection)
        disconnect(m_selection, nullptr, this, nullptr);
    m_selection = selectionModel;
    if (m_selection) {
        connect(m_selection, &QItemSelectionModel::selectionChanged, viewport(), qOverload<>(&QWidget::update));
        connect(m_selection, &QItemSelectionModel::currentChanged, this, [this](const QModelIndex &current) {
            m_currentRow = current.isValid() ? current.row() : -1;
            viewport()->update();
        });
    }
}

void TimelineView::setNow(const QDateTime &now)
{
    m_fixedNow = now;
    dataRangeChanged();
}

qint64 TimelineView::nowMs() const
{
    return (m_fixedNow.isValid() ? m_fixedNow : QDateTime::currentDateTimeUtc()).toMSecsSinceEpoch();
}

TimelineView::Span TimelineView::spanOf(int row) const
{
    Span span;
    const QVariant start = m_model->index(row, m_startColumn).data(Roles::SortRole);
    if (!start.isValid())
        return span;
    span.startMs = start.toLongLong();
    if (m_model->index(row, m_startColumn).data(Roles::ActiveRole).toBool()) {
        span.endMs = nowMs();
    } else if (m_endColumn >= 0) {
        const QVariant end = m_model->index(row, m_endColumn).data(Roles::SortRole);
        span.endMs = end.isValid() ? end.toLongLong() : span.startMs;
    } else {
        span.endMs = span.startMs;
    }
    span.endMs = std::max(span.endMs, span.startMs);
    span.valid = true;
    return span;
}

// Called on every model change: the earliest start may have moved, and lanes came or went.
void TimelineView::dataRangeChanged()
{
    m_rangeDirty = true;
    if (!m_zoomed)
        fitAll();
    updateScrollBars();
    viewport()->update();
}

void TimelineView::fitAll()
{
    m_zoomed = false;
    const qint64 now = nowMs();
    qint64 earliest = now - kHour;
    if (m_model) {
        // One pass over the start column; cheap next to painting, and only on changes.
        for (int row = 0, rows = m_model->rowCount(); row < rows; ++row) {
            const QVariant start = m_model->index(row, m_startColumn).data(Roles::SortRole);
            if (start.isValid())
                earliest = std::min(earliest, start.toLongLong());
        }
    }
    m_rangeDirty = false;
    m_dataStartMs = earliest;
    const qint64 span = std::max<qint64>(now - earliest, kMinimumSpanMs);
    m_viewStartMs = earliest - span / 40;
    m_viewEndMs = now + span / 20; // a little room after "now"
    updateScrollBars();
    viewport()->update();
}

void TimelineView::updateScrollBars()
{
    const QFontMetrics metrics = fontMetrics();
    const int rows = m_model ? m_model->rowCount() : 0;
    const int contentHeight = rows * laneHeight(metrics);
    const int room = std::max(0, viewport()->height() - axisHeight(metrics));
    verticalScrollBar()->setRange(0, std::max(0, contentHeight - room));
    verticalScrollBar()->setPageStep(room);
    verticalScrollBar()->setSingleStep(laneHeight(metrics));

    // Horizontally in seconds, over everything from the first start to a bit after now.
    const qint64 fullStart = m_dataStartMs - (nowMs() - m_dataStartMs) / 40;
    const qint64 fullEnd = nowMs() + (nowMs() - m_dataStartMs) / 20;
    const qint64 viewSpan = m_viewEndMs - m_viewStartMs;
    QScrollBar *bar = horizontalScrollBar();
    const QSignalBlocker blocker(bar);
    if (!m_zoomed || viewSpan >= fullEnd - fullStart) {
        bar->setRange(0, 0);
        return;
    }
    // Seconds from the start of the whole range: epoch seconds would not fit an int for long.
    m_scrollOriginMs = fullStart;
    bar->setRange(0, int((fullEnd - viewSpan - fullStart) / 1000));
    bar->setPageStep(int(viewSpan / 1000));
    bar->setSingleStep(std::max(1, int(viewSpan / 1000 / 20)));
    bar->setValue(int((m_viewStartMs - fullStart) / 1000));
}

void TimelineView::scrollContentsBy(int dx, int)
{
    if (dx != 0) {
        const qint64 span = m_viewEndMs - m_viewStartMs;
        m_viewStartMs = m_scrollOriginMs + qint64(horizontalScrollBar()->value()) * 1000;
        m_viewEndMs = m_viewStartMs + span;
    }
    viewport()->update();
}

int TimelineView::xFor(qint64 ms) const
{
    const double span = double(std::max<qint64>(1, m_viewEndMs - m_viewStartMs));
    return int((double(ms - m_viewStartMs) / span) * viewport()->width());
}

qint64 TimelineView::msFor(int x) const
{
    const double span = double(m_viewEndMs - m_viewStartMs);
    return m_viewStartMs + qint64(span * x / std::max(1, viewport()->width()));
}

QRect TimelineView::barRect(int row) const
{
    if (!m_model || row < 0 || row >= m_model->rowCount())
        return {};
    const Span span = spanOf(row);
    if (!span.valid)
        return {};
    const QFontMetrics metrics = fontMetrics();
    const int lane = laneHeight(metrics);
    const int top = axisHeight(metrics) + row * lane - verticalScrollBar()->value();
    const int left = xFor(span.startMs);
    const int right = std::max(left + kMinimumBarWidth, xFor(span.endMs));
    return QRect(QPoint(left, top + 3), QPoint(right, top + lane - 3));
}

int TimelineView::rowAt(const QPoint &pos) const
{
    if (!m_model)
        return -1;
    const QFontMetrics metrics = fontMetrics();
    const int y = pos.y() - axisHeight(metrics) + verticalScrollBar()->value();
    if (pos.y() < axisHeight(metrics) || y < 0)
        return -1;
    const int row = y / laneHeight(metrics);
    return row < m_model->rowCount() ? row : -1;
}

void TimelineView::paintEvent(QPaintEvent *)
{
    QPainter painter(viewport());
    const QPalette pal = palette();
    painter.fillRect(viewport()->rect(), pal.color(QPalette::Base));
    if (!m_model)
        return;
    if (m_rangeDirty && !m_zoomed)
        fitAll();
    const QFontMetrics metrics = fontMetrics();
    const int lane = laneHeight(metrics);
    const int axis = axisHeight(metrics);
    const int width = viewport()->width();
    const int height = viewport()->height();
    const int rows = m_model->rowCount();

    // Grid and time labels: the largest step that keeps labels ~90 px apart.
    static constexpr std::array<qint64, 12> steps{kMinute,     5 * kMinute, 15 * kMinute, 30 * kMinute,
                                                   kHour,       3 * kHour,   6 * kHour,    12 * kHour,
                                                   kDay,        2 * kDay,    7 * kDay,     30 * kDay};
    const qint64 span = std::max<qint64>(1, m_viewEndMs - m_viewStartMs);
    qint64 step = steps.back();
    for (qint64 candidate : steps) {
        if (double(candidate) / double(span) * width >= 90) {
            step = candidate;
            break;
        }
    }
    const QColor gridColor = pal.color(QPalette::Mid);
    const QColor textColor = pal.color(QPalette::Text);
    const QLocale locale;
    // The locale's short time without seconds: grid lines fall on whole minutes.
    QString timeFormat = locale.timeFormat(QLocale::ShortFormat);
    timeFormat.remove(QStringLiteral(":ss")).remove(QStringLiteral(".ss"));
    // Local time for labels: the tables show local times too.
    const qint64 offsetMs = qint64(QDateTime::currentDateTime().offsetFromUtc()) * 1000;
    // The "now" label wins over a grid label it would overlap.
    const int nowX = xFor(nowMs());
    const QString nowText = tr("now");
    const QRect nowLabel(nowX - metrics.horizontalAdvance(nowText) - 8, 2, metrics.horizontalAdvance(nowText) + 6,
                         axis - 6);
    for (qint64 t = ((m_viewStartMs + offsetMs) / step + 1) * step - offsetMs; t < m_viewEndMs; t += step) {
        const int x = xFor(t);
        painter.setPen(gridColor);
        painter.drawLine(x, axis - 4, x, height);
        const QDateTime when = QDateTime::fromMSecsSinceEpoch(t).toLocalTime();
        const QString label = step >= kDay ? locale.toString(when.date(), QLocale::ShortFormat)
                                           : locale.toString(when.time(), timeFormat);
        const QRect labelRect(x + 3, 2, metrics.horizontalAdvance(label) + 2, axis - 4);
        if (labelRect.intersects(nowLabel))
            continue;
        painter.setPen(textColor);
        painter.drawText(labelRect, Qt::AlignLeft | Qt::AlignVCenter, label);
    }

    // Only the lanes in sight are read: painting cost follows the view's height, not the runs.
    const int scroll = verticalScrollBar()->value();
    const int firstRow = std::max(0, scroll / lane);
    const int lastRow = std::min(rows - 1, (scroll + height - axis) / lane + 1);
    painter.save();
    painter.setClipRect(QRect(0, axis, width, height - axis));
    const QColor highlight = pal.color(QPalette::Highlight);
    for (int row = firstRow; row <= lastRow; ++row) {
        const int top = axis + row * lane - scroll;
        const QModelIndex index = m_model->index(row, m_startColumn);
        if (m_selection && m_selection->isRowSelected(row, QModelIndex())) {
            QColor band = highlight;
            band.setAlpha(60);
            painter.fillRect(QRect(0, top, width, lane), band);
        }
        const Span spanOfRow = spanOf(row);
        if (!spanOfRow.valid)
            continue;
        const QRect bar = barRect(row);
        if (bar.right() < 0 || bar.left() > width)
            continue;
        const SemanticColors::Colors colors = SemanticColors::filled(
            StatusBadgeDelegate::toneOf(StatusBadgeDelegate::Kind::Execution, index.data(Roles::StatusRole).toInt()),
            pal);
        painter.setPen(colors.border);
        painter.setBrush(colors.background);
        painter.drawRect(bar.adjusted(0, 0, -1, -1));
        // The run's ID inside the bar when it fits, so a lane can be told apart without hovering.
        const QString id = index.data(Roles::IdRole).toString();
        if (bar.width() > 60) {
            painter.setPen(colors.text);
            painter.drawText(bar.adjusted(4, 0, -4, 0), Qt::AlignVCenter | Qt::AlignLeft,
                             metrics.elidedText(id, Qt::ElideMiddle, bar.width() - 8));
        }
        if (row == m_currentRow && hasFocus()) {
            painter.setPen(QPen(pal.color(QPalette::Text), 1, Qt::DotLine));
            painter.setBrush(Qt::NoBrush);
            painter.drawRect(QRect(0, top, width - 1, lane - 1));
        }
    }
    painter.restore();

    // "Now": where the active runs' bars end.
    const QColor nowColor = SemanticColors::textOnWindow(SemanticColors::Tone::Error, pal);
    painter.setPen(QPen(nowColor, 1, Qt::DashLine));
    painter.drawLine(nowX, axis - 4, nowX, height);
    // On its own patch of background, so a grid label under it does not run into it.
    painter.fillRect(nowLabel, pal.color(QPalette::Base));
    painter.setPen(nowColor);
    painter.drawText(nowLabel, Qt::AlignCenter, nowText);
    painter.setPen(gridColor);
    painter.drawLine(0, axis - 1, width, axis - 1);

    if (rows == 0) {
        painter.setPen(pal.color(QPalette::PlaceholderText));
        painter.drawText(QRect(0, axis, width, height - axis), Qt::AlignCenter, tr("No runs to show."));
    }
}

void TimelineView::zoomAround(int x, double factor)
{
    const qint64 anchor = msFor(x);
    const qint64 span = m_viewEndMs - m_viewStartMs;
    const qint64 newSpan = std::max<qint64>(kMinimumSpanMs, qint64(double(span) * factor));
    const double ratio = double(x) / std::max(1, viewport()->width());
    m_viewStartMs = anchor - qint64(ratio * double(newSpan));
    m_viewEndMs = m_viewStartMs + newSpan;
    m_zoomed = true;
    updateScrollBars();
    viewport()->update();
}

void TimelineView::wheelEvent(QWheelEvent *event)
{
    const QPoint delta = event->angleDelta();
    if (event->modifiers() & Qt::ShiftModifier) { // move in time
        const qint64 span = m_viewEndMs - m_viewStartMs;
        const qint64 shift = -qint64(double(span) * (delta.y() + delta.x()) / 120.0 / 10.0);
        m_viewStartMs += shift;
        m_viewEndMs += shift;
        m_zoomed = true;
        updateScrollBars();
        viewport()->update();
    } else if (event->modifiers() & Qt::ControlModifier || delta.y() == 0) {
        QAbstractScrollArea::wheelEvent(event); // lanes scroll with Ctrl or a horizontal wheel
        return;
    } else {
        zoomAround(int(event->position().x()), delta.y() > 0 ? 0.8 : 1.25);
    }
    event->accept();
}

void TimelineView::selectRow(int row, Qt::KeyboardModifiers modifiers)
{
    if (!m_selection || !m_model || row < 0)
        return;
    const QModelIndex index = m_model->index(row, 0);
    const auto flags = (modifiers & Qt::ControlModifier) ? QItemSelectionModel::Toggle
                                                          : QItemSelectionModel::ClearAndSelect;
    m_selection->setCurrentIndex(index, flags | QItemSelectionModel::Rows);
    m_currentRow = row;
    viewport()->update();
}

void TimelineView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton) {
        const int row = rowAt(event->position().toPoint());
        if (row >= 0 && barRect(row).adjusted(-3, 0, 3, 0).contains(event->position().toPoint()))
            selectRow(row, event->modifiers());
    }
    QAbstractScrollArea::mousePressEvent(event);
}

void TimelineView::keyPressEvent(QKeyEvent *event)
{
    const int rows = m_model ? m_model->rowCount() : 0;
    switch (event->key()) {
    case Qt::Key_Down:
    case Qt::Key_Up:
        if (rows > 0) {
            const int row = std::clamp(m_currentRow + (event->key() == Qt::Key_Down ? 1 : -1), 0, rows - 1);
            selectRow(row, event->modifiers());
            const QRect bar = barRect(row);
            if (bar.top() < axisHeight(fontMetrics()) || bar.bottom() > viewport()->height())
                verticalScrollBar()->setValue(row * laneHeight(fontMetrics()));
        }
        return;
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomAround(viewport()->width() / 2, 0.8);
        return;
    case Qt::Key_Minus:
        zoomAround(viewport()->width() / 2, 1.25);
        return;
    case Qt::Key_Home:
        fitAll();
        return;
    default:
        QAbstractScrollArea::keyPressEvent(event);
    }
}

void TimelineView::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    updateScrollBars();
}

QString TimelineView::toolTipFor(int row) const
{
    const QModelIndex start = m_model->index(row, m_startColumn);
    const Span span = spanOf(row);
    const QLocale locale;
    const QDateTime started = QDateTime::fromMSecsSinceEpoch(span.startMs).toLocalTime();
    const QString status = models::DisplayFormat::executionStatus(
        static_cast<appflow::ExecutionStatus>(start.data(Roles::StatusRole).toInt()), QString());
    QString text = QStringLiteral("<b>%1</b><br>").arg(start.data(Roles::IdRole).toString().toHtmlEscaped());
    if (!status.isEmpty())
        text += status.toHtmlEscaped() + QStringLiteral("<br>");
    text += tr("Started %1").arg(locale.toString(started, QLocale::ShortFormat));
    if (start.data(Roles::ActiveRole).toBool())
        text += QStringLiteral("<br>") + tr("still going");
    else if (m_endColumn >= 0)
        text += QStringLiteral("<br>") + tr("Last updated %1")
                    .arg(locale.toString(QDateTime::fromMSecsSinceEpoch(span.endMs).toLocalTime(), QLocale::ShortFormat));
    return text;
}

bool TimelineView::viewportEvent(QEvent *event)
{
    if (event->type() == QEvent::ToolTip && m_model) {
        auto *help = static_cast<QHelpEvent *>(event);
        const int row = rowAt(help->pos());
        if (row >= 0 && barRect(row).adjusted(-3, 0, 3, 0).contains(help->pos()))
            QToolTip::showText(help->globalPos(), toolTipFor(row), viewport(), barRect(row));
        else
            QToolTip::hideText();
        return true;
    }
    return QAbstractScrollArea::viewportEvent(event);
}

QSize TimelineView::sizeHint() const
{
    return {480, 240};
}

} // namespace flowdesk
