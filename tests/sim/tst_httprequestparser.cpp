// HttpRequestParser on its own: every framing rule, each case fed whole, split at every byte
// boundary, and byte by byte — a parser that only works when a request arrives in one piece
// fails here.

#include <HttpRequestParser.h>

#include <QTest>

using namespace flowdesk::sim;

namespace {

// Small limits so every limit can be hit exactly with short inputs.
HttpLimits smallLimits()
{
    HttpLimits limits;
    limits.maxRequestLineBytes = 40;
    limits.maxHeaderBytes = 120;
    limits.maxHeaderFields = 4;
    limits.maxBodyBytes = 16;
    return limits;
}

struct Expected {
    QByteArray method, path, query, body;
    bool keepAlive = true;
    QByteArray version = QByteArrayLiteral("HTTP/1.1");
};

struct Outcome {
    QList<HttpRequest> requests;
    HttpRequestParser::Status last = HttpRequestParser::NeedMore;
    int errorStatus = 0;
    QString errorCode;
};

// Feeds `input` in pieces ending at `cuts` (ascending offsets), parsing after each piece.
Outcome run(const HttpLimits &limits, const QByteArray &input, const QList<qsizetype> &cuts,
            bool endOfInput)
{
    HttpRequestParser parser(limits);
    Outcome outcome;
    qsizetype from = 0;
    auto drain = [&] {
        while ((outcome.last = parser.parse()) == HttpRequestParser::Ready)
            outcome.requests.append(parser.takeRequest());
    };
    for (qsizetype cut : cuts) {
        parser.feed(QByteArrayView(input).sliced(from, cut - from));
        from = cut;
        drain();
        if (outcome.last == HttpRequestParser::Error)
            break;
    }
    if (outcome.last != HttpRequestParser::Error) {
        parser.feed(QByteArrayView(input).sliced(from));
        drain();
        if (endOfInput && outcome.last != HttpRequestParser::Error) {
            parser.endOfInput();
            drain();
        }
    }
    outcome.errorStatus = parser.failure().status;
    outcome.errorCode = parser.failure().code;
    return outcome;
}

QString describe(const Outcome &outcome)
{
    QStringList parts;
    for (const HttpRequest &request : outcome.requests)
        parts.append(QString::fromLatin1(request.method + ' ' + request.path + '?' + request.query
                                         + " body=" + request.body.left(40)
                                         + (request.keepAlive ? " keep" : " close")));
    parts.append(QStringLiteral("status=%1 error=%2 %3")
                     .arg(outcome.last)
                     .arg(outcome.errorStatus)
                     .arg(outcome.errorCode));
    return parts.join(QLatin1String(" | "));
}

QByteArray post(const QByteArray &headers, const QByteArray &body)
{
    return "POST /list-flows HTTP/1.1\r\nHost: sim\r\n" + headers + "\r\n" + body;
}

} // namespace

Q_DECLARE_METATYPE(QList<Expected>)

class TestHttpRequestParser : public QObject
{
    Q_OBJECT

private slots:
    void rules_data();
    void rules();
    void defaultLimitsAreExact();
    void headersAreKeptAsSent();
    void expectContinue();
    void errorIsSticky();
    void bufferDoesNotGrowWithConsumedBytes();
};

void TestHttpRequestParser::rules_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<bool>("endOfInput");
    QTest::addColumn<QList<Expected>>("requests");
    // 0: NeedMore after the last request; else the error status.
    QTest::addColumn<int>("errorStatus");

    const auto ok = [](const QByteArray &method, const QByteArray &path, const QByteArray &body,
                       bool keepAlive = true) {
        Expected e;
        e.method = method;
        e.path = path;
        e.body = body;
        e.keepAlive = keepAlive;
        return e;
    };
    using L = QList<Expected>;

    // Well-formed requests.
    QTest::newRow("get, no body") << QByteArray("GET / HTTP/1.1\r\nHost: sim\r\n\r\n") << false
                                  << L{ok("GET", "/", "")} << 0;
    QTest::newRow("content-length body") << post("Content-Length: 2\r\n", "{}") << false
                                         << L{ok("POST", "/list-flows", "{}")} << 0;
    QTest::newRow("content-length zero") << post("Content-Length: 0\r\n", "") << false
                                         << L{ok("POST", "/list-flows", "")} << 0;
    QTest::newRow("content-length leading zeros") << post("Content-Length: 002\r\n", "{}")
                                                  << false << L{ok("POST", "/list-flows", "{}")} << 0;
    QTest::newRow("content-length repeated, same value")
        << post("Content-Length: 2\r\nContent-Length: 2\r\n", "{}") << false
        << L{ok("POST", "/list-flows", "{}")} << 0;
    QTest::newRow("content-length list, same value")
        << post("Content-Length: 2, 2\r\n", "{}") << false << L{ok("POST", "/list-flows", "{}")} << 0;
    QTest::newRow("body exactly at the cap")
        << post("Content-Length: 16\r\n", "0123456789abcdef") << false
        << L{ok("POST", "/list-flows", "0123456789abcdef")} << 0;
    QTest::newRow("chunked") << post("Transfer-Encoding: chunked\r\n", "2\r\n{}\r\n0\r\n\r\n")
                             << false << L{ok("POST", "/list-flows", "{}")} << 0;
    QTest::newRow("chunked, upper-case hex, several chunks")
        << post("Transfer-Encoding: Chunked\r\n", "A\r\n0123456789\r\n1\r\nX\r\n0\r\n\r\n")
        << false << L{ok("POST", "/list-flows", "0123456789X")} << 0;
    QTest::newRow("chunked, extensions and trailer")
        << post("Transfer-Encoding: chunked\r\n", "2;name=value\r\n{}\r\n0 ;last\r\nX-T: 1\r\n\r\n")
        << false << L{ok("POST", "/list-flows", "{}")} << 0;
    QTest::newRow("chunked body exactly at the cap")
        << post("Transfer-Encoding: chunked\r\n", "8\r\n01234567\r\n8\r\n89abcdef\r\n0\r\n\r\n")
        << false << L{ok("POST", "/list-flows", "0123456789abcdef")} << 0;
    QTest::newRow("leading empty line ignored") << QByteArray("\r\nGET / HTTP/1.1\r\nHost: s\r\n\r\n")
                                                << false << L{ok("GET", "/", "")} << 0;
    {
        Expected e = ok("GET", "/fed", "");
        e.query = "a=1&r=x";
        QTest::newRow("query split off") << QByteArray("GET /fed?a=1&r=x HTTP/1.1\r\nHost: s\r\n\r\n")
                                         << false << L{e} << 0;
        QTest::newRow("absolute-form target")
            << QByteArray("GET http://sim:80/fed?a=1&r=x HTTP/1.1\r\nHost: s\r\n\r\n") << false
            << L{e} << 0;
    }
    QTest::newRow("OPTIONS *") << QByteArray("OPTIONS * HTTP/1.1\r\nHost: s\r\n\r\n") << false
                               << L{ok("OPTIONS", "*", "")} << 0;

    // Keep-alive, Connection: close, HTTP/1.0, pipelining.
    QTest::newRow("connection close") << post("Connection: close\r\nContent-Length: 2\r\n", "{}")
                                      << false << L{ok("POST", "/list-flows", "{}", false)} << 0;
    QTest::newRow("connection: keep-alive, Close (list)")
        << post("Connection: keep-alive, Close\r\n", "") << false
        << L{ok("POST", "/list-flows", "", false)} << 0;
    {
        Expected e10 = ok("GET", "/", "", false);
        e10.version = "HTTP/1.0";
        QTest::newRow("http/1.0 closes, no Host needed") << QByteArray("GET / HTTP/1.0\r\n\r\n")
                                                         << false << L{e10} << 0;
        Expected e10k = e10;
        e10k.keepAlive = true;
        QTest::newRow("http/1.0 keep-alive") << QByteArray("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
                                             << false << L{e10k} << 0;
        Expected e10b = ok("POST", "/list-flows", "{}", false);
        e10b.version = "HTTP/1.0";
        QTest::newRow("http/1.0 body by content-length")
            << QByteArray("POST /list-flows HTTP/1.0\r\nContent-Length: 2\r\n\r\n{}") << false
            << L{e10b} << 0;
    }
    QTest::newRow("pipelined, in order")
        << QByteArray(post("Content-Length: 1\r\n", "a")
                      + post("Transfer-Encoding: chunked\r\n", "1\r\nb\r\n0\r\n\r\n")
                      + "GET /c HTTP/1.1\r\nHost: s\r\n\r\n")
        << false
        << L{ok("POST", "/list-flows", "a"), ok("POST", "/list-flows", "b"), ok("GET", "/c", "")}
        << 0;
    QTest::newRow("half-close after a whole request") << post("Content-Length: 2\r\n", "{}") << true
                                                      << L{ok("POST", "/list-flows", "{}")} << 0;

    // Garbage and malformed framing: 400.
    QTest::newRow("garbage") << QByteArray("\x16\x03\x01\x02\x01\x01\xfc\x03\x03\r\n\r\n")
                             << false << L{} << 400;
    QTest::newRow("no version") << QByteArray("GET /\r\nHost: s\r\n\r\n") << false << L{} << 400;
    QTest::newRow("two spaces") << QByteArray("GET  / HTTP/1.1\r\nHost: s\r\n\r\n") << false << L{}
                                << 400;
    QTest::newRow("lower-case version") << QByteArray("GET / http/1.1\r\nHost: s\r\n\r\n") << false
                                        << L{} << 400;
    QTest::newRow("bare LF") << QByteArray("GET / HTTP/1.1\nHost: s\n\n") << false << L{} << 400;
    QTest::newRow("bare CR in header") << QByteArray("GET / HTTP/1.1\r\nHost: s\rX: y\r\n\r\n")
                                       << false << L{} << 400;
    QTest::newRow("target with control char") << QByteArray("GET /\x01 HTTP/1.1\r\nHost: s\r\n\r\n")
                                              << false << L{} << 400;
    QTest::newRow("target with fragment") << QByteArray("GET /#x HTTP/1.1\r\nHost: s\r\n\r\n")
                                          << false << L{} << 400;
    QTest::newRow("target not a path") << QByteArray("GET list-flows HTTP/1.1\r\nHost: s\r\n\r\n")
                                       << false << L{} << 400;
    QTest::newRow("method not a token") << QByteArray("GE(T / HTTP/1.1\r\nHost: s\r\n\r\n") << false
                                        << L{} << 400;
    QTest::newRow("obs-fold") << QByteArray("GET / HTTP/1.1\r\nHost: s\r\nX: a\r\n b\r\n\r\n")
                              << false << L{} << 400;
    QTest::newRow("space before colon") << QByteArray("GET / HTTP/1.1\r\nHost : s\r\n\r\n") << false
                                        << L{} << 400;
    QTest::newRow("no colon") << QByteArray("GET / HTTP/1.1\r\nHost s\r\n\r\n") << false << L{}
                              << 400;
    QTest::newRow("NUL in value") << QByteArray(QByteArray("GET / HTTP/1.1\r\nHost: s") + '\0' + "x\r\n\r\n")
                                  << false << L{} << 400;
    QTest::newRow("http/1.1 without Host") << QByteArray("GET / HTTP/1.1\r\n\r\n") << false << L{}
                                           << 400;
    QTest::newRow("two Hosts") << QByteArray("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n")
                               << false << L{} << 400;
    QTest::newRow("ends mid-headers") << QByteArray("GET / HTTP/1.1\r\nHost: s\r\n") << true << L{}
                                      << 400;
    QTest::newRow("ends mid-body (lying content-length)") << post("Content-Length: 10\r\n", "{}")
                                                          << true << L{} << 400;
    QTest::newRow("error after a good request")
        << QByteArray(post("Content-Length: 1\r\n", "a") + "BREW /pot HTCPCP/1.0\r\n\r\n") << false
        << L{ok("POST", "/list-flows", "a")} << 400;

    // Content-Length and Transfer-Encoding: request smuggling.
    QTest::newRow("conflicting content-lengths")
        << post("Content-Length: 2\r\nContent-Length: 3\r\n", "{}x") << false << L{} << 400;
    QTest::newRow("conflicting content-length list") << post("Content-Length: 2, 3\r\n", "{}x")
                                                     << false << L{} << 400;
    QTest::newRow("content-length not a number") << post("Content-Length: 2a\r\n", "{}") << false
                                                 << L{} << 400;
    QTest::newRow("content-length signed") << post("Content-Length: +2\r\n", "{}") << false << L{}
                                           << 400;
    QTest::newRow("content-length empty") << post("Content-Length: \r\n", "") << false << L{}
                                          << 400;
    QTest::newRow("content-length and chunked")
        << post("Content-Length: 6\r\nTransfer-Encoding: chunked\r\n", "0\r\n\r\n") << false << L{}
        << 400;
    QTest::newRow("chunked and content-length")
        << post("Transfer-Encoding: chunked\r\nContent-Length: 6\r\n", "0\r\n\r\n") << false << L{}
        << 400;
    QTest::newRow("chunked not last") << post("Transfer-Encoding: chunked, gzip\r\n", "") << false
                                      << L{} << 400;
    QTest::newRow("unknown transfer coding only") << post("Transfer-Encoding: identity\r\n", "")
                                                  << false << L{} << 400;
    QTest::newRow("gzip, chunked: not implemented")
        << post("Transfer-Encoding: gzip, chunked\r\n", "0\r\n\r\n") << false << L{} << 501;
    QTest::newRow("chunked twice") << post("Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n",
                                           "0\r\n\r\n")
                                   << false << L{} << 400;
    QTest::newRow("transfer-encoding in http/1.0")
        << QByteArray("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n") << false
        << L{} << 400;

    // Chunk sizes: hex only.
    QTest::newRow("chunk size not hex") << post("Transfer-Encoding: chunked\r\n", "g\r\nx\r\n0\r\n\r\n")
                                        << false << L{} << 400;
    QTest::newRow("chunk size 0x prefix") << post("Transfer-Encoding: chunked\r\n", "0x2\r\n{}\r\n0\r\n\r\n")
                                          << false << L{} << 400;
    QTest::newRow("chunk size negative") << post("Transfer-Encoding: chunked\r\n", "-2\r\n{}\r\n0\r\n\r\n")
                                         << false << L{} << 400;
    QTest::newRow("chunk size leading space") << post("Transfer-Encoding: chunked\r\n", " 2\r\n{}\r\n0\r\n\r\n")
                                              << false << L{} << 400;
    QTest::newRow("chunk size trailing space") << post("Transfer-Encoding: chunked\r\n", "2 \r\n{}\r\n0\r\n\r\n")
                                               << false << L{} << 400;
    QTest::newRow("chunk size empty") << post("Transfer-Encoding: chunked\r\n", "\r\n{}\r\n0\r\n\r\n")
                                      << false << L{} << 400;
    QTest::newRow("chunk longer than its size")
        << post("Transfer-Encoding: chunked\r\n", "1\r\n{}\r\n0\r\n\r\n") << false << L{} << 400;
    QTest::newRow("chunked ends without last chunk")
        << post("Transfer-Encoding: chunked\r\n", "2\r\n{}\r\n") << true << L{} << 400;

    // Limits.
    QTest::newRow("request line at the limit (40)")
        << QByteArray("GET /" + QByteArray(26, 'a') + " HTTP/1.1\r\nHost: s\r\n\r\n") << false
        << L{ok("GET", "/" + QByteArray(26, 'a'), "")} << 0;
    QTest::newRow("request line over the limit: 414")
        << QByteArray("GET /" + QByteArray(27, 'a') + " HTTP/1.1\r\nHost: s\r\n\r\n") << false << L{}
        << 414;
    QTest::newRow("request line never ends: 414") << QByteArray(100, 'G') << false << L{} << 414;
    QTest::newRow("field lines at the limit (120)")
        << QByteArray("GET / HTTP/1.1\r\nHost: s\r\nX: " + QByteArray(106, 'v') + "\r\n\r\n")
        << false << L{ok("GET", "/", "")} << 0;
    QTest::newRow("field lines over the limit: 431")
        << QByteArray("GET / HTTP/1.1\r\nHost: s\r\nX: " + QByteArray(107, 'v') + "\r\n\r\n")
        << false << L{} << 431;
    QTest::newRow("one header never ends: 431")
        << QByteArray("GET / HTTP/1.1\r\nX: " + QByteArray(500, 'v')) << false << L{} << 431;
    QTest::newRow("fields at the limit (4)")
        << QByteArray("GET / HTTP/1.1\r\nHost: s\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n") << false
        << L{ok("GET", "/", "")} << 0;
    QTest::newRow("fields over the limit: 431")
        << QByteArray("GET / HTTP/1.1\r\nHost: s\r\nA: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\n\r\n") << false
        << L{} << 431;
    QTest::newRow("trailers count against the field limit")
        << post("Transfer-Encoding: chunked\r\n", "0\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n") << false << L{}
        << 431;
    QTest::newRow("content-length over the cap: 413, before the body")
        << post("Content-Length: 17\r\n", "") << false << L{} << 413;
    QTest::newRow("content-length beyond 64 bits: 413")
        << post("Content-Length: 99999999999999999999999999\r\n", "") << false << L{} << 413;
    QTest::newRow("chunk over the cap: 413") << post("Transfer-Encoding: chunked\r\n", "11\r\n")
                                             << false << L{} << 413;
    QTest::newRow("chunks summing over the cap: 413")
        << post("Transfer-Encoding: chunked\r\n", "8\r\n01234567\r\n9\r\n") << false << L{} << 413;
    QTest::newRow("chunk size beyond 64 bits: 413")
        << post("Transfer-Encoding: chunked\r\n", "ffffffffffffffffffffff\r\n") << false << L{} << 413;
    QTest::newRow("expectation other than 100-continue: 417") << post("Expect: coffee\r\n", "")
                                                               << false << L{} << 417;
    QTest::newRow("HTTP/2.0: 505") << QByteArray("GET / HTTP/2.0\r\nHost: s\r\n\r\n") << false << L{}
                                   << 505;
}

void TestHttpRequestParser::rules()
{
    QFETCH(QByteArray, input);
    QFETCH(bool, endOfInput);
    QFETCH(QList<Expected>, requests);
    QFETCH(int, errorStatus);

    const auto check = [&](const Outcome &outcome, const QString &how) {
        const QString context = how + QLatin1String(": ") + describe(outcome);
        QVERIFY2(outcome.requests.size() == requests.size(), qPrintable(context));
        for (qsizetype i = 0; i < requests.size(); ++i) {
            const HttpRequest &got = outcome.requests.at(i);
            const Expected &want = requests.at(i);
            QVERIFY2(got.method == want.method && got.path == want.path
                         && got.query == want.query && got.body == want.body
                         && got.keepAlive == want.keepAlive && got.version == want.version,
                     qPrintable(context));
        }
        if (errorStatus == 0) {
            QVERIFY2(outcome.last == HttpRequestParser::NeedMore, qPrintable(context));
        } else {
            QVERIFY2(outcome.last == HttpRequestParser::Error, qPrintable(context));
            QVERIFY2(outcome.errorStatus == errorStatus, qPrintable(context));
            QVERIFY2(!outcome.errorCode.isEmpty(), qPrintable(context));
        }
    };

    const HttpLimits limits = smallLimits();
    check(run(limits, input, {}, endOfInput), QStringLiteral("whole"));
    for (qsizetype cut = 1; cut < input.size() && !QTest::currentTestFailed(); ++cut)
        check(run(limits, input, {cut}, endOfInput), QStringLiteral("split at %1").arg(cut));
    if (QTest::currentTestFailed())
        return;
    QList<qsizetype> everyByte;
    for (qsizetype cut = 1; cut < input.size(); ++cut)
        everyByte.append(cut);
    check(run(limits, input, everyByte, endOfInput), QStringLiteral("byte by byte"));
}

// The documented defaults, at and one byte past each boundary.
void TestHttpRequestParser::defaultLimitsAreExact()
{
    const HttpLimits limits;
    QCOMPARE(limits.maxRequestLineBytes, 8 * 1024);
    QCOMPARE(limits.maxHeaderBytes, 64 * 1024);
    QCOMPARE(limits.maxHeaderFields, 100);
    QCOMPARE(limits.maxBodyBytes, 1024 * 1024);

    const auto requestLine = [](qsizetype length) -> QByteArray {
        const QByteArray prefix = "GET /", suffix = " HTTP/1.1";
        return prefix + QByteArray(length - prefix.size() - suffix.size(), 'a') + suffix
               + "\r\nHost: s\r\n\r\n";
    };
    QCOMPARE(run(limits, requestLine(8192), {}, false).requests.size(), 1);
    QCOMPARE(run(limits, requestLine(8193), {}, false).errorStatus, 414);

    // Host line (9 bytes) + one field filling the rest of 64 KiB, then the empty line.
    const auto headerBlock = [](qsizetype total) -> QByteArray {
        const QByteArray host = "Host: s\r\n";
        return "GET / HTTP/1.1\r\n" + host + "X: " + QByteArray(total - host.size() - 5, 'v')
               + "\r\n\r\n";
    };
    QCOMPARE(run(limits, headerBlock(65536), {}, false).requests.size(), 1);
    QCOMPARE(run(limits, headerBlock(65537), {}, false).errorStatus, 431);
    // A 1 MB header is refused once 64 KiB are seen, fed in 4 KiB pieces as a socket would.
    const QByteArray huge = "GET / HTTP/1.1\r\nHost: s\r\nX: " + QByteArray(1024 * 1024, 'v');
    QList<qsizetype> pieces;
    for (qsizetype cut = 4096; cut < huge.size(); cut += 4096)
        pieces.append(cut);
    QCOMPARE(run(limits, huge, pieces, false).errorStatus, 431);

    QByteArray fields = "GET / HTTP/1.1\r\nHost: s\r\n";
    for (int i = 1; i < 100; ++i)
        fields += "X-" + QByteArray::number(i) + ": v\r\n";
    QCOMPARE(run(limits, fields + "\r\n", {}, false).requests.size(), 1);
    QCOMPARE(run(limits, fields + "X-100: v\r\n\r\n", {}, false).errorStatus, 431);

    const QByteArray mib(1024 * 1024, 'b');
    QCOMPARE(run(limits, post("Content-Length: 1048576\r\n", mib), {}, false).requests.value(0).body,
             mib);
    QCOMPARE(run(limits, post("Content-Length: 1048577\r\n", ""), {}, false).errorStatus, 413);
    QCOMPARE(run(limits, post("Transfer-Encoding: chunked\r\n", "100001\r\n"), {}, false).errorStatus,
             413);
}

void TestHttpRequestParser::headersAreKeptAsSent()
{
    const Outcome outcome =
        run({}, post("X-Amz-Date:\t20261203T231000Z \r\nAuthorization:  AWS4 a=b\r\n", ""), {}, false);
    QCOMPARE(outcome.requests.size(), 1);
    const HttpRequest &request = outcome.requests.first();
    const QList<QPair<QByteArray, QByteArray>> expected{
        {"Host", "sim"}, {"X-Amz-Date", "20261203T231000Z"}, {"Authorization", "AWS4 a=b"}};
    QCOMPARE(request.headers, expected);
    QCOMPARE(request.header("x-amz-date"), QByteArray("20261203T231000Z"));
}

void TestHttpRequestParser::expectContinue()
{
    HttpRequestParser parser;
    parser.feed(post("Expect: 100-continue\r\nContent-Length: 2\r\n", ""));
    QCOMPARE(parser.parse(), HttpRequestParser::NeedMore);
    QVERIFY(parser.expectsContinue());
    parser.feed("{");
    QCOMPARE(parser.parse(), HttpRequestParser::NeedMore);
    QVERIFY(!parser.expectsContinue());
    parser.feed("}");
    QCOMPARE(parser.parse(), HttpRequestParser::Ready);
    QCOMPARE(parser.takeRequest().body, QByteArray("{}"));

    // Nothing to continue: the request is complete (no body), or too large (413 instead).
    HttpRequestParser noBody;
    noBody.feed(post("Expect: 100-continue\r\n", ""));
    QCOMPARE(noBody.parse(), HttpRequestParser::Ready);
    QVERIFY(!noBody.expectsContinue());
    HttpRequestParser tooLarge;
    tooLarge.feed(post("Expect: 100-continue\r\nContent-Length: 99999999\r\n", ""));
    QCOMPARE(tooLarge.parse(), HttpRequestParser::Error);
    QVERIFY(!tooLarge.expectsContinue());
}

void TestHttpRequestParser::errorIsSticky()
{
    HttpRequestParser parser;
    parser.feed("GET / HTTP/1.1\nHost: s\r\n\r\n");
    QCOMPARE(parser.parse(), HttpRequestParser::Error);
    parser.feed("GET / HTTP/1.1\r\nHost: s\r\n\r\n");
    QCOMPARE(parser.parse(), HttpRequestParser::Error);
    QCOMPARE(parser.bufferedBytes(), 0);
    QCOMPARE(parser.failure().status, 400);
    QCOMPARE(parser.failure().code, QStringLiteral("BadRequestException"));
    QVERIFY(parser.failure().message.contains(QLatin1String("CRLF")));
}

// A long keep-alive stream of small requests must not accumulate consumed bytes.
void TestHttpRequestParser::bufferDoesNotGrowWithConsumedBytes()
{
    HttpRequestParser parser;
    const QByteArray one = post("Content-Length: 2\r\n", "{}");
    int taken = 0;
    for (int i = 0; i < 20000; ++i) {
        parser.feed(one);
        while (parser.parse() == HttpRequestParser::Ready) {
            parser.takeRequest();
            ++taken;
        }
        QVERIFY(!parser.hasPartialRequest());
    }
    QCOMPARE(taken, 20000);
    QCOMPARE(parser.bufferedBytes(), 0);
}

QTEST_GUILESS_MAIN(TestHttpRequestParser)
#include "tst_httprequestparser.moc"
