#include "CommandLineSplitter.h"

#include <utility>

namespace flowdesk::aws {

namespace {

bool isPosixSeparator(QChar c)
{
    return c == u' ' || c == u'\t' || c == u'\n' || c == u'\r';
}

// Characters a backslash escapes inside double quotes (POSIX 2.2.3).
bool isEscapableInDoubleQuotes(QChar c)
{
    return c == u'\\' || c == u'"' || c == u'$' || c == u'`' || c == u'\n';
}

} // namespace

CommandLineWords CommandLineSplitter::split(const QString &commandLine)
{
#ifdef Q_OS_WIN
    return splitWindows(commandLine);
#else
    return splitPosix(commandLine);
#endif
}

CommandLineWords CommandLineSplitter::splitPosix(const QString &commandLine)
{
    CommandLineWords result;
    QString word;
    bool inWord = false; // true once a word started, even if it is still empty ('')
    const qsizetype size = commandLine.size();

    for (qsizetype i = 0; i < size; ++i) {
        const QChar c = commandLine.at(i);
        if (isPosixSeparator(c)) {
            if (inWord)
                result.words.append(std::exchange(word, QString()));
            inWord = false;
        } else if (c == u'\\') {
            if (i + 1 == size) {
                return {{}, tr("it ends with a backslash that escapes nothing")};
            }
            const QChar next = commandLine.at(++i);
            if (next == u'\n')
                continue; // line continuation: both characters disappear
            word += next;
            inWord = true;
        } else if (c == u'\'') {
            const qsizetype close = commandLine.indexOf(u'\'', i + 1);
            if (close < 0) {
                return {{}, tr("the single quote at character %1 is never closed").arg(i + 1)};
            }
            word += QStringView(commandLine).mid(i + 1, close - i - 1);
            inWord = true;
            i = close;
        } else if (c == u'"') {
            const qsizetype open = i;
            bool closed = false;
            while (++i < size) {
                const QChar q = commandLine.at(i);
                if (q == u'"') {
                    closed = true;
                    break;
                }
                if (q == u'\\' && i + 1 < size && isEscapableInDoubleQuotes(commandLine.at(i + 1))) {
                    const QChar next = commandLine.at(++i);
                    if (next != u'\n')
                        word += next;
                    continue;
                }
                word += q;
            }
            if (!closed)
                return {{}, tr("the double quote at character %1 is never closed").arg(open + 1)};
            inWord = true;
        } else {
            word += c;
            inWord = true;
        }
    }
    if (inWord)
        result.words.append(word);
    return result;
}

CommandLineWords CommandLineSplitter::splitWindows(const QString &commandLine)
{
    CommandLineWords result;
    QString word;
    bool inWord = false;
    bool quoted = false;
    qsizetype quoteOpened = -1; // where the current quoted part began, for the message
    qsizetype backslashes = 0;  // pending: literal unless a quote follows

    for (qsizetype i = 0; i < commandLine.size(); ++i) {
        const QChar c = commandLine.at(i);
        if (c == u'\\') {
            ++backslashes;
            continue;
        }
        if (c == u'"') {
            word += QString(backslashes / 2, u'\\');
            const bool escaped = backslashes % 2 == 1;
            backslashes = 0;
            inWord = true;
            if (escaped) {
                word += u'"';
                continue;
            }
            quoted = !quoted;
            quoteOpened = i;
            continue;
        }
        word += QString(backslashes, u'\\');
        if (backslashes > 0)
            inWord = true;
        backslashes = 0;
        if ((c == u' ' || c == u'\t') && !quoted) {
            if (inWord)
                result.words.append(std::exchange(word, QString()));
            inWord = false;
            continue;
        }
        word += c;
        inWord = true;
    }
    if (quoted)
        return {{}, tr("the double quote at character %1 is never closed").arg(quoteOpened + 1)};
    if (backslashes > 0) {
        word += QString(backslashes, u'\\');
        inWord = true;
    }
    if (inWord)
        result.words.append(word);
    return result;
}

} // namespace flowdesk::aws
