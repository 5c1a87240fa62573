#pragma once

#include "SemanticColors.h"

#include <QStyledItemDelegate>

namespace flowdesk {

// Paints a run or flow status as a small coloured badge, so an ops engineer can see at a glance
// which runs are running, failed or being cancelled. Reads the status enum from
// models::Roles::StatusRole and the text from the display role; selection still shows.
class StatusBadgeDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    enum class Kind { Execution, Flow };
    explicit StatusBadgeDelegate(Kind kind, QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // The column width the longest status of this kind needs to show whole in `font` (German
    // "Abbruch gestartet" is much longer than "Cancel started"): first-time widths use it.
    int widestBadgeWidth(const QFont &font) const;

    // The tone of a status (models::Roles::StatusRole), shared with the timeline's bars.
    static SemanticColors::Tone toneOf(Kind kind, int status);

private:
    Kind m_kind;
};

} // namespace flowdesk
