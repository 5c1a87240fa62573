// SigV4 signer: every step on its own, then header and query signing end to end, checked against
// the official vectors in ../shared/reference/sigv4-test-suite (read from disk, not copied here).

#include "SigV4.h"

#include "CrtCaseLoader.h"
#include "RequestText.h"

#include <QDir>
#include <QFile>
#include <QTest>
#include <QTimeZone>

using namespace flowdesk::aws;
using namespace flowdesk::aws::sigv4;

namespace {

const QString kSuiteDir = QStringLiteral(FLOWDESK_SIGV4_SUITE_DIR);
const QString kSecret = QStringLiteral("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
const QByteArray kEmptyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
const QByteArray kScope = "20150830/us-east-1/service/aws4_request";

QDateTime suiteTime()
{
    return QDateTime(QDate(2015, 8, 30), QTime(12, 36), QTimeZone::utc());
}

Credentials suiteCredentials(const QString &token = {})
{
    return {QStringLiteral("AKIDEXAMPLE"), kSecret, token, {}};
}

// An aws-c-auth case file as text without the trailing newline some files have.
QByteArray crtFile(const QString &caseName, const QString &file)
{
    QFile f(kSuiteDir + u"/aws-c-auth/v4/" + caseName + u'/' + file);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(f.fileName()));
    return suite::RequestText::normalizedText(f.readAll());
}

Request crtRequest(const QString &caseName)
{
    QString error;
    const auto request = suite::RequestText::parse(crtFile(caseName, QStringLiteral("request.txt")),
                                                   &error);
    if (!request)
        qFatal("%s: %s", qPrintable(caseName), qPrintable(error));
    return *request;
}

Request vanillaGet()
{
    return {"GET", "/", "", {{"Host", "example.amazonaws.com"}}, {}};
}

QByteArray headerValue(const Request &request, const QByteArray &name)
{
    const QList<QByteArray> values = suite::RequestText::headerValues(request.headers, name);
    return values.size() == 1 ? values.first() : QByteArray("<" + QByteArray::number(values.size())
                                                            + " values>");
}

} // namespace

class TestSigV4 : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void credentialScopeAndDates();
    void parseAmzDateRejectsMalformed_data();
    void parseAmzDateRejectsMalformed();
    void hashOfEmptyBody();

    void canonicalUri_data();
    void canonicalUri();
    void canonicalQuery_data();
    void canonicalQuery();
    void canonicalHeadersTrimCollapseAndJoin();
    void headersToSignSkipsNeverSignedHeaders();

    void canonicalRequestMatchesSuite();
    void stringToSignMatchesSuite();
    void signingKeyMatchesPublishedDerivation();
    void signingKeyFollowsEveryInput();
    void signatureMatchesSuite();
    void authorizationHeaderFormat();

    void signHeadersVanilla();
    void signHeadersReplacesSignerOwnedHeaders();
    void signHeadersSessionTokenSigned();
    void signHeadersSessionTokenOmitted();
    void signHeadersBodyHeader();
    void signHeadersIgnoresNeverSignedHeaders();
    void clockIsInjectedAndConvertedToUtc();
    void signQueryVanilla();
    void signQuerySessionToken();
    void signQueryReplacesOldAuthParameters();

    void suiteCasesEndToEnd_data();
    void suiteCasesEndToEnd();

    void parseAuthorizationAcceptsSignerOutput();
    void parseAuthorizationAcceptsCompactForm();
    void parseAuthorizationRejects_data();
    void parseAuthorizationRejects();
};

void TestSigV4::initTestCase()
{
    if (!QDir(kSuiteDir).exists(QStringLiteral("aws-c-auth/v4"))) {
        QFAIL(qPrintable(u"The SigV4 test suite was not found at " + kSuiteDir
                         + u". Check out the shared/ folder beside the repository or configure "
                           u"with -DFLOWDESK_SHARED_DIR=<path to shared>."));
    }
}

void TestSigV4::credentialScopeAndDates()
{
    QCOMPARE(credentialScope(QDate(2015, 8, 30), QStringLiteral("us-east-1"),
                             QStringLiteral("service")),
             kScope);
    QCOMPARE(amzDate(suiteTime()), QByteArray("20150830T123600Z"));
    QCOMPARE(parseAmzDate("20150830T123600Z"), suiteTime());
    QCOMPARE(parseAmzDate("20150830T123600Z").timeSpec(), Qt::UTC);
}

void TestSigV4::parseAmzDateRejectsMalformed_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("no Z") << QByteArray("20150830T123600");
    QTest::newRow("ISO 8601 extended") << QByteArray("2015-08-30T12:36:00Z");
    QTest::newRow("month 13") << QByteArray("20151330T123600Z");
    QTest::newRow("hour 25") << QByteArray("20150830T253600Z");
    QTest::newRow("sign in digits") << QByteArray("2015083+T123600Z");
    QTest::newRow("lower-case t") << QByteArray("20150830t123600Z");
}

void TestSigV4::parseAmzDateRejectsMalformed()
{
    QFETCH(QByteArray, text);
    QVERIFY(!parseAmzDate(text).isValid());
}

void TestSigV4::hashOfEmptyBody()
{
    QCOMPARE(hexSha256({}), kEmptyHash);
    QCOMPARE(hexSha256("Param1=value1"),
             QByteArray("9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e"));
}

void TestSigV4::canonicalUri_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<bool>("normalize");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("root") << QByteArray("/") << true << QByteArray("/");
    QTest::newRow("empty is root") << QByteArray() << true << QByteArray("/");
    QTest::newRow("empty is root, unnormalized") << QByteArray() << false << QByteArray("/");
    QTest::newRow("appflow operation") << QByteArray("/list-flows") << true
                                       << QByteArray("/list-flows");
    QTest::newRow("unreserved kept") << QByteArray("/-._~AZaz09") << true
                                     << QByteArray("/-._~AZaz09");
    QTest::newRow("get-slashes") << QByteArray("//example//") << true << QByteArray("/example/");
    QTest::newRow("get-slashes unnormalized") << QByteArray("//example//") << false
                                              << QByteArray("//example//");
    QTest::newRow("get-slash") << QByteArray("//") << true << QByteArray("/");
    QTest::newRow("get-slash-dot-slash") << QByteArray("/./") << true << QByteArray("/");
    QTest::newRow("get-slash-pointless-dot") << QByteArray("/./example") << true
                                             << QByteArray("/example");
    QTest::newRow("get-relative") << QByteArray("/example/..") << true << QByteArray("/");
    QTest::newRow("get-relative-relative") << QByteArray("/example1/example2/../..") << true
                                           << QByteArray("/");
    QTest::newRow("get-relative unnormalized") << QByteArray("/example/..") << false
                                               << QByteArray("/example/..");
    QTest::newRow(".. above root") << QByteArray("/../x") << true << QByteArray("/x");
    QTest::newRow("trailing slash kept") << QByteArray("/a/b/") << true << QByteArray("/a/b/");
    // The suites' raw request-line paths are encoded once…
    QTest::newRow("get-space") << QByteArray("/example space/") << false
                               << QByteArray("/example%20space/");
    QTest::newRow("get-utf8") << QByteArray("/\xe1\x88\xb4") << true << QByteArray("/%E1%88%B4");
    QTest::newRow("get-special-character") << QByteArray("/example/$delete") << true
                                           << QByteArray("/example/%24delete");
    // …and a real, already encoded wire path therefore ends up double-encoded (smithy-rs vector).
    QTest::newRow("double-url-encode")
        << QByteArray("/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-west-2%3A892717189312"
                      "%3Afunction%3Amy-rusty-fun/invocations")
        << true
        << QByteArray("/2015-03-31/functions/arn%253Aaws%253Alambda%253Aus-west-2%253A"
                      "892717189312%253Afunction%253Amy-rusty-fun/invocations");
}

void TestSigV4::canonicalUri()
{
    QFETCH(QByteArray, path);
    QFETCH(bool, normalize);
    QFETCH(QByteArray, expected);
    Options options;
    options.normalizePath = normalize;
    QCOMPARE(sigv4::canonicalUri(path, options), expected);
}

void TestSigV4::canonicalQuery_data()
{
    QTest::addColumn<QByteArray>("query");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("none") << QByteArray() << QByteArray();
    QTest::newRow("get-vanilla-query-order-key-case")
        << QByteArray("Param2=value2&Param1=value1") << QByteArray("Param1=value1&Param2=value2");
    QTest::newRow("get-vanilla-query-order-key")
        << QByteArray("Param1=value2&Param1=Value1") << QByteArray("Param1=Value1&Param1=value2");
    QTest::newRow("get-vanilla-query-order-value")
        << QByteArray("Param1=value2&Param1=value1") << QByteArray("Param1=value1&Param1=value2");
    QTest::newRow("upper-case names sort first") << QByteArray("a=1&B=2") << QByteArray("B=2&a=1");
    QTest::newRow("get-vanilla-empty-query-key") << QByteArray("Param1") << QByteArray("Param1=");
    QTest::newRow("post-vanilla-empty-query-value") << QByteArray("Param1=")
                                                    << QByteArray("Param1=");
    QTest::newRow("get-vanilla-query-order-encoded: already encoded, kept, sorted after")
        << QByteArray("Param-3=Value3&Param=Value2&%E1%88%B4=Value1")
        << QByteArray("%E1%88%B4=Value1&Param=Value2&Param-3=Value3");
    QTest::newRow("get-vanilla-utf8-query: raw UTF-8 encoded")
        << QByteArray("\xe1\x88\xb4=bar") << QByteArray("%E1%88%B4=bar");
    QTest::newRow("lower-case escapes become upper-case") << QByteArray("k=%e1%88%b4")
                                                          << QByteArray("k=%E1%88%B4");
    QTest::newRow("get-vanilla-query-unreserved")
        << QByteArray("-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz="
                      "-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
        << QByteArray("-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz="
                      "-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");
    QTest::newRow("plus is a literal plus, not a space") << QByteArray("a=b+c")
                                                         << QByteArray("a=b%2Bc");
    QTest::newRow("encoded space stays one encoding") << QByteArray("a=b%20c")
                                                      << QByteArray("a=b%20c");
    QTest::newRow("broken escape encodes the percent") << QByteArray("a=%zz")
                                                       << QByteArray("a=%25zz");
    QTest::newRow("reserved characters encoded") << QByteArray("k=a/b:c") << QByteArray("k=a%2Fb%3Ac");
    QTest::newRow("empty pairs skipped") << QByteArray("a=1&&b=2&") << QByteArray("a=1&b=2");
    QTest::newRow("only the first = splits") << QByteArray("a=b=c") << QByteArray("a=b%3Dc");
}

void TestSigV4::canonicalQuery()
{
    QFETCH(QByteArray, query);
    QFETCH(QByteArray, expected);
    QCOMPARE(sigv4::canonicalQuery(query), expected);
}

void TestSigV4::canonicalHeadersTrimCollapseAndJoin()
{
    const QList<Header> headers = {
        {"Host", "example.amazonaws.com"},
        {"My-Header1", " value1"},                    // get-header-value-trim
        {"My-Header2", " \"a   b   c\""},
        {"My-Header3", "value1\n  value2\n     value3"}, // get-header-value-multiline
        {"my-header4", "value2"},                     // get-header-key-duplicate: order kept
        {"MY-HEADER4", "value2"},
        {"My-Header4", "value1"},
        {"Not-Signed", "x"},
    };
    const QByteArray expected = "host:example.amazonaws.com\n"
                                "my-header1:value1\n"
                                "my-header2:\"a b c\"\n"
                                "my-header3:value1 value2 value3\n"
                                "my-header4:value2,value2,value1\n";
    QCOMPARE(canonicalHeaders(headers, {"my-header4", "host", "my-header1", "my-header2",
                                        "my-header3"}),
             expected);
    // A signed header the request lacks still gets its line (and so cannot verify).
    QCOMPARE(canonicalHeaders({}, {"host"}), QByteArray("host:\n"));
}

void TestSigV4::headersToSignSkipsNeverSignedHeaders()
{
    const QList<Header> headers = {
        {"User-Agent", "flowdesk"},      {"Connection", "keep-alive"},
        {"Transfer-Encoding", "chunked"}, {"Expect", "100-continue"},
        {"Keep-Alive", "timeout=5"},      {"Proxy-Authorization", "Basic x"},
        {"Proxy-Connection", "close"},    {"TE", "trailers"},
        {"Trailer", "Expires"},           {"Upgrade", "h2c"},
        {"X-Amzn-Trace-Id", "Root=1-x"},  {"Authorization", "AWS4-HMAC-SHA256 …"},
        {"Host", "appflow.us-east-1.amazonaws.com"},
        {"X-Amz-Date", "20150830T123600Z"},
        {"Content-Type", "application/json"},
        {"content-type", "application/json"},
        {"X-Amz-Security-Token", "token"},
    };
    const QList<QByteArray> expected = {"content-type", "host", "x-amz-date",
                                        "x-amz-security-token"};
    QCOMPARE(headersToSign(headers), expected);
    QCOMPARE(signedHeadersList(expected),
             QByteArray("content-type;host;x-amz-date;x-amz-security-token"));
}

void TestSigV4::canonicalRequestMatchesSuite()
{
    Request request = vanillaGet();
    request.headers.append(Header{"X-Amz-Date", "20150830T123600Z"});
    QCOMPARE(sigv4::canonicalRequest(request, {"host", "x-amz-date"}, kEmptyHash),
             crtFile(QStringLiteral("get-vanilla"), QStringLiteral("header-canonical-request.txt")));

    Options unnormalized;
    unnormalized.normalizePath = false;
    request.path = "/example space/";
    QCOMPARE(sigv4::canonicalRequest(request, {"host", "x-amz-date"}, kEmptyHash, unnormalized),
             crtFile(QStringLiteral("get-space-unnormalized"),
                     QStringLiteral("header-canonical-request.txt")));
}

void TestSigV4::stringToSignMatchesSuite()
{
    const QByteArray canonical =
        crtFile(QStringLiteral("get-vanilla"), QStringLiteral("header-canonical-request.txt"));
    QCOMPARE(stringToSign(suiteTime(), kScope, canonical),
             crtFile(QStringLiteral("get-vanilla"), QStringLiteral("header-string-to-sign.txt")));
}

void TestSigV4::signingKeyMatchesPublishedDerivation()
{
    // AWS's documented example ("Create a signing key"): 20150830/us-east-1/iam.
    QCOMPARE(signingKey(kSecret, QDate(2015, 8, 30), QStringLiteral("us-east-1"),
                        QStringLiteral("iam"))
                 .toHex(),
             QByteArray("c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9"));
    QCOMPARE(signingKey(kSecret, QDate(2015, 8, 30), QStringLiteral("us-east-1"),
                        QStringLiteral("service"))
                 .size(),
             32);
}

// The last key is kept between requests: a change of any input must still give that input's
// key, and going back must give the first one again.
void TestSigV4::signingKeyFollowsEveryInput()
{
    const QDate date(2015, 8, 30);
    const QString region = QStringLiteral("us-east-1");
    const QString service = QStringLiteral("iam");
    const QByteArray published("c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9");
    QCOMPARE(signingKey(kSecret, date, region, service).toHex(), published);
    const QList<QByteArray> others{
        signingKey(kSecret + u'x', date, region, service).toHex(),
        signingKey(kSecret, date.addDays(1), region, service).toHex(),
        signingKey(kSecret, date, QStringLiteral("eu-west-1"), service).toHex(),
        signingKey(kSecret, date, region, QStringLiteral("appflow")).toHex()};
    for (const QByteArray &other : others)
        QVERIFY(other != published);
    QCOMPARE(QSet<QByteArray>(others.cbegin(), others.cend()).size(), others.size());
    QCOMPARE(signingKey(kSecret, date, region, service).toHex(), published);
    // And the same inputs twice in a row give the same key.
    QCOMPARE(signingKey(kSecret, date, region, service).toHex(), published);
}

void TestSigV4::signatureMatchesSuite()
{
    const QByteArray key = signingKey(kSecret, QDate(2015, 8, 30), QStringLiteral("us-east-1"),
                                      QStringLiteral("service"));
    for (const QString &caseName : {QStringLiteral("get-vanilla"), QStringLiteral("post-vanilla"),
                                    QStringLiteral("get-utf8")}) {
        for (const QString &variant : {QStringLiteral("header"), QStringLiteral("query")}) {
            QCOMPARE(signature(key, crtFile(caseName, variant + u"-string-to-sign.txt")),
                     crtFile(caseName, variant + u"-signature.txt"));
        }
    }
}

void TestSigV4::authorizationHeaderFormat()
{
    QCOMPARE(authorizationHeader(QStringLiteral("AKIDEXAMPLE"), kScope, {"host", "x-amz-date"},
                                 "abc"),
             QByteArray("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/"
                        "aws4_request, SignedHeaders=host;x-amz-date, Signature=abc"));
}

void TestSigV4::signHeadersVanilla()
{
    Request request = vanillaGet();
    const SigningResult result = signHeaders(request, suiteCredentials(),
                                             QStringLiteral("us-east-1"),
                                             QStringLiteral("service"), suiteTime());
    const QString c = QStringLiteral("get-vanilla");
    QCOMPARE(result.canonicalRequest, crtFile(c, QStringLiteral("header-canonical-request.txt")));
    QCOMPARE(result.stringToSign, crtFile(c, QStringLiteral("header-string-to-sign.txt")));
    QCOMPARE(result.signature, crtFile(c, QStringLiteral("header-signature.txt")));
    QCOMPARE(headerValue(request, "X-Amz-Date"), QByteArray("20150830T123600Z"));
    QCOMPARE(headerValue(request, "Authorization"), result.authorization);
    QVERIFY(result.authorization.endsWith(QByteArray("Signature=" + result.signature)));
    QCOMPARE(request.headers.size(), 3);
    QVERIFY(result.presignedQuery.isEmpty());
}

void TestSigV4::signHeadersReplacesSignerOwnedHeaders()
{
    Request request = vanillaGet();
    request.headers.append(Header{"x-amz-date", "19990101T000000Z"});
    request.headers.append(Header{"authorization", "stale"});
    const SigningResult result = signHeaders(request, suiteCredentials(),
                                             QStringLiteral("us-east-1"),
                                             QStringLiteral("service"), suiteTime());
    QCOMPARE(headerValue(request, "X-Amz-Date"), QByteArray("20150830T123600Z"));
    QCOMPARE(headerValue(request, "Authorization"), result.authorization);
    QCOMPARE(result.signature,
             crtFile(QStringLiteral("get-vanilla"), QStringLiteral("header-signature.txt")));

    // Signing twice (a retry) gives the same request, not duplicated headers.
    const QList<Header> once = request.headers;
    signHeaders(request, suiteCredentials(), QStringLiteral("us-east-1"),
                QStringLiteral("service"), suiteTime());
    QCOMPARE(request.headers.size(), once.size());
}

void TestSigV4::signHeadersSessionTokenSigned()
{
    const QString c = QStringLiteral("get-vanilla-with-session-token");
    const QString token = QStringLiteral(
        "6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267");
    Request request = vanillaGet();
    request.headers.append(Header{"X-Amz-Security-Token", "an older token"});
    const SigningResult result = signHeaders(request, suiteCredentials(token),
                                             QStringLiteral("us-east-1"),
                                             QStringLiteral("service"), suiteTime());
    QCOMPARE(result.canonicalRequest, crtFile(c, QStringLiteral("header-canonical-request.txt")));
    QCOMPARE(result.signature, crtFile(c, QStringLiteral("header-signature.txt")));
    QCOMPARE(headerValue(request, "X-Amz-Security-Token"), token.toUtf8());
    QVERIFY(result.authorization.contains("SignedHeaders=host;x-amz-date;x-amz-security-token,"));
}

void TestSigV4::signHeadersSessionTokenOmitted()
{
    const QString c = QStringLiteral("post-sts-header-after");
    QString error;
    const auto suiteCase =
        suite::CrtCaseLoader::load(kSuiteDir + u"/aws-c-auth/v4/" + c, c, &error);
    QVERIFY2(suiteCase, qPrintable(error));
    QVERIFY(suiteCase->options.omitSessionToken);

    Request request = suiteCase->request;
    const SigningResult result = signHeaders(request, suiteCase->credentials, suiteCase->region,
                                             suiteCase->service, suiteCase->time,
                                             suiteCase->options);
    QCOMPARE(result.canonicalRequest, crtFile(c, QStringLiteral("header-canonical-request.txt")));
    QCOMPARE(result.signature, crtFile(c, QStringLiteral("header-signature.txt")));
    QVERIFY(!result.canonicalRequest.contains("x-amz-security-token"));
    // Sent all the same, just not signed.
    QCOMPARE(headerValue(request, "X-Amz-Security-Token"),
             suiteCase->credentials.sessionToken.toUtf8());
}

void TestSigV4::signHeadersBodyHeader()
{
    const QString c = QStringLiteral("post-x-www-form-urlencoded");
    Request request = crtRequest(c);
    Options options;
    options.signBodyHeader = true;
    const SigningResult result = signHeaders(request, suiteCredentials(),
                                             QStringLiteral("us-east-1"),
                                             QStringLiteral("service"), suiteTime(), options);
    QCOMPARE(result.canonicalRequest, crtFile(c, QStringLiteral("header-canonical-request.txt")));
    QCOMPARE(result.signature, crtFile(c, QStringLiteral("header-signature.txt")));
    QCOMPARE(headerValue(request, "x-amz-content-sha256"), hexSha256("Param1=value1"));

    // Without it (botocore, AppFlow) the body is still hashed into the canonical request, but no
    // header is added.
    Request plain = crtRequest(c);
    const SigningResult plainResult = signHeaders(plain, suiteCredentials(),
                                                  QStringLiteral("us-east-1"),
                                                  QStringLiteral("service"), suiteTime());
    QVERIFY(plainResult.canonicalRequest.endsWith(hexSha256("Param1=value1")));
    QCOMPARE(suite::RequestText::headerValues(plain.headers, "x-amz-content-sha256").size(), 0);
}

void TestSigV4::signHeadersIgnoresNeverSignedHeaders()
{
    Request request = vanillaGet();
    request.headers.append(Header{"User-Agent", "flowdesk/0.1"});
    request.headers.append(Header{"Connection", "keep-alive"});
    request.headers.append(Header{"X-Amzn-Trace-Id", "Root=1-5759e988-bd862e3fe1be46a994272793"});
    const SigningResult result = signHeaders(request, suiteCredentials(),
                                             QStringLiteral("us-east-1"),
                                             QStringLiteral("service"), suiteTime());
    QCOMPARE(result.signature,
             crtFile(QStringLiteral("get-vanilla"), QStringLiteral("header-signature.txt")));
}

void TestSigV4::clockIsInjectedAndConvertedToUtc()
{
    // The same instant expressed at UTC+02:00 signs identically; another instant does not.
    const QDateTime local(QDate(2015, 8, 30), QTime(14, 36), QTimeZone(2 * 3600));
    Request a = vanillaGet();
    Request b = vanillaGet();
    const SigningResult atLocal = signHeaders(a, suiteCredentials(), QStringLiteral("us-east-1"),
                                              QStringLiteral("service"), local);
    const SigningResult later = signHeaders(b, suiteCredentials(), QStringLiteral("us-east-1"),
                                            QStringLiteral("service"), suiteTime().addSecs(1));
    QCOMPARE(atLocal.signature,
             crtFile(QStringLiteral("get-vanilla"), QStringLiteral("header-signature.txt")));
    QCOMPARE(headerValue(b, "X-Amz-Date"), QByteArray("20150830T123601Z"));
    QVERIFY(later.signature != atLocal.signature);

    // Just before midnight UTC at UTC-05:00 the scope date is the UTC date.
    Request c = vanillaGet();
    const QDateTime evening(QDate(2015, 8, 29), QTime(20, 0), QTimeZone(-5 * 3600));
    const SigningResult nextDay = signHeaders(c, suiteCredentials(), QStringLiteral("us-east-1"),
                                              QStringLiteral("service"), evening);
    QVERIFY(nextDay.authorization.contains("/20150830/us-east-1/service/aws4_request"));
}

void TestSigV4::signQueryVanilla()
{
    const QString c = QStringLiteral("get-vanilla");
    Request request = vanillaGet();
    const SigningResult result = signQuery(request, suiteCredentials(),
                                           QStringLiteral("us-east-1"),
                                           QStringLiteral("service"), suiteTime(), 3600);
    QCOMPARE(result.canonicalRequest, crtFile(c, QStringLiteral("query-canonical-request.txt")));
    QCOMPARE(result.stringToSign, crtFile(c, QStringLiteral("query-string-to-sign.txt")));
    QCOMPARE(result.signature, crtFile(c, QStringLiteral("query-signature.txt")));
    QVERIFY(result.authorization.isEmpty());
    QCOMPARE(request.query, result.presignedQuery);
    QVERIFY(result.presignedQuery.endsWith(QByteArray("&X-Amz-Signature=" + result.signature)));
    QVERIFY(result.presignedQuery.contains("X-Amz-Expires=3600"));
    QCOMPARE(request.headers.size(), 1); // no header added
}

void TestSigV4::signQuerySessionToken()
{
    const QString c = QStringLiteral("get-vanilla-with-session-token");
    const QString token = QStringLiteral(
        "6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267");
    Request request = vanillaGet();
    const SigningResult result = signQuery(request, suiteCredentials(token),
                                           QStringLiteral("us-east-1"),
                                           QStringLiteral("service"), suiteTime(), 3600);
    QCOMPARE(result.canonicalRequest, crtFile(c, QStringLiteral("query-canonical-request.txt")));
    QCOMPARE(result.signature, crtFile(c, QStringLiteral("query-signature.txt")));
    QVERIFY(result.presignedQuery.contains(QByteArray("X-Amz-Security-Token=" + token.toUtf8())));

    Request omitted = vanillaGet();
    Options options;
    options.omitSessionToken = true;
    const SigningResult unsignedToken = signQuery(omitted, suiteCredentials(token),
                                                  QStringLiteral("us-east-1"),
                                                  QStringLiteral("service"), suiteTime(), 3600,
                                                  options);
    QVERIFY(!unsignedToken.canonicalRequest.contains("X-Amz-Security-Token"));
    QVERIFY(unsignedToken.presignedQuery.contains(QByteArray("X-Amz-Security-Token=" + token.toUtf8())));
    QCOMPARE(unsignedToken.signature,
             crtFile(QStringLiteral("get-vanilla"), QStringLiteral("query-signature.txt")));
}

void TestSigV4::signQueryReplacesOldAuthParameters()
{
    Request request = vanillaGet();
    signQuery(request, suiteCredentials(), QStringLiteral("us-east-1"), QStringLiteral("service"),
              suiteTime().addDays(-1), 60);
    const SigningResult result = signQuery(request, suiteCredentials(),
                                           QStringLiteral("us-east-1"),
                                           QStringLiteral("service"), suiteTime(), 3600);
    QCOMPARE(result.signature,
             crtFile(QStringLiteral("get-vanilla"), QStringLiteral("query-signature.txt")));
    QCOMPARE(request.query.count("X-Amz-Signature="), 1);
    QCOMPARE(request.query.count("X-Amz-Date="), 1);
}

void TestSigV4::suiteCasesEndToEnd_data()
{
    QTest::addColumn<QString>("caseName");
    const QStringList cases =
        QDir(kSuiteDir + u"/aws-c-auth/v4").entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    QVERIFY(cases.size() >= 38);
    for (const QString &name : cases)
        QTest::newRow(qPrintable(name)) << name;
}

void TestSigV4::suiteCasesEndToEnd()
{
    QFETCH(QString, caseName);
    QString error;
    const auto c = suite::CrtCaseLoader::load(kSuiteDir + u"/aws-c-auth/v4/" + caseName, caseName,
                                              &error);
    QVERIFY2(c, qPrintable(error));

    Request headerRequest = c->request;
    const SigningResult header = signHeaders(headerRequest, c->credentials, c->region, c->service,
                                             c->time, c->options);
    QCOMPARE(header.canonicalRequest,
             crtFile(caseName, QStringLiteral("header-canonical-request.txt")));
    QCOMPARE(header.stringToSign, crtFile(caseName, QStringLiteral("header-string-to-sign.txt")));
    QCOMPARE(header.signature, crtFile(caseName, QStringLiteral("header-signature.txt")));

    Request queryRequest = c->request;
    const SigningResult query = signQuery(queryRequest, c->credentials, c->region, c->service,
                                          c->time, c->expiresSeconds, c->options);
    QCOMPARE(query.canonicalRequest,
             crtFile(caseName, QStringLiteral("query-canonical-request.txt")));
    QCOMPARE(query.stringToSign, crtFile(caseName, QStringLiteral("query-string-to-sign.txt")));
    QCOMPARE(query.signature, crtFile(caseName, QStringLiteral("query-signature.txt")));

    // What the signer produced is what a verifier parses back.
    const ParsedAuthorization parsed = parseAuthorization(header.authorization);
    QVERIFY2(parsed.valid, qPrintable(parsed.error));
    QCOMPARE(parsed.signature, header.signature);
}

void TestSigV4::parseAuthorizationAcceptsSignerOutput()
{
    const QByteArray value = crtFile(QStringLiteral("get-vanilla-with-session-token"),
                                     QStringLiteral("header-signed-request.txt"))
                                 .split('\n')
                                 .value(4)
                                 .mid(int(sizeof("Authorization:") - 1));
    const ParsedAuthorization parsed = parseAuthorization(value);
    QVERIFY2(parsed.valid, qPrintable(parsed.error));
    QVERIFY(parsed.error.isEmpty());
    QCOMPARE(parsed.accessKeyId, QStringLiteral("AKIDEXAMPLE"));
    QCOMPARE(parsed.date, QDate(2015, 8, 30));
    QCOMPARE(parsed.region, QStringLiteral("us-east-1"));
    QCOMPARE(parsed.service, QStringLiteral("service"));
    QCOMPARE(parsed.terminator, QByteArray("aws4_request"));
    QCOMPARE(parsed.signedHeaders,
             (QList<QByteArray>{"host", "x-amz-date", "x-amz-security-token"}));
    QCOMPARE(parsed.signature,
             QByteArray("07ec1639c89043aa0e3e2de82b96708f198cceab042d4a97044c66dd9f74e7f8"));
}

void TestSigV4::parseAuthorizationAcceptsCompactForm()
{
    const ParsedAuthorization parsed = parseAuthorization(
        "AWS4-HMAC-SHA256 SignedHeaders=host,Signature="
        "07ec1639c89043aa0e3e2de82b96708f198cceab042d4a97044c66dd9f74e7f8,"
        "Credential=AKID/20150830/eu-west-1/appflow/aws4_request");
    QVERIFY2(parsed.valid, qPrintable(parsed.error));
    QCOMPARE(parsed.region, QStringLiteral("eu-west-1"));
    QCOMPARE(parsed.service, QStringLiteral("appflow"));
}

void TestSigV4::parseAuthorizationRejects_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QString>("errorMentions");

    const QByteArray sig = "07ec1639c89043aa0e3e2de82b96708f198cceab042d4a97044c66dd9f74e7f8";
    const QByteArray cred = "Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request";
    const QByteArray headers = "SignedHeaders=host;x-amz-date";
    const auto header = [](const QByteArray &c, const QByteArray &h,
                           const QByteArray &s) -> QByteArray {
        return "AWS4-HMAC-SHA256 " + c + ", " + h + ", " + s;
    };

    QTest::newRow("empty") << QByteArray("  ") << QStringLiteral("empty");
    QTest::newRow("basic auth") << QByteArray("Basic dXNlcjpwYXNz")
                                << QStringLiteral("only AWS4-HMAC-SHA256");
    QTest::newRow("SigV4a") << header(cred, headers, "Signature=" + sig).replace(
                                   "AWS4-HMAC-SHA256", "AWS4-ECDSA-P256-SHA256")
                            << QStringLiteral("AWS4-ECDSA-P256-SHA256");
    QTest::newRow("algorithm only") << QByteArray("AWS4-HMAC-SHA256")
                                    << QStringLiteral("no Credential");
    QTest::newRow("missing Signature") << QByteArray("AWS4-HMAC-SHA256 " + cred + ", " + headers)
                                       << QStringLiteral("requires the Signature");
    QTest::newRow("missing Credential") << QByteArray("AWS4-HMAC-SHA256 " + headers + ", Signature=" + sig)
                                        << QStringLiteral("requires the Credential");
    QTest::newRow("duplicate Signature")
        << header(cred, headers, "Signature=" + sig + ", Signature=" + sig)
        << QStringLiteral("Signature appears twice");
    QTest::newRow("unknown component") << QByteArray(header(cred, headers, "Signature=" + sig) + ", Foo=bar")
                                       << QStringLiteral("Unknown Authorization component 'Foo'");
    QTest::newRow("stray comma") << QByteArray(header(cred, headers, "Signature=" + sig) + ",")
                                 << QStringLiteral("stray ','");
    QTest::newRow("no equals") << header(cred, headers, "Signature") << QStringLiteral("Name=value");
    QTest::newRow("spaces around =") << header("Credential = AKIDEXAMPLE/20150830/us-east-1/"
                                               "service/aws4_request",
                                               headers, "Signature=" + sig)
                                     << QStringLiteral("Unknown Authorization component");
    QTest::newRow("lower-case component name")
        << header(cred, "signedheaders=host", "Signature=" + sig)
        << QStringLiteral("'signedheaders'");
    QTest::newRow("short scope") << header("Credential=AKIDEXAMPLE/20150830/us-east-1",
                                           headers, "Signature=" + sig)
                                 << QStringLiteral("five '/'-separated parts");
    QTest::newRow("empty access key") << header("Credential=/20150830/us-east-1/service/"
                                                "aws4_request",
                                                headers, "Signature=" + sig)
                                      << QStringLiteral("access key ID");
    QTest::newRow("ISO date") << header("Credential=AKIDEXAMPLE/2015-08-30/us-east-1/service/"
                                        "aws4_request",
                                        headers, "Signature=" + sig)
                              << QStringLiteral("'2015-08-30' is not a valid YYYYMMDD");
    QTest::newRow("impossible date") << header("Credential=AKIDEXAMPLE/20150230/us-east-1/"
                                               "service/aws4_request",
                                               headers, "Signature=" + sig)
                                     << QStringLiteral("not a valid YYYYMMDD");
    QTest::newRow("upper-case region") << header("Credential=AKIDEXAMPLE/20150830/US-EAST-1/"
                                                 "service/aws4_request",
                                                 headers, "Signature=" + sig)
                                       << QStringLiteral("region 'US-EAST-1'");
    QTest::newRow("empty service") << header("Credential=AKIDEXAMPLE/20150830/us-east-1//"
                                             "aws4_request",
                                             headers, "Signature=" + sig)
                                   << QStringLiteral("service ''");
    QTest::newRow("wrong terminator") << header("Credential=AKIDEXAMPLE/20150830/us-east-1/"
                                                "service/aws4_requests",
                                                headers, "Signature=" + sig)
                                      << QStringLiteral("must end with aws4_request");
    QTest::newRow("unsorted SignedHeaders") << header(cred, "SignedHeaders=x-amz-date;host",
                                                      "Signature=" + sig)
                                            << QStringLiteral("sorted and unique");
    QTest::newRow("repeated SignedHeaders") << header(cred, "SignedHeaders=host;host",
                                                      "Signature=" + sig)
                                            << QStringLiteral("sorted and unique");
    QTest::newRow("upper-case SignedHeaders") << header(cred, "SignedHeaders=Host;x-amz-date",
                                                        "Signature=" + sig)
                                              << QStringLiteral("'Host' is not a lower-case");
    QTest::newRow("empty SignedHeaders entry") << header(cred, "SignedHeaders=host;;x-amz-date",
                                                         "Signature=" + sig)
                                               << QStringLiteral("'' is not a lower-case");
    QTest::newRow("empty SignedHeaders") << header(cred, "SignedHeaders=", "Signature=" + sig)
                                         << QStringLiteral("'' is not a lower-case");
    QTest::newRow("short signature") << header(cred, headers, "Signature=" + sig.left(63))
                                     << QStringLiteral("got 63 characters");
    QTest::newRow("upper-case signature") << header(cred, headers, "Signature=" + sig.toUpper())
                                          << QStringLiteral("64 lower-case hexadecimal");
    QTest::newRow("not hex") << header(cred, headers, QByteArray("Signature=" + sig.left(63) + 'g'))
                             << QStringLiteral("64 lower-case hexadecimal");
}

void TestSigV4::parseAuthorizationRejects()
{
    QFETCH(QByteArray, value);
    QFETCH(QString, errorMentions);
    const ParsedAuthorization parsed = parseAuthorization(value);
    QVERIFY(!parsed.valid);
    QVERIFY2(parsed.error.contains(errorMentions),
             qPrintable(u"error was: " + parsed.error));
    QVERIFY(parsed.error.endsWith(u'.'));
    // The error may go back to the client in a 403: it never repeats a signature.
    QVERIFY(!parsed.error.contains(u"07ec1639c89043aa"));
    QVERIFY(parsed.signedHeaders.isEmpty());
    QVERIFY(parsed.signature.isEmpty());
}

QTEST_GUILESS_MAIN(TestSigV4)
#include "tst_sigv4.moc"
