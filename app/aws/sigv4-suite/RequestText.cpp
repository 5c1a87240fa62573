#include "RequestText.h"

namespace flowdesk::aws::suite {

std::optional<sigv4::Request> RequestText::parse(const QByteArray &text, QString *error)
{
    QByteArray normalized = text;
    normalized.replace("\r\n", "\n");
    const QList<QByteArray> lines = normalized.split('\n');

    // The target may itself contain spaces (get-space), so the method ends at the first space
    // and the version, when there is one, starts at the last.
    const QByteArray requestLine = lines.value(0);
    const qsizetype firstSpace = requestLine.indexOf(' ');
    if (firstSpace <= 0) {
        *error = QStringLiteral("the first line is not an HTTP request line (METHOD /path HTTP/1.1)");
        return std::nullopt;
    }
    sigv4::Request request;
    request.method = requestLine.left(firstSpace);
    QByteArray target = requestLine.mid(firstSpace + 1);
    const qsizetype lastSpace = target.lastIndexOf(' ');
    if (lastSpace >= 0 && target.mid(lastSpace + 1).startsWith("HTTP/"))
        target.truncate(lastSpace);
    if (!target.startsWith('/')) {
        *error = QStringLiteral("the request target does not start with '/'");
        return std::nullopt;
    }
    const qsizetype question = target.indexOf('?');
    request.path = question < 0 ? target : target.left(question);
    request.query = question < 0 ? QByteArray() : target.mid(question + 1);

    qsizetype i = 1;
    for (; i < lines.size() && !lines[i].isEmpty(); ++i) {
        const QByteArray &line = lines[i];
        if (line.startsWith(' ') || line.startsWith('\t')) {
            if (request.headers.isEmpty()) {
                *error = QStringLiteral("line %1 continues a header but no header precedes it")
                             .arg(i + 1);
                return std::nullopt;
            }
            request.headers.last().second += '\n' + line;
            continue;
        }
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0) {
            *error = QStringLiteral("line %1 is not a header (Name:value)").arg(i + 1);
            return std::nullopt;
        }
        request.headers.append({line.left(colon).trimmed(), line.mid(colon + 1)});
    }
    if (i + 1 < lines.size())
        request.body = lines.mid(i + 1).join('\n');
    return request;
}

QList<QByteArray> RequestText::headerValues(const QList<sigv4::Header> &headers,
                                            const QByteArray &name)
{
    QList<QByteArray> values;
    for (const auto &[headerName, value] : headers) {
        if (headerName.compare(name, Qt::CaseInsensitive) == 0)
            values.append(value);
    }
    return values;
}

QByteArray RequestText::normalizedText(const QByteArray &text)
{
    QByteArray out = text;
    out.replace("\r\n", "\n");
    while (out.endsWith('\n'))
        out.chop(1);
    return out;
}

} // namespace flowdesk::aws::suite
