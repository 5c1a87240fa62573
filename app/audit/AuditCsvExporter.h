#pragma once

#include "AuditEntry.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

namespace flowdesk::audit {

// Writes audit entries as CSV (RFC 4180): a header row, then one row per entry; fields with a
// comma, quote, CR or LF are quoted and their quotes doubled; rows end with CRLF; UTF-8.
// Lists inside a field (execution IDs, outcomes, request IDs) are joined with "; ".
// Spreadsheets run a cell starting with = + - @ TAB or CR as a formula (CSV injection: an
// execution ID or error text from the service could become "=HYPERLINK(…)"). As OWASP
// recommends, such a field gets a leading single quote ('), which spreadsheets show as text;
// scripts reading the file see the quote and can strip it.
class AuditCsvExporter
{
    Q_DECLARE_TR_FUNCTIONS(AuditCsvExporter)

public:
    // The header row's names (stable, not translated: scripts read them).
    static QStringList columns();
    // RFC 4180 quoting of one field, as it is.
    static QString quoted(const QString &field);
    // The field as a spreadsheet must see it: a leading ' before a formula trigger.
    static QString neutralised(const QString &field);
    static QByteArray toCsv(const QList<AuditEntry> &entries);
    // Writes atomically (QSaveFile): the file is complete or untouched. False with *error set.
    static bool writeFile(const QList<AuditEntry> &entries, const QString &path, QString *error);
};

} // namespace flowdesk::audit
