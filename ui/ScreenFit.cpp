#include "ScreenFit.h"

#include <QGuiApplication>
#include <QScreen>
#include <QWidget>

namespace flowdesk::ScreenFit {

namespace {

// The frame is not known before the window is shown; title bar and borders of the usual
// window managers fit in this.
constexpr QSize kFrameAllowance(16, 40);

QSize room(const QWidget *window)
{
    const QSize available = availableFor(window).size();
    return {qMax(1, available.width() - kFrameAllowance.width()),
            qMax(1, available.height() - kFrameAllowance.height())};
}

} // namespace

QRect availableFor(const QWidget *window)
{
    const QScreen *screen = window ? window->screen() : nullptr;
    if (!screen)
        screen = QGuiApplication::primaryScreen();
    return screen ? screen->availableGeometry() : QRect(0, 0, 1024, 700);
}

void resizeWithin(QWidget *window, QSize preferred)
{
    window->resize(preferred.boundedTo(room(window)).expandedTo(window->minimumSize()));
}

void keepWithin(QWidget *window)
{
    if (window->isMaximized() || window->isFullScreen())
        return;
    const QRect available = availableFor(window);
    const QSize size = window->size().boundedTo(room(window));
    if (size != window->size())
        window->resize(size);
    // Keep the frame's top-left such that the whole frame is on the work area.
    const QRect frame = window->frameGeometry();
    const int frameWidth = qMax(frame.width(), size.width() + kFrameAllowance.width());
    const int frameHeight = qMax(frame.height(), size.height() + kFrameAllowance.height());
    const int x = qBound(available.left(), frame.left(), qMax(available.left(), available.right() + 1 - frameWidth));
    const int y = qBound(available.top(), frame.top(), qMax(available.top(), available.bottom() + 1 - frameHeight));
    if (x != frame.left() || y != frame.top())
        window->move(x, y);
}

} // namespace flowdesk::ScreenFit
