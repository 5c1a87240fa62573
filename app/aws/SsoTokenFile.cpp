#include "SsoTokenFile.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace flowdesk::aws {

namespace {

// A JSON string as Python's json.dumps writes it (ensure_ascii=True): the short escapes for
// \" \\ \n \r \t \b \f, \u00XX for other control characters, \uXXXX (surrogate pairs beyond
// the BMP) for everything outside ASCII, and "/" unescaped.
QByteArray pythonJsonString(const QString &text)
{
    QByteArray out;
    out.reserve(text.size() + 2);
    out += '"';
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        switch (u) {
        case u'"': out += "\\\""; break;
        case u'\\': out += "\\\\"; break;
        case u'\n': out += "\\n"; break;
        case u'\r': out += "\\r"; break;
        case u'\t': out += "\\t"; break;
        case u'\b': out += "\\b"; break;
        case u'\f': out += "\\f"; break;
        default:
            if (u < 0x20 || u > 0x7e)
                out += "\\u" + QByteArray::number(u, 16).rightJustified(4, '0');
            else
                out += char(u);
        }
    }
    out += '"';
    return out;
}

} // namespace

bool SsoToken::canRefresh(const QDateTime &now) const
{
    if (refreshToken.isEmpty() || clientId.isEmpty() || clientSecret.isEmpty()
        || registrationExpiresAt.isEmpty())
        return false;
    const QDateTime registrationEnd = SsoTokenFile::parseTime(registrationExpiresAt);
    return registrationEnd.isValid() && registrationEnd > now;
}

QDateTime SsoTokenFile::parseTime(const QString &text)
{
    QString iso = text.trimmed();
    if (iso.endsWith(QLatin1String("UTC")))
        iso = iso.chopped(3) + u'Z';
    QDateTime time = QDateTime::fromString(iso, Qt::ISODateWithMs);
    if (!time.isValid())
        time = QDateTime::fromString(iso, Qt::ISODate);
    return time.isValid() ? time.toUTC() : QDateTime();
}

std::optional<SsoToken> SsoTokenFile::parse(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    const QJsonObject object = document.object();
    const auto text = [&](const char *key) { return object.value(QLatin1String(key)).toString(); };
    SsoToken token;
    token.accessToken = text("accessToken");
    if (token.accessToken.isEmpty())
        return std::nullopt;
    token.startUrl = text("startUrl");
    token.region = text("region");
    token.expiresAt = parseTime(text("expiresAt"));
    token.clientId = text("clientId");
    token.clientSecret = text("clientSecret");
    token.registrationExpiresAt = text("registrationExpiresAt");
    token.refreshToken = text("refreshToken");
    return token;
}

QByteArray SsoTokenFile::serialize(const SsoToken &token)
{
    QList<std::pair<const char *, QString>> fields{
        {"startUrl", token.startUrl},
        {"region", token.region},
        {"accessToken", token.accessToken},
        {"expiresAt", token.expiresAt.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss")) + u'Z'},
        {"clientId", token.clientId},
        {"clientSecret", token.clientSecret},
        {"registrationExpiresAt", token.registrationExpiresAt}};
    // botocore adds the refresh token only when CreateToken answered one.
    if (!token.refreshToken.isEmpty())
        fields.append({"refreshToken", token.refreshToken});
    QByteArray out = "{";
    for (qsizetype i = 0; i < fields.size(); ++i) {
        if (i > 0)
            out += ", ";
        out += pythonJsonString(QLatin1String(fields.at(i).first)) + ": " + pythonJsonString(fields.at(i).second);
    }
    out += '}';
    return out;
}

QString SsoTokenFile::write(const QString &path, const SsoToken &token)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return tr("Cannot write the IAM Identity Center token %1: %2.").arg(path, file.errorString());
    // The file holds a bearer token and a refresh token: readable by its owner only, as the
    // AWS CLI creates it, whatever the umask.
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(serialize(token));
    if (!file.commit())
        return tr("Cannot write the IAM Identity Center token %1: %2.").arg(path, file.errorString());
    return {};
}

} // namespace flowdesk::aws
