#include "SimHttpServer.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QUrl>

namespace flowdesk::sim {

PendingExchange::PendingExchange(QHttpServerResponder &&responder, QTcpSocket *socket)
    : m_responder(std::make_unique<QHttpServerResponder>(std::move(responder))), m_socket(socket)
{
}

PendingExchange::~PendingExchange() = default;

bool PendingExchange::isConnected() const
{
    return m_socket && m_socket->state() == QAbstractSocket::ConnectedState;
}

void PendingExchange::reply(const HttpReply &reply)
{
    if (!isConnected() || !m_responder)
        return;
    m_responder->writeStatusLine(static_cast<QHttpServerResponder::StatusCode>(reply.status));
    for (const auto &header : reply.headers)
        m_responder->writeHeader(header.first, header.second);
    m_responder->writeHeader(QByteArrayLiteral("Content-Length"),
                             QByteArray::number(reply.body.size()));
    m_responder->writeBody(reply.body);
    m_responder.reset();
}

void PendingExchange::drop()
{
    m_responder.reset();
    if (m_socket)
        m_socket->abort();
}

SimHttpServer::SimHttpServer(Handler handler, QObject *parent)
    : QAbstractHttpServer(parent), m_handler(std::move(handler))
{
}

bool SimHttpServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    HttpRequest copy;
    const QUrl url = request.url();
    copy.path = url.path(QUrl::FullyEncoded).toUtf8();
    if (copy.path.isEmpty())
        copy.path = QByteArrayLiteral("/");
    copy.query = url.query(QUrl::FullyEncoded).toUtf8();
    switch (request.method()) {
    case QHttpServerRequest::Method::Get: copy.method = QByteArrayLiteral("GET"); break;
    case QHttpServerRequest::Method::Put: copy.method = QByteArrayLiteral("PUT"); break;
    case QHttpServerRequest::Method::Delete: copy.method = QByteArrayLiteral("DELETE"); break;
    case QHttpServerRequest::Method::Post: copy.method = QByteArrayLiteral("POST"); break;
    case QHttpServerRequest::Method::Head: copy.method = QByteArrayLiteral("HEAD"); break;
    case QHttpServerRequest::Method::Options: copy.method = QByteArrayLiteral("OPTIONS"); break;
    case QHttpServerRequest::Method::Patch: copy.method = QByteArrayLiteral("PATCH"); break;
    default: copy.method = QByteArrayLiteral("UNKNOWN"); break;
    }
    copy.headers = request.headers();
    copy.body = request.body();
    copy.remoteAddress = request.remoteAddress();
    // QHttpServerResponder sends the status line and headers and then the body as separate
    // writes. With Nagle's algorithm on, a body under one segment (loopback: 64 KiB, e.g. a
    // ListFlows page of 100 flows) waits for the client to ACK the headers, and clients delay
    // that ACK by 40 ms: every such answer arrived 40 ms late. Servers answering HTTP turn
    // Nagle off; setting it again per request costs one setsockopt.
    if (socket)
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    m_handler(copy, std::make_shared<PendingExchange>(makeResponder(request, socket), socket));
    return true;
}

void SimHttpServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    // Never reached: handleRequest() takes every request.
    makeResponder(request, socket).write(QHttpServerResponder::StatusCode::NotFound);
}

} // namespace flowdesk::sim
