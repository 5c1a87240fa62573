#pragma once

#include <QCoreApplication>

#include "RegularFile.h"

#include <QHash>
#include <QList>
#include <QMap>
#include <QString>

namespace flowdesk::aws {

// One section of an AWS shared config or credentials file.
struct AwsIniSection {
    // "profile" ([default], [profile x] in config; every section of the credentials file),
    // "sso-session", "services", or another prefix the file used ([plugins], [foo bar]).
    QString kind;
    QString name;
    int line = 0; // 1-based line of the header, for messages
    QMap<QString, QString> values;                          // key = value
    QMap<QString, QMap<QString, QString>> subSections;      // key =\n  sub = value

    QString value(const QString &key) const { return values.value(key); }
    bool contains(const QString &key) const { return values.contains(key); }
};

// Parser for the INI dialect of ~/.aws/config and ~/.aws/credentials, the way the AWS CLI
// reads them: [section] headers (with "profile "/"sso-session "/"services " prefixes in the
// config file), full-line comments starting with '#' or ';', inline comments after whitespace,
// and indented sub-sections ("s3 =" followed by indented "key = value" lines). Key names are
// case-sensitive like the CLI's. Errors carry the file name and line number.
class AwsIniFile
{
    Q_DECLARE_TR_FUNCTIONS(AwsIniFile)

public:
    enum class Kind { Config, Credentials };

    // Parses `text`; `fileName` is only used in messages. On a syntax error, isValid() is false
    // and errorString() says which line is wrong and how.
    static AwsIniFile parse(const QByteArray &text, Kind kind, const QString &fileName);
    // The largest file load() reads. Real files are a few kilobytes (4 MiB is some 50,000
    // profiles); the cap bounds what a wrong file (a huge log, a link to /dev/zero) can cost.
    static constexpr qint64 kMaxFileSize = 4 * 1024 * 1024;

    // Reads and parses a file: the one place where the AWS config and credentials files are
    // opened. A missing file is valid and empty (the CLI treats it the same); an unreadable
    // one is an error, and so is anything but a regular file after following links (a FIFO
    // would block, /dev/zero would never end) or a file above kMaxFileSize: nothing here blocks
    // or reads without bound (see readRegularFile). Most callers want AwsIniFileCache::load,
    // which parses a file only when it changed.
    static AwsIniFile load(const QString &path, Kind kind);
    // What load() makes of a file read with readRegularFile(path, kMaxFileSize).
    static AwsIniFile fromRead(const RegularFileRead &read, const QString &path, Kind kind);

    bool isValid() const { return m_error.isEmpty(); }
    QString errorString() const { return m_error; }
    QString fileName() const { return m_fileName; }
    bool exists() const { return m_exists; }

    const QList<AwsIniSection> &sections() const { return m_sections; }
    // nullptr when absent (a hash lookup). Repeated sections were merged while parsing (later
    // keys win).
    const AwsIniSection *section(const QString &kind, const QString &name) const;
    QStringList names(const QString &kind) const;

private:
    friend class AwsIniFileCache; // names a shared parse after the path it was asked for

    static QString sectionKey(const QString &kind, const QString &name);

    QString m_fileName;
    QString m_error;
    bool m_exists = false;
    // Both implicitly shared: copying a parsed file (as the cache hands it out) costs no parse
    // and no deep copy.
    QList<AwsIniSection> m_sections;
    QHash<QString, qsizetype> m_index; // sectionKey → index in m_sections
};

} // namespace flowdesk::aws
