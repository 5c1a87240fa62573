// Light and dark palettes (issue #16 finding: with a dark palette the error bar kept its pale
// pink under light text, and the Deactivate pause icon was invisible). Every tone's text keeps
// WCAG AA contrast (4.5:1) on its own background and on the window, in Flowdesk's light and
// dark palettes; the message bar and the palette icons use them.
#include "MessageBar.h"
#include "PaletteIcons.h"
#include "SemanticColors.h"
#include "Theme.h"

#include <QApplication>
#include <QImage>
#include <QLabel>
#include <QSettings>
#include <QStyle>
#include <QTemporaryDir>
#include <QtTest>

using namespace flowdesk;
using SemanticColors::Tone;

Q_DECLARE_METATYPE(QPalette)

class TstSemanticColors : public QObject
{
    Q_OBJECT

    static void addPalettes()
    {
        QTest::addColumn<QPalette>("palette");
        QTest::newRow("light") << Theme::lightPalette();
        QTest::newRow("dark") << Theme::darkPalette();
    }

private slots:
    void initTestCase() { Theme::rememberSystemLook(); } // the platform's own, light palette

    void palettesAreWhatTheySay()
    {
        QVERIFY(!SemanticColors::isDark(Theme::lightPalette()));
        QVERIFY(SemanticColors::isDark(Theme::darkPalette()));
        QCOMPARE(SemanticColors::contrastRatio(Qt::black, Qt::white), 21.0);
    }

    void everyToneIsReadable_data() { addPalettes(); }
    void everyToneIsReadable()
    {
        QFETCH(QPalette, palette);
        const QColor window = palette.color(QPalette::Window);
        for (Tone tone : {Tone::Info, Tone::Warning, Tone::Error, Tone::Success, Tone::Neutral}) {
            const SemanticColors::Colors colors = SemanticColors::filled(tone, palette);
            const double filled = SemanticColors::contrastRatio(colors.text, colors.background);
            QVERIFY2(filled >= 4.5, qPrintable(QStringLiteral("tone %1 filled: %2").arg(int(tone)).arg(filled)));
            const double onWindow = SemanticColors::contrastRatio(SemanticColors::textOnWindow(tone, palette), window);
            QVERIFY2(onWindow >= 4.5, qPrintable(QStringLiteral("tone %1 on window: %2").arg(int(tone)).arg(onWindow)));
        }
    }

    // What the bar really draws: its background (a pixel of the bottom margin) against the
    // strongest pixel of its text. On the dark palette the old bar drew the palette's light
    // text on a fixed pale pink.
    void messageBarIsReadable_data() { addPalettes(); }
    void messageBarIsReadable()
    {
        QFETCH(QPalette, palette);
        QApplication::setPalette(palette);
        MessageBar bar;
        bar.resize(600, 80);
        for (auto severity : {BarMessage::Severity::Info, BarMessage::Severity::Warning, BarMessage::Severity::Error}) {
            BarMessage message;
            message.severity = severity;
            message.text = QStringLiteral("Listing flows failed.");
            bar.showMessage(message);
            bar.resize(600, bar.sizeHint().height());
            const QImage image = bar.grab().toImage();
            const QColor background = image.pixelColor(image.width() / 2, image.height() - 3);
            const QRect text = bar.findChild<QLabel *>(QStringLiteral("messageTextLabel"))->geometry();
            double best = 1.0;
            for (int y = text.top(); y <= text.bottom(); ++y) {
                for (int x = text.left(); x <= text.right(); ++x)
                    best = std::max(best, SemanticColors::contrastRatio(image.pixelColor(x, y), background));
            }
            QVERIFY2(best >= 4.5, qPrintable(QStringLiteral("severity %1: text contrast %2 on %3")
                                                 .arg(int(severity)).arg(best).arg(background.name())));
        }
        QApplication::setPalette(Theme::lightPalette());
    }

    // The pause and play glyphs are drawn in the palette's button text: visible on its button.
    void paletteIconsShowOnTheirPalette_data() { addPalettes(); }
    void paletteIconsShowOnTheirPalette()
    {
        QFETCH(QPalette, palette);
        for (const QIcon &icon : {PaletteIcons::pause(palette), PaletteIcons::play(palette)}) {
            const QImage image = icon.pixmap(24, 24).toImage();
            double best = 1.0;
            for (int y = 0; y < image.height(); ++y) {
                for (int x = 0; x < image.width(); ++x) {
                    const QColor pixel = image.pixelColor(x, y);
                    if (pixel.alpha() > 200)
                        best = std::max(best, SemanticColors::contrastRatio(pixel, palette.color(QPalette::Button)));
                }
            }
            QVERIFY2(best >= 4.5, qPrintable(QString::number(best)));
        }
    }

    void themeChoiceIsRemembered()
    {
        QTemporaryDir dir;
        QSettings settings(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
        QCOMPARE(Theme::load(settings), Theme::Choice::System);
        Theme::save(settings, Theme::Choice::Dark);
        QCOMPARE(Theme::load(settings), Theme::Choice::Dark);
        settings.setValue(QStringLiteral("appearance/theme"), QStringLiteral("purple"));
        QCOMPARE(Theme::load(settings), Theme::Choice::System);
    }

    void applyingDarkMakesTheApplicationDark()
    {
        Theme::rememberSystemLook();
        Theme::apply(Theme::Choice::Dark);
        QVERIFY(SemanticColors::isDark(QApplication::palette()));
        QCOMPARE(QApplication::style()->name().toLower(), QStringLiteral("fusion"));
        Theme::apply(Theme::Choice::System);
        QVERIFY(!SemanticColors::isDark(QApplication::palette()));
    }
};

QTEST_MAIN(TstSemanticColors)
#include "tst_semanticcolors.moc"
