#pragma once

#include "HttpMessages.h"

#include <QAbstractHttpServer>
#include <QPointer>
#include <QTcpSocket>

#include <functional>
#include <memory>

class QHttpServerResponder;

namespace flowdesk::sim {

// One request waiting for its answer. The simulator may answer it now, later (injected
// latency) or never (dropped connection), so it owns the responder and watches the socket:
// a client that hung up meanwhile must not be written to.
class PendingExchange
{
public:
    PendingExchange(QHttpServerResponder &&responder, QTcpSocket *socket);
    ~PendingExchange();
    PendingExchange(const PendingExchange &) = delete;
    PendingExchange &operator=(const PendingExchange &) = delete;

    bool isConnected() const;
    void reply(const HttpReply &reply);
    // Closes the connection without a byte of answer, as a failing load balancer would.
    void drop();

private:
    std::unique_ptr<QHttpServerResponder> m_responder;
    QPointer<QTcpSocket> m_socket;
};

// QHttpServer (the routing convenience class) in Qt 6.4 answers from the route's return value
// only, with no way to delay the answer or to close the socket unanswered. QAbstractHttpServer
// hands us the request together with its socket, and makeResponder() gives a movable responder
// that can be kept and used later — exactly what latency and drop faults need.
class SimHttpServer final : public QAbstractHttpServer
{
    Q_OBJECT
public:
    using Handler = std::function<void(const HttpRequest &, std::shared_ptr<PendingExchange>)>;

    explicit SimHttpServer(Handler handler, QObject *parent = nullptr);

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    Handler m_handler;
};

} // namespace flowdesk::sim
