#pragma once

#include <QSettings>
#include <QString>

namespace flowdesk {

// The language of Flowdesk's texts. System follows the desktop's locale (German if it asks for
// German, else English); Pseudo is the generated pseudo-locale for checking layouts
// ("[Ŝéļéçţ ŕûñš ~~~~]"), reachable only through FLOWDESK_LANGUAGE=pseudo.
enum class UiLanguage { System, English, German, Pseudo };

// "system", "en", "de", "pseudo": the words FLOWDESK_LANGUAGE and the settings file use.
QString uiLanguageCode(UiLanguage language);
// Unknown words give System.
UiLanguage uiLanguageFromCode(const QString &code);

// The language for this start: FLOWDESK_LANGUAGE when set (tests, screenshots), else the one
// chosen in Preferences, else the system's.
UiLanguage startupUiLanguage(const QSettings &settings);

// Loads Flowdesk's translations and Qt's own (standard buttons, dialogs) for `language` into
// the application, replacing those an earlier call loaded. Call after the QApplication exists;
// tests call it too, so they see what users see. Windows created afterwards use the language.
void installTranslations(UiLanguage language);
// The same for startupUiLanguage(QSettings()).
void installTranslations();

} // namespace flowdesk
