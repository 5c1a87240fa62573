#pragma once

// Shared by the fuzz targets: turning libFuzzer's bytes into the inputs of the parsers. Kept
// trivial on purpose — the parsers under test must do the hard work, not this.

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <cstddef>
#include <cstdint>

namespace flowdesk::fuzz {

inline QByteArray bytes(const uint8_t *data, size_t size)
{
    // A deep copy: the parsers may keep views into it beyond this call.
    return QByteArray(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
}

// An HTTP message as text: a start line, "Name: value" header lines, an empty line, the body.
// Lines end with "\n" or "\r\n"; a header line without ':' is a name with an empty value.
struct TextMessage {
    QByteArray startLine;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
};

inline TextMessage textMessage(const QByteArray &input)
{
    TextMessage message;
    qsizetype headEnd = input.indexOf("\r\n\r\n");
    qsizetype bodyStart = headEnd + 4;
    const qsizetype lfEnd = input.indexOf("\n\n");
    if (lfEnd >= 0 && (headEnd < 0 || lfEnd < headEnd)) {
        headEnd = lfEnd;
        bodyStart = lfEnd + 2;
    }
    const QByteArray head = headEnd < 0 ? input : input.left(headEnd);
    if (headEnd >= 0)
        message.body = input.mid(bodyStart);
    const QList<QByteArray> lines = head.split('\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QByteArray line = lines.at(i);
        if (line.endsWith('\r'))
            line.chop(1);
        if (i == 0) {
            message.startLine = line;
            continue;
        }
        const qsizetype colon = line.indexOf(':');
        if (colon < 0)
            message.headers.append({line, QByteArray()});
        else
            message.headers.append({line.left(colon), line.mid(colon + 1).trimmed()});
    }
    return message;
}

// A command line: one argument per line (an empty line is an empty argument), decoded as UTF-8.
inline QStringList argumentLines(const QByteArray &input)
{
    QStringList arguments;
    for (const QByteArray &line : input.split('\n'))
        arguments.append(QString::fromUtf8(line));
    return arguments;
}

} // namespace flowdesk::fuzz
