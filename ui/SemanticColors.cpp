#include "SemanticColors.h"

#include <QPalette>

#include <cmath>

namespace flowdesk::SemanticColors {

namespace {

Colors lightFilled(Tone tone)
{
    switch (tone) {
    case Tone::Info: return {QColor(0xe8, 0xf1, 0xfb), QColor(0x9c, 0xc1, 0xe8), QColor(0x0b, 0x3f, 0x70)};
    case Tone::Warning: return {QColor(0xff, 0xf0, 0xcc), QColor(0xe6, 0xc3, 0x6a), QColor(0x6b, 0x40, 0x00)};
    case Tone::Error: return {QColor(0xfd, 0xe4, 0xe1), QColor(0xe3, 0xa2, 0x9b), QColor(0x8c, 0x18, 0x10)};
    case Tone::Success: return {QColor(0xdc, 0xf2, 0xdf), QColor(0x9c, 0xcf, 0xa5), QColor(0x1a, 0x5c, 0x27)};
    case Tone::Neutral: break;
    }
    return {QColor(0xe6, 0xe6, 0xe6), QColor(0xbd, 0xbd, 0xbd), QColor(0x40, 0x40, 0x40)};
}

Colors darkFilled(Tone tone)
{
    switch (tone) {
    case Tone::Info: return {QColor(0x17, 0x33, 0x52), QColor(0x3d, 0x6a, 0x99), QColor(0xcf, 0xe4, 0xfa)};
    case Tone::Warning: return {QColor(0x45, 0x34, 0x0b), QColor(0x8a, 0x6d, 0x1f), QColor(0xff, 0xe3, 0xa8)};
    case Tone::Error: return {QColor(0x55, 0x1c, 0x19), QColor(0xa0, 0x44, 0x3d), QColor(0xff, 0xd6, 0xd1)};
    case Tone::Success: return {QColor(0x18, 0x3e, 0x21), QColor(0x3f, 0x80, 0x4d), QColor(0xc6, 0xef, 0xce)};
    case Tone::Neutral: break;
    }
    return {QColor(0x3a, 0x3a, 0x3a), QColor(0x5a, 0x5a, 0x5a), QColor(0xe0, 0xe0, 0xe0)};
}

double channel(double value)
{
    const double c = value / 255.0;
    return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

double luminance(const QColor &color)
{
    return 0.2126 * channel(color.red()) + 0.7152 * channel(color.green()) + 0.0722 * channel(color.blue());
}

} // namespace

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

Colors filled(Tone tone, const QPalette &palette)
{
    return isDark(palette) ? darkFilled(tone) : lightFilled(tone);
}

QColor textOnWindow(Tone tone, const QPalette &palette)
{
    if (tone == Tone::Neutral)
        return palette.color(QPalette::WindowText);
    // The filled text colours are made for their own pale (or deep) background; on the window
    // they need to be a step stronger. Darken (or lighten) until they reach 4.5:1.
    const QColor window = palette.color(QPalette::Window);
    QColor color = filled(tone, palette).text;
    for (int step = 0; step < 20 && contrastRatio(color, window) < 4.5; ++step)
        color = isDark(palette) ? color.lighter(110) : color.darker(115);
    return color;
}

double contrastRatio(const QColor &a, const QColor &b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

} // namespace flowdesk::SemanticColors
