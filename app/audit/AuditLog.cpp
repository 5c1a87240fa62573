#include "AuditLog.h"

#include <QByteArray>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QStandardPaths>

#include <cerrno>
#include <cstring>
#include <utility>

#ifdef Q_OS_WIN
#  include <fcntl.h>
#  include <io.h>
#  include <sys/stat.h>
#else
#  include <fcntl.h>
#  include <pwd.h>
#  include <sys/file.h>
#  include <sys/stat.h>
#  include <unistd.h>
#endif

namespace flowdesk::audit {

namespace {

QString systemError(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

#ifdef Q_OS_WIN
// Windows: the CRT's _O_APPEND seeks to the end before each _write, which is not atomic
// across processes the way POSIX O_APPEND is; _commit is the fsync equivalent.
int openForAppend(const QString &path)
{
    return ::_wopen(reinterpret_cast<const wchar_t *>(QDir::toNativeSeparators(path).utf16()),
                    _O_WRONLY | _O_APPEND | _O_CREAT | _O_BINARY | _O_NOINHERIT,
                    _S_IREAD | _S_IWRITE);
}
qint64 writeSome(int fd, const char *data, qint64 size)
{
    return ::_write(fd, data, static_cast<unsigned int>(size));
}
int syncFile(int fd) { return ::_commit(fd); }
int closeFile(int fd) { return ::_close(fd); }
void lockFile(int) {}
qint64 fileSize(int fd)
{
    struct _stat64 info {};
    return ::_fstat64(fd, &info) == 0 ? qint64(info.st_size) : -1;
}
int truncateTo(int fd, qint64 size) { return ::_chsize_s(fd, size) == 0 ? 0 : -1; }
// Not checked on Windows (the file is opened write-only); a torn line there can cost the next
// line too, and the reader still skips both.
bool endsWithNewline(int, qint64) { return true; }
int syncFolder(const QString &) { return 0; }
#else
int openForAppend(const QString &path)
{
    // 0600: the log names accounts and flows; it is nobody else's business. Read access only
    // for endsWithNewline(); every write still goes to the end (O_APPEND).
    int fd;
    do {
        fd = ::open(QFile::encodeName(path).constData(), O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC,
                    S_IRUSR | S_IWUSR);
    } while (fd < 0 && errno == EINTR);
    return fd;
}
// One write() call: it may write less than asked (a full disk, a signal, a quota); the caller
// continues from where it stopped.
qint64 writeSome(int fd, const char *data, qint64 size)
{
    ssize_t written;
    do {
        written = ::write(fd, data, static_cast<size_t>(size));
    } while (written < 0 && errno == EINTR);
    return written;
}
int syncFile(int fd)
{
    int result;
    do {
        result = ::fsync(fd);
    } while (result != 0 && errno == EINTR);
    return result;
}
// The lock is released before close(), not by it: a close() that fails must not leave the
// next append (or another Flowdesk) waiting for a lock nobody will release.
int closeFile(int fd)
{
    ::flock(fd, LOCK_UN);
    return ::close(fd);
}
// Other Flowdesk writers wait while this one checks the tail, writes its line (possibly in
// several write() calls) and, on failure, takes it back: O_APPEND alone keeps one write()
// whole, not a line that needed two. Advisory, and waited for at most 2 s: an append holds it
// for milliseconds, so a longer wait means a writer that hangs (stopped, or on a dead network
// file system), and the UI thread must not hang with it. Without the lock (that timeout, or
// ENOLCK on some network file systems) only O_APPEND's guarantee is left, which still keeps a
// line written in one write() whole; so it is not an error.
void lockFile(int fd)
{
    QDeadlineTimer deadline(2000);
    while (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        if ((errno != EWOULDBLOCK && errno != EINTR) || deadline.hasExpired())
            return;
        ::usleep(2000);
    }
}
qint64 fileSize(int fd)
{
    struct stat info {};
    return ::fstat(fd, &info) == 0 ? qint64(info.st_size) : -1;
}
int truncateTo(int fd, qint64 size)
{
    int result;
    do {
        result = ::ftruncate(fd, off_t(size));
    } while (result != 0 && errno == EINTR);
    return result;
}
// A crash or a failed write can leave a line without its newline.
bool endsWithNewline(int fd, qint64 size)
{
    if (size <= 0)
        return true;
    char last = '\n';
    return ::pread(fd, &last, 1, size - 1) != 1 || last == '\n';
}
// A new file's name lives in its folder: fsync the folder so that the name survives a crash
// too. 0, or -1 with errno. A folder that cannot be opened, or a file system that cannot sync
// folders (EINVAL), is no evidence of a lost name; an I/O error is.
int syncFolder(const QString &folder)
{
    const int fd = ::open(QFile::encodeName(folder).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    int result = syncFile(fd);
    const int error = errno;
    ::close(fd);
    if (result != 0 && error == EINVAL)
        result = 0;
    errno = error;
    return result;
}
#endif

// What the writer puts after a torn tail (a line that has no newline) before its own line: the
// torn line then ends in "#torn", which no JSON object does, so it can never read as an entry,
// even when all that was missing was its newline; its bytes stay for whoever investigates.
constexpr char tornMark[] = " #torn\n";

} // namespace

AuditLog::AuditLog(QString filePath)
    : m_filePath(std::move(filePath))
{
}

QString AuditLog::defaultFilePath()
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return folder.isEmpty() ? QString() : folder + QStringLiteral("/audit-log.jsonl");
}

bool AuditLog::fail(const QString &message)
{
    m_errorString = message;
    return false;
}

bool AuditLog::append(const AuditEntry &entry)
{
    return appendAll({entry});
}

bool AuditLog::appendAll(const QList<AuditEntry> &entries)
{
    m_errorString.clear();
    if (m_filePath.isEmpty())
        return fail(tr("The audit log has no location: the system reports no application data "
                       "folder. Set a writable home folder and restart Flowdesk."));

    const QFileInfo file(m_filePath);
    const QString folder = file.absolutePath();
    if (!QFileInfo(folder).isDir() && !QDir().mkpath(folder))
        return fail(tr("Cannot create the folder %1 for the audit log. Check that the path is a "
                       "folder you can write to.").arg(QDir::toNativeSeparators(folder)));
    const bool created = !file.exists();

    QByteArray line;
    for (const AuditEntry &entry : entries) {
        line.append(QJsonDocument(entry.toJson()).toJson(QJsonDocument::Compact));
        line.append('\n');
    }
    if (line.isEmpty())
        return true;

    const int fd = openForAppend(m_filePath);
    if (fd < 0)
        return fail(tr("Cannot open the audit log %1: %2. Check that you can write to it.")
                        .arg(QDir::toNativeSeparators(m_filePath), systemError(errno)));
    lockFile(fd);
    // Where this line starts (under the lock nobody else appends): what a failure takes back.
    const qint64 start = fileSize(fd);
    if (!endsWithNewline(fd, start))
        line.prepend(tornMark);

    // Continue short writes: a write() that stopped early (a signal, a nearly full disk) is
    // not a failure yet; one that fails, or makes no progress, is.
    qint64 written = 0;
    int writeError = 0;
    while (written < line.size()) {
        const qint64 n = writeSome(fd, line.constData() + written, line.size() - written);
        if (n <= 0) {
            writeError = n < 0 ? errno : 0;
            break;
        }
        written += n;
    }
    const QString path = QDir::toNativeSeparators(m_filePath);
    if (written != line.size()) {
        // A piece of a line stays harmless (it has no newline; the next append marks it torn),
        // but take it back when nobody appended since: the log stays as it was.
        takeBack(fd, start, written);
        closeFile(fd);
        if (writeError != 0)
            return fail(tr("Cannot write the audit log %1: %2. Free some space or check the disk, "
                           "then try again.")
                            .arg(path, systemError(writeError)));
        return fail(tr("Cannot write the audit log %1: only %2 of %3 bytes could be written. Free "
                       "some space or check the disk, then try again.")
                        .arg(path)
                        .arg(written)
                        .arg(line.size()));
    }
    // Not durable until fsync says so, the file's name included when it was just created: a
    // failed fsync may have lost the line (Linux even forgets the error afterwards), so the
    // append fails, and the line is taken back so that it does not read as a cancel that was
    // sent.
    QString notOnDisk;
    if (syncFile(fd) != 0)
        notOnDisk = systemError(errno);
    else if (created && syncFolder(folder) != 0)
        notOnDisk = tr("the folder %1 could not be saved: %2")
                        .arg(QDir::toNativeSeparators(folder), systemError(errno));
    if (!notOnDisk.isEmpty()) {
        const bool takenBack = takeBack(fd, start, written);
        closeFile(fd);
        return fail(takenBack
                        ? tr("Cannot save the audit log %1 to disk: %2. Check the disk, then try "
                             "again.").arg(path, notOnDisk)
                        : tr("Cannot save the audit log %1 to disk: %2. The entry could not be "
                             "taken back either: History may list this cancel although it was "
                             "not sent. Check the disk, then try again.").arg(path, notOnDisk));
    }
    // The line is on disk (fsync said so): a failing close() cannot undo that, and failing the
    // append now would leave an intent on record for a cancel that is then never sent.
    closeFile(fd);
    return true;
}

bool AuditLog::takeBack(int fd, qint64 start, qint64 written)
{
    if (written == 0)
        return true;
    // Only when the file ends where this append's bytes end: never cut someone else's line.
    if (start < 0 || fileSize(fd) != start + written || truncateTo(fd, start) != 0)
        return false;
    syncFile(fd); // best effort: the disk is failing already
    return true;
}

QString AuditLog::osUserName()
{
#ifndef Q_OS_WIN
    // The account the process runs as, not an environment variable anyone can set.
    if (const struct passwd *user = ::getpwuid(::geteuid()); user && user->pw_name)
        return QString::fromLocal8Bit(user->pw_name);
    for (const char *name : {"USER", "LOGNAME"}) {
        if (const QString value = qEnvironmentVariable(name); !value.isEmpty())
            return value;
    }
#else
    if (const QString value = qEnvironmentVariable("USERNAME"); !value.isEmpty())
        return value;
#endif
    return tr("unknown user");
}

} // namespace flowdesk::audit
