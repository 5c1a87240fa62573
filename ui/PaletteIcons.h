#pragma once

#include <QIcon>

class QPalette;

namespace flowdesk::PaletteIcons {

// Icons drawn in the palette's button text colour, so they show on light and dark palettes
// alike (the style's built-in pause and play glyphs are black, invisible on a dark toolbar).
QIcon pause(const QPalette &palette);
QIcon play(const QPalette &palette);

} // namespace flowdesk::PaletteIcons
