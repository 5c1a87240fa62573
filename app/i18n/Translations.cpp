#include "Translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QList>
#include <QLocale>
#include <QPointer>
#include <QTranslator>

namespace flowdesk {

namespace {

// The translators installTranslations() put into the application, so a later call can take
// them out again (the clipped-text test walks the windows in three languages).
QList<QPointer<QTranslator>> &installedTranslators()
{
    static QList<QPointer<QTranslator>> translators;
    return translators;
}

void removeInstalledTranslators()
{
    for (const QPointer<QTranslator> &translator : std::as_const(installedTranslators())) {
        if (translator) {
            QCoreApplication::removeTranslator(translator);
            delete translator;
        }
    }
    installedTranslators().clear();
}

// Installs a translator whose load() returned `loaded`; deletes it when there is nothing in it.
bool install(QTranslator *translator, bool loaded)
{
    if (!loaded || translator->isEmpty()) {
        delete translator;
        return false;
    }
    QCoreApplication::installTranslator(translator);
    installedTranslators().append(translator);
    return true;
}

// Flowdesk's file for the locale's first UI language that has one (German, English), or null.
QTranslator *flowdeskTranslator(const QLocale &locale)
{
    auto *translator = new QTranslator(QCoreApplication::instance());
    if (translator->load(locale, QStringLiteral("flowdesk"), QStringLiteral("_"),
                         QStringLiteral(":/i18n")))
        return translator;
    delete translator;
    return nullptr;
}

} // namespace

QString uiLanguageCode(UiLanguage language)
{
    switch (language) {
    case UiLanguage::System: return QStringLiteral("system");
    case UiLanguage::English: return QStringLiteral("en");
    case UiLanguage::German: return QStringLiteral("de");
    case UiLanguage::Pseudo: return QStringLiteral("pseudo");
    }
    return QStringLiteral("system");
}

UiLanguage uiLanguageFromCode(const QString &code)
{
    for (UiLanguage language : {UiLanguage::English, UiLanguage::German, UiLanguage::Pseudo}) {
        if (code.trimmed().compare(uiLanguageCode(language), Qt::CaseInsensitive) == 0)
            return language;
    }
    return UiLanguage::System;
}

UiLanguage startupUiLanguage(const QSettings &settings)
{
    if (qEnvironmentVariableIsSet("FLOWDESK_LANGUAGE"))
        return uiLanguageFromCode(qEnvironmentVariable("FLOWDESK_LANGUAGE"));
    const UiLanguage saved =
        uiLanguageFromCode(settings.value(QStringLiteral("preferences/language")).toString());
    // The pseudo-locale is a developer's tool: a settings file cannot switch it on.
    return saved == UiLanguage::Pseudo ? UiLanguage::System : saved;
}

void installTranslations(UiLanguage language)
{
    removeInstalledTranslators();

    if (language == UiLanguage::Pseudo) {
        auto *pseudo = new QTranslator(QCoreApplication::instance());
        if (!install(pseudo, pseudo->load(QStringLiteral(":/i18n/flowdesk_pseudo.qm"))))
            qWarning("The pseudo-locale is missing from the resources; texts stay English.");
        return;
    }

    const QLocale locale = language == UiLanguage::German    ? QLocale(QLocale::German)
                           : language == UiLanguage::English ? QLocale(QLocale::English)
                                                             : QLocale();
    // The UI language's file if one exists, else English (which supplies plural forms).
    QTranslator *flowdesk = flowdeskTranslator(locale);
    if (!flowdesk)
        flowdesk = flowdeskTranslator(QLocale(QLocale::English));
    if (!flowdesk || !install(flowdesk, true)) {
        qWarning("Flowdesk translations are missing from the resources; plural forms will read "
                 "\"run(s)\".");
        return;
    }
    // Qt's own texts (OK/Cancel/Yes, the file dialog, context menus) in the same language, from
    // the system's Qt translations (Debian: qt6-translations-l10n). English needs none.
    if (flowdesk->language().startsWith(QLatin1String("en")))
        return;
    auto *qt = new QTranslator(QCoreApplication::instance());
    const bool loaded = qt->load(QLocale(flowdesk->language()), QStringLiteral("qtbase"),
                                 QStringLiteral("_"),
                                 QLibraryInfo::path(QLibraryInfo::TranslationsPath));
    if (!install(qt, loaded)) {
        qWarning("Qt's own translations (qtbase_%s.qm) are not installed; standard buttons stay "
                 "English.", qPrintable(flowdesk->language()));
    }
}

void installTranslations()
{
    installTranslations(startupUiLanguage(QSettings()));
}

} // namespace flowdesk
