#include "HistoryCommand.h"

#include <AuditEntry.h>
#include <AuditLogReader.h>

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

namespace flowdesk::cli {

namespace {

QJsonValue orNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

QString outcomesText(const audit::AuditEntry &entry)
{
    QStringList parts;
    for (const audit::AuditOutcome &outcome : entry.outcomes)
        parts << (outcome.executionId.isEmpty() ? QStringLiteral("all") : outcome.executionId)
                + u'=' + audit::AuditEntry::outcomeName(outcome.kind);
    return parts.join(QStringLiteral("; "));
}

} // namespace

void HistoryCommand::start()
{
    const CliRequest &request = m_context.request;
    audit::AuditLogReader reader(m_context.auditLogPath);
    if (!reader.load()) {
        err << tr("flowdesk-cli: the audit log %1 cannot be read: %2")
                   .arg(m_context.auditLogPath, reader.errorString())
            << '\n';
        finish(ExitCode::Usage);
        return;
    }
    const QDateTime since = request.sinceSeconds
                                ? QDateTime::currentDateTimeUtc().addSecs(-*request.sinceSeconds)
                                : QDateTime();
    QList<QJsonObject> rows;
    for (const audit::AuditEntry &entry : reader.entries()) {
        if (!request.flowName.isEmpty() && entry.flowName != request.flowName)
            continue;
        if (since.isValid() && entry.time < since)
            continue;
        QJsonObject row = entry.toJson();
        // Table and CSV read a few flat columns; json keeps the entry as the log has it.
        row.insert(QStringLiteral("runs"), entry.allActiveRuns ? QStringLiteral("all")
                                                               : entry.executionIds.join(QStringLiteral("; ")));
        row.insert(QStringLiteral("outcomeSummary"), orNull(outcomesText(entry)));
        row.insert(QStringLiteral("via"), orNull(entry.via));
        rows << row;
    }
    if (request.output == OutputFormat::Json) {
        QJsonArray array;
        for (QJsonObject row : std::as_const(rows)) {
            row.remove(QStringLiteral("runs"));
            row.remove(QStringLiteral("outcomeSummary"));
            array.append(row);
        }
        out << QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Indented));
    } else {
        OutputWriter(request.output, out)
            .write({{QStringLiteral("time"), tr("TIME (UTC)")},
                    {QStringLiteral("type"), tr("TYPE")},
                    {QStringLiteral("flow"), tr("FLOW")},
                    {QStringLiteral("runs"), tr("RUNS")},
                    {QStringLiteral("outcomeSummary"), tr("OUTCOMES")},
                    {QStringLiteral("profile"), tr("PROFILE")},
                    {QStringLiteral("region"), tr("REGION")},
                    {QStringLiteral("confirmedBy"), tr("CONFIRMED BY")},
                    {QStringLiteral("via"), tr("VIA")},
                    {QStringLiteral("correlationId"), tr("CORRELATION ID")},
                    {QStringLiteral("error"), tr("ERROR")}},
                   rows);
    }
    if (!reader.skippedLines().isEmpty())
        err << tr("flowdesk-cli: %n line(s) of the audit log are not valid entries and were skipped.", nullptr,
                  int(reader.skippedLines().size()))
            << '\n';
    if (!QFileInfo::exists(m_context.auditLogPath))
        err << tr("No cancel has been recorded yet (%1 does not exist).").arg(m_context.auditLogPath) << '\n';
    finish(ExitCode::Done);
}

} // namespace flowdesk::cli
