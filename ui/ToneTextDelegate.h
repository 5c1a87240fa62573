#pragma once

#include <QStyledItemDelegate>

namespace flowdesk {

// Colours a cell's text by the meaning its model gives it (models::Roles::ToneRole), taken from
// the view's palette, so a failed cancel reads as an error in light and dark themes alike.
class ToneTextDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

} // namespace flowdesk
