#include "AwsIniFile.h"

#include <QCoreApplication>


namespace flowdesk::aws {

namespace {

bool isBlank(QChar c)
{
    return c == u' ' || c == u'\t';
}

// A '#' or ';' preceded by whitespace starts a comment in a value (the AWS SDKs' shared-file
// rule); one glued to text ("abc#def") is part of the value.
QString stripInlineComment(const QString &text)
{
    for (qsizetype i = 1; i < text.size(); ++i) {
        if ((text.at(i) == u'#' || text.at(i) == u';') && isBlank(text.at(i - 1)))
            return text.left(i);
    }
    return text;
}

// Where a property line splits into key and value: the first '=' or ':' (configparser's
// delimiters, which the CLI uses). -1 when there is none.
qsizetype delimiterIndex(const QString &line)
{
    const qsizetype eq = line.indexOf(u'=');
    const qsizetype colon = line.indexOf(u':');
    if (eq < 0)
        return colon;
    if (colon < 0)
        return eq;
    return std::min(eq, colon);
}

} // namespace

AwsIniFile AwsIniFile::parse(const QByteArray &text, Kind kind, const QString &fileName)
{
    AwsIniFile file;
    file.m_fileName = fileName;
    file.m_exists = true;

    auto fail = [&](int lineNumber, const QString &what) {
        // Never quote the offending line: in the credentials file it may hold a secret key.
        file.m_error = tr("%1, line %2: %3").arg(fileName).arg(lineNumber).arg(what);
        file.m_sections.clear();
        file.m_index.clear();
        return file;
    };

    const QStringList lines = QString::fromUtf8(text).split(u'\n');
    AwsIniSection *current = nullptr;
    QString lastKey;           // the property indented lines belong to
    bool inSubSection = false; // lastKey had an empty value: indented lines are "k = v"

    for (int i = 0; i < lines.size(); ++i) {
        const int lineNumber = i + 1;
        QString raw = lines.at(i);
        if (raw.endsWith(u'\r'))
            raw.chop(1);
        if (i == 0 && raw.startsWith(QChar(0xfeff)))
            raw.remove(0, 1); // UTF-8 byte order mark written by some Windows editors
        const QString line = raw.trimmed();
        if (line.isEmpty() || line.startsWith(u'#') || line.startsWith(u';'))
            continue;

        const bool indented = isBlank(raw.at(0));
        if (line.startsWith(u'[')) {
            const qsizetype close = line.indexOf(u']');
            if (close < 0)
                return fail(lineNumber, tr("the section header has no closing ']'."));
            const QString rest = line.mid(close + 1).trimmed();
            if (!rest.isEmpty() && !rest.startsWith(u'#') && !rest.startsWith(u';'))
                return fail(lineNumber, tr("unexpected text after the section header's ']'."));
            const QString header = line.mid(1, close - 1).trimmed();
            if (header.isEmpty())
                return fail(lineNumber, tr("the section header has no name ('[]')."));

            AwsIniSection section;
            section.line = lineNumber;
            if (kind == Kind::Credentials) {
                section.kind = QStringLiteral("profile");
                section.name = header;
            } else if (header == u"default") {
                section.kind = QStringLiteral("profile");
                section.name = header;
            } else {
                const qsizetype space = header.indexOf(u' ');
                section.kind = space < 0 ? QString() : header.left(space);
                section.name = space < 0 ? header : header.mid(space + 1).trimmed();
                if (section.kind == u"profile" || section.kind == u"sso-session"
                    || section.kind == u"services") {
                    if (section.name.isEmpty() || section.name.contains(u' '))
                        return fail(lineNumber, tr("'[%1 …]' needs exactly one name after '%1'.")
                                                    .arg(section.kind));
                }
            }
            // A repeated section continues the first one, later keys overriding (the CLI
            // merges them the same way); [default] and [profile default] are one profile.
            // Looked up in the index: a scan here made a file of n sections cost n² compares.
            const QString key = sectionKey(section.kind, section.name);
            const auto existing = file.m_index.constFind(key);
            if (existing != file.m_index.cend()) {
                current = &file.m_sections[*existing];
            } else {
                file.m_index.insert(key, file.m_sections.size());
                file.m_sections.append(section);
                current = &file.m_sections.last();
            }
            lastKey.clear();
            inSubSection = false;
            continue;
        }

        if (!current)
            return fail(lineNumber, tr("a setting appears before the first [section] header."));

        if (indented && !lastKey.isEmpty()) {
            if (inSubSection) {
                const qsizetype delimiter = delimiterIndex(line);
                if (delimiter <= 0)
                    return fail(lineNumber, tr("expected 'key = value' inside the indented "
                                               "settings of '%1'.").arg(lastKey));
                const QString key = line.left(delimiter).trimmed();
                const QString value = stripInlineComment(line.mid(delimiter + 1)).trimmed();
                current->subSections[lastKey].insert(key, value);
            } else {
                // A continuation line of a multi-line value, as configparser reads it.
                QString &value = current->values[lastKey];
                value += u'\n' + stripInlineComment(line).trimmed();
            }
            continue;
        }
        if (indented)
            return fail(lineNumber, tr("an indented line does not follow a setting it could "
                                       "belong to."));

        const qsizetype delimiter = delimiterIndex(line);
        if (delimiter < 0)
            return fail(lineNumber, tr("expected 'key = value', a [section] header or a comment."));
        const QString key = line.left(delimiter).trimmed();
        if (key.isEmpty())
            return fail(lineNumber, tr("the setting has no name before '='."));
        const QString value = stripInlineComment(line.mid(delimiter + 1)).trimmed();
        current->values.insert(key, value);
        current->subSections.remove(key);
        lastKey = key;
        inSubSection = value.isEmpty();
    }
    return file;
}

AwsIniFile AwsIniFile::load(const QString &path, Kind kind)
{
    return fromRead(readRegularFile(path, kMaxFileSize), path, kind);
}

AwsIniFile AwsIniFile::fromRead(const RegularFileRead &read, const QString &path, Kind kind)
{
    AwsIniFile result;
    result.m_fileName = path;
    const auto fail = [&](const QString &error) {
        result.m_exists = true;
        result.m_error = error;
        return result;
    };

    switch (read.status) {
    case RegularFileRead::Status::Missing:
        return result; // missing (or a dangling link): valid and empty, as for the CLI
    case RegularFileRead::Status::NotRegular:
        return fail(tr("%1%2 is %3, not a regular file. Flowdesk reads AWS settings only from "
                       "regular files; replace it with one.")
                        .arg(path,
                             read.linkTarget.isEmpty()
                                 ? QString()
                                 : tr(" (it is a link to %1)").arg(read.linkTarget),
                             read.notRegularWhat));
    case RegularFileRead::Status::TooBig:
        return fail(tr("%1 is %2 MiB; Flowdesk reads AWS config and credentials files of at most "
                       "%3 MiB. Check that it is the right file.")
                        .arg(path, QString::number(static_cast<double>(read.size) / (1024 * 1024),
                                                   'f', 1))
                        .arg(kMaxFileSize / (1024 * 1024)));
    case RegularFileRead::Status::Unreadable:
        return fail(tr("Cannot read %1: %2. Check the file's permissions.")
                        .arg(path, read.systemError));
    case RegularFileRead::Status::Changed:
        return fail(tr("%1 changed while Flowdesk opened it; it is not a regular file now.")
                        .arg(path));
    case RegularFileRead::Status::Read:
        break;
    }
    return parse(read.data, kind, path);
}

QString AwsIniFile::sectionKey(const QString &kind, const QString &name)
{
    // A newline can be in neither a kind nor a name (both come from one header line).
    return kind + u'\n' + name;
}

const AwsIniSection *AwsIniFile::section(const QString &kind, const QString &name) const
{
    const auto found = m_index.constFind(sectionKey(kind, name));
    return found == m_index.cend() ? nullptr : &m_sections.at(*found);
}

QStringList AwsIniFile::names(const QString &kind) const
{
    QStringList result;
    for (const AwsIniSection &s : m_sections) {
        if (s.kind == kind)
            result.append(s.name);
    }
    return result;
}

} // namespace flowdesk::aws
