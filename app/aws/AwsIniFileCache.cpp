#include "AwsIniFileCache.h"

#include <QDateTime>
#include <QFileInfo>
#include <QMutexLocker>

#include <algorithm>

namespace flowdesk::aws {

namespace {

bool isRacy(const FileStamp &stamp)
{
    const qint64 nowNs = QDateTime::currentMSecsSinceEpoch() * 1'000'000;
    return nowNs - std::max(stamp.mtimeNs, stamp.ctimeNs) < AwsIniFileCache::kRacyWindowNs;
}

} // namespace

AwsIniFileCache &AwsIniFileCache::instance()
{
    static AwsIniFileCache cache;
    return cache;
}

AwsIniFile AwsIniFileCache::load(const QString &path, AwsIniFile::Kind kind)
{
    return instance().get(path, kind);
}

AwsIniFile AwsIniFileCache::get(const QString &path, AwsIniFile::Kind kind)
{
    const std::optional<FileStamp> current = regularFileStamp(path);
    const QString canonical = current ? QFileInfo(path).canonicalFilePath() : QString();
    if (!current || canonical.isEmpty())
        return AwsIniFile::load(path, kind); // missing or wrong: cheap, and says why

    const QString key = (kind == AwsIniFile::Kind::Config ? u'c' : u'k') + canonical;
    // An error message names the path it was read through; through another path (a link,
    // AWS_CONFIG_FILE) the file is parsed again rather than quoting a path the user did not give.
    const auto usable = [&](const Entry &entry, const FileStamp &stamp) {
        return entry.stamp == stamp && (entry.file.isValid() || entry.requestedPath == path);
    };
    const auto named = [&](AwsIniFile file) {
        file.m_fileName = path;
        return file;
    };
    std::optional<Entry> racy;
    {
        QMutexLocker locker(&m_mutex);
        const auto found = m_entries.find(key);
        if (found != m_entries.end() && usable(*found, *current)) {
            found->lastUse = ++m_useClock;
            if (!found->racy)
                return named(found->file);
            racy = *found;
        }
    }

    const RegularFileRead read = readRegularFile(path, AwsIniFile::kMaxFileSize);
    if (read.status != RegularFileRead::Status::Read)
        return AwsIniFile::fromRead(read, path, kind);
    Entry entry;
    entry.stamp = read.stamp;
    entry.requestedPath = path;
    entry.racy = isRacy(read.stamp);
    if (racy && usable(*racy, read.stamp) && racy->racyContent == read.data) {
        entry.file = racy->file; // the same bytes: the parse still holds
        entry.requestedPath = racy->requestedPath;
    } else {
        entry.file = AwsIniFile::parse(read.data, kind, path);
        QMutexLocker locker(&m_mutex);
        ++m_parseCount;
    }
    if (entry.racy)
        entry.racyContent = read.data;
    AwsIniFile result = named(entry.file);
    // The stamp is the opened file's, taken before reading: if the file changed while it was
    // read, the next get() sees another stamp and reads it again.
    store(key, std::move(entry));
    return result;
}

void AwsIniFileCache::store(const QString &key, Entry entry)
{
    QMutexLocker locker(&m_mutex);
    entry.lastUse = ++m_useClock;
    m_entries.insert(key, std::move(entry));
    if (m_entries.size() > kMaxEntries) {
        const auto oldest = std::min_element(m_entries.begin(), m_entries.end(),
                                             [](const Entry &a, const Entry &b) {
                                                 return a.lastUse < b.lastUse;
                                             });
        m_entries.erase(oldest);
    }
}

int AwsIniFileCache::parseCount() const
{
    QMutexLocker locker(&m_mutex);
    return m_parseCount;
}

void AwsIniFileCache::clear()
{
    QMutexLocker locker(&m_mutex);
    m_entries.clear();
    m_parseCount = 0;
}

} // namespace flowdesk::aws
