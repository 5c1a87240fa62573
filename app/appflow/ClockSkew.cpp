#include "ClockSkew.h"

#include <QLocale>
#include <QTimeZone>

namespace flowdesk::appflow {

using namespace Qt::StringLiterals;

std::optional<QDateTime> ClockSkew::parseHttpDate(const QByteArray &text)
{
    const QString value = QString::fromLatin1(text).simplified();
    if (value.isEmpty())
        return std::nullopt;
    // Day and month names are English whatever the user's locale.
    QDateTime parsed = QLocale::c().toDateTime(value, u"ddd, dd MMM yyyy HH:mm:ss 'GMT'"_s);
    if (parsed.isValid()) {
        parsed.setTimeZone(QTimeZone::utc());
        return parsed;
    }
    parsed = QDateTime::fromString(value, Qt::RFC2822Date);
    if (parsed.isValid())
        return parsed.toUTC();
    return std::nullopt;
}

bool ClockSkew::learnFrom(const HttpResponse &response, const QDateTime &localNow)
{
    const std::optional<QDateTime> serverTime = parseHttpDate(response.header("Date"));
    if (!serverTime || !localNow.isValid())
        return false;
    m_offsetMs = localNow.msecsTo(*serverTime);
    return true;
}

} // namespace flowdesk::appflow
