#pragma once

#include <QPalette>
#include <QString>

class QSettings;

namespace flowdesk {

// View → Theme: the desktop's own look (style and palette, e.g. a dark qt6ct palette), or
// Fusion with Flowdesk's light or dark palette. Stored under "appearance/theme".
class Theme
{
public:
    enum class Choice { System, Light, Dark };

    // Once, after the QApplication exists and before anything changes the look: what "System"
    // goes back to.
    static void rememberSystemLook();
    static void apply(Choice choice);

    static Choice load(const QSettings &settings);
    static void save(QSettings &settings, Choice choice);

    static QPalette lightPalette();
    static QPalette darkPalette();
};

} // namespace flowdesk
