#pragma once

#include "HttpLimits.h"
#include "HttpMessages.h"
#include "HttpRequestParser.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>
#include <memory>

class QSocketNotifier;

namespace flowdesk::sim {

class HttpConnection;

// One request waiting for its answer. The simulator may answer it now, later (injected latency)
// or never (dropped connection). A connection that closed meanwhile is not written to.
class PendingExchange
{
public:
    explicit PendingExchange(HttpConnection *connection);
    // An exchange given up without reply() or drop() would leave its connection waiting for
    // ever: it is dropped instead.
    ~PendingExchange();
    PendingExchange(const PendingExchange &) = delete;
    PendingExchange &operator=(const PendingExchange &) = delete;

    bool isConnected() const;
    void reply(const HttpReply &reply);
    // Closes the connection without a byte of answer, as a failing load balancer would.
    void drop();

private:
    QPointer<HttpConnection> m_connection;
    bool m_done = false;
};

// One accepted TCP connection: reads requests through HttpRequestParser, hands each complete
// request to the handler and writes its answer, one request at a time and in order (pipelined
// requests wait in the parser; nothing more is read until the answer is out, so the kernel's
// socket buffer, not ours, holds what a client sends ahead).
//
// It works on the raw socket rather than QTcpSocket because QTcpSocket closes itself when it
// reads EOF: a client that half-closes after sending its request (shutdown(SHUT_WR)) would never
// get its answer, and a server that must close after an error could not send FIN first.
class HttpConnection : public QObject
{
    Q_OBJECT
public:
    using Handler = std::function<void(const HttpRequest &, std::shared_ptr<PendingExchange>)>;
    // A request refused by the HTTP layer itself (status, error code), for the request log.
    using RejectHandler = std::function<void(int, const QString &)>;

    // Takes ownership of the connected socket `descriptor`.
    HttpConnection(qintptr descriptor, const HttpLimits &limits, Handler handler,
                   RejectHandler rejected, QObject *parent = nullptr);
    ~HttpConnection() override;

    // Idle: no request in progress, no answer pending. At the connection cap the server closes
    // the longest-idle one (lastActivity) to make room.
    bool isIdle() const;
    qint64 msSinceActivity() const { return m_activity.elapsed(); }
    bool isOpen() const { return m_state != State::Closed; }
    // Closes at once, without an answer.
    void abort();

signals:
    void closed();

private:
    friend class PendingExchange;
    enum class State { Reading, Handling, Writing, Lingering, Closed };

    void onReadable();
    void onWritable();
    void processInput();
    void dispatch(HttpRequest request);
    void answer(const HttpReply &reply, bool keepAlive);
    void refuse(int status, const QString &code, const QString &message);
    void flush();
    void outputDrained();
    void startLinger();
    void onIdleTimeout();
    void onRequestDeadline();
    void touch();
    void setReading(bool enabled);

    qintptr m_fd;
    HttpLimits m_limits;
    Handler m_handler;
    RejectHandler m_rejected;
    HttpRequestParser m_parser;
    QSocketNotifier *m_readNotifier = nullptr;
    QSocketNotifier *m_writeNotifier = nullptr;
    QTimer m_idleTimer;
    QTimer m_deadlineTimer;
    QTimer m_lingerTimer;
    QElapsedTimer m_activity;
    State m_state = State::Reading;
    QByteArray m_output;
    qsizetype m_written = 0;
    bool m_keepAlive = true;          // after the answer being written
    bool m_peerFinished = false;      // EOF read: the client sends nothing more
    bool m_continueSent = false;
    bool m_headRequest = false;
    bool m_http10 = false;            // the request being answered
    QHostAddress m_peer;
};

} // namespace flowdesk::sim
