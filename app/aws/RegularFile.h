#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace flowdesk::aws {

// What identifies one version of a file without reading it: the cache of parsed AWS files
// (AwsIniFileCache) parses again when any of these differ. ctime changes on every write even
// when a tool restores the mtime afterwards; the inode changes when an editor replaces the file.
struct FileStamp {
    quint64 device = 0;
    quint64 inode = 0;
    qint64 size = 0;
    qint64 mtimeNs = 0;
    qint64 ctimeNs = 0;

    friend bool operator==(const FileStamp &, const FileStamp &) = default;
};

// Reads a small local file that a user or a tool wrote (AWS config and credentials files, the
// IAM Identity Center token cache) without ever blocking or reading without bound: links are
// followed, but only a regular file is opened (a FIFO would block, /dev/zero would never end),
// it is opened without blocking and checked again once open, and no more than `maxSize` bytes
// are read even if it grows meanwhile. Callers word the messages; this only says what happened.
struct RegularFileRead {
    enum class Status {
        Read,       // data holds the whole file; stamp is the opened file's
        Missing,    // no such file (or a dangling link)
        NotRegular, // notRegularWhat says what it is instead ("a named pipe (FIFO)", …)
        TooBig,     // size is above maxSize
        Unreadable, // systemError says why (permissions, …)
        Changed,    // it was a regular file when looked at but not once opened
    };
    Status status = Status::Missing;
    QByteArray data;
    FileStamp stamp;
    qint64 size = 0;
    QString notRegularWhat;
    QString linkTarget; // when the path is a symbolic link: where it points (for messages)
    QString systemError;
};

RegularFileRead readRegularFile(const QString &path, qint64 maxSize);

// The stamp of the file `path` names (links followed) when it is a regular file, without
// opening it; nullopt when it is missing, unreadable or not a regular file.
std::optional<FileStamp> regularFileStamp(const QString &path);

} // namespace flowdesk::aws
