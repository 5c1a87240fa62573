// The simulator under hostile HTTP: real sockets on loopback against a real Simulator. Each case
// checks what the client is told (an AWS-shaped error, or a closed connection) and then that a
// valid signed request is still answered. Memory figures (this process's RSS: client and server
// share it, the client side is kept small) are printed; the limits are asserted loosely, the
// numbers go to app/sim/README.md.

#include "SimTestSupport.h"

#include <Simulator.h>

#include <QDir>
#include <QFile>
#include <QTcpSocket>

#ifdef Q_OS_UNIX
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>
#endif

using namespace flowdesk;
using namespace flowdesk::sim;
using namespace flowdesk::sim::test;

namespace {

// Resident set size of this process in KiB (Linux), 0 when unknown.
qint64 rssKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return 0;
}

struct RawResponse {
    int status = 0;
    QByteArray head;
    QByteArray body;
    QByteArray header(const QByteArray &name) const
    {
        for (const QByteArray &line : head.split('\n')) {
            const qsizetype colon = line.indexOf(':');
            if (colon > 0 && line.left(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
                return line.mid(colon + 1).trimmed();
        }
        return {};
    }
};

// Splits a byte stream into complete responses (Content-Length framed, as the simulator sends).
QList<RawResponse> parseResponses(const QByteArray &bytes)
{
    QList<RawResponse> responses;
    qsizetype pos = 0;
    for (;;) {
        const qsizetype end = bytes.indexOf("\r\n\r\n", pos);
        if (end < 0)
            break;
        RawResponse response;
        response.head = bytes.mid(pos, end - pos);
        response.status = response.head.mid(9, 3).toInt();
        const qint64 length = response.header("Content-Length").toLongLong();
        if (bytes.size() < end + 4 + length)
            break;
        response.body = bytes.mid(end + 4, length);
        responses.append(response);
        pos = end + 4 + length;
    }
    return responses;
}

// One client connection on raw TCP.
class RawClient
{
public:
    explicit RawClient(quint16 port)
    {
        QObject::connect(&m_socket, &QTcpSocket::readyRead, [this] { m_received += m_socket.readAll(); });
        m_socket.connectToHost(QHostAddress::LocalHost, port);
    }
    bool waitConnected(int ms = 5000)
    {
        return QTest::qWaitFor([&] { return m_socket.state() == QAbstractSocket::ConnectedState; }, ms);
    }
    void send(const QByteArray &bytes) { m_socket.write(bytes); }
    // Sends FIN: the client will send nothing more, but still reads.
    void halfClose()
    {
        static_cast<void>(QTest::qWaitFor([&] { return m_socket.bytesToWrite() == 0; }, 5000));
#ifdef Q_OS_UNIX
        ::shutdown(int(m_socket.socketDescriptor()), SHUT_WR);
#endif
    }
    bool waitResponses(int count, int ms = 10000)
    {
        return QTest::qWaitFor([&] { return responses().size() >= count || isClosed(); }, ms)
               && responses().size() >= count;
    }
    bool waitClosed(int ms = 10000)
    {
        return QTest::qWaitFor([&] { return isClosed(); }, ms);
    }
    bool isClosed() const { return m_socket.state() == QAbstractSocket::UnconnectedState; }
    QList<RawResponse> responses() const { return parseResponses(m_received); }
    QByteArray received() const { return m_received; }
    QTcpSocket &socket() { return m_socket; }

private:
    QTcpSocket m_socket;
    QByteArray m_received;
};

} // namespace

class TestSimHttpServerHostile : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void malformedRequestLines_data();
    void malformedRequestLines();
    void oneMegabyteHeader();
    void lyingContentLength_data();
    void lyingContentLength();
    void badChunkSizes_data();
    void badChunkSizes();
    void fiftyMegabyteBodies();
    void deeplyNestedJsonInSignedBody_data();
    void deeplyNestedJsonInSignedBody();
    void slowloris();
    void silentConnectionIsClosedWhenIdle();
    void idleConnectionsBeyondTheCap();
    void concurrentRequests();
    void connectionClose();
    void http10();
    void halfClose();
    void pipelinedRequestsAnsweredInOrder();
#ifdef Q_OS_UNIX
    void outOfDescriptorsDoesNotSpin();
#endif

private:
    void start(const HttpLimits &limits = {});
    QByteArray signedRequest(const QByteArray &path, const QByteArray &body,
                             const QList<QPair<QByteArray, QByteArray>> &extraHeaders = {},
                             const QByteArray &version = "HTTP/1.1") const;
    // A fresh client (no pooled connection) calls ListFlows: 200 means the simulator still
    // serves.
    bool validRequestAnswered() const;
    quint16 port() const { return quint16(m_sim->url().port()); }

    std::unique_ptr<Simulator> m_sim;
};

void TestSimHttpServerHostile::start(const HttpLimits &limits)
{
    SimulatorConfig config;
    config.accessKeyId = testCredentials().accessKeyId;
    config.secretAccessKey = testCredentials().secretAccessKey;
    config.http = limits;
    m_sim = std::make_unique<Simulator>(config);
    QVERIFY2(m_sim->listen(), qPrintable(m_sim->errorString()));
}

void TestSimHttpServerHostile::init()
{
    start();
}

void TestSimHttpServerHostile::cleanup()
{
    if (m_sim && !QTest::currentTestFailed())
        QVERIFY2(validRequestAnswered(), "a valid signed request was not answered afterwards");
    m_sim.reset();
}

QByteArray TestSimHttpServerHostile::signedRequest(
    const QByteArray &path, const QByteArray &body,
    const QList<QPair<QByteArray, QByteArray>> &extraHeaders, const QByteArray &version) const
{
    aws::sigv4::Request request;
    request.method = "POST";
    request.path = path;
    request.body = body;
    request.headers.append({QByteArrayLiteral("Host"), aws::hostHeaderFor(m_sim->url())});
    request.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
    for (const auto &header : extraHeaders)
        request.headers.append(header);
    aws::sigv4::signHeaders(request, testCredentials(), QStringLiteral("us-east-1"),
                            QStringLiteral("appflow"), QDateTime::currentDateTimeUtc());
    QByteArray bytes = "POST " + path + ' ' + version + "\r\n";
    for (const auto &header : std::as_const(request.headers))
        bytes += header.first + ": " + header.second + "\r\n";
    bytes += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    return bytes;
}

bool TestSimHttpServerHostile::validRequestAnswered() const
{
    AppFlowCaller caller(m_sim->url(), testCredentials());
    const Response response = caller.call("/list-flows", {});
    if (response.status != 200)
        qWarning("valid request: status %d, network error %d, body %s", response.status,
                 int(response.networkError), response.body.left(200).constData());
    return response.status == 200;
}

void TestSimHttpServerHostile::malformedRequestLines_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<int>("status");
    QTest::newRow("TLS client hello") << QByteArray("\x16\x03\x01\x02\x01\x01\xfc\x03\x03\r\n\r\n") << 400;
    QTest::newRow("words") << QByteArray("HELLO THERE\r\n\r\n") << 400;
    QTest::newRow("bare LF") << QByteArray("GET / HTTP/1.1\nHost: x\n\n") << 400;
    QTest::newRow("no target") << QByteArray("GET HTTP/1.1\r\nHost: x\r\n\r\n") << 400;
    QTest::newRow("HTTP/2.0") << QByteArray("GET / HTTP/2.0\r\nHost: x\r\n\r\n") << 505;
    QTest::newRow("HTTP/2 preface") << QByteArray("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n") << 505;
    QTest::newRow("request line of 100 KB") << QByteArray("GET /" + QByteArray(100000, 'a')) << 414;
    QTest::newRow("control character in target") << QByteArray("GET /\x7f HTTP/1.1\r\nHost: x\r\n\r\n") << 400;
}

void TestSimHttpServerHostile::malformedRequestLines()
{
    QFETCH(QByteArray, request);
    QFETCH(int, status);
    RawClient client(port());
    QVERIFY(client.waitConnected());
    client.send(request);
    QVERIFY2(client.waitResponses(1), client.received().left(200).constData());
    const RawResponse response = client.responses().first();
    QCOMPARE(response.status, status);
    QVERIFY(!response.header("X-Amzn-ErrorType").isEmpty());
    QVERIFY(!response.header("x-amzn-RequestId").isEmpty());
    QCOMPARE(response.header("Connection"), QByteArray("close"));
    QVERIFY(!QJsonDocument::fromJson(response.body).object().value(QLatin1String("message")).toString().isEmpty());
    QVERIFY2(client.waitClosed(), "the connection stays open after garbage");
}

void TestSimHttpServerHostile::oneMegabyteHeader()
{
    RawClient client(port());
    QVERIFY(client.waitConnected());
    client.send("POST /list-flows HTTP/1.1\r\nHost: x\r\nX-Big: " + QByteArray(1024 * 1024, 'b')
                + "\r\n\r\n");
    QVERIFY(client.waitResponses(1));
    QCOMPARE(client.responses().first().status, 431);
    QCOMPARE(client.responses().first().header("X-Amzn-ErrorType"),
             QByteArray("RequestHeaderFieldsTooLargeException"));
    QVERIFY(client.waitClosed());
}

void TestSimHttpServerHostile::lyingContentLength_data()
{
    QTest::addColumn<QByteArray>("headers");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("halfClose");
    QTest::addColumn<QList<int>>("statuses");
    QTest::newRow("claims more, then half-closes")
        << QByteArray("Content-Length: 100\r\n") << QByteArray("{}") << true << QList<int>{400};
    QTest::newRow("claims less: the rest is a garbage request")
        << QByteArray("Content-Length: 2\r\n") << QByteArray("{}GARBAGE\r\n\r\n") << false
        << QList<int>{403, 400};
    QTest::newRow("two different Content-Lengths")
        << QByteArray("Content-Length: 2\r\nContent-Length: 20\r\n") << QByteArray("{}") << false
        << QList<int>{400};
    QTest::newRow("Content-Length and chunked")
        << QByteArray("Content-Length: 5\r\nTransfer-Encoding: chunked\r\n")
        << QByteArray("0\r\n\r\n") << false << QList<int>{400};
    QTest::newRow("Content-Length beyond 64 bits") << QByteArray("Content-Length: 184467440737095516160\r\n")
                                                   << QByteArray() << false << QList<int>{413};
}

void TestSimHttpServerHostile::lyingContentLength()
{
    QFETCH(QByteArray, headers);
    QFETCH(QByteArray, body);
    QFETCH(bool, halfClose);
    QFETCH(QList<int>, statuses);
    RawClient client(port());
    QVERIFY(client.waitConnected());
    client.send("POST /list-flows HTTP/1.1\r\nHost: x\r\n" + headers + "\r\n" + body);
    if (halfClose)
        client.halfClose();
    QVERIFY2(client.waitResponses(int(statuses.size())), client.received().left(300).constData());
    QList<int> got;
    for (const RawResponse &response : client.responses())
        got.append(response.status);
    QCOMPARE(got, statuses);
    QVERIFY(client.waitClosed());
}

void TestSimHttpServerHostile::badChunkSizes_data()
{
    QTest::addColumn<QByteArray>("chunks");
    QTest::addColumn<int>("status");
    QTest::newRow("not hex") << QByteArray("zz\r\n") << 400;
    QTest::newRow("0x prefix") << QByteArray("0x10\r\n") << 400;
    QTest::newRow("negative") << QByteArray("-1\r\n") << 400;
    QTest::newRow("leading space") << QByteArray(" 5\r\nhello\r\n0\r\n\r\n") << 400;
    QTest::newRow("chunk longer than said") << QByteArray("2\r\nhello\r\n0\r\n\r\n") << 400;
    QTest::newRow("64-bit overflow") << QByteArray("10000000000000000\r\n") << 413;
    QTest::newRow("over the body cap") << QByteArray("100001\r\n") << 413;
    QTest::newRow("size line without end") << QByteArray(20000, '1') << 400;
}

void TestSimHttpServerHostile::badChunkSizes()
{
    QFETCH(QByteArray, chunks);
    QFETCH(int, status);
    RawClient client(port());
    QVERIFY(client.waitConnected());
    client.send("POST /list-flows HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" + chunks);
    QVERIFY(client.waitResponses(1));
    QCOMPARE(client.responses().first().status, status);
    QVERIFY(client.waitClosed());
}

// 50 MB bodies, declared and chunked, signed and not: each is refused with 413 once the cap is
// known, and memory does not follow the body.
void TestSimHttpServerHostile::fiftyMegabyteBodies()
{
#ifndef Q_OS_UNIX
    QSKIP("the upload writes with send() so the client's own buffers do not count; POSIX only");
#else
    const qint64 fifty = 50LL * 1000 * 1000;
    const QByteArray block(1024 * 1024, '[');
    const QByteArray chunk = QByteArray::number(block.size(), 16) + "\r\n" + block + "\r\n";
    QVERIFY(validRequestAnswered());   // warm up: allocations of a first request are not growth
    const qint64 before = rssKiB();
    // Streams `head` and then 50 MB from one preallocated buffer with send(), so that the
    // client allocates nothing per byte and RSS reflects the server.
    const auto upload = [&](const QByteArray &head, bool chunked) {
        RawClient client(port());
        if (!client.waitConnected())
            return 0;
        client.send(head);
        static_cast<void>(
            QTest::qWaitFor([&] { return client.socket().bytesToWrite() == 0; }, 5000));
        const QByteArray &piece = chunked ? chunk : block;
        const int fd = int(client.socket().socketDescriptor());
        qint64 sent = 0, offset = 0;
        while (sent < fifty && !client.isClosed() && client.responses().isEmpty()) {
            const ssize_t n = ::send(fd, piece.constData() + offset, size_t(piece.size() - offset),
                                     MSG_DONTWAIT | MSG_NOSIGNAL);
            if (n > 0) {
                sent += n;
                offset = (offset + n) % piece.size();
            } else if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) {
                break;   // reset by the server after its answer
            } else {
                QTest::qWait(1);
            }
        }
        if (!client.waitResponses(1))
            return 0;
        client.waitClosed();
        return client.responses().first().status;
    };
    const QByteArray fiftyText = QByteArray::number(fifty);
    QCOMPARE(upload("POST /list-flows HTTP/1.1\r\nHost: x\r\nContent-Length: " + fiftyText
                        + "\r\n\r\n",
                    false),
             413);
    QCOMPARE(upload("POST /list-flows HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n",
                    true),
             413);
    // Signed headers (the body hash is a lie, but the size is refused before it matters).
    const QByteArray signedHead = signedRequest("/list-flows", {});
    QCOMPARE(upload(QByteArray(signedHead).replace("Content-Length: 0\r\n",
                                                   "Transfer-Encoding: chunked\r\n"),
                    true),
             413);
    QCOMPARE(upload(QByteArray(signedHead).replace("Content-Length: 0\r\n",
                                                   QByteArray("Content-Length: " + fiftyText + "\r\n")),
                    false),
             413);
    QVERIFY(validRequestAnswered());
    const qint64 after = rssKiB();
    qInfo("RSS: %lld KiB before, %lld KiB after four 50 MB uploads (growth %lld KiB)", before,
          after, after - before);
    // Buffering one whole body would add 50 MB; the cap allows 1 MiB per upload.
    QVERIFY2(after - before < 24 * 1024, "memory grew with the uploaded bodies");
#endif
}

void TestSimHttpServerHostile::deeplyNestedJsonInSignedBody_data()
{
    QTest::addColumn<QByteArray>("body");
    const int depth = 500000;   // 1,000,000 bytes: under the 1 MiB cap
    QTest::newRow("arrays") << QByteArray(QByteArray(depth, '[') + QByteArray(depth, ']'));
    QByteArray objects;
    for (int i = 0; i < 100000; ++i)
        objects += "{\"a\":";
    objects += "1" + QByteArray(100000, '}');
    QTest::newRow("objects") << objects;
    QTest::newRow("unterminated") << QByteArray(depth, '[');
}

void TestSimHttpServerHostile::deeplyNestedJsonInSignedBody()
{
    QFETCH(QByteArray, body);
    RawClient client(port());
    QVERIFY(client.waitConnected());
    client.send(signedRequest("/list-flows", body));
    QVERIFY(client.waitResponses(1, 30000));
    const RawResponse response = client.responses().first();
    QCOMPARE(response.status, 400);
    QCOMPARE(response.header("X-Amzn-ErrorType"), QByteArray("SerializationException"));
}

// A client trickling a request never completes it: 408 when the request deadline passes, however
// steadily the bytes come.
void TestSimHttpServerHostile::slowloris()
{
    HttpLimits limits;
    limits.requestDeadlineMs = 1500;
    start(limits);
    RawClient client(port());
    QVERIFY(client.waitConnected());
    const QByteArray request = signedRequest("/list-flows", "{}");
    QElapsedTimer timer;
    timer.start();
    for (qsizetype i = 0; i < request.size() && !client.isClosed() && client.responses().isEmpty();
         ++i) {
        client.send(request.mid(i, 1));
        QTest::qWait(100);   // far under the 60 s idle timeout: only the deadline can stop it
    }
    QVERIFY(client.waitResponses(1));
    const qint64 elapsed = timer.elapsed();
    QCOMPARE(client.responses().first().status, 408);
    QCOMPARE(client.responses().first().header("X-Amzn-ErrorType"),
             QByteArray("RequestTimeoutException"));
    QVERIFY2(elapsed >= 1400 && elapsed < 6000, qPrintable(QString::number(elapsed)));
    QVERIFY(client.waitClosed());
}

void TestSimHttpServerHostile::silentConnectionIsClosedWhenIdle()
{
    HttpLimits limits;
    limits.idleTimeoutMs = 1000;
    start(limits);
    RawClient client(port());
    QVERIFY(client.waitConnected());
    QElapsedTimer timer;
    timer.start();
    QVERIFY(client.waitClosed(10000));
    QVERIFY2(timer.elapsed() >= 900, qPrintable(QString::number(timer.elapsed())));
    QVERIFY(client.received().isEmpty());
    QCOMPARE(m_sim->openConnections(), 0);
}

// More idle connections than the cap (1,024): the simulator holds at most the cap, and a valid
// request still gets through (an idle connection makes room for it).
void TestSimHttpServerHostile::idleConnectionsBeyondTheCap()
{
    const int cap = HttpLimits().maxConnections;
    QCOMPARE(cap, 1024);
    QVERIFY(validRequestAnswered());
    const qint64 before = rssKiB();
    std::vector<std::unique_ptr<RawClient>> clients;
    const auto open = [&](int count) {
        for (int i = 0; i < count; ++i)
            clients.push_back(std::make_unique<RawClient>(port()));
        const bool settled = QTest::qWaitFor([&] {
            for (const auto &client : clients) {
                if (client->socket().state() == QAbstractSocket::ConnectingState
                    || client->socket().state() == QAbstractSocket::HostLookupState)
                    return false;
            }
            return true;
        }, 30000);
        QVERIFY(settled);
        QTest::qWait(200);   // let the server accept what is in its backlog
    };
    open(1100);
    QTRY_COMPARE_WITH_TIMEOUT(m_sim->openConnections(), cap, 10000);
    QVERIFY(validRequestAnswered());
    open(900);
    const qint64 withIdle = rssKiB();
    QVERIFY(m_sim->openConnections() <= cap);
    QVERIFY(validRequestAnswered());
    int stillOpen = 0;
    for (const auto &client : clients)
        stillOpen += client->isClosed() ? 0 : 1;
    qInfo("RSS: %lld KiB before, %lld KiB with %zu idle clients (%d held by the simulator, %d "
          "still open on the client side)",
          before, withIdle, clients.size(), m_sim->openConnections(), stillOpen);
    clients.clear();
    QTRY_COMPARE_WITH_TIMEOUT(m_sim->openConnections(), 0, 10000);
}

// 2,000 clients each send a signed request at once. Beyond the cap a newcomer is closed at once
// (no half answer, no garbage); clients retry as SDKs do, and every request is answered.
void TestSimHttpServerHostile::concurrentRequests()
{
    const int total = 2000;
    QVERIFY(validRequestAnswered());
    const qint64 before = rssKiB();
    const QByteArray request = signedRequest("/list-flows", "{}");
    struct Slot {
        std::unique_ptr<RawClient> client;
        int attempts = 0;
        int status = 0;
    };
    std::vector<Slot> attempts(total);
    const auto launch = [&](Slot &slot) {
        slot.client = std::make_unique<RawClient>(port());
        ++slot.attempts;
        QTcpSocket &socket = slot.client->socket();
        QObject::connect(&socket, &QTcpSocket::connected, &socket,
                         [&socket, request] { socket.write(request); });
    };
    for (Slot &slot : attempts)
        launch(slot);
    int refusals = 0;
    QElapsedTimer timer;
    timer.start();
    bool done = false;
    while (!done && timer.elapsed() < 120000) {
        QTest::qWait(20);
        done = true;
        for (Slot &slot : attempts) {
            if (slot.status != 0)
                continue;
            const QList<RawResponse> responses = slot.client->responses();
            if (!responses.isEmpty()) {
                slot.status = responses.first().status;
                slot.client.reset();
                continue;
            }
            done = false;
            if (slot.client->isClosed()) {
                // Closed without an answer: never a partial one.
                QVERIFY2(slot.client->received().isEmpty(), slot.client->received().left(100).constData());
                ++refusals;
                if (slot.attempts < 20)
                    launch(slot);
            }
        }
    }
    int ok = 0;
    int maxAttempts = 0;
    for (const Slot &slot : attempts) {
        ok += slot.status == 200 ? 1 : 0;
        maxAttempts = qMax(maxAttempts, slot.attempts);
    }
    const qint64 after = rssKiB();
    qInfo("%d concurrent requests: %d answered 200 in %lld ms; %d connections closed unanswered "
          "and retried, at most %d attempts per request; RSS %lld KiB before, %lld KiB after",
          total, ok, timer.elapsed(), refusals, maxAttempts, before, after);
    QCOMPARE(ok, total);
}

void TestSimHttpServerHostile::connectionClose()
{
    RawClient client(port());
    QVERIFY(client.waitConnected());
    client.send(signedRequest("/list-flows", "{}", {{"Connection", "close"}}));
    QVERIFY(client.waitResponses(1));
    QCOMPARE(client.responses().first().status, 200);
    QCOMPARE(client.responses().first().header("Connection"), QByteArray("close"));
    QVERIFY(client.waitClosed(5000));
}

void TestSimHttpServerHostile::http10()
{
    {
        RawClient client(port());
        QVERIFY(client.waitConnected());
        client.send(signedRequest("/list-flows", "{}", {}, "HTTP/1.0"));
        QVERIFY(client.waitResponses(1));
        QCOMPARE(client.responses().first().status, 200);
        QVERIFY(client.waitClosed(5000));   // HTTP/1.0 without keep-alive: one request
    }
    RawClient client(port());
    QVERIFY(client.waitConnected());
    client.send(signedRequest("/list-flows", "{}", {{"Connection", "keep-alive"}}, "HTTP/1.0"));
    QVERIFY(client.waitResponses(1));
    QCOMPARE(client.responses().first().header("Connection"), QByteArray("keep-alive"));
    client.send(signedRequest("/list-flows", "{}", {{"Connection", "keep-alive"}}, "HTTP/1.0"));
    QVERIFY(client.waitResponses(2));
    QCOMPARE(client.responses().at(1).status, 200);
    QVERIFY(!client.isClosed());
}

void TestSimHttpServerHostile::halfClose()
{
#ifndef Q_OS_UNIX
    QSKIP("shutdown(SHUT_WR) on the client socket is written for POSIX");
#endif
    RawClient client(port());
    QVERIFY(client.waitConnected());
    client.send(signedRequest("/list-flows", "{}"));
    client.halfClose();
    QVERIFY2(client.waitResponses(1), "a half-closed client got no answer");
    QCOMPARE(client.responses().first().status, 200);
    QVERIFY(client.waitClosed(5000));
}

void TestSimHttpServerHostile::pipelinedRequestsAnsweredInOrder()
{
    RawClient client(port());
    QVERIFY(client.waitConnected());
    const QByteArray describeMissing =
        signedRequest("/describe-flow",
                      QJsonDocument(QJsonObject{{QStringLiteral("flowName"), QStringLiteral("no-such-flow")}})
                          .toJson(QJsonDocument::Compact));
    client.send(signedRequest("/list-flows", "{}") + describeMissing
                + signedRequest("/list-flows", "{\"maxResults\":1}"));
    QVERIFY(client.waitResponses(3));
    const QList<RawResponse> responses = client.responses();
    QCOMPARE(responses.at(0).status, 200);
    QCOMPARE(responses.at(1).status, 404);
    QCOMPARE(responses.at(2).status, 200);
    QCOMPARE(QJsonDocument::fromJson(responses.at(2).body).object().value(QLatin1String("flows")).toArray().size(), 1);
}

#ifdef Q_OS_UNIX
// With no descriptor left, accept() fails with EMFILE: the simulator must neither spin on its
// listening socket nor stay deaf once descriptors are free again.
void TestSimHttpServerHostile::outOfDescriptorsDoesNotSpin()
{
    rlimit original{};
    QCOMPARE(::getrlimit(RLIMIT_NOFILE, &original), 0);
    // The clients connect first (plain sockets: their descriptors exist before the limit drops
    // and the kernel completes the handshake into the listen backlog); then no descriptor is
    // left for the server's accept().
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port());
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    std::vector<int> clients;
    for (int i = 0; i < 3; ++i) {
        const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        QVERIFY(fd >= 0);
        QCOMPARE(::connect(fd, reinterpret_cast<const sockaddr *>(&address), sizeof address), 0);
        clients.push_back(fd);
    }
    int highest = 0;
    const QStringList open = QDir(QStringLiteral("/proc/self/fd")).entryList(QDir::AllEntries | QDir::System | QDir::NoDotAndDotDot);
    for (const QString &entry : open)
        highest = qMax(highest, entry.toInt());
    rlimit lowered = original;
    lowered.rlim_cur = rlim_t(highest + 1);
    QCOMPARE(::setrlimit(RLIMIT_NOFILE, &lowered), 0);
    std::vector<int> fillers;   // descriptors below the limit that were free
    for (;;) {
        const int fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            break;
        fillers.push_back(fd);
    }
    rusage usageBefore{};
    ::getrusage(RUSAGE_SELF, &usageBefore);
    QElapsedTimer timer;
    timer.start();
    QTest::qWait(1500);   // the clients wait in the backlog; accept() fails meanwhile
    rusage usageAfter{};
    ::getrusage(RUSAGE_SELF, &usageAfter);
    const qint64 elapsed = timer.elapsed();
    const int heldMeanwhile = m_sim->openConnections();
    for (int fd : fillers)
        ::close(fd);
    QCOMPARE(::setrlimit(RLIMIT_NOFILE, &original), 0);
    const auto cpuMs = [](const rusage &u) {
        return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1000.0
               + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1000.0;
    };
    const double spent = cpuMs(usageAfter) - cpuMs(usageBefore);
    qInfo("CPU while out of descriptors: %.0f ms in %lld ms", spent, elapsed);
    QCOMPARE(heldMeanwhile, 0);
    // Retrying every 250 ms costs ~1 % of the time; spinning took 37 % even on this shared
    // 2-core machine under load (measured with acceptRetryMs = 0).
    QVERIFY2(spent < 0.1 * double(elapsed), "the simulator spins while out of descriptors");

    // Descriptors are back: the waiting clients are accepted on the next retry and answered.
    const QByteArray request = signedRequest("/list-flows", "{}");
    QCOMPARE(::send(clients.front(), request.constData(), size_t(request.size()), MSG_NOSIGNAL),
             ssize_t(request.size()));
    QByteArray received;
    const bool answered = QTest::qWaitFor([&] {
        char buffer[4096];
        const ssize_t n = ::recv(clients.front(), buffer, sizeof buffer, MSG_DONTWAIT);
        if (n > 0)
            received.append(buffer, n);
        return !parseResponses(received).isEmpty();
    }, 10000);
    for (int fd : clients)
        ::close(fd);
    QVERIFY2(answered, received.left(200).constData());
    QCOMPARE(parseResponses(received).first().status, 200);
}
#endif

QTEST_GUILESS_MAIN(TestSimHttpServerHostile)
#include "tst_simhttpserver_hostile.moc"
