#pragma once

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace flowdesk::appflow {

// Reads members of a JSON response with the model's types, remembering the first member whose
// type is wrong ("flows[3].createdAt: expected a number (epoch seconds), got a string"), so a
// malformed response becomes one clear error instead of silently empty fields. Absent and null
// members are fine: every member of these responses is optional in the model.
class JsonReader
{
public:
    QString string(const QJsonObject &object, QLatin1StringView key, const QString &path);
    std::optional<qint64> int64(const QJsonObject &object, QLatin1StringView key,
                                const QString &path);
    // restJson1 timestamps: epoch seconds as a JSON number, possibly with a fraction. UTC.
    QDateTime timestamp(const QJsonObject &object, QLatin1StringView key, const QString &path);
    std::optional<QJsonObject> object(const QJsonObject &object, QLatin1StringView key,
                                      const QString &path);
    QJsonArray array(const QJsonObject &object, QLatin1StringView key, const QString &path);

    // Records an error found by the caller (e.g. a list element of the wrong type).
    void fail(const QString &path, const QString &problem);

    bool ok() const { return m_error.isEmpty(); }
    QString error() const { return m_error; }

    static QString member(const QString &path, QLatin1StringView key);
    static QString element(const QString &path, qsizetype index);
    static QString typeName(const QJsonValue &value);

private:
    QString m_error;
};

} // namespace flowdesk::appflow
