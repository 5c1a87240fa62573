#include "ToneTextDelegate.h"

#include "ModelRoles.h"
#include "SemanticColors.h"

namespace flowdesk {

void ToneTextDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    const QVariant tone = index.data(models::Roles::ToneRole);
    if (!tone.isValid() || (option->state & QStyle::State_Selected))
        return;
    SemanticColors::Tone semantic;
    switch (models::Tone(tone.toInt())) {
    case models::Tone::Warning:
        semantic = SemanticColors::Tone::Warning;
        break;
    case models::Tone::Error:
        semantic = SemanticColors::Tone::Error;
        break;
    default:
        return;
    }
    option->palette.setColor(QPalette::Text, SemanticColors::textOnWindow(semantic, option->palette));
}

} // namespace flowdesk
