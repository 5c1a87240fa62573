#pragma once

#include "AuditEntry.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace flowdesk::audit {

// Loads the audit log for the History window. A line that is not a valid entry (corrupted,
// truncated by a crash, or from a newer Flowdesk) is skipped and reported with its line number
// and the reason; every other line still loads. A missing file is an empty log, not an error.
class AuditLogReader
{
    Q_DECLARE_TR_FUNCTIONS(AuditLogReader)

public:
    struct SkippedLine {
        int lineNumber = 0; // 1-based, as an editor shows it
        QString reason;
    };

    explicit AuditLogReader(QString filePath);

    // Reads the whole file. False only when it exists but cannot be read (errorString()).
    bool load();
    // The same for bytes already read (what load() does after reading; the fuzz target's seam).
    void parse(const QByteArray &content);
    QString errorString() const { return m_errorString; }

    // In file order (oldest first).
    const QList<AuditEntry> &entries() const { return m_entries; }
    QList<AuditEntry> entriesForFlow(const QString &flowName) const;
    // Every flow named in the log, sorted, for the History window's filter.
    QStringList flowNames() const;
    const QList<SkippedLine> &skippedLines() const { return m_skipped; }
    // Intents with no result line: the answer was never recorded (Flowdesk stopped while the
    // request was out, or is sending it right now). In file order.
    QList<AuditEntry> unansweredIntents() const;

private:
    QString m_filePath;
    QString m_errorString;
    QList<AuditEntry> m_entries;
    QList<SkippedLine> m_skipped;
};

} // namespace flowdesk::audit
