#pragma once

#include "AuditEntry.h"

#include <QCoreApplication>
#include <QString>

namespace flowdesk::audit {

// The append-only cancel log: one JSON object per line (JSON Lines) in the app data location.
//
// The contract with the UI: append the Intent entry and send the cancel ONLY IF append()
// returned true. When it returns false the intent is not on disk, errorString() says why
// (e.g. "Cannot write the audit log /…/audit-log.jsonl: No space left on device") and the UI
// must refuse to send the request and show that message: a cancel the log does not know about
// is exactly what the log exists to prevent. The Result entry is appended the same way once
// the answer is in; if that fails the cancel has happened anyway, so the UI shows the error.
//
// How a line is made durable, and why:
//  - the file is opened with O_APPEND for every append, so each write lands at the current end
//    of the file even when another Flowdesk (or another AuditLog on the same file) appends too;
//  - the complete line, newline included, goes out in ONE write() call: POSIX appends of one
//    write() to a regular file do not interleave with other writers' appends, so lines never
//    mix (there is no user-space buffer to flush: the bytes go straight to the kernel);
//  - fsync() then forces the line from the page cache to the disk before append() returns,
//    so a crash or power cut after the cancel request was sent cannot lose the intent; when
//    the file was just created, its folder is fsync'd too so that the file's name survives;
//  - a line left incomplete by a crash is closed before the next one is written (the next
//    line starts with a newline), so it costs only itself; AuditLogReader skips it.
// fsync blocks for a few milliseconds on the GUI thread. That is deliberate: it happens once
// per user-confirmed cancel, and the request must not leave before the intent is on disk.
//
// Not a QObject and not thread-affine: two AuditLog objects (or processes) on one file are fine.
class AuditLog
{
    Q_DECLARE_TR_FUNCTIONS(AuditLog)

public:
    // filePath: where the log lives; tests pass their own.
    explicit AuditLog(QString filePath = defaultFilePath());

    // <AppDataLocation>/audit-log.jsonl; empty when the platform has no app data location.
    static QString defaultFilePath();
    QString filePath() const { return m_filePath; }

    // Writes the entry as one line and fsyncs it. True when it is on disk; false with
    // errorString() set otherwise. See the class comment for what the caller must do on false.
    [[nodiscard]] bool append(const AuditEntry &entry);
    QString errorString() const { return m_errorString; }

    // The name of the user running Flowdesk, for AuditEntry::confirmedBy.
    static QString osUserName();

private:
    bool fail(const QString &message);

    QString m_filePath;
    QString m_errorString;
};

} // namespace flowdesk::audit
