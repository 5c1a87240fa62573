#include "HttpConnection.h"

#include "AppFlowRoutes.h"

#include <QSocketNotifier>
#include <QUuid>

#ifdef Q_OS_WIN
#include <winsock2.h>
#include <ws2tcpip.h>
#else
#include <cerrno>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>
#endif

namespace flowdesk::sim {

namespace {

// The few socket calls the connection needs, on the raw descriptor QTcpServer accepted.
constexpr qint64 kWouldBlock = -1;
constexpr qint64 kFailed = -2;

#ifdef Q_OS_WIN
void prepareSocket(qintptr fd)
{
    u_long nonBlocking = 1;
    ::ioctlsocket(SOCKET(fd), FIONBIO, &nonBlocking);
    BOOL noDelay = TRUE;
    ::setsockopt(SOCKET(fd), IPPROTO_TCP, TCP_NODELAY, reinterpret_cast<const char *>(&noDelay),
                 sizeof noDelay);
}

qint64 receive(qintptr fd, char *data, qint64 size)
{
    const int n = ::recv(SOCKET(fd), data, int(size), 0);
    if (n == SOCKET_ERROR)
        return WSAGetLastError() == WSAEWOULDBLOCK ? kWouldBlock : kFailed;
    return n;
}

qint64 transmit(qintptr fd, const char *data, qint64 size)
{
    const int n = ::send(SOCKET(fd), data, int(qMin<qint64>(size, 1 << 30)), 0);
    if (n == SOCKET_ERROR)
        return WSAGetLastError() == WSAEWOULDBLOCK ? kWouldBlock : kFailed;
    return n;
}

void shutdownWrite(qintptr fd)
{
    ::shutdown(SOCKET(fd), SD_SEND);
}

void closeDescriptor(qintptr fd)
{
    ::closesocket(SOCKET(fd));
}

qint64 bytesPending(qintptr fd)
{
    u_long pending = 0;
    return ::ioctlsocket(SOCKET(fd), FIONREAD, &pending) == 0 ? qint64(pending) : 0;
}

QHostAddress peerAddress(qintptr fd)
{
    sockaddr_storage address{};
    int length = sizeof address;
    if (::getpeername(SOCKET(fd), reinterpret_cast<sockaddr *>(&address), &length) != 0)
        return {};
    return QHostAddress(reinterpret_cast<const sockaddr *>(&address));
}
#else
void prepareSocket(qintptr fd)
{
    const int flags = ::fcntl(int(fd), F_GETFL);
    ::fcntl(int(fd), F_SETFL, flags | O_NONBLOCK);
    // Every answer is written in one piece: nothing is gained by Nagle's algorithm, and with it
    // a small answer can wait for the client's delayed ACK (40 ms).
    const int noDelay = 1;
    ::setsockopt(int(fd), IPPROTO_TCP, TCP_NODELAY, &noDelay, sizeof noDelay);
#ifdef SO_NOSIGPIPE
    const int noSigPipe = 1;
    ::setsockopt(int(fd), SOL_SOCKET, SO_NOSIGPIPE, &noSigPipe, sizeof noSigPipe);
#endif
}

qint64 receive(qintptr fd, char *data, qint64 size)
{
    for (;;) {
        const ssize_t n = ::recv(int(fd), data, size_t(size), 0);
        if (n >= 0)
            return n;
        if (errno == EINTR)
            continue;
        return (errno == EAGAIN || errno == EWOULDBLOCK) ? kWouldBlock : kFailed;
    }
}

qint64 transmit(qintptr fd, const char *data, qint64 size)
{
#ifdef MSG_NOSIGNAL
    const int flags = MSG_NOSIGNAL;   // a client that hung up must not kill us with SIGPIPE
#else
    const int flags = 0;
#endif
    for (;;) {
        const ssize_t n = ::send(int(fd), data, size_t(size), flags);
        if (n >= 0)
            return n;
        if (errno == EINTR)
            continue;
        return (errno == EAGAIN || errno == EWOULDBLOCK) ? kWouldBlock : kFailed;
    }
}

void shutdownWrite(qintptr fd)
{
    ::shutdown(int(fd), SHUT_WR);
}

void closeDescriptor(qintptr fd)
{
    ::close(int(fd));
}

qint64 bytesPending(qintptr fd)
{
    int pending = 0;
    return ::ioctl(int(fd), FIONREAD, &pending) == 0 ? qint64(pending) : 0;
}

QHostAddress peerAddress(qintptr fd)
{
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    if (::getpeername(int(fd), reinterpret_cast<sockaddr *>(&address), &length) != 0)
        return {};
    return QHostAddress(reinterpret_cast<const sockaddr *>(&address));
}
#endif

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 100: return QByteArrayLiteral("Continue");
    case 200: return QByteArrayLiteral("OK");
    case 400: return QByteArrayLiteral("Bad Request");
    case 401: return QByteArrayLiteral("Unauthorized");
    case 402: return QByteArrayLiteral("Payment Required");
    case 403: return QByteArrayLiteral("Forbidden");
    case 404: return QByteArrayLiteral("Not Found");
    case 408: return QByteArrayLiteral("Request Timeout");
    case 409: return QByteArrayLiteral("Conflict");
    case 413: return QByteArrayLiteral("Content Too Large");
    case 414: return QByteArrayLiteral("URI Too Long");
    case 417: return QByteArrayLiteral("Expectation Failed");
    case 429: return QByteArrayLiteral("Too Many Requests");
    case 431: return QByteArrayLiteral("Request Header Fields Too Large");
    case 500: return QByteArrayLiteral("Internal Server Error");
    case 501: return QByteArrayLiteral("Not Implemented");
    case 503: return QByteArrayLiteral("Service Unavailable");
    case 505: return QByteArrayLiteral("HTTP Version Not Supported");
    default: return QByteArrayLiteral("Status");
    }
}

// Read size per readiness event: one recv per event keeps connections fair to each other.
constexpr qint64 kReadChunk = 64 * 1024;

} // namespace

PendingExchange::PendingExchange(HttpConnection *connection)
    : m_connection(connection)
{
}

PendingExchange::~PendingExchange()
{
    if (!m_done && m_connection && m_connection->m_state == HttpConnection::State::Handling)
        m_connection->abort();
}

bool PendingExchange::isConnected() const
{
    return !m_done && m_connection && m_connection->m_state == HttpConnection::State::Handling;
}

void PendingExchange::reply(const HttpReply &reply)
{
    if (!isConnected())
        return;
    m_done = true;
    m_connection->answer(reply, m_connection->m_keepAlive);
}

void PendingExchange::drop()
{
    if (!isConnected())
        return;
    m_done = true;
    m_connection->abort();
}

HttpConnection::HttpConnection(qintptr descriptor, const HttpLimits &limits, Handler handler,
                               RejectHandler rejected, QObject *parent)
    : QObject(parent)
    , m_fd(descriptor)
    , m_limits(limits)
    , m_handler(std::move(handler))
    , m_rejected(std::move(rejected))
    , m_parser(limits)
{
    prepareSocket(m_fd);
    m_peer = peerAddress(m_fd);
    m_readNotifier = new QSocketNotifier(m_fd, QSocketNotifier::Read, this);
    m_writeNotifier = new QSocketNotifier(m_fd, QSocketNotifier::Write, this);
    m_writeNotifier->setEnabled(false);
    connect(m_readNotifier, &QSocketNotifier::activated, this, &HttpConnection::onReadable);
    connect(m_writeNotifier, &QSocketNotifier::activated, this, &HttpConnection::onWritable);

    m_idleTimer.setSingleShot(true);
    m_idleTimer.setInterval(m_limits.idleTimeoutMs);
    connect(&m_idleTimer, &QTimer::timeout, this, &HttpConnection::onIdleTimeout);
    m_deadlineTimer.setSingleShot(true);
    m_deadlineTimer.setInterval(m_limits.requestDeadlineMs);
    connect(&m_deadlineTimer, &QTimer::timeout, this, &HttpConnection::onRequestDeadline);
    m_lingerTimer.setSingleShot(true);
    m_lingerTimer.setInterval(m_limits.lingerMs);
    connect(&m_lingerTimer, &QTimer::timeout, this, &HttpConnection::abort);
    touch();
}

HttpConnection::~HttpConnection()
{
    if (m_state != State::Closed) {
        delete m_readNotifier;
        delete m_writeNotifier;
        closeDescriptor(m_fd);
    }
}

bool HttpConnection::isIdle() const
{
    // A request already waiting in the kernel (accepted, not yet read) is not idle: evicting
    // it would drop a client that did nothing wrong.
    return m_state == State::Reading && !m_parser.hasPartialRequest() && m_output.isEmpty()
           && !m_peerFinished && bytesPending(m_fd) == 0;
}

void HttpConnection::abort()
{
    if (m_state == State::Closed)
        return;
    m_state = State::Closed;
    // Notifiers go before the descriptor: a notifier must never watch a closed (and possibly
    // reused) descriptor.
    delete m_readNotifier;
    m_readNotifier = nullptr;
    delete m_writeNotifier;
    m_writeNotifier = nullptr;
    closeDescriptor(m_fd);
    m_idleTimer.stop();
    m_deadlineTimer.stop();
    m_lingerTimer.stop();
    m_output.clear();
    emit closed();
}

void HttpConnection::touch()
{
    m_activity.start();
    m_idleTimer.start();
}

void HttpConnection::setReading(bool enabled)
{
    if (m_readNotifier)
        m_readNotifier->setEnabled(enabled);
}

void HttpConnection::onReadable()
{
    char buffer[kReadChunk];
    const qint64 n = receive(m_fd, buffer, sizeof buffer);
    if (n == kWouldBlock)
        return;
    if (n == kFailed) {
        abort();
        return;
    }
    touch();
    if (m_state == State::Lingering) {
        // Discarded: the answer is already sent; reading only keeps the kernel from resetting
        // the connection before the client has read it.
        if (n == 0)
            abort();
        return;
    }
    if (m_state != State::Reading) {
        setReading(false);
        return;
    }
    if (n == 0) {
        // EOF: a half-closed client still gets the answer to what it sent.
        m_peerFinished = true;
        setReading(false);
        m_parser.endOfInput();
    } else {
        m_parser.feed(QByteArrayView(buffer, n));
    }
    processInput();
}

void HttpConnection::onWritable()
{
    flush();
}

void HttpConnection::processInput()
{
    if (m_state != State::Reading)
        return;
    switch (m_parser.parse()) {
    case HttpRequestParser::Ready:
        m_deadlineTimer.stop();
        dispatch(m_parser.takeRequest());
        return;
    case HttpRequestParser::Error:
        refuse(m_parser.failure().status, m_parser.failure().code, m_parser.failure().message);
        return;
    case HttpRequestParser::NeedMore:
        break;
    }
    if (!m_parser.hasPartialRequest()) {
        m_deadlineTimer.stop();
        if (m_peerFinished)
            abort();   // everything the client sent is answered
        return;
    }
    if (!m_deadlineTimer.isActive())
        m_deadlineTimer.start();
    if (m_parser.expectsContinue() && !m_continueSent) {
        m_continueSent = true;
        m_output.append("HTTP/1.1 100 Continue\r\n\r\n");
        flush();
    }
}

void HttpConnection::dispatch(HttpRequest request)
{
    m_state = State::Handling;
    setReading(false);
    m_keepAlive = request.keepAlive;
    m_headRequest = request.method == "HEAD";
    m_continueSent = false;
    request.remoteAddress = m_peer;
    m_http10 = request.version == "HTTP/1.0";
    // The handler may answer before it returns (no latency): answer() then runs inside it.
    m_handler(request, std::make_shared<PendingExchange>(this));
}

void HttpConnection::answer(const HttpReply &reply, bool keepAlive)
{
    if (m_state == State::Closed)
        return;
    m_keepAlive = keepAlive;
    QByteArray head;
    head.reserve(256);
    head += "HTTP/1.1 " + QByteArray::number(reply.status) + ' ' + reasonPhrase(reply.status)
            + "\r\n";
    for (const auto &header : reply.headers)
        head += header.first + ": " + header.second + "\r\n";
    head += "Content-Length: " + QByteArray::number(reply.body.size()) + "\r\n";
    if (!m_keepAlive)
        head += "Connection: close\r\n";
    else if (m_http10)
        head += "Connection: keep-alive\r\n";
    head += "\r\n";
    m_output += head;
    if (!m_headRequest)
        m_output += reply.body;
    m_state = State::Writing;
    // The whole exchange is bounded: a client that does not read its answer is cut off too.
    m_deadlineTimer.start();
    flush();
}

void HttpConnection::refuse(int status, const QString &code, const QString &message)
{
    m_deadlineTimer.stop();
    setReading(false);
    if (m_rejected)
        m_rejected(status, code);
    HttpReply reply = AppFlowRoutes::error(status, code, message);
    reply.headers.append({QByteArrayLiteral("x-amzn-RequestId"),
                          QUuid::createUuid().toByteArray(QUuid::WithoutBraces)});
    m_headRequest = false;
    m_http10 = false;
    answer(reply, false);
}

void HttpConnection::flush()
{
    while (m_written < m_output.size()) {
        const qint64 n = transmit(m_fd, m_output.constData() + m_written, m_output.size() - m_written);
        if (n == kWouldBlock) {
            m_writeNotifier->setEnabled(true);
            return;
        }
        if (n == kFailed) {
            abort();
            return;
        }
        m_written += n;
        touch();
    }
    m_output.clear();
    m_written = 0;
    if (m_writeNotifier)
        m_writeNotifier->setEnabled(false);
    outputDrained();
}

void HttpConnection::outputDrained()
{
    if (m_state != State::Writing)
        return;   // a "100 Continue" went out while reading
    m_deadlineTimer.stop();
    if (!m_keepAlive) {
        startLinger();
        return;
    }
    m_state = State::Reading;
    if (!m_peerFinished)
        setReading(true);
    // A pipelined request may already be buffered; parse it from the event loop, not from
    // inside the handler that answered.
    QMetaObject::invokeMethod(this, &HttpConnection::processInput, Qt::QueuedConnection);
}

void HttpConnection::startLinger()
{
    m_state = State::Lingering;
    shutdownWrite(m_fd);
    if (m_peerFinished) {
        abort();
        return;
    }
    m_idleTimer.stop();
    m_lingerTimer.start();
    setReading(true);
}

void HttpConnection::onIdleTimeout()
{
    switch (m_state) {
    case State::Handling:
        // The simulator itself holds the answer (injected latency): not the client's silence.
        m_idleTimer.start();
        return;
    case State::Reading:
        if (m_parser.hasPartialRequest()) {
            refuse(408, QStringLiteral("RequestTimeoutException"),
                   QStringLiteral("The request was not completed: nothing arrived for %1 s.")
                       .arg(m_limits.idleTimeoutMs / 1000.0));
            return;
        }
        abort();   // an idle keep-alive connection: closed silently, as servers do
        return;
    case State::Writing:
    case State::Lingering:
    case State::Closed:
        abort();
        return;
    }
}

void HttpConnection::onRequestDeadline()
{
    if (m_state == State::Reading && m_parser.hasPartialRequest()) {
        refuse(408, QStringLiteral("RequestTimeoutException"),
               QStringLiteral("The request was not completed within %1 s.")
                   .arg(m_limits.requestDeadlineMs / 1000.0));
        return;
    }
    if (m_state == State::Writing)
        abort();   // the client has not read its answer within the deadline
}

} // namespace flowdesk::sim
