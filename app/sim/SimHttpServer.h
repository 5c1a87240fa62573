#pragma once

#include "HttpConnection.h"
#include "HttpLimits.h"
#include "HttpMessages.h"

#include <QSet>
#include <QTcpServer>
#include <QTimer>

#include <functional>
#include <memory>

namespace flowdesk::sim {

// The simulator's HTTP/1.1 server: QTcpServer accepts, one HttpConnection per socket parses
// and answers. Every resource it holds is bounded by HttpLimits: bytes per request, time per
// request and per idle connection, and the number of connections. Requests are handed to the
// handler with a PendingExchange, so the simulator can answer now, later (latency faults) or
// never (drop faults).
class SimHttpServer final : public QTcpServer
{
    Q_OBJECT
public:
    using Handler = HttpConnection::Handler;
    using RejectHandler = HttpConnection::RejectHandler;

    SimHttpServer(const HttpLimits &limits, Handler handler, RejectHandler rejected,
                  QObject *parent = nullptr);
    ~SimHttpServer() override;

    int openConnections() const { return int(m_connections.size()); }

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    void onAcceptError(QAbstractSocket::SocketError error);

    HttpLimits m_limits;
    Handler m_handler;
    RejectHandler m_rejected;
    QSet<HttpConnection *> m_connections;
    QTimer m_acceptRetry;
};

} // namespace flowdesk::sim
