#pragma once

#include <QByteArray>
#include <QUrl>

namespace flowdesk::aws {

// The Host header value Qt's network stack sends for `url` ("host" or "host:port" for a
// non-default port, IPv6 literals in brackets); SigV4 must sign exactly that.
QByteArray hostHeaderFor(const QUrl &url);

// application/x-www-form-urlencoded value: RFC 3986 unreserved characters kept, everything
// else percent-encoded (spaces as %20), as the AWS query protocol expects.
QByteArray formEncode(const QString &value);

} // namespace flowdesk::aws
