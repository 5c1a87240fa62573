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
// Values are written as they are: a spreadsheet may treat a field starting with "=" as a
// formula, which is the spreadsheet's reading, not the file's content.
class AuditCsvExporter
{
    Q_DECLARE_TR_FUNCTIONS(AuditCsvExporter)

public:
    // The header row's names (stable, not translated: scripts read them).
    static QStringList columns();
    static QString quoted(const QString &field);
    static QByteArray toCsv(const QList<AuditEntry> &entries);
    // Writes atomically (QSaveFile): the file is complete or untouched. False with *error set.
    static bool writeFile(const QList<AuditEntry> &entries, const QString &path, QString *error);
};

} // namespace flowdesk::audit
