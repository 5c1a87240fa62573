#pragma once

#include <QColor>

class QPalette;

namespace flowdesk {

// Colours that carry a meaning (error, warning, information, success, nothing going on), taken
// for the palette in use. Fixed light colours broke on dark palettes: a pale-pink message bar
// under the palette's light text could not be read. Every pair here keeps at least the WCAG AA
// contrast of 4.5:1 (tst_semanticcolors checks it for Flowdesk's light and dark palettes).
namespace SemanticColors {

enum class Tone { Info, Warning, Error, Success, Neutral };

struct Colors {
    QColor background;
    QColor border;
    QColor text; // text drawn on `background`
};

// A window colour darker than mid-grey means a dark palette.
bool isDark(const QPalette &palette);

// A filled area of that tone (message bar, status badge).
Colors filled(Tone tone, const QPalette &palette);

// Text of that tone drawn straight on the window (an error under a form field).
QColor textOnWindow(Tone tone, const QPalette &palette);

// WCAG 2 contrast ratio of two opaque colours, 1 … 21.
double contrastRatio(const QColor &a, const QColor &b);

} // namespace SemanticColors

} // namespace flowdesk
