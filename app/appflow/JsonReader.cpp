#include "JsonReader.h"

#include <QJsonValue>

#include <cmath>

namespace flowdesk::appflow {

using namespace Qt::StringLiterals;

QString JsonReader::member(const QString &path, QLatin1StringView key)
{
    return path.isEmpty() ? QString(key) : path + u'.' + key;
}

QString JsonReader::element(const QString &path, qsizetype index)
{
    return path + u'[' + QString::number(index) + u']';
}

QString JsonReader::typeName(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Bool:
        return u"a boolean"_s;
    case QJsonValue::Double:
        return u"a number"_s;
    case QJsonValue::String:
        return u"a string"_s;
    case QJsonValue::Array:
        return u"a list"_s;
    case QJsonValue::Object:
        return u"an object"_s;
    default:
        return u"null"_s;
    }
}

void JsonReader::fail(const QString &path, const QString &problem)
{
    if (m_error.isEmpty())
        m_error = path + u": "_s + problem;
}

QString JsonReader::string(const QJsonObject &object, QLatin1StringView key, const QString &path)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull())
        return {};
    if (!value.isString()) {
        fail(member(path, key), u"expected a string, got "_s + typeName(value));
        return {};
    }
    return value.toString();
}

std::optional<qint64> JsonReader::int64(const QJsonObject &object, QLatin1StringView key,
                                        const QString &path)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull())
        return std::nullopt;
    if (!value.isDouble() || !std::isfinite(value.toDouble())) {
        fail(member(path, key), u"expected a whole number, got "_s + typeName(value));
        return std::nullopt;
    }
    // Checked in the double domain first: converting a double outside qint64's range is
    // undefined behaviour (found by fuzz_appflow_response: 1e33 records processed).
    const double number = value.toDouble();
    if (!(number >= -9223372036854775808.0 && number < 9223372036854775808.0)) {
        fail(member(path, key), u"expected a whole number, got %1, which is out of range"_s
                                    .arg(QString::number(number, 'g', 6)));
        return std::nullopt;
    }
    // QJsonValue keeps integers up to 2^53 exactly; larger counts lose precision, not sense.
    return value.toInteger(qint64(number));
}

QDateTime JsonReader::timestamp(const QJsonObject &object, QLatin1StringView key,
                                const QString &path)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull())
        return {};
    const double seconds = value.toDouble();
    // Far outside any plausible date (year ±100000) is as wrong as a string.
    if (!value.isDouble() || !std::isfinite(seconds) || std::fabs(seconds) > 3.0e12) {
        fail(member(path, key),
             u"expected a number (epoch seconds), got "_s
                 + (value.isDouble() ? u"an out-of-range number"_s : typeName(value)));
        return {};
    }
    return QDateTime::fromMSecsSinceEpoch(std::llround(seconds * 1000.0), Qt::UTC);
}

std::optional<QJsonObject> JsonReader::object(const QJsonObject &object, QLatin1StringView key,
                                              const QString &path)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull())
        return std::nullopt;
    if (!value.isObject()) {
        fail(member(path, key), u"expected an object, got "_s + typeName(value));
        return std::nullopt;
    }
    return value.toObject();
}

QJsonArray JsonReader::array(const QJsonObject &object, QLatin1StringView key, const QString &path)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull())
        return {};
    if (!value.isArray()) {
        fail(member(path, key), u"expected a list, got "_s + typeName(value));
        return {};
    }
    return value.toArray();
}

} // namespace flowdesk::appflow
