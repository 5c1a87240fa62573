// AppFlowClient over real HTTP on loopback against purpose-built fault servers: each test
// scripts what the "service" does and asserts exactly what the caller receives.
#include "AppFlowClient.h"
#include "FaultServer.h"

#include <SigV4.h>

#include <QElapsedTimer>
#include <QJsonArray>
#include <QPointer>
#include <QSignalSpy>
#include <QtTest>

using namespace flowdesk::appflow;
using namespace faulttest;
using namespace Qt::StringLiterals;
using flowdesk::aws::Credentials;
using flowdesk::aws::CredentialSource;
using flowdesk::aws::CredentialsResult;
using flowdesk::aws::StaticCredentialSource;
using Code = AppFlowError::Code;

namespace {

const Credentials testCredentials{u"AKIDFAULTTEST0000001"_s, u"fault-secret-key-0123456789"_s, {}, {}};

// Collects what a callback receives; counts calls so "exactly once" is checked too.
template <typename T>
struct Received {
    std::optional<AppFlowResult<T>> result;
    int calls = 0;
    AppFlowClient::Callback<T> callback()
    {
        return [this](const AppFlowResult<T> &r) {
            result = r;
            ++calls;
        };
    }
};

// Hands out generation 1 temporary credentials, then generation 2 after invalidate(), as a
// refreshing provider (STS, SSO, credential_process) would.
class RotatingCredentialSource : public CredentialSource
{
public:
    int generation = 1;
    int invalidations = 0;
    void requestCredentials(QObject *, Callback callback) override
    {
        const QString n = QString::number(generation);
        callback(CredentialsResult{Credentials{u"ASIAROTATING0000000"_s + n, u"rotating-secret-"_s + n,
                                               u"session-token-generation-"_s + n,
                                               QDateTime::currentDateTimeUtc().addSecs(3600)},
                                   {}});
    }
    void invalidate() override
    {
        ++invalidations;
        ++generation;
    }
    QString description() const override { return u"test rotation"_s; }
};

class FailingCredentialSource : public CredentialSource
{
public:
    void requestCredentials(QObject *, Callback callback) override
    {
        callback(CredentialsResult{{}, u"profile 'prod' has no aws_access_key_id; add one."_s});
    }
    QString description() const override { return u"profile prod"_s; }
};

} // namespace

class TstAppFlowClientFaults : public QObject
{
    Q_OBJECT

private:
    StaticCredentialSource m_credentials{testCredentials, u"test keys"_s};

    static AppFlowClientConfig config(const QUrl &url)
    {
        AppFlowClientConfig config;
        config.endpoint = url;
        config.region = u"us-east-1"_s;
        config.retry.baseDelay = std::chrono::milliseconds(5); // fast, still exponential
        config.transferTimeout = std::chrono::milliseconds(5000);
        return config;
    }

    static FaultAction flowJson()
    {
        return FaultAction::json(QJsonObject{{u"flowName"_s, u"orders"_s},
                                             {u"flowStatus"_s, u"Active"_s}});
    }

private slots:
    void requestIsSignedRestJson()
    {
        FaultServer server([](const RecordedRequest &, int) { return FaultAction::json({}); });
        QVERIFY(server.listen());
        AppFlowClient client(config(server.url()), &m_credentials);
        Received<FlowDescription> received;
        client.describeFlow(u"orders"_s, this, received.callback());
        QTRY_COMPARE(received.calls, 1);
        QVERIFY(received.result->ok());

        QCOMPARE(server.requests().size(), 1);
        const RecordedRequest &request = server.requests().at(0);
        QCOMPARE(request.method, QByteArray("POST"));
        QCOMPARE(request.path, QByteArray("/describe-flow"));
        QCOMPARE(request.header("Content-Type"), QByteArray("application/json"));
        QCOMPARE(request.json(), (QJsonObject{{u"flowName"_s, u"orders"_s}}));

        // Recompute the signature from what arrived on the wire: it must match.
        namespace sigv4 = flowdesk::aws::sigv4;
        const auto auth = sigv4::parseAuthorization(request.header("Authorization"));
        QVERIFY2(auth.valid, qPrintable(auth.error));
        QCOMPARE(auth.accessKeyId, testCredentials.accessKeyId);
        QCOMPARE(auth.region, u"us-east-1"_s);
        QCOMPARE(auth.service, u"appflow"_s);
        sigv4::Request wire{request.method, request.path, {}, {}, request.body};
        for (const auto &header : request.headers) {
            if (auth.signedHeaders.contains(header.first.toLower()))
                wire.headers.append(header);
        }
        const QDateTime time = sigv4::parseAmzDate(request.header("X-Amz-Date"));
        QVERIFY(time.isValid());
        const QByteArray canonical = sigv4::canonicalRequest(wire, auth.signedHeaders,
                                                             sigv4::hexSha256(request.body));
        const QByteArray toSign = sigv4::stringToSign(
            time, sigv4::credentialScope(time.date(), u"us-east-1"_s, u"appflow"_s), canonical);
        const QByteArray signature = sigv4::signature(
            sigv4::signingKey(testCredentials.secretAccessKey, time.date(), u"us-east-1"_s,
                              u"appflow"_s),
            toSign);
        QCOMPARE(auth.signature, signature);
        QVERIFY(auth.signedHeaders.contains("host"));
        QVERIFY(auth.signedHeaders.contains("x-amz-date"));
        QVERIFY(auth.signedHeaders.contains("content-type"));
    }

    void modeledErrorCodes_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("type");
        QTest::addColumn<int>("code");
        QTest::addColumn<int>("attempts");
        QTest::newRow("Validation") << 400 << QByteArray("ValidationException") << int(Code::Validation) << 1;
        QTest::newRow("UnsupportedOperation") << 400 << QByteArray("UnsupportedOperationException") << int(Code::UnsupportedOperation) << 1;
        QTest::newRow("ConnectorServer") << 400 << QByteArray("ConnectorServerException") << int(Code::ConnectorServer) << 1;
        QTest::newRow("ConnectorAuthentication") << 401 << QByteArray("ConnectorAuthenticationException") << int(Code::ConnectorAuthentication) << 1;
        QTest::newRow("ServiceQuotaExceeded") << 402 << QByteArray("ServiceQuotaExceededException") << int(Code::ServiceQuotaExceeded) << 1;
        QTest::newRow("AccessDenied") << 403 << QByteArray("AccessDeniedException") << int(Code::AccessDenied) << 1;
        QTest::newRow("ResourceNotFound") << 404 << QByteArray("ResourceNotFoundException") << int(Code::ResourceNotFound) << 1;
        QTest::newRow("Conflict") << 409 << QByteArray("ConflictException") << int(Code::Conflict) << 1;
        QTest::newRow("Throttling") << 429 << QByteArray("ThrottlingException") << int(Code::Throttling) << 3;
        QTest::newRow("InternalServer") << 500 << QByteArray("InternalServerException") << int(Code::InternalServer) << 3;
    }
    void modeledErrorCodes()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, type);
        QFETCH(int, code);
        QFETCH(int, attempts);
        FaultServer server([&](const RecordedRequest &, int index) {
            return FaultAction::error(status, "Error", type, "It went wrong: " + type,
                                      "rid-" + QByteArray::number(index));
        });
        QVERIFY(server.listen());
        AppFlowClient client(config(server.url()), &m_credentials);
        // A read: the standard three attempts (requests a person asked for get more, below).
        Received<FlowDescription> received;
        QPointer<AppFlowCall> call = client.describeFlow(u"orders"_s, this, received.callback());
        QSignalSpy finished(call.data(), &AppFlowCall::finished);
        QTRY_COMPARE(received.calls, 1);
        QCOMPARE(finished.size(), 1);
        QVERIFY(!received.result->ok());
        const AppFlowError &error = received.result->error();
        QCOMPARE(error.attempts(), attempts);
        QVERIFY(!error.mayHaveReachedService());
        QCOMPARE(int(error.code()), code);
        QCOMPARE(error.codeText(), QString::fromLatin1(type));
        QCOMPARE(error.message(), u"It went wrong: "_s + QString::fromLatin1(type));
        QCOMPARE(error.httpStatus(), status);
        QCOMPARE(error.requestId(), u"rid-"_s + QString::number(attempts - 1));
        QCOMPARE(error.isRetryable(), attempts > 1);
        QCOMPARE(server.requests().size(), attempts);
        QTest::qWait(30); // nothing more arrives after the callback
        QCOMPARE(server.requests().size(), attempts);
        QCOMPARE(received.calls, 1);
    }

    void unknownCode()
    {
        FaultServer server([](const RecordedRequest &, int) {
            return FaultAction::error(400, "Bad Request", "aws.frontend#SomethingNewException:http://x/y",
                                      "a new kind of failure");
        });
        QVERIFY(server.listen());
        AppFlowClient client(config(server.url()), &m_credentials);
        Received<FlowDescription> received;
        client.describeFlow(u"orders"_s, this, received.callback());
        QTRY_COMPARE(received.calls, 1);
        const AppFlowError &error = received.result->error();
        QCOMPARE(error.code(), Code::Unknown);
        QCOMPARE(error.codeText(), u"SomethingNewException"_s);
        QCOMPARE(error.message(), u"a new kind of failure"_s);
        QCOMPARE(error.httpStatus(), 400);
        QCOMPARE(server.requests().size(), 1);
    }

    void malformedJson()
    {
        FaultServer server([](const RecordedRequest &, int) {
            return FaultAction::respond(200, "OK", "{\"flows\": [{\"flowName\": \"a\",",
                                        {{"x-amzn-RequestId", "rid-bad"}});
        });
        QVERIFY(server.listen());
        AppFlowClient client(config(server.url()), &m_credentials);
        Received<QList<FlowDefinition>> received;
        client.listFlows(this, received.callback());
        QTRY_COMPARE(received.calls, 1);
        const AppFlowError &error = received.result->error();
        QCOMPARE(error.code(), Code::MalformedResponse);
        QCOMPARE(error.httpStatus(), 200);
        QCOMPARE(error.requestId(), u"rid-bad"_s);
        QVERIFY2(error.message().startsWith(u"The ListFlows response could not be read: the body is not JSON"_s),
                 qPrintable(error.message()));
        QCOMPARE(server.requests().size(), 1); // not retried: the same answer would come back
    }

    void emptyBody()
    {
        FaultServer server([](const RecordedRequest &request, int) {
            if (request.path == "/stop-flow")
                return FaultAction::respond(200, "OK", {});
            return FaultAction::respond(403, "Forbidden", {});
        });
        QVERIFY(server.listen());
        AppFlowClient client(config(server.url()), &m_credentials);
        Received<FlowDescription> failed;
        client.describeFlow(u"orders"_s, this, failed.callback());
        QTRY_COMPARE(failed.calls, 1);
        const AppFlowError &error = failed.result->error();
        QCOMPARE(error.codeText(), u"403"_s);
        QCOMPARE(error.httpStatus(), 403);
        QCOMPARE(error.message(), u"HTTP 403 Forbidden with an empty body from "_s
                                      + server.url().toString() + u'.');
        // A 200 with an empty body is an answer with every (optional) member absent.
        Received<StopFlowResult> stopped;
        client.stopFlow(u"orders"_s, this, stopped.callback());
        QTRY_COMPARE(stopped.calls, 1);
        QVERIFY(stopped.result->ok());
        QCOMPARE(stopped.result->value().flowStatus, FlowStatus::Unknown);
    }

    void htmlBadGateway()
    {
        FaultServer server([](const RecordedRequest &, int) {
            return FaultAction::respond(
                502, "Bad Gateway",
                "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head>"
                "<body><center><h1>502 Bad Gateway</h1></center><hr>nginx</body></html>",
                {{"Content-Type", "text/html"}});
        });
        QVERIFY(server.listen());
        AppFlowClient client(config(server.url()), &m_credentials);
        Received<QList<FlowDefinition>> received;
        client.listFlows(this, received.callback());
        QTRY_COMPARE(received.calls, 1);
        const AppFlowError &error = received.result->error();
        QCOMPARE(error.code(), Code::Unknown);
        QCOMPARE(error.codeText(), u"502"_s);
        QCOMPARE(error.httpStatus(), 502);
        QVERIFY(error.isRetryable());
        QCOMPARE(error.message(),
                 u"HTTP 502 Bad Gateway from "_s + server.url().toString()
                     + u": an HTML page (\"502 Bad Gateway\") instead of an AppFlow response; a "
                       u"proxy or load balancer may be in the way."_s);
        QCOMPARE(server.requests().size(), 3);
    }

    void truncatedBody()
    {
        FaultServer server([](const RecordedRequest &, int) {
            return FaultAction::truncated("{\"flows\": [{\"flowName\": \"ord", 4096);
        });
        QVERIFY(server.listen());
        AppFlowClient client(config(server.url()), &m_credentials);
        Received<QList<FlowDefinition>> received;
        client.listFlows(this, received.callback());
        QTRY_COMPARE(received.calls, 1);
        const AppFlowError &error = received.result->error();
        QCOMPARE(error.code(), Code::Network);
        QVERIFY(error.isRetryable());
        QVERIFY2(error.message().startsWith(u"Could not complete the request to "_s + server.url().toString()
                                            + u": the connection ended before the whole HTTP 200 response arrived"_s),
                 qPrintable(error.message()));
        QCOMPARE(server.requests().size(), 3);
    }

    void resetConnection()
    {
        FaultServer server([](const RecordedRequest &, int) { return FaultAction::reset(); });
        QVERIFY(server.listen());
        AppFlowClient client(config(server.url()), &m_credentials);
        Received<FlowDescription> received;
        client.describeFlow(u"orders"_s, this, received.callback());
        QTRY_COMPARE(received.calls, 1);
        const AppFlowError &error = received.result->error();
        QCOMPARE(error.code(), Code::Network);
        QCOMPARE(error.httpStatus(), 0);
        QVERIFY2(error.message().startsWith(u"Could not complete the request to "_s
                                            + server.url().toString() + u": "_s),
                 qPrintable(error.message()));
        QVERIFY(error.message().endsWith(u"Check the network connection and the endpoint."_s));
        // Three attempts by the retry policy; QNetworkAccessManager itself may resend once
        // when a connection is reset before any response byte, which the client cannot stop.
        QVERIFY2(server.requests().size() >= 3 && server.requests().size() <= 4,
                 qPrintable(QString::number(server.requests().size())));
    }

    void connectionRefusedNamesEndpoint()
    {
        QTcpServer placeholder;
        QVERIFY(placeholder.listen(QHostAddress::LocalHost));
        const QUrl url(u"http://127.0.0.1:"_s + QString::number(placeholder.serverPort()));
        placeholder.close(); // nothing listens there any more
        AppFlowClient client(config(url), &m_credentials);
        Received<FlowDescription> received;
        client.describeFlow(u"orders"_s, this, received.callback());
        QTRY_COMPARE(received.calls, 1);
        QCOMPARE(received.result->error().code(), Code::Network);
        QVERIFY2(received.result->error().message().contains(url.toString()),
                 qPrintable(received.result->error().message()));
    }

    void timeout()
    {
        FaultServer server([](const RecordedRequest &, int) { return FaultAction::hang(); });
        QVERIFY(server.listen());
        AppFlowClientConfig cfg = config(server.url());
        cfg.transferTimeout = std::chrono::milliseconds(300);
        AppFlowClient client(cfg, &m_credentials);
        Received<FlowDescription> received;
        QElapsedTimer timer;
        timer.start();
        client.describeFlow(u"orders"_s, this, received.callback());
        QTRY_COMPARE_WITH_TIMEOUT(received.calls, 1, 10000);
        const AppFlowError &error = received.result->error();
        QCOMPARE(error.code(), Code::Timeout);
        QCOMPARE(error.codeText(), u"TransferTimeout"_s);
        QCOMPARE(error.message(), server.url().toString()
                                      + u" sent no data for 0.3 s, so the request was abandoned. "
                                        u"Check the network or try again later."_s);
        QCOMPARE(server.requests().size(), 3);
        QVERIFY(timer.elapsed() >= 900);
    }

    void throttlingThenSuccess()
    {
        FaultServer server([](const RecordedRequest &, int index) {
            if (index == 0)
                return FaultAction::error(429, "Too Many Requests", "ThrottlingException", "Rate exceeded");
            return FaultAction::json(QJsonObject{
                {u"flows"_s, QJsonArray{QJsonObject{{u"flowName"_s, u"orders"_s}}}}});
        });
        QVERIFY(server.listen());
        AppFlowClient client(config(server.url()), &m_credentials);
        Received<QList<FlowDefinition>> received;
        client.listFlows(this, received.callback());
        QTRY_COMPARE(received.calls, 1);
        QVERIFY(received.result->ok());
        QCOMPARE(received.result->value().size(), 1);
        QCOMPARE(received.result->value().at(0).flowName, u"orders"_s);
        QCOMPARE(server.requests().size(), 2);
        // The same request, freshly signed.
        QCOMPARE(server.requests().at(1).body, server.requests().at(0).body);
        QCOMPARE(client.retryQuotaAvailable(), RetryQuota::defaultCapacity); // refunded
    }

    void skewedClockThenSuccess()
    {
        // The server accepts signatures within 5 minutes of its time, like AWS.
        FaultServer server([](const RecordedRequest &request, int) {
            const QDateTime now = QDateTime::currentDateTimeUtc();
            const QDateTime signedAt =
                flowdesk::aws::sigv4::parseAmzDate(request.header("X-Amz-Date"));
            if (std::abs(signedAt.secsTo(now)) > 300)
                return FaultAction::error(
                    403, "Forbidden", "InvalidSignatureException",
                    "Signature expired: " + request.header("X-Amz-Date") + " is now earlier than "
                        + flowdesk::aws::sigv4::amzDate(now.addSecs(-300)) + " ("
                        + flowdesk::aws::sigv4::amzDate(now) + " - 5 min.)");
            return FaultAction::json(QJsonObject{{u"flowName"_s, u"orders"_s}});
        });
        QVERIFY(server.listen());
        AppFlowClientConfig cfg = config(server.url());
        cfg.clock = [] { return QDateTime::currentDateTimeUtc().addSecs(-3 * 3600); };
        AppFlowClient client(cfg, &m_credentials);
        Received<FlowDescription> received;
        client.describeFlow(u"orders"_s, this, received.callback());
        QTRY_COMPARE(received.calls, 1);
        QVERIFY2(received.result->ok(), qPrintable(received.result->error().toString()));
        QCOMPARE(received.result->value().definition.flowName, u"orders"_s);
        QCOMPARE(server.requests().size(), 2);
        // Later requests are signed with the corrected time straight away.
        Received<FlowDescription> again;
        client.describeFlow(u"orders"_s, this, again.callback());
        QTRY_COMPARE(again.calls, 1);
        QVERIFY(again.result->ok());
        QCOMPARE(server.requests().size(), 3);
    }

    void skewWithoutDateHeaderFails()
    {
        FaultServer server([](const RecordedRequest &, int) {
            FaultAction action = FaultAction::error(403, "Forbidden", "InvalidSignatureException",
                                                    "Signature expired: 20200101T000000Z");
            action.raw.replace(QByteArray("Date: "), QByteArray("X-Not-Date: "));
            return action;
        });
        QVERIFY(server.listen());
        AppFlowClient client(config(server.url()), &m_credentials);
        Received<FlowDescription> received;
        client.describeFlow(u"orders"_s, this, received.callback());
        QTRY_COMPARE(received.calls, 1);
        QCOMPARE(received.result->error().codeText(), u"InvalidSignatureException"_s);
        QCOMPARE(server.requests().size(), 1);
    }

    void expiredTemporaryCredentialsRefreshed()
    {
        FaultServer server([](const RecordedRequest &request, int) {
            if (request.header("X-Amz-Security-Token") == "session-token-generation-1")
                return FaultAction::error(403, "Forbidden", "ExpiredTokenException",
                                          "The security token included in the request is expired");
            return FaultAction::json(QJsonObject{{u"flowName"_s, u"orders"_s}});
        });
        QVERIFY(server.listen());
        RotatingCredentialSource rotating;
        AppFlowClient client(config(server.url()), &rotating);
        Received<FlowDescription> received;
        client.describeFlow(u"orders"_s, this, received.callback());
        QTRY_COMPARE(received.calls, 1);
        QVERIFY2(received.result->ok(), qPrintable(received.result->error().toString()));
        QCOMPARE(rotating.invalidations, 1);
        QCOMPARE(server.requests().size(), 2);
        QVERIFY(server.requests().at(1).header("Authorization").contains("Credential=ASIAROTATING00000002/"));
        QCOMPARE(server.requests().at(1).header("X-Amz-Security-Token"),
                 QByteArray("session-token-generation-2"));
    }

    void credentialsStillExpiredAfterRefreshFails()
    {
        FaultServer server([](const RecordedRequest &, int) {
            return FaultAction::error(403, "Forbidden", "ExpiredTokenException",
                                      "The security token included in the request is expired");
        });
        QVERIFY(server.listen());
        RotatingCredentialSource rotating;
        AppFlowClient client(config(server.url()), &rotating);
        Received<FlowDescription> received;
        client.describeFlow(u"orders"_s, this, received.callback());
        QTRY_COMPARE(received.calls, 1);
        QCOMPARE(received.result->error().codeText(), u"ExpiredTokenException"_s);
        QCOMPARE(rotating.invalidations, 1); // once, not in a loop
        QCOMPARE(server.requests().size(), 2);
    }

    void credentialsUnavailable()
    {
        FaultServer server([](const RecordedRequest &, int) { return FaultAction::json({}); });
        QVERIFY(server.listen());
        FailingCredentialSource failing;
        AppFlowClient client(config(server.url()), &failing);
        Received<FlowDescription> received;
        client.describeFlow(u"orders"_s, this, received.callback());
        QTRY_COMPARE(received.calls, 1);
        QCOMPARE(received.result->error().code(), Code::CredentialsUnavailable);
        QCOMPARE(received.result->error().message(),
                 u"No AWS credentials from profile prod: profile 'prod' has no aws_access_key_id; add one."_s);
        QCOMPARE(server.requests().size(), 0);
    }

    void retryQuotaLimitsDeadEndpoint()
    {
        // 503s rather than resets, so that the count is the policy's alone (see resetConnection).
        FaultServer server([](const RecordedRequest &, int) {
            return FaultAction::error(503, "Service Unavailable", "ServiceUnavailable", "down");
        });
        QVERIFY(server.listen());
        AppFlowClientConfig cfg = config(server.url());
        cfg.retry.quotaCapacity = 10; // room for two retries
        AppFlowClient client(cfg, &m_credentials);
        QList<std::shared_ptr<Received<FlowDescription>>> received;
        for (int i = 0; i < 5; ++i) {
            received << std::make_shared<Received<FlowDescription>>();
            client.describeFlow(u"orders"_s, this, received.last()->callback());
        }
        for (const auto &r : received)
            QTRY_COMPARE(r->calls, 1);
        for (const auto &r : received)
            QCOMPARE(r->result->error().httpStatus(), 503);
        QCOMPARE(server.requests().size(), 5 + 2);
        QCOMPARE(client.retryQuotaAvailable(), 0);
    }

    void startFlowReusesClientTokenOnRetry()
    {
        FaultServer server([](const RecordedRequest &, int index) {
            if (index == 0)
                return FaultAction::error(503, "Service Unavailable", "ServiceUnavailable", "later");
            return FaultAction::json(QJsonObject{{u"flowArn"_s, u"arn:aws:appflow:us-east-1:1:flow/o"_s},
                                                 {u"flowStatus"_s, u"Active"_s},
                                                 {u"executionId"_s, u"run-1"_s}});
        });
        QVERIFY(server.listen());
        AppFlowClient client(config(server.url()), &m_credentials);
        Received<StartFlowResult> received;
        client.startFlow(u"orders"_s, this, received.callback());
        QTRY_COMPARE(received.calls, 1);
        QVERIFY(received.result->ok());
        QCOMPARE(received.result->value().executionId, u"run-1"_s);
        QCOMPARE(server.requests().size(), 2);
        const QString token = server.requests().at(0).json().value(u"clientToken"_s).toString();
        QVERIFY(!QUuid::fromString(token).isNull());
        QCOMPARE(server.requests().at(1).json().value(u"clientToken"_s).toString(), token);
        QCOMPARE(received.result->value().clientToken, token);
    }

    void abortInFlight()
    {
        FaultServer server([](const RecordedRequest &, int) { return FaultAction::hang(); });
        QVERIFY(server.listen());
        AppFlowClient client(config(server.url()), &m_credentials);
        Received<FlowDescription> received;
        QPointer<AppFlowCall> call = client.describeFlow(u"orders"_s, this, received.callback());
        QSignalSpy finished(call.data(), &AppFlowCall::finished);
        QTRY_COMPARE(server.requests().size(), 1);
        call->abort();
        QCOMPARE(received.calls, 1);
        QCOMPARE(received.result->error().code(), Code::Aborted);
        QCOMPARE(finished.size(), 1);
        QTRY_VERIFY(call.isNull()); // deletes itself
        QTRY_COMPARE(server.disconnects(), 1); // the connection was really dropped
        QCOMPARE(client.requestsInFlight(), 0);
        QTest::qWait(50);
        QCOMPARE(received.calls, 1);
    }

    void abortWhileQueuedAndDuringBackoff()
    {
        FaultServer server([](const RecordedRequest &, int index) {
            if (index == 0)
                return FaultAction::hang();
            return FaultAction::error(500, "Internal Server Error", "InternalServerException", "x");
        });
        QVERIFY(server.listen());
        AppFlowClientConfig cfg = config(server.url());
        cfg.maxConcurrentRequests = 1;
        cfg.retry.baseDelay = std::chrono::milliseconds(60000); // backoff long enough to abort in
        cfg.random = [] { return 1.0; };
        AppFlowClient client(cfg, &m_credentials);
        Received<FlowDescription> first, queued;
        QPointer<AppFlowCall> firstCall = client.describeFlow(u"orders"_s, this, first.callback());
        QPointer<AppFlowCall> queuedCall = client.describeFlow(u"orders"_s, this, queued.callback());
        QTRY_COMPARE(server.requests().size(), 1);
        QCOMPARE(client.requestsWaiting(), 1);
        queuedCall->abort();
        QCOMPARE(queued.result->error().code(), Code::Aborted);
        QCOMPARE(client.requestsWaiting(), 0);
        firstCall->abort();
        QCOMPARE(first.result->error().code(), Code::Aborted);
        QCOMPARE(client.requestsInFlight(), 0);

        // Now one that fails with a 500 and sits in its backoff.
        Received<FlowDescription> backingOff;
        QPointer<AppFlowCall> call = client.describeFlow(u"orders"_s, this, backingOff.callback());
        QTRY_COMPARE(server.requests().size(), 2);
        QTest::qWait(50);
        QCOMPARE(backingOff.calls, 0);
        call->abort();
        QCOMPARE(backingOff.result->error().code(), Code::Aborted);
        QTest::qWait(50);
        QCOMPARE(server.requests().size(), 2);
    }

    void destroyedContextGetsNoCallback()
    {
        FaultServer server([](const RecordedRequest &, int) { return flowJson().delayed(100); });
        QVERIFY(server.listen());
        AppFlowClient client(config(server.url()), &m_credentials);
        int calls = 0;
        auto *context = new QObject;
        QPointer<AppFlowCall> call =
            client.describeFlow(u"orders"_s, context, [&](const AppFlowResult<FlowDescription> &) { ++calls; });
        QSignalSpy finished(call.data(), &AppFlowCall::finished);
        QTRY_COMPARE(server.requests().size(), 1);
        delete context;
        QCOMPARE(finished.size(), 1);
        QTRY_VERIFY(call.isNull());
        QTest::qWait(200);
        QCOMPARE(calls, 0);
    }

    void boundedConcurrency()
    {
        FaultServer server([](const RecordedRequest &, int) { return flowJson().delayed(80); });
        QVERIFY(server.listen());
        AppFlowClientConfig cfg = config(server.url());
        cfg.maxConcurrentRequests = 3;
        AppFlowClient client(cfg, &m_credentials);
        QList<std::shared_ptr<Received<FlowDescription>>> received;
        for (int i = 0; i < 10; ++i) {
            received << std::make_shared<Received<FlowDescription>>();
            client.describeFlow(u"orders"_s, this, received.last()->callback());
        }
        for (const auto &r : received)
            QTRY_COMPARE(r->calls, 1);
        for (const auto &r : received)
            QVERIFY(r->result->ok());
        QCOMPARE(server.requests().size(), 10);
        QCOMPARE(server.maxOpenRequests(), 3);
    }

    void invalidInputIsNotSent()
    {
        FaultServer server([](const RecordedRequest &, int) { return FaultAction::json({}); });
        QVERIFY(server.listen());
        AppFlowClient client(config(server.url()), &m_credentials);
        Received<FlowDescription> received;
        client.describeFlow(u"my flow"_s, this, received.callback());
        QCOMPARE(received.calls, 0); // never before the method returns
        QTRY_COMPARE(received.calls, 1);
        QCOMPARE(received.result->error().code(), Code::InvalidRequest);
        QVERIFY(received.result->error().message().startsWith(u"flowName: \"my flow\" is not a valid flow name"_s));

        Received<QList<CancelOutcome>> cancel;
        client.cancelFlowExecutions(u"orders"_s, {u"ok-1"_s, u"bad id"_s}, this, cancel.callback());
        QTRY_COMPARE(cancel.calls, 1);
        QVERIFY(!cancel.result->ok());
        QVERIFY(cancel.result->error().message().startsWith(u"executionIds[1]: "_s));

        Received<AppFlowClient::ExecutionRecordsSummary> records;
        client.describeFlowExecutionRecords(u"orders"_s, {101, {}}, this, {}, records.callback());
        QTRY_COMPARE(records.calls, 1);
        QVERIFY(records.result->error().message().startsWith(u"maxResults: 101"_s));
        QCOMPARE(server.requests().size(), 0);
    }

    // retry_mode = adaptive: after a throttle, attempts wait for the client's rate limiter
    // (botocore's numbers: right after a first throttle the rate is its floor, 0.5 requests/s,
    // so the retry waits ~2 s for a token, not the standard mode's few milliseconds of
    // backoff). The exact arithmetic is tst_clientratelimiter's; this checks it is applied on
    // the wire, and only in the adaptive mode.
    void adaptiveModeWaitsForTheRateLimiterAfterAThrottle_data()
    {
        QTest::addColumn<bool>("adaptive");
        QTest::newRow("standard") << false;
        QTest::newRow("adaptive") << true;
    }

    void adaptiveModeWaitsForTheRateLimiterAfterAThrottle()
    {
        QFETCH(bool, adaptive);
        QElapsedTimer clock;
        clock.start();
        QList<qint64> arrivals;
        FaultServer server([&](const RecordedRequest &, int index) {
            arrivals << clock.elapsed();
            if (index == 0)
                return FaultAction::error(429, "Too Many Requests", "ThrottlingException", "Rate exceeded");
            return flowJson();
        });
        QVERIFY(server.listen());
        AppFlowClientConfig cfg = config(server.url());
        cfg.retry.adaptive = adaptive;
        AppFlowClient client(cfg, &m_credentials);
        Received<FlowDescription> received;
        client.describeFlow(u"orders"_s, this, received.callback());
        QTRY_COMPARE_WITH_TIMEOUT(received.calls, 1, 10000);
        QVERIFY(received.result->ok());
        QCOMPARE(arrivals.size(), 2);
        const qint64 gap = arrivals.at(1) - arrivals.at(0);
        if (adaptive)
            QVERIFY2(gap >= 1500, qPrintable(QString::number(gap)));
        else
            QVERIFY2(gap < 1500, qPrintable(QString::number(gap))); // 5 ms base backoff
    }

    void listFlowsFollowsTokens()
    {
        FaultServer server([](const RecordedRequest &request, int) {
            const QString token = request.json().value(u"nextToken"_s).toString();
            const int page = token.isEmpty() ? 0 : token.mid(1).toInt();
            const QString name = u"flow-"_s + QString::number(page);
            QJsonObject body{{u"flows"_s, QJsonArray{QJsonObject{{u"flowName"_s, name}}}}};
            if (page < 3)
                body.insert(u"nextToken"_s, QString(u"p"_s + QString::number(page + 1)));
            return FaultAction::json(body);
        });
        QVERIFY(server.listen());
        AppFlowClient client(config(server.url()), &m_credentials);
        Received<QList<FlowDefinition>> received;
        client.listFlows(this, received.callback());
        QTRY_COMPARE(received.calls, 1);
        QVERIFY(received.result->ok());
        QStringList names;
        for (const FlowDefinition &flow : received.result->value())
            names << flow.flowName;
        QCOMPARE(names, (QStringList{u"flow-0"_s, u"flow-1"_s, u"flow-2"_s, u"flow-3"_s}));
        QCOMPARE(server.requests().size(), 4);
        QCOMPARE(server.requests().at(0).json(), (QJsonObject{{u"maxResults"_s, 100}}));
        QCOMPARE(server.requests().at(2).json().value(u"nextToken"_s).toString(), u"p2"_s);
    }

    // Issue #12, finding 6: seven good pages, then page 8 fails every attempt: the seven pages
    // are kept (not thrown away), the listing says where it stopped, and a later call resumes
    // at that page instead of starting over.
    void failedPageKeepsWhatWasReadAndResumes()
    {
        bool pageEightWorks = false;
        FaultServer server([&](const RecordedRequest &request, int) {
            const QString token = request.json().value(u"nextToken"_s).toString();
            const int page = token.isEmpty() ? 0 : token.mid(1).toInt();
            if (page == 7 && !pageEightWorks)
                return FaultAction::error(500, "Internal Server Error", "InternalServerException", "boom");
            const QString name = u"flow-"_s + QString::number(page);
            QJsonObject body{{u"flows"_s, QJsonArray{QJsonObject{{u"flowName"_s, name}}}}};
            if (page < 7)
                body.insert(u"nextToken"_s, QString(u"p"_s + QString::number(page + 1)));
            return FaultAction::json(body);
        });
        QVERIFY(server.listen());
        AppFlowClient client(config(server.url()), &m_credentials);
        Received<AppFlowClient::FlowListing> received;
        client.listFlowsFrom(QString(), this, received.callback());
        QTRY_COMPARE(received.calls, 1);
        QVERIFY(received.result->ok());
        const AppFlowClient::FlowListing partial = received.result->value();
        QVERIFY(!partial.complete);
        QCOMPARE(partial.pages, 7);
        QCOMPARE(partial.flows.size(), 7);
        QCOMPARE(partial.resumeToken, u"p7"_s);
        QCOMPARE(partial.error->code(), Code::InternalServer);
        QCOMPARE(server.requests().size(), 7 + 3); // page 8 tried three times

        // The plain listFlows() still fails as a whole (its callers want all or nothing).
        Received<QList<FlowDefinition>> whole;
        client.listFlows(this, whole.callback());
        QTRY_COMPARE(whole.calls, 1);
        QVERIFY(!whole.result->ok());

        pageEightWorks = true;
        const qsizetype before = server.requests().size();
        Received<AppFlowClient::FlowListing> resumed;
        client.listFlowsFrom(partial.resumeToken, this, resumed.callback());
        QTRY_COMPARE(resumed.calls, 1);
        QVERIFY(resumed.result->value().complete);
        QCOMPARE(resumed.result->value().flows.size(), 1);
        QCOMPARE(resumed.result->value().flows.first().flowName, u"flow-7"_s);
        QCOMPARE(server.requests().size(), before + 1); // only the page that was missing
        QCOMPARE(server.requests().last().json().value(u"nextToken"_s).toString(), u"p7"_s);
    }

    void repeatedTokenStopsInsteadOfLooping()
    {
        FaultServer server([](const RecordedRequest &, int) {
            return FaultAction::json(QJsonObject{{u"flows"_s, QJsonArray()}, {u"nextToken"_s, u"same"_s}});
        });
        QVERIFY(server.listen());
        AppFlowClient client(config(server.url()), &m_credentials);
        Received<QList<FlowDefinition>> received;
        client.listFlows(this, received.callback());
        QTRY_COMPARE(received.calls, 1);
        QCOMPARE(received.result->error().code(), Code::MalformedResponse);
        QVERIFY(received.result->error().message().contains(u"twice"_s));
        QCOMPARE(server.requests().size(), 2);
    }

    void recordsStopEarly()
    {
        FaultServer server([](const RecordedRequest &request, int) {
            const QString token = request.json().value(u"nextToken"_s).toString();
            const int page = token.isEmpty() ? 0 : token.toInt();
            QJsonArray records;
            for (int i = 0; i < 2; ++i)
                records.append(QJsonObject{{u"executionId"_s, QString::number(page * 2 + i)},
                                           {u"executionStatus"_s, page == 0 ? u"InProgress"_s : u"Successful"_s}});
            return FaultAction::json(QJsonObject{{u"flowExecutions"_s, records},
                                                 {u"nextToken"_s, QString::number(page + 1)}});
        });
        QVERIFY(server.listen());
        AppFlowClient client(config(server.url()), &m_credentials);
        QList<ExecutionRecord> seen;
        Received<AppFlowClient::ExecutionRecordsSummary> received;
        client.describeFlowExecutionRecords(
            u"orders"_s, {2, {}}, this,
            [&](const QList<ExecutionRecord> &page) {
                seen += page;
                // Newest first: once a page has no active run, older pages have none either.
                const bool anyActive = std::any_of(page.begin(), page.end(), [](const ExecutionRecord &r) {
                    return isActive(r.executionStatus);
                });
                return anyActive ? AppFlowClient::PageAction::Continue : AppFlowClient::PageAction::Stop;
            },
            received.callback());
        QTRY_COMPARE(received.calls, 1);
        QVERIFY(received.result->ok());
        QCOMPARE(received.result->value().pages, 2);
        QCOMPARE(received.result->value().records, 4);
        QVERIFY(received.result->value().stoppedEarly);
        QCOMPARE(received.result->value().nextToken, u"2"_s);
        QCOMPARE(seen.size(), 4);
        QCOMPARE(server.requests().size(), 2);
        QCOMPARE(server.requests().at(0).json(),
                 (QJsonObject{{u"flowName"_s, u"orders"_s}, {u"maxResults"_s, 2}}));
    }

    void cancelSplitsAndMerges()
    {
        FaultServer server([](const RecordedRequest &request, int) {
            const QJsonArray ids = request.json().value(u"executionIds"_s).toArray();
            QJsonArray invalid;
            for (const QJsonValue &id : ids) {
                if (id.toString().endsWith(u'7'))
                    invalid.append(id);
            }
            if (ids.size() < 100) // the last chunk is refused entirely
                return FaultAction::error(403, "Forbidden", "AccessDeniedException", "not allowed");
            return FaultAction::json(QJsonObject{{u"invalidExecutions"_s, invalid}});
        });
        QVERIFY(server.listen());
        AppFlowClient client(config(server.url()), &m_credentials);
        QStringList ids;
        for (int i = 0; i < 250; ++i)
            ids << u"run-"_s + QString::number(i);
        ids << u"run-5"_s; // a duplicate is sent and reported once
        Received<QList<CancelOutcome>> received;
        QPointer<AppFlowCall> call = client.cancelFlowExecutions(u"orders"_s, ids, this, received.callback());
        QSignalSpy finished(call.data(), &AppFlowCall::finished);
        QTRY_COMPARE(received.calls, 1);
        QVERIFY(received.result->ok());
        const QList<CancelOutcome> &outcomes = received.result->value();
        QCOMPARE(outcomes.size(), 250);
        QCOMPARE(server.requests().size(), 3);
        QList<qsizetype> sizes;
        for (const RecordedRequest &request : server.requests())
            sizes << request.json().value(u"executionIds"_s).toArray().size();
        std::sort(sizes.begin(), sizes.end());
        QCOMPARE(sizes, (QList<qsizetype>{50, 100, 100}));
        for (int i = 0; i < 250; ++i) {
            const CancelOutcome &outcome = outcomes.at(i);
            QCOMPARE(outcome.executionId, u"run-"_s + QString::number(i));
            QCOMPARE(outcome.flowName, u"orders"_s);
            if (i >= 200) {
                QCOMPARE(outcome.kind, CancelOutcome::Kind::RequestFailed);
                QCOMPARE(outcome.errorCode, u"AccessDeniedException"_s);
                QVERIFY(outcome.error.startsWith(u"AccessDeniedException: not allowed (HTTP 403"_s));
            } else if (i % 10 == 7) {
                QCOMPARE(outcome.kind, CancelOutcome::Kind::NotCancellable);
            } else {
                QCOMPARE(outcome.kind, CancelOutcome::Kind::CancelStarted);
            }
        }
        QCOMPARE(finished.size(), 1);
    }

    // Issue #12, finding 3: a throttled cancel (the one request the user asked for) is retried
    // longer than a read, and says so while it waits; the answer that decided it carries its
    // request ID for the audit log.
    void throttledCancelIsRetriedLongerAndAnnounced()
    {
        FaultServer server([&](const RecordedRequest &, int index) {
            if (index < 5)
                return FaultAction::error(429, "Too Many Requests", "ThrottlingException",
                                          "Rate exceeded", "rid-" + QByteArray::number(index));
            return FaultAction::json(QJsonObject{{u"invalidExecutions"_s, QJsonArray()}}, "rid-ok");
        });
        QVERIFY(server.listen());
        AppFlowClient client(config(server.url()), &m_credentials);
        Received<QList<CancelOutcome>> received;
        QPointer<AppFlowCall> call =
            client.cancelFlowExecutions(u"orders"_s, {u"run-1"_s}, this, received.callback());
        QSignalSpy retrying(call.data(), &AppFlowCall::retrying);
        QTRY_COMPARE(received.calls, 1);
        QCOMPARE(server.requests().size(), 6); // more than a read's 3 attempts
        QCOMPARE(retrying.size(), 5);
        for (int i = 0; i < retrying.size(); ++i) {
            QCOMPARE(retrying.at(i).at(0).value<AppFlowError>().code(), Code::Throttling);
            QCOMPARE(retrying.at(i).at(1).toInt(), i + 2); // the attempt that comes next
            QCOMPARE(retrying.at(i).at(2).toInt(), 8);
        }
        QVERIFY(received.result->ok());
        const CancelOutcome outcome = received.result->value().first();
        QCOMPARE(outcome.kind, CancelOutcome::Kind::CancelStarted);
        QCOMPARE(outcome.requestId, u"rid-ok"_s);
        QVERIFY(!outcome.earlierAttemptUnanswered); // every failed attempt was answered
    }

    void cancelGivesUpAfterItsAttemptsWithTheLastRequestId()
    {
        FaultServer server([&](const RecordedRequest &, int index) {
            return FaultAction::error(429, "Too Many Requests", "ThrottlingException",
                                      "Rate exceeded", "rid-" + QByteArray::number(index));
        });
        QVERIFY(server.listen());
        AppFlowClient client(config(server.url()), &m_credentials);
        Received<QList<CancelOutcome>> received;
        client.cancelFlowExecutions(u"orders"_s, {u"run-1"_s}, this, received.callback());
        QTRY_COMPARE(received.calls, 1);
        QCOMPARE(server.requests().size(), 8);
        const CancelOutcome outcome = received.result->value().first();
        QCOMPARE(outcome.kind, CancelOutcome::Kind::RequestFailed);
        QCOMPARE(outcome.errorCode, u"ThrottlingException"_s);
        QCOMPARE(outcome.requestId, u"rid-7"_s);
        QCOMPARE(outcome.failure.attempts(), 8);
        QVERIFY(!outcome.answerUnknown); // AppFlow answered every time: nothing was cancelled
    }

    // A cancel whose connection broke after sending may have reached AppFlow: the outcome says
    // "unknown", never "failed"; and an answer after such an attempt says so too.
    void cancelWithoutAnswerIsUnknownNotFailed()
    {
        FaultServer server([&](const RecordedRequest &, int index) {
            // QNetworkAccessManager itself resends once on a fresh connection after a reset, so
            // two resets make one failed attempt of ours.
            if (index < 2)
                return FaultAction::reset();
            return FaultAction::json(QJsonObject{{u"invalidExecutions"_s, QJsonArray{u"run-1"_s}}});
        });
        QVERIFY(server.listen());
        AppFlowClient client(config(server.url()), &m_credentials);
        Received<QList<CancelOutcome>> received;
        client.cancelFlowExecutions(u"orders"_s, {u"run-1"_s}, this, received.callback());
        QTRY_COMPARE(received.calls, 1);
        const CancelOutcome outcome = received.result->value().first();
        QCOMPARE(outcome.kind, CancelOutcome::Kind::NotCancellable);
        QVERIFY(outcome.earlierAttemptUnanswered);

        FaultServer dead([&](const RecordedRequest &, int) { return FaultAction::reset(); });
        QVERIFY(dead.listen());
        AppFlowClient deadClient(config(dead.url()), &m_credentials);
        Received<QList<CancelOutcome>> lost;
        deadClient.cancelFlowExecutions(u"orders"_s, {u"run-1"_s}, this, lost.callback());
        QTRY_VERIFY_WITH_TIMEOUT(lost.calls == 1, 20000);
        const CancelOutcome unknown = lost.result->value().first();
        QCOMPARE(unknown.kind, CancelOutcome::Kind::RequestFailed);
        QVERIFY(unknown.answerUnknown);
    }

    // Issue #13 (bounded resources): a body that never ends is cut off at the size limit, and
    // an answer that trickles in slower than the idle timeout still ends at the attempt deadline.
    void endlessBodyIsCutOffAtTheLimit()
    {
        FaultServer server([&](const RecordedRequest &, int) {
            return FaultAction::endless(QByteArray(64 * 1024, 'x'), 1);
        });
        QVERIFY(server.listen());
        AppFlowClientConfig limited = config(server.url());
        limited.maxResponseBytes = 1024 * 1024;
        AppFlowClient client(limited, &m_credentials);
        Received<FlowDescription> received;
        client.describeFlow(u"orders"_s, this, received.callback());
        QTRY_VERIFY_WITH_TIMEOUT(received.calls == 1, 20000);
        const AppFlowError &error = received.result->error();
        QCOMPARE(error.code(), Code::MalformedResponse);
        QVERIFY2(error.message().contains(u"larger than 1 MiB"_s), qPrintable(error.message()));
        QCOMPARE(server.requests().size(), 1); // not retried: the same endpoint answers the same
    }

    void tricklingAnswerEndsAtTheDeadline()
    {
        FaultServer server([&](const RecordedRequest &, int) {
            return FaultAction::endless("{", 100); // data keeps moving: no idle timeout
        });
        QVERIFY(server.listen());
        AppFlowClientConfig limited = config(server.url());
        limited.attemptDeadline = std::chrono::milliseconds(600);
        limited.retry.maxAttempts = 1;
        AppFlowClient client(limited, &m_credentials);
        Received<FlowDescription> received;
        QElapsedTimer elapsed;
        elapsed.start();
        client.describeFlow(u"orders"_s, this, received.callback());
        QTRY_VERIFY_WITH_TIMEOUT(received.calls == 1, 10000);
        QVERIFY(elapsed.elapsed() < 5000);
        const AppFlowError &error = received.result->error();
        QCOMPARE(error.code(), Code::Timeout);
        QVERIFY2(error.message().contains(u"did not finish its answer within 0.6 s"_s), qPrintable(error.message()));
        QVERIFY(error.mayHaveReachedService());
    }

    void cancelAllActive()
    {
        FaultServer server([](const RecordedRequest &, int) {
            return FaultAction::json(QJsonObject{{u"invalidExecutions"_s, QJsonArray{u"old-1"_s}}});
        });
        QVERIFY(server.listen());
        AppFlowClient client(config(server.url()), &m_credentials);
        Received<QList<CancelOutcome>> received;
        client.cancelFlowExecutions(u"orders"_s, {}, this, received.callback());
        QTRY_COMPARE(received.calls, 1);
        QCOMPARE(server.requests().size(), 1);
        QCOMPARE(server.requests().at(0).json(), (QJsonObject{{u"flowName"_s, u"orders"_s}}));
        const QList<CancelOutcome> &outcomes = received.result->value();
        QCOMPARE(outcomes.size(), 2);
        QCOMPARE(outcomes.at(0).kind, CancelOutcome::Kind::CancelStarted);
        QVERIFY(outcomes.at(0).executionId.isEmpty());
        QCOMPARE(outcomes.at(1).kind, CancelOutcome::Kind::NotCancellable);
        QCOMPARE(outcomes.at(1).executionId, u"old-1"_s);
    }
};

QTEST_GUILESS_MAIN(TstAppFlowClientFaults)
#include "tst_appflowclient_faults.moc"
