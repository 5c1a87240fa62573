#include "AuditLogReader.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QSet>

#include <utility>

namespace flowdesk::audit {

AuditLogReader::AuditLogReader(QString filePath)
    : m_filePath(std::move(filePath))
{
}

bool AuditLogReader::load()
{
    m_entries.clear();
    m_skipped.clear();
    m_errorString.clear();
    QFile file(m_filePath);
    if (!file.exists())
        return true;
    if (!file.open(QIODevice::ReadOnly)) {
        m_errorString = tr("Cannot read the audit log %1: %2.")
                            .arg(QDir::toNativeSeparators(m_filePath), file.errorString());
        return false;
    }
    parse(file.readAll());
    return true;
}

void AuditLogReader::parse(const QByteArray &content)
{
    m_entries.clear();
    m_skipped.clear();
    const QList<QByteArray> lines = content.split('\n');
    // split() leaves an empty last element when the file ends with a newline, as it should.
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        if (line.isEmpty())
            continue;
        const int lineNumber = static_cast<int>(i) + 1;
        // A line without its newline was never saved whole (AuditLog writes and fsyncs the
        // newline with the line), so no cancel was sent on it, even when its JSON is complete.
        if (i == lines.size() - 1) {
            m_skipped.append({lineNumber, tr("incomplete last line (Flowdesk may have stopped while writing it)")});
            continue;
        }
        // A torn line that a later append ended (see AuditLog).
        if (line.endsWith("#torn")) {
            m_skipped.append({lineNumber, tr("incomplete line (Flowdesk stopped, or the disk failed, while writing it)")});
            continue;
        }
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(line, &parseError);
        if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
            m_skipped.append({lineNumber,
                              parseError.error != QJsonParseError::NoError
                                  ? tr("not valid JSON: %1").arg(parseError.errorString())
                                  : tr("not a JSON object")});
            continue;
        }
        QString why;
        if (auto entry = AuditEntry::fromJson(document.object(), &why))
            m_entries.append(std::move(*entry));
        else
            m_skipped.append({lineNumber, why});
    }
}

QList<AuditEntry> AuditLogReader::entriesForFlow(const QString &flowName) const
{
    QList<AuditEntry> result;
    for (const AuditEntry &entry : m_entries) {
        if (entry.flowName == flowName)
            result.append(entry);
    }
    return result;
}

QStringList AuditLogReader::flowNames() const
{
    QSet<QString> names;
    for (const AuditEntry &entry : m_entries)
        names.insert(entry.flowName);
    QStringList sorted(names.cbegin(), names.cend());
    sorted.sort(Qt::CaseInsensitive);
    return sorted;
}

QList<AuditEntry> AuditLogReader::unansweredIntents() const
{
    QSet<QString> answered;
    for (const AuditEntry &entry : m_entries) {
        if (entry.type == AuditEntry::Type::Result)
            answered.insert(entry.correlationId);
    }
    QList<AuditEntry> intents;
    for (const AuditEntry &entry : m_entries) {
        if (entry.type == AuditEntry::Type::Intent && !answered.contains(entry.correlationId))
            intents << entry;
    }
    return intents;
}

} // namespace flowdesk::audit
