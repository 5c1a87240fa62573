#include "SimHttpServer.h"

#ifdef Q_OS_WIN
#include <winsock2.h>
#else
#include <unistd.h>
#endif

namespace flowdesk::sim {

SimHttpServer::SimHttpServer(const HttpLimits &limits, Handler handler, RejectHandler rejected,
                             QObject *parent)
    : QTcpServer(parent)
    , m_limits(limits)
    , m_handler(std::move(handler))
    , m_rejected(std::move(rejected))
{
    // QTcpServer pauses accepting when accept() fails for a reason other than a transient one
    // (EMFILE, ENFILE, ENOBUFS, ENOMEM): without a retry the simulator would stay deaf, and
    // retrying at once would spin on a listening socket that stays readable.
    // Qt's default backlog (50) makes a burst of clients wait for SYN retransmits (1 s, 3 s…)
    // long before the connection cap matters.
    setListenBacklogSize(qBound(50, m_limits.maxConnections, 4096));
    m_acceptRetry.setSingleShot(true);
    m_acceptRetry.setInterval(m_limits.acceptRetryMs);
    connect(&m_acceptRetry, &QTimer::timeout, this, &QTcpServer::resumeAccepting);
    connect(this, &QTcpServer::acceptError, this, &SimHttpServer::onAcceptError);
}

SimHttpServer::~SimHttpServer()
{
    // Connections are children and close their sockets as they go; they must not call back
    // into a half-destroyed server.
    for (HttpConnection *connection : std::as_const(m_connections))
        disconnect(connection, nullptr, this, nullptr);
}

void SimHttpServer::incomingConnection(qintptr descriptor)
{
    if (m_connections.size() >= m_limits.maxConnections) {
        // At the cap, an idle connection (no request in progress) makes room, the longest idle
        // first, as nginx reuses its idle keep-alive connections; when every connection is busy
        // the newcomer is closed at once.
        HttpConnection *oldest = nullptr;
        for (HttpConnection *connection : std::as_const(m_connections)) {
            if (connection->isIdle()
                && (!oldest || connection->msSinceActivity() > oldest->msSinceActivity()))
                oldest = connection;
        }
        if (!oldest) {
#ifdef Q_OS_WIN
            ::closesocket(SOCKET(descriptor));
#else
            ::close(int(descriptor));
#endif
            return;
        }
        oldest->abort();
    }
    auto *connection = new HttpConnection(descriptor, m_limits, m_handler, m_rejected, this);
    m_connections.insert(connection);
    connect(connection, &HttpConnection::closed, this, [this, connection] {
        m_connections.remove(connection);
        connection->deleteLater();
    });
}

void SimHttpServer::onAcceptError(QAbstractSocket::SocketError error)
{
    Q_UNUSED(error);
    if (!m_acceptRetry.isActive())
        m_acceptRetry.start();
}

} // namespace flowdesk::sim
