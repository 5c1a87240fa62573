#pragma once

#include "SigV4.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace flowdesk::aws::suite {

// Reads the plain-text HTTP requests of the test suites ("GET /path?query HTTP/1.1", headers
// "Name:value", a blank line, the body). The request-line target is kept raw: the suites write
// paths such as "/example space/" and "/ሴ" unencoded, which is exactly what the signer expects
// (see sigv4::canonicalUri). Continuation lines (leading space or tab) stay part of the value,
// newline included, because folding them is the signer's job.
class RequestText
{
public:
    static std::optional<sigv4::Request> parse(const QByteArray &text, QString *error);

    // All values of `name` (case-insensitive), in order.
    static QList<QByteArray> headerValues(const QList<sigv4::Header> &headers,
                                          const QByteArray &name);
    // CRLF → LF, and without the trailing newlines editors and some suites add.
    static QByteArray normalizedText(const QByteArray &text);
};

} // namespace flowdesk::aws::suite
