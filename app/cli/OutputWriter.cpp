#include "OutputWriter.h"

#include <AuditCsvExporter.h>

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTextStream>

namespace flowdesk::cli {

OutputWriter::OutputWriter(OutputFormat format, QTextStream &out)
    : m_format(format)
    , m_out(out)
{
}

QJsonValue OutputWriter::time(const QDateTime &time)
{
    if (!time.isValid())
        return QJsonValue::Null;
    return time.toUTC().toString(Qt::ISODate);
}

QJsonValue OutputWriter::count(const std::optional<qint64> &value)
{
    return value ? QJsonValue(double(*value)) : QJsonValue(QJsonValue::Null);
}

QString OutputWriter::cellText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Double:
        return QString::number(value.toInteger());
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Array: {
        QStringList items;
        for (const QJsonValue &item : value.toArray())
            items << cellText(item);
        return items.join(QStringLiteral("; "));
    }
    default:
        return {};
    }
}

void OutputWriter::write(const QList<OutputColumn> &columns, const QList<QJsonObject> &rows)
{
    switch (m_format) {
    case OutputFormat::Json: {
        QJsonArray array;
        for (const QJsonObject &row : rows) {
            QJsonObject object;
            for (const OutputColumn &column : columns)
                object.insert(column.key, row.value(column.key).isUndefined()
                                              ? QJsonValue(QJsonValue::Null)
                                              : row.value(column.key));
            array.append(object);
        }
        m_out << QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Indented));
        break;
    }
    case OutputFormat::Csv: {
        QStringList header;
        for (const OutputColumn &column : columns)
            header << column.key;
        m_out << header.join(u',') << "\r\n";
        for (const QJsonObject &row : rows) {
            QStringList cells;
            for (const OutputColumn &column : columns)
                cells << audit::AuditCsvExporter::quoted(
                    audit::AuditCsvExporter::neutralised(cellText(row.value(column.key))));
            m_out << cells.join(u',') << "\r\n";
        }
        break;
    }
    case OutputFormat::Table: {
        QList<QStringList> cells;
        QList<qsizetype> widths;
        QStringList header;
        for (const OutputColumn &column : columns) {
            header << column.header;
            widths << column.header.size();
        }
        for (const QJsonObject &row : rows) {
            QStringList line;
            for (int c = 0; c < columns.size(); ++c) {
                QString text = cellText(row.value(columns.at(c).key));
                // A table line is one line: a newline in an error text would break the columns.
                text.replace(u'\n', u' ').replace(u'\r', u' ');
                if (text.isEmpty())
                    text = QStringLiteral("-");
                widths[c] = qMax(widths.at(c), text.size());
                line << text;
            }
            cells << line;
        }
        auto writeLine = [this, &widths](const QStringList &line) {
            QString text;
            for (int c = 0; c < line.size(); ++c)
                text += c + 1 < line.size() ? line.at(c).leftJustified(widths.at(c) + 2) : line.at(c);
            m_out << text << '\n';
        };
        writeLine(header);
        for (const QStringList &line : cells)
            writeLine(line);
        break;
    }
    }
    m_out.flush();
}

} // namespace flowdesk::cli
