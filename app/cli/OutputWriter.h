#pragma once

#include "CliRequest.h"

#include <QJsonObject>
#include <QList>
#include <QString>

class QTextStream;

namespace flowdesk::cli {

// One column of a listing: the JSON key (stable, documented in flowdesk-cli(1)) and the
// table/CSV header.
struct OutputColumn {
    QString key;
    QString header;
};

// Writes a listing to stdout in the chosen format, from one source of truth per row (a JSON
// object), so the three formats can never disagree:
//  - table: aligned columns for people, absent values as "-";
//  - json:  an array of objects with exactly the columns' keys (absent values as null);
//  - csv:   RFC 4180 with a header row, cells neutralised against formula injection as the
//           History export does (OWASP), absent values as empty cells.
class OutputWriter
{
public:
    OutputWriter(OutputFormat format, QTextStream &out);

    void write(const QList<OutputColumn> &columns, const QList<QJsonObject> &rows);

    // "2026-12-03T14:02:11Z" (UTC, ISO 8601) or null when invalid.
    static QJsonValue time(const QDateTime &time);
    // A count that may be unknown: the number or null.
    static QJsonValue count(const std::optional<qint64> &value);

private:
    static QString cellText(const QJsonValue &value);

    OutputFormat m_format;
    QTextStream &m_out;
};

} // namespace flowdesk::cli
