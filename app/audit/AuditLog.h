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
//    of the file even when another Flowdesk (or another AuditLog on the same file) appends too,
//    and locked (flock) for the append, so that a line that needs more than one write() (a
//    short write is continued) or is taken back never mixes with another writer's line;
//  - the complete line, newline included, goes out in one write() call when the kernel takes
//    it whole (there is no user-space buffer to flush: the bytes go straight to the kernel);
//  - fsync() then forces the line from the page cache to the disk before append() returns,
//    so a crash or power cut after the cancel request was sent cannot lose the intent; when
//    the file was just created, its folder is fsync'd too so that the file's name survives.
//    A failed fsync means "not durable": append() fails;
//  - when an append fails after some of its bytes reached the file (write or fsync failed),
//    they are cut off again (ftruncate) if nothing follows them, so a cancel that was not sent
//    never reads as one that was;
//  - a line without its newline was never fsync'd whole, so no append() returned true for it:
//    AuditLogReader never reads it as an entry, and the next append first ends it with
//    " #torn" (which no JSON object ends with) and a newline, so it stays one skipped line.
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
    // Several entries in one write and one fsync, all or none (a failure takes back all of
    // them): a cancel across many flows records its intents without a disk flush per flow.
    [[nodiscard]] bool appendAll(const QList<AuditEntry> &entries);
    QString errorString() const { return m_errorString; }

    // The name of the user running Flowdesk, for AuditEntry::confirmedBy.
    static QString osUserName();

private:
    bool fail(const QString &message);
    // Cuts the `written` bytes this append left at `start` when nothing follows them.
    static bool takeBack(int fd, qint64 start, qint64 written);

    QString m_filePath;
    QString m_errorString;
};

} // namespace flowdesk::audit
