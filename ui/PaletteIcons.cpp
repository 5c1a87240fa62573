#include "PaletteIcons.h"

#include <QPainter>
#include <QPainterPath>
#include <QPalette>
#include <QPixmap>

#include <functional>

namespace flowdesk::PaletteIcons {

namespace {

// Draws `shape` (in a 16×16 design grid) at the usual icon sizes, for Normal and Disabled.
QIcon drawn(const QPalette &palette, const std::function<void(QPainter &)> &shape)
{
    QIcon icon;
    for (int size : {16, 22, 24, 32, 48}) {
        for (auto mode : {QIcon::Normal, QIcon::Disabled}) {
            QPixmap pixmap(size, size);
            pixmap.fill(Qt::transparent);
            QPainter painter(&pixmap);
            painter.setRenderHint(QPainter::Antialiasing);
            painter.scale(size / 16.0, size / 16.0);
            painter.setPen(Qt::NoPen);
            painter.setBrush(palette.color(mode == QIcon::Disabled ? QPalette::Disabled : QPalette::Active,
                                           QPalette::ButtonText));
            shape(painter);
            painter.end();
            icon.addPixmap(pixmap, mode);
        }
    }
    return icon;
}

} // namespace

QIcon pause(const QPalette &palette)
{
    return drawn(palette, [](QPainter &painter) {
        painter.drawRoundedRect(QRectF(3.5, 2.5, 3.0, 11.0), 0.8, 0.8);
        painter.drawRoundedRect(QRectF(9.5, 2.5, 3.0, 11.0), 0.8, 0.8);
    });
}

QIcon play(const QPalette &palette)
{
    return drawn(palette, [](QPainter &painter) {
        QPainterPath triangle;
        triangle.moveTo(4.0, 2.5);
        triangle.lineTo(13.0, 8.0);
        triangle.lineTo(4.0, 13.5);
        triangle.closeSubpath();
        painter.drawPath(triangle);
    });
}

} // namespace flowdesk::PaletteIcons
