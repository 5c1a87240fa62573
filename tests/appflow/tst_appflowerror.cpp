// restJson1 error parsing (API-NOTES 2.2): code precedence, sanitizing, message fallbacks,
// non-JSON bodies, retryability, and the 403 classifications the client acts on.
#include "AppFlowError.h"

#include <QtTest>

using flowdesk::appflow::AppFlowError;
using flowdesk::appflow::HttpResponse;
using Code = AppFlowError::Code;
using namespace Qt::StringLiterals;

namespace {

HttpResponse response(int status, const QByteArray &body,
                      QList<QPair<QByteArray, QByteArray>> headers = {},
                      const QByteArray &reason = {})
{
    HttpResponse r;
    r.status = status;
    r.reasonPhrase = reason;
    r.headers = std::move(headers);
    r.body = body;
    return r;
}

const QUrl endpoint(u"https://appflow.eu-west-1.amazonaws.com"_s);

} // namespace

class TstAppFlowError : public QObject
{
    Q_OBJECT

private slots:
    void modeledCodesByName_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("code");
        QTest::addColumn<bool>("retryable");
        QTest::newRow("Validation") << u"ValidationException"_s << 400 << int(Code::Validation) << false;
        QTest::newRow("UnsupportedOperation") << u"UnsupportedOperationException"_s << 400
                                              << int(Code::UnsupportedOperation) << false;
        QTest::newRow("ConnectorServer") << u"ConnectorServerException"_s << 400
                                         << int(Code::ConnectorServer) << false;
        QTest::newRow("ConnectorAuthentication") << u"ConnectorAuthenticationException"_s << 401
                                                 << int(Code::ConnectorAuthentication) << false;
        QTest::newRow("ServiceQuotaExceeded") << u"ServiceQuotaExceededException"_s << 402
                                              << int(Code::ServiceQuotaExceeded) << false;
        QTest::newRow("AccessDenied") << u"AccessDeniedException"_s << 403 << int(Code::AccessDenied) << false;
        QTest::newRow("ResourceNotFound") << u"ResourceNotFoundException"_s << 404
                                          << int(Code::ResourceNotFound) << false;
        QTest::newRow("Conflict") << u"ConflictException"_s << 409 << int(Code::Conflict) << false;
        QTest::newRow("Throttling") << u"ThrottlingException"_s << 429 << int(Code::Throttling) << true;
        QTest::newRow("InternalServer") << u"InternalServerException"_s << 500
                                        << int(Code::InternalServer) << true;
    }
    void modeledCodesByName()
    {
        QFETCH(QString, name);
        QFETCH(int, status);
        QFETCH(int, code);
        QFETCH(bool, retryable);
        const AppFlowError error = AppFlowError::fromHttpResponse(
            response(status, R"({"message":"something went wrong"})",
                     {{"X-Amzn-ErrorType", name.toUtf8()}, {"x-amzn-RequestId", "req-1"}}),
            endpoint);
        QCOMPARE(int(error.code()), code);
        QCOMPARE(error.codeText(), name);
        QCOMPARE(error.message(), u"something went wrong"_s);
        QCOMPARE(error.httpStatus(), status);
        QCOMPARE(error.requestId(), u"req-1"_s);
        QCOMPARE(error.isRetryable(), retryable);
        QCOMPARE(AppFlowError::textForCode(error.code()), name);
    }

    void headerBeatsBodyCodeBeatsType()
    {
        const QByteArray body = R"({"code":"ConflictException","__type":"ValidationException","message":"m"})";
        auto error = AppFlowError::fromHttpResponse(
            response(400, body, {{"x-amzn-errortype", "AccessDeniedException:http://internal/x"}}),
            endpoint);
        QCOMPARE(error.code(), Code::AccessDenied);
        error = AppFlowError::fromHttpResponse(response(400, body), endpoint);
        QCOMPARE(error.code(), Code::Conflict);
        error = AppFlowError::fromHttpResponse(
            response(400, R"({"Code":"ConflictException","__type":"ValidationException"})"), endpoint);
        QCOMPARE(error.code(), Code::Conflict);
        error = AppFlowError::fromHttpResponse(
            response(400, "{\"__type\":\"com.amazonaws.appflow#ValidationException\",\"message\":\"m\"}"),
            endpoint);
        QCOMPARE(error.code(), Code::Validation);
        QCOMPARE(error.codeText(), u"ValidationException"_s);
    }

    void sanitizes()
    {
        QCOMPARE(AppFlowError::sanitizeCode(
                     u"aws.protocoltests.restjson#FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/"_s),
                 u"FooError"_s);
        QCOMPARE(AppFlowError::sanitizeCode(u"FooError:extra"_s), u"FooError"_s);
        QCOMPARE(AppFlowError::sanitizeCode(u"ns#FooError"_s), u"FooError"_s);
        QCOMPARE(AppFlowError::sanitizeCode(u"  FooError  "_s), u"FooError"_s);
    }

    void messageFallsBackToCapitalMessage()
    {
        const auto error = AppFlowError::fromHttpResponse(
            response(404, R"({"__type":"ResourceNotFoundException","Message":"No flow"})"), endpoint);
        QCOMPARE(error.message(), u"No flow"_s);
    }

    void unknownCodeKeptVerbatim()
    {
        const auto error = AppFlowError::fromHttpResponse(
            response(400, R"({"message":"new"})", {{"X-Amzn-ErrorType", "BrandNewFutureException"}}),
            endpoint);
        QCOMPARE(error.code(), Code::Unknown);
        QCOMPARE(error.codeText(), u"BrandNewFutureException"_s);
        QVERIFY(!error.isRetryable());
    }

    void statusWhenNoCode()
    {
        const auto error = AppFlowError::fromHttpResponse(response(503, R"({"message":"busy"})"), endpoint);
        QCOMPARE(error.codeText(), u"503"_s);
        QCOMPARE(error.code(), Code::Unknown);
        QVERIFY(error.isRetryable());
        QCOMPARE(error.message(), u"busy"_s);
    }

    void htmlBodyIsReadable()
    {
        const auto error = AppFlowError::fromHttpResponse(
            response(502,
                     "<html><head><title>502 Bad Gateway</title></head><body><h1>oops</h1></body></html>",
                     {{"Content-Type", "text/html"}}, "Bad Gateway"),
            endpoint);
        QCOMPARE(error.codeText(), u"502"_s);
        QVERIFY(error.isRetryable());
        QVERIFY2(error.message().contains(u"HTML page"_s), qPrintable(error.message()));
        QVERIFY(error.message().contains(u"502 Bad Gateway"_s));
        QVERIFY(error.message().contains(u"appflow.eu-west-1.amazonaws.com"_s));
        QVERIFY(!error.message().contains(u"<h1>"_s));
    }

    void emptyBodyIsReadable()
    {
        const auto error = AppFlowError::fromHttpResponse(response(403, {}, {}, "Forbidden"), endpoint);
        QCOMPARE(error.codeText(), u"403"_s);
        QVERIFY(!error.isRetryable());
        QCOMPARE(error.message(),
                 u"HTTP 403 Forbidden with an empty body from https://appflow.eu-west-1.amazonaws.com."_s);
    }

    void plainTextBodyBecomesMessage()
    {
        const auto error = AppFlowError::fromHttpResponse(
            response(400, "Bad request:\n  the thing\n", {{"X-Amzn-ErrorType", "ValidationException"}}),
            endpoint);
        QCOMPARE(error.code(), Code::Validation);
        QVERIFY2(error.message().endsWith(u"Bad request: the thing"_s), qPrintable(error.message()));
    }

    void jsonArrayBodyDoesNotCrash()
    {
        const auto error = AppFlowError::fromHttpResponse(response(500, "[1,2]"), endpoint);
        QCOMPARE(error.codeText(), u"500"_s);
        QVERIFY(error.message().contains(u"[1,2]"_s));
    }

    void throttlingBy429AndOtherCodes()
    {
        auto error = AppFlowError::fromHttpResponse(response(429, "{}"), endpoint);
        QVERIFY(error.isThrottling());
        QVERIFY(error.isRetryable());
        error = AppFlowError::fromHttpResponse(
            response(400, R"({"__type":"TooManyRequestsException"})"), endpoint);
        QVERIFY(error.isThrottling());
        QVERIFY(error.isRetryable());
        error = AppFlowError::fromHttpResponse(response(400, R"({"__type":"RequestTimeout"})"), endpoint);
        QVERIFY(!error.isThrottling());
        QVERIFY(error.isRetryable());
    }

    void expiredCredentialsAndSkewClassification()
    {
        auto error = AppFlowError::fromHttpResponse(
            response(403, R"({"message":"The security token included in the request is expired"})",
                     {{"X-Amzn-ErrorType", "ExpiredTokenException"}}),
            endpoint);
        QVERIFY(error.isExpiredCredentials());
        QVERIFY(!error.isClockSkew());
        error = AppFlowError::fromHttpResponse(
            response(403, R"({"message":"The security token included in the request is invalid."})",
                     {{"X-Amzn-ErrorType", "UnrecognizedClientException"}}),
            endpoint);
        QVERIFY(error.isExpiredCredentials());
        error = AppFlowError::fromHttpResponse(
            response(403, R"j({"message":"Signature expired: 20240101T000000Z is now earlier than 20240101T001000Z (20240101T001500Z - 5 min.)"})j",
                     {{"X-Amzn-ErrorType", "InvalidSignatureException"}}),
            endpoint);
        QVERIFY(error.isClockSkew());
        QVERIFY(!error.isExpiredCredentials());
        error = AppFlowError::fromHttpResponse(
            response(403, R"({"message":"no"})", {{"X-Amzn-ErrorType", "AccessDeniedException"}}),
            endpoint);
        QVERIFY(!error.isClockSkew());
        QVERIFY(!error.isExpiredCredentials());
    }

    void clientSideErrors()
    {
        const auto invalid = AppFlowError::invalidRequest(u"flowName"_s, u"is wrong."_s);
        QCOMPARE(invalid.code(), Code::InvalidRequest);
        QCOMPARE(invalid.message(), u"flowName: is wrong."_s);
        QVERIFY(!invalid.isRetryable());
        const auto network = AppFlowError::network(u"Connection refused"_s,
                                                   QUrl(u"http://127.0.0.1:9/x"_s));
        QVERIFY(network.isRetryable());
        QVERIFY(network.message().contains(u"http://127.0.0.1:9"_s));
        QCOMPARE(network.httpStatus(), 0);
        QVERIFY(AppFlowError::timeout(30000, endpoint).isRetryable());
        QCOMPARE(AppFlowError::timeout(30000, endpoint).code(), Code::Timeout);
        QVERIFY(!AppFlowError::aborted().isRetryable());
    }

    void toStringHasStatusAndRequestId()
    {
        const auto error = AppFlowError::fromHttpResponse(
            response(429, R"({"message":"Rate exceeded"})",
                     {{"X-Amzn-ErrorType", "ThrottlingException"}, {"x-amzn-RequestId", "abc"}}),
            endpoint);
        QCOMPARE(error.toString(), u"ThrottlingException: Rate exceeded (HTTP 429, request ID abc)"_s);
    }
};

QTEST_GUILESS_MAIN(TstAppFlowError)
#include "tst_appflowerror.moc"
