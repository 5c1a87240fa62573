#include "StatusBadgeDelegate.h"

#include "AppFlowTypes.h"
#include "DisplayFormat.h"
#include "ModelRoles.h"
#include "SemanticColors.h"

#include <QApplication>
#include <QPainter>

namespace flowdesk {

namespace {

using SemanticColors::Tone;

constexpr int kBadgePadding = 7; // text to the badge's edge
constexpr int kBadgeMargins = 8; // badge to the cell's edges

Tone executionTone(appflow::ExecutionStatus status)
{
    using appflow::ExecutionStatus;
    switch (status) {
    case ExecutionStatus::InProgress: return Tone::Info;
    case ExecutionStatus::Successful: return Tone::Success;
    case ExecutionStatus::Error: return Tone::Error;
    case ExecutionStatus::CancelStarted: return Tone::Warning;
    case ExecutionStatus::Canceled:
    case ExecutionStatus::Unknown: break;
    }
    return Tone::Neutral;
}

Tone flowTone(appflow::FlowStatus status)
{
    using appflow::FlowStatus;
    switch (status) {
    case FlowStatus::Active: return Tone::Success;
    case FlowStatus::Errored: return Tone::Error;
    case FlowStatus::Suspended: return Tone::Warning;
    default: break;
    }
    return Tone::Neutral;
}

} // namespace

StatusBadgeDelegate::StatusBadgeDelegate(Kind kind, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_kind(kind)
{
}

void StatusBadgeDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                                const QModelIndex &index) const
{
    const QVariant statusValue = index.data(models::Roles::StatusRole);
    const QString text = index.data(Qt::DisplayRole).toString();
    if (!statusValue.isValid() || text.isEmpty() || text == QStringLiteral("\u2014")) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    // Background and selection as the style draws them, without the text.
    QStyleOptionViewItem background = option;
    initStyleOption(&background, index);
    background.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &background, painter, widget);

    const int status = statusValue.toInt();
    const SemanticColors::Colors colors = SemanticColors::filled(toneOf(m_kind, status), option.palette);

    const QFontMetrics metrics(option.font);
    const int padding = kBadgePadding;
    const int height = qMin(option.rect.height() - 4, metrics.height() + 4);
    const int maxTextWidth = qMax(0, option.rect.width() - kBadgeMargins - 2 * padding);
    const QString shown = metrics.elidedText(text, Qt::ElideRight, maxTextWidth);
    const QRect badge(option.rect.left() + 4, option.rect.center().y() - height / 2 + 1,
                      metrics.horizontalAdvance(shown) + 2 * padding, height);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(colors.background);
    painter->drawRoundedRect(badge, height / 2.0, height / 2.0);
    painter->setPen(colors.text);
    painter->setFont(option.font);
    painter->drawText(badge, Qt::AlignCenter, shown);
    painter->restore();
}

SemanticColors::Tone StatusBadgeDelegate::toneOf(Kind kind, int status)
{
    return kind == Kind::Execution ? executionTone(static_cast<appflow::ExecutionStatus>(status))
                                   : flowTone(static_cast<appflow::FlowStatus>(status));
}

int StatusBadgeDelegate::widestBadgeWidth(const QFont &font) const
{
    using appflow::ExecutionStatus;
    using appflow::FlowStatus;
    QStringList texts;
    if (m_kind == Kind::Execution) {
        for (ExecutionStatus status : {ExecutionStatus::InProgress, ExecutionStatus::Successful, ExecutionStatus::Error,
                                       ExecutionStatus::CancelStarted, ExecutionStatus::Canceled})
            texts << models::DisplayFormat::executionStatus(status, {});
    } else {
        for (FlowStatus status : {FlowStatus::Active, FlowStatus::Deprecated, FlowStatus::Deleted, FlowStatus::Draft,
                                  FlowStatus::Errored, FlowStatus::Suspended})
            texts << models::DisplayFormat::flowStatus(status, {});
    }
    const QFontMetrics metrics(font);
    int widest = 0;
    for (const QString &text : std::as_const(texts))
        widest = qMax(widest, metrics.horizontalAdvance(text));
    return widest + 2 * kBadgePadding + kBadgeMargins + 2; // +2: rounding of the badge's ends
}

QSize StatusBadgeDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setWidth(size.width() + 22);
    return size;
}

} // namespace flowdesk
