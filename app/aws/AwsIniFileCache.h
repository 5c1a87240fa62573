#pragma once

#include "AwsIniFile.h"

#include <QHash>
#include <QMutex>

namespace flowdesk::aws {

// The parsed AWS config and credentials files of this process, so that each version of a file
// is parsed once however often it is asked for: the connection list checks every profile, and
// start-up, each connection and each credential chain read both files again. A file is parsed
// again as soon as its stamp changes (canonical path, then device, inode, size, mtime or ctime
// — see FileStamp), so an edit is seen at the next read, as before. Missing, unreadable or
// irregular files are never cached (reading them costs nothing: load stops at stat()).
//
// File times tick coarsely (a few ms on Linux, 1–2 s on some file systems), so a file written
// twice within one tick, same size, keeps its stamp. As git does for its index, a file whose
// times were that recent when it was read is "racy": until it is older, each get() reads it
// again and compares the bytes (no parse when equal).
//
// Thread-safe: the catalog is checked on a worker thread while the UI thread may open a
// connection. The lock is not held while a file is read or parsed, so a reader never waits
// for a parse it does not need; two threads missing at once may both parse (one is kept).
class AwsIniFileCache
{
public:
    // Through the process-wide cache.
    static AwsIniFile load(const QString &path, AwsIniFile::Kind kind);
    static AwsIniFileCache &instance();

    AwsIniFile get(const QString &path, AwsIniFile::Kind kind);
    // Files parsed by get() since the start (or clear()): for tests and benchmarks.
    int parseCount() const;
    void clear();

    // Files kept at most: real use needs two, tests make many temporary homes.
    static constexpr qsizetype kMaxEntries = 16;
    // How recent a file's times may be for its stamp to be trusted alone.
    static constexpr qint64 kRacyWindowNs = 3'000'000'000;

private:
    struct Entry {
        FileStamp stamp;
        QString requestedPath; // the path its messages name
        AwsIniFile file;
        QByteArray racyContent; // the bytes parsed, while the stamp alone cannot be trusted
        bool racy = false;
        quint64 lastUse = 0;
    };
    void store(const QString &key, Entry entry);

    mutable QMutex m_mutex;
    QHash<QString, Entry> m_entries; // kind + canonical path → entry
    int m_parseCount = 0;
    quint64 m_useClock = 0;
};

} // namespace flowdesk::aws
