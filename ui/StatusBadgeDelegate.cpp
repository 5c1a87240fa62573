#include "StatusBadgeDelegate.h"

#include "AppFlowTypes.h"
#include "ModelRoles.h"

#include <QApplication>
#include <QPainter>

namespace flowdesk {

namespace {

struct BadgeColors {
    QColor background;
    QColor text;
};

BadgeColors executionColors(appflow::ExecutionStatus status)
{
    using appflow::ExecutionStatus;
    switch (status) {
    case ExecutionStatus::InProgress:
        return {QColor(0xd7, 0xe9, 0xfb), QColor(0x0b, 0x4f, 0x8a)};
    case ExecutionStatus::Successful:
        return {QColor(0xdc, 0xf2, 0xdf), QColor(0x1e, 0x6b, 0x2e)};
    case ExecutionStatus::Error:
        return {QColor(0xfb, 0xdd, 0xdb), QColor(0x9c, 0x1c, 0x12)};
    case ExecutionStatus::CancelStarted:
        return {QColor(0xff, 0xec, 0xc7), QColor(0x8a, 0x52, 0x00)};
    case ExecutionStatus::Canceled:
        return {QColor(0xe6, 0xe6, 0xe6), QColor(0x4a, 0x4a, 0x4a)};
    case ExecutionStatus::Unknown:
        break;
    }
    return {QColor(0xee, 0xee, 0xee), QColor(0x33, 0x33, 0x33)};
}

BadgeColors flowColors(appflow::FlowStatus status)
{
    using appflow::FlowStatus;
    switch (status) {
    case FlowStatus::Active:
        return {QColor(0xdc, 0xf2, 0xdf), QColor(0x1e, 0x6b, 0x2e)};
    case FlowStatus::Errored:
        return {QColor(0xfb, 0xdd, 0xdb), QColor(0x9c, 0x1c, 0x12)};
    case FlowStatus::Suspended:
        return {QColor(0xff, 0xec, 0xc7), QColor(0x8a, 0x52, 0x00)};
    default:
        break;
    }
    return {QColor(0xe6, 0xe6, 0xe6), QColor(0x4a, 0x4a, 0x4a)};
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
    const BadgeColors colors = m_kind == Kind::Execution
        ? executionColors(static_cast<appflow::ExecutionStatus>(status))
        : flowColors(static_cast<appflow::FlowStatus>(status));

    const QFontMetrics metrics(option.font);
    const int padding = 7;
    const int height = qMin(option.rect.height() - 4, metrics.height() + 4);
    const int maxTextWidth = qMax(0, option.rect.width() - 8 - 2 * padding);
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

QSize StatusBadgeDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setWidth(size.width() + 22);
    return size;
}

} // namespace flowdesk
