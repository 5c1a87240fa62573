#include "AuditLog.h"

#include <QByteArray>
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
qint64 writeOnce(int fd, const QByteArray &data)
{
    return ::_write(fd, data.constData(), static_cast<unsigned int>(data.size()));
}
int syncFile(int fd) { return ::_commit(fd); }
int closeFile(int fd) { return ::_close(fd); }
// Not checked on Windows (the file is opened write-only); a torn line there can cost the next
// line too, and the reader still skips both.
bool endsWithNewline(int) { return true; }
void syncFolder(const QString &) {}
#else
int openForAppend(const QString &path)
{
    // 0600: the log names accounts and flows; it is nobody else's business. Read access only
    // for endsWithNewline(); every write still goes to the end (O_APPEND).
    return ::open(QFile::encodeName(path).constData(), O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC,
                  S_IRUSR | S_IWUSR);
}
qint64 writeOnce(int fd, const QByteArray &data)
{
    ssize_t written;
    do {
        written = ::write(fd, data.constData(), static_cast<size_t>(data.size()));
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
int closeFile(int fd) { return ::close(fd); }
// A crash in the middle of a write can leave a line without its newline.
bool endsWithNewline(int fd)
{
    struct stat info {};
    if (::fstat(fd, &info) != 0 || info.st_size <= 0)
        return true;
    char last = '\n';
    return ::pread(fd, &last, 1, info.st_size - 1) != 1 || last == '\n';
}
// A new file's name lives in its folder: fsync the folder so the name survives a crash too.
void syncFolder(const QString &folder)
{
    const int fd = ::open(QFile::encodeName(folder).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}
#endif

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

    QByteArray line = QJsonDocument(entry.toJson()).toJson(QJsonDocument::Compact);
    line.append('\n');

    const int fd = openForAppend(m_filePath);
    if (fd < 0)
        return fail(tr("Cannot open the audit log %1: %2. Check that you can write to it.")
                        .arg(QDir::toNativeSeparators(m_filePath), systemError(errno)));
    if (!endsWithNewline(fd))
        line.prepend('\n');

    const qint64 written = writeOnce(fd, line);
    const int writeError = errno;
    if (written != line.size()) {
        closeFile(fd);
        if (written < 0)
            return fail(tr("Cannot write the audit log %1: %2.")
                            .arg(QDir::toNativeSeparators(m_filePath), systemError(writeError)));
        return fail(tr("Cannot write the audit log %1: only %2 of %3 bytes were written (is the "
                       "disk full?).")
                        .arg(QDir::toNativeSeparators(m_filePath))
                        .arg(written)
                        .arg(line.size()));
    }
    if (syncFile(fd) != 0) {
        const int syncError = errno;
        closeFile(fd);
        return fail(tr("Cannot save the audit log %1 to disk: %2.")
                        .arg(QDir::toNativeSeparators(m_filePath), systemError(syncError)));
    }
    if (closeFile(fd) != 0)
        return fail(tr("Cannot close the audit log %1: %2.")
                        .arg(QDir::toNativeSeparators(m_filePath), systemError(errno)));
    if (created)
        syncFolder(folder);
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
