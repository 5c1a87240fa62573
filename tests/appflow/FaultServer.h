#pragma once

// A deliberately small HTTP/1.1 server for the client's fault tests: it answers each request
// with whatever the test scripts — a modeled error, garbage, an HTML page, a body shorter than
// its Content-Length, a TCP reset, or silence — which a well-behaved server cannot produce.
// Test support only; the simulator (app/sim) is the real service stand-in.

#include <QDateTime>
#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QLocale>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>

#include <functional>

#include <sys/socket.h>

namespace faulttest {

struct RecordedRequest {
    QByteArray method;
    QByteArray path;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    QByteArray header(QByteArrayView name) const
    {
        for (const auto &[key, value] : headers) {
            if (key.compare(name, Qt::CaseInsensitive) == 0)
                return value;
        }
        return {};
    }
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

struct FaultAction {
    enum class Kind { Respond, Truncate, Reset, Hang, Stream };
    Kind kind = Kind::Respond;
    QByteArray raw;  // the bytes to write for Respond/Truncate; the head for Stream
    int delayMs = 0; // wait this long before acting
    QByteArray chunk;     // Stream: written every intervalMs, forever (until the client leaves)
    int intervalMs = 0;

    static QByteArray httpDate(const QDateTime &time = QDateTime::currentDateTimeUtc())
    {
        return QLocale::c()
            .toString(time.toUTC(), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"))
            .toLatin1();
    }

    static FaultAction respond(int status, const QByteArray &reason, const QByteArray &body,
                               const QList<QPair<QByteArray, QByteArray>> &headers = {},
                               qsizetype claimedLength = -1)
    {
        FaultAction action;
        QByteArray raw = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason + "\r\n";
        bool hasDate = false;
        for (const auto &[name, value] : headers) {
            raw += name + ": " + value + "\r\n";
            hasDate = hasDate || name.compare("date", Qt::CaseInsensitive) == 0;
        }
        if (!hasDate)
            raw += "Date: " + httpDate() + "\r\n";
        raw += "Content-Length: "
               + QByteArray::number(claimedLength >= 0 ? claimedLength : body.size()) + "\r\n";
        raw += "Connection: close\r\n\r\n" + body;
        action.raw = raw;
        return action;
    }
    static FaultAction json(const QJsonObject &object, const QByteArray &requestId = "rid-ok")
    {
        return respond(200, "OK", QJsonDocument(object).toJson(QJsonDocument::Compact),
                       {{"Content-Type", "application/json"}, {"x-amzn-RequestId", requestId}});
    }
    // An AppFlow-style modeled error: status + X-Amzn-ErrorType + {"message": …}.
    static FaultAction error(int status, const QByteArray &reason, const QByteArray &type,
                             const QByteArray &message, const QByteArray &requestId = "rid-err",
                             QList<QPair<QByteArray, QByteArray>> extraHeaders = {})
    {
        extraHeaders += {{"Content-Type", "application/json"},
                         {"X-Amzn-ErrorType", type},
                         {"x-amzn-RequestId", requestId}};
        return respond(status, reason,
                       QJsonDocument(QJsonObject{{QStringLiteral("message"),
                                                  QString::fromUtf8(message)}})
                           .toJson(QJsonDocument::Compact),
                       extraHeaders);
    }
    static FaultAction truncated(const QByteArray &partialBody, qsizetype claimedLength)
    {
        FaultAction action = respond(200, "OK", partialBody,
                                     {{"Content-Type", "application/json"}}, claimedLength);
        action.kind = Kind::Truncate;
        return action;
    }
    static FaultAction reset()
    {
        FaultAction action;
        action.kind = Kind::Reset;
        return action;
    }
    // A 200 with a chunked body that never ends: `chunk` (as one HTTP chunk) every intervalMs.
    static FaultAction endless(const QByteArray &chunk, int intervalMs)
    {
        FaultAction action;
        action.kind = Kind::Stream;
        action.raw = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                     "Transfer-Encoding: chunked\r\n\r\n";
        action.chunk = QByteArray::number(chunk.size(), 16) + "\r\n" + chunk + "\r\n";
        action.intervalMs = intervalMs;
        return action;
    }
    static FaultAction hang()
    {
        FaultAction action;
        action.kind = Kind::Hang;
        return action;
    }
    FaultAction delayed(int ms) const
    {
        FaultAction copy = *this;
        copy.delayMs = ms;
        return copy;
    }
};

class FaultServer
{
public:
    // Called for every complete request with its 0-based index.
    using Handler = std::function<FaultAction(const RecordedRequest &request, int index)>;

    explicit FaultServer(Handler handler)
        : m_handler(std::move(handler))
    {
        QObject::connect(&m_server, &QTcpServer::newConnection, &m_server, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                ++m_connections;
                auto buffer = std::make_shared<QByteArray>();
                QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket, buffer] {
                    *buffer += socket->readAll();
                    serve(socket, *buffer);
                });
                QObject::connect(socket, &QTcpSocket::disconnected, socket, [this, socket] {
                    ++m_disconnects;
                    socket->deleteLater();
                });
            }
        });
    }

    bool listen() { return m_server.listen(QHostAddress::LocalHost); }
    QUrl url() const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:") + QString::number(m_server.serverPort()));
    }

    const QList<RecordedRequest> &requests() const { return m_requests; }
    int connections() const { return m_connections; }
    int disconnects() const { return m_disconnects; }
    int maxOpenRequests() const { return m_maxOpen; }

private:
    void serve(QTcpSocket *socket, QByteArray &buffer)
    {
        const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
        if (headerEnd < 0)
            return;
        RecordedRequest request;
        const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
        const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
        request.method = requestLine.value(0);
        request.path = requestLine.value(1);
        qsizetype contentLength = 0;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines.at(i).trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0)
                continue;
            const QByteArray name = line.left(colon).trimmed();
            const QByteArray value = line.mid(colon + 1).trimmed();
            request.headers.append({name, value});
            if (name.compare("content-length", Qt::CaseInsensitive) == 0)
                contentLength = value.toLongLong();
        }
        if (buffer.size() < headerEnd + 4 + contentLength)
            return;
        request.body = buffer.mid(headerEnd + 4, contentLength);
        buffer.clear();

        const int index = int(m_requests.size());
        m_requests.append(request);
        ++m_open;
        m_maxOpen = std::max(m_maxOpen, m_open);
        const FaultAction action = m_handler(request, index);
        QPointer<QTcpSocket> guard(socket);
        auto act = [this, guard, action] {
            --m_open;
            if (!guard)
                return;
            switch (action.kind) {
            case FaultAction::Kind::Respond:
            case FaultAction::Kind::Truncate:
                guard->write(action.raw);
                guard->disconnectFromHost();
                break;
            case FaultAction::Kind::Reset: {
                // SO_LINGER 0: close() sends RST instead of FIN.
                linger option{1, 0};
                ::setsockopt(int(guard->socketDescriptor()), SOL_SOCKET, SO_LINGER, &option,
                             sizeof option);
                guard->abort();
                break;
            }
            case FaultAction::Kind::Hang:
                break;
            case FaultAction::Kind::Stream: {
                guard->write(action.raw);
                auto *timer = new QTimer(guard);
                QObject::connect(timer, &QTimer::timeout, guard, [guard, action] {
                    // Bounded by the client: it stops reading, and the socket's buffer is
                    // only refilled as far as the kernel takes it.
                    if (guard && guard->bytesToWrite() < 4 * 1024 * 1024)
                        guard->write(action.chunk);
                });
                timer->start(action.intervalMs);
                break;
            }
            }
        };
        if (action.kind == FaultAction::Kind::Hang)
            return; // stays open (counted) until the client gives up
        if (action.delayMs > 0)
            QTimer::singleShot(action.delayMs, socket, act);
        else
            act();
    }

    QTcpServer m_server;
    Handler m_handler;
    QList<RecordedRequest> m_requests;
    int m_connections = 0;
    int m_disconnects = 0;
    int m_open = 0;
    int m_maxOpen = 0;
};

} // namespace faulttest
