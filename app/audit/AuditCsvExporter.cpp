#include "AuditCsvExporter.h"

#include <QDir>
#include <QSaveFile>

namespace flowdesk::audit {

namespace {

QString outcomesText(const QList<AuditOutcome> &outcomes)
{
    QStringList parts;
    for (const AuditOutcome &outcome : outcomes) {
        QString part = outcome.executionId + u'=' + AuditEntry::outcomeName(outcome.kind);
        if (!outcome.detail.isEmpty())
            part += QStringLiteral(" (") + outcome.detail + u')';
        parts << part;
    }
    return parts.join(QStringLiteral("; "));
}

QStringList row(const AuditEntry &entry)
{
    const QString ids = entry.allActiveRuns ? QStringLiteral("all")
                                            : entry.executionIds.join(QStringLiteral("; "));
    return {entry.time.toUTC().toString(Qt::ISODateWithMs),
            AuditEntry::typeName(entry.type),
            entry.correlationId,
            entry.flowName,
            ids,
            entry.profile,
            entry.account,
            entry.role,
            entry.region,
            entry.endpoint,
            entry.confirmedBy,
            entry.via,
            entry.deactivateRequested ? QStringLiteral("yes") : QStringLiteral("no"),
            outcomesText(entry.outcomes),
            entry.invalidExecutions.join(QStringLiteral("; ")),
            entry.requestIds.join(QStringLiteral("; ")),
            entry.error};
}

} // namespace

QStringList AuditCsvExporter::columns()
{
    return {QStringLiteral("time"),         QStringLiteral("type"),
            QStringLiteral("correlationId"), QStringLiteral("flow"),
            QStringLiteral("executionIds"), QStringLiteral("profile"),
            QStringLiteral("account"),      QStringLiteral("role"),
            QStringLiteral("region"),
            QStringLiteral("endpoint"),     QStringLiteral("confirmedBy"),
            QStringLiteral("via"),          QStringLiteral("deactivateRequested"), QStringLiteral("outcomes"),
            QStringLiteral("invalidExecutions"), QStringLiteral("requestIds"),
            QStringLiteral("error")};
}

QString AuditCsvExporter::quoted(const QString &field)
{
    const bool needsQuotes = field.contains(u',') || field.contains(u'"') || field.contains(u'\n')
        || field.contains(u'\r');
    if (!needsQuotes)
        return field;
    QString escaped = field;
    escaped.replace(u'"', QStringLiteral("\"\""));
    return u'"' + escaped + u'"';
}

QString AuditCsvExporter::neutralised(const QString &field)
{
    if (field.isEmpty())
        return field;
    switch (field.front().unicode()) {
    case u'=':
    case u'+':
    case u'-':
    case u'@':
    case u'\t':
    case u'\r':
        return u'\'' + field;
    default:
        return field;
    }
}

QByteArray AuditCsvExporter::toCsv(const QList<AuditEntry> &entries)
{
    const auto line = [](const QStringList &fields) -> QString {
        QStringList cells;
        cells.reserve(fields.size());
        for (const QString &field : fields)
            cells << quoted(neutralised(field));
        return cells.join(u',') + QStringLiteral("\r\n");
    };
    QString csv = line(columns());
    for (const AuditEntry &entry : entries)
        csv += line(row(entry));
    return csv.toUtf8();
}

bool AuditCsvExporter::writeFile(const QList<AuditEntry> &entries, const QString &path,
                                 QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(toCsv(entries)) < 0 || !file.commit()) {
        if (error)
            *error = tr("Cannot export to %1: %2.")
                         .arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    return true;
}

} // namespace flowdesk::audit
