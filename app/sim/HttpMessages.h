#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QPair>

namespace flowdesk::sim {

// A request as it came off the wire (HttpRequestParser), kept byte for byte so its signature
// can be verified.
struct HttpRequest {
    QByteArray method;                              // "POST"
    QByteArray path;                                // percent-encoded as sent
    QByteArray query;                               // without '?'
    QList<QPair<QByteArray, QByteArray>> headers;   // names as sent, values without OWS
    QByteArray body;                                // de-chunked
    QHostAddress remoteAddress;
    QByteArray version;                             // "HTTP/1.1" or "HTTP/1.0"
    // Whether the connection stays open after the answer: HTTP/1.1 unless "Connection: close",
    // HTTP/1.0 only with "Connection: keep-alive".
    bool keepAlive = true;

    QByteArray header(const QByteArray &name) const
    {
        for (const auto &header : headers) {
            if (header.first.compare(name, Qt::CaseInsensitive) == 0)
                return header.second;
        }
        return {};
    }
    bool hasHeader(const QByteArray &name) const
    {
        for (const auto &header : headers) {
            if (header.first.compare(name, Qt::CaseInsensitive) == 0)
                return true;
        }
        return false;
    }
};

// An answer to write back.
struct HttpReply {
    int status = 200;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QString errorCode;   // for the request log; empty on success

    static HttpReply withBody(int status, const QByteArray &contentType, const QByteArray &body)
    {
        HttpReply reply;
        reply.status = status;
        reply.headers.append({QByteArrayLiteral("Content-Type"), contentType});
        reply.body = body;
        return reply;
    }
};

} // namespace flowdesk::sim
