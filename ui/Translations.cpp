#include "Translations.h"

#include <QCoreApplication>
#include <QLocale>
#include <QTranslator>

namespace flowdesk {

void installTranslations()
{
    auto *translator = new QTranslator(QCoreApplication::instance());
    // The UI locale's file if one exists, else English (which supplies plural forms).
    if (translator->load(QLocale(), QStringLiteral("flowdesk"), QStringLiteral("_"),
                         QStringLiteral(":/i18n"))
        || translator->load(QStringLiteral(":/i18n/flowdesk_en.qm"))) {
        QCoreApplication::installTranslator(translator);
    } else {
        delete translator;
        qWarning("Flowdesk translations are missing from the resources; plural forms will read "
                 "\"run(s)\".");
    }
}

} // namespace flowdesk
