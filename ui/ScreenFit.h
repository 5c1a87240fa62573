#pragma once

#include <QRect>
#include <QSize>

class QWidget;

namespace flowdesk::ScreenFit {

// Top-level windows open within the screen they appear on: a 1280×800 main window on a
// 1024×700 screen (or at QT_SCALE_FACTOR=2) put the status bar and buttons off-screen.

// The work area of the window's screen (without panels and docks), in logical pixels.
QRect availableFor(const QWidget *window);

// resize(preferred), but no larger than the work area less room for the window frame.
void resizeWithin(QWidget *window, QSize preferred);

// After restoreGeometry(): a geometry saved on a larger or another screen is made to fit and
// moved onto the work area, so the whole window is visible. Maximized windows are left alone.
void keepWithin(QWidget *window);

} // namespace flowdesk::ScreenFit
