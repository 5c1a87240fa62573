#include "RegularFile.h"

#include <QCoreApplication>
#include <QFile>
#include <QDateTime>
#include <QFileInfo>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace flowdesk::aws {

namespace {

// The translation context of the words of this file's free functions: lupdate reads Name::tr("...") calls, not a
// home-made tr() helper.
class RegularFile
{
    Q_DECLARE_TR_FUNCTIONS(RegularFile)
};

#ifdef Q_OS_UNIX
std::optional<QString> notRegularKind(mode_t mode)
{
    if (S_ISREG(mode))
        return std::nullopt;
    if (S_ISDIR(mode))
        return RegularFile::tr("a folder");
    if (S_ISFIFO(mode))
        return RegularFile::tr("a named pipe (FIFO)");
    if (S_ISCHR(mode) || S_ISBLK(mode))
        return RegularFile::tr("a device");
    if (S_ISSOCK(mode))
        return RegularFile::tr("a socket");
    return RegularFile::tr("not a file");
}

FileStamp stampOf(const struct stat &status)
{
    FileStamp stamp;
    stamp.device = quint64(status.st_dev);
    stamp.inode = quint64(status.st_ino);
    stamp.size = qint64(status.st_size);
    stamp.mtimeNs = qint64(status.st_mtim.tv_sec) * 1'000'000'000 + status.st_mtim.tv_nsec;
    stamp.ctimeNs = qint64(status.st_ctim.tv_sec) * 1'000'000'000 + status.st_ctim.tv_nsec;
    return stamp;
}
#endif

} // namespace

RegularFileRead readRegularFile(const QString &path, qint64 maxSize)
{
    RegularFileRead result;
    using Status = RegularFileRead::Status;
    const auto notRegular = [&](const QString &what) {
        const QFileInfo info(path);
        result.status = Status::NotRegular;
        result.notRegularWhat = what;
        if (info.isSymLink())
            result.linkTarget = info.symLinkTarget();
        return result;
    };
    const auto tooBig = [&](qint64 size) {
        result.status = Status::TooBig;
        result.size = size;
        return result;
    };
    const auto unreadable = [&](const QString &why) {
        result.status = Status::Unreadable;
        result.systemError = why;
        return result;
    };

#ifdef Q_OS_UNIX
    // stat() first, so that a device or FIFO is never even opened; then open without blocking
    // (opening a FIFO for reading would wait for a writer) and check the opened file again, in
    // case the path changed in between.
    const QByteArray nativePath = QFile::encodeName(path);
    struct stat status {};
    if (::stat(nativePath.constData(), &status) != 0) {
        if (errno == ENOENT)
            return result; // missing, or a dangling link
        return unreadable(QString::fromLocal8Bit(std::strerror(errno)));
    }
    if (const auto what = notRegularKind(status.st_mode))
        return notRegular(*what);
    if (status.st_size > maxSize)
        return tooBig(status.st_size);

    const int fd = ::open(nativePath.constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return unreadable(QString::fromLocal8Bit(std::strerror(errno)));
    if (::fstat(fd, &status) != 0 || notRegularKind(status.st_mode)) {
        ::close(fd);
        result.status = Status::Changed;
        return result;
    }
    result.stamp = stampOf(status);
    QFile file;
    if (!file.open(fd, QIODevice::ReadOnly, QFileDevice::AutoCloseHandle)) {
        ::close(fd);
        return unreadable(file.errorString());
    }
#else
    const QFileInfo info(path);
    if (!info.exists())
        return result;
    if (info.isDir())
        return notRegular(RegularFile::tr("a folder"));
    if (!info.isFile())
        return notRegular(RegularFile::tr("not a file"));
    if (info.size() > maxSize)
        return tooBig(info.size());
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return unreadable(file.errorString());
    result.stamp.size = info.size();
    result.stamp.mtimeNs = info.lastModified().toMSecsSinceEpoch() * 1'000'000;
#endif
    // Never more than the cap, even if the file grows while it is read; and in 64 KiB pieces,
    // not one read of the cap: reading a 4 MiB buffer for every small file cost 40 ms per load
    // under ASan (a fuzzing finding).
    QByteArray data;
    while (data.size() <= maxSize) {
        const QByteArray piece = file.read(qMin<qint64>(64 * 1024, maxSize + 1 - data.size()));
        if (piece.isEmpty())
            break;
        data += piece;
    }
    if (data.size() > maxSize)
        return tooBig(data.size());
    result.status = Status::Read;
    result.size = data.size();
    result.data = std::move(data);
    return result;
}

std::optional<FileStamp> regularFileStamp(const QString &path)
{
#ifdef Q_OS_UNIX
    struct stat status {};
    if (::stat(QFile::encodeName(path).constData(), &status) != 0 || !S_ISREG(status.st_mode))
        return std::nullopt;
    return stampOf(status);
#else
    const QFileInfo info(path);
    if (!info.isFile())
        return std::nullopt;
    FileStamp stamp;
    stamp.size = info.size();
    stamp.mtimeNs = info.lastModified().toMSecsSinceEpoch() * 1'000'000;
    return stamp;
#endif
}

} // namespace flowdesk::aws
