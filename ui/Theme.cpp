#include "Theme.h"

#include <QApplication>
#include <QSettings>
#include <QStyle>
#include <QStyleFactory>

namespace flowdesk {

namespace {

struct SystemLook {
    bool remembered = false;
    QString styleName;
    QPalette palette;
};

SystemLook &systemLook()
{
    static SystemLook look;
    return look;
}

const QString kSettingsKey = QStringLiteral("appearance/theme");

} // namespace

void Theme::rememberSystemLook()
{
    SystemLook &look = systemLook();
    if (look.remembered)
        return;
    look.remembered = true;
    look.styleName = QApplication::style()->name();
    look.palette = QApplication::palette();
}

void Theme::apply(Choice choice)
{
    rememberSystemLook();
    const SystemLook &look = systemLook();
    switch (choice) {
    case Choice::System:
        QApplication::setStyle(QStyleFactory::create(look.styleName));
        QApplication::setPalette(look.palette);
        return;
    case Choice::Light:
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QApplication::setPalette(lightPalette());
        return;
    case Choice::Dark:
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QApplication::setPalette(darkPalette());
        return;
    }
}

Theme::Choice Theme::load(const QSettings &settings)
{
    const QString value = settings.value(kSettingsKey).toString();
    if (value == u"light")
        return Choice::Light;
    if (value == u"dark")
        return Choice::Dark;
    return Choice::System; // also for a hand-edited, unknown value
}

void Theme::save(QSettings &settings, Choice choice)
{
    switch (choice) {
    case Choice::System: settings.setValue(kSettingsKey, QStringLiteral("system")); return;
    case Choice::Light: settings.setValue(kSettingsKey, QStringLiteral("light")); return;
    case Choice::Dark: settings.setValue(kSettingsKey, QStringLiteral("dark")); return;
    }
}

QPalette Theme::lightPalette()
{
    QStyle *fusion = QStyleFactory::create(QStringLiteral("Fusion"));
    const QPalette palette = fusion ? fusion->standardPalette() : QPalette();
    delete fusion;
    return palette;
}

QPalette Theme::darkPalette()
{
    // Greys as the common Fusion dark palettes use them; disabled text dimmed, links light.
    QPalette p;
    const QColor window(0x2b, 0x2b, 0x2b);
    const QColor base(0x1e, 0x1e, 0x1e);
    const QColor text(0xe6, 0xe6, 0xe6);
    const QColor disabledText(0x80, 0x80, 0x80);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x26, 0x26, 0x26));
    p.setColor(QPalette::ToolTipBase, QColor(0x3a, 0x3a, 0x3a));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9a, 0x9a));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x35, 0x35, 0x35));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(0xff, 0x6b, 0x6b));
    p.setColor(QPalette::Light, QColor(0x4a, 0x4a, 0x4a));
    p.setColor(QPalette::Midlight, QColor(0x3e, 0x3e, 0x3e));
    p.setColor(QPalette::Mid, QColor(0x30, 0x30, 0x30));
    p.setColor(QPalette::Dark, QColor(0x1a, 0x1a, 0x1a));
    p.setColor(QPalette::Shadow, QColor(0x0a, 0x0a, 0x0a));
    p.setColor(QPalette::Highlight, QColor(0x2f, 0x6f, 0xb3));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x8a, 0xb8, 0xf0));
    p.setColor(QPalette::LinkVisited, QColor(0xb9, 0x9c, 0xf0));
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, disabledText);
    p.setColor(QPalette::Disabled, QPalette::Highlight, QColor(0x3a, 0x3a, 0x3a));
    return p;
}

} // namespace flowdesk
