// Fault injection and the request log, over real HTTP.

#include "SimTestSupport.h"

#include <Simulator.h>

#include <QFile>

using namespace flowdesk;
using namespace flowdesk::sim;
using namespace flowdesk::sim::test;

class TestSimFaults : public QObject
{
    Q_OBJECT

private slots:
    void throttleRate();
    void rateLimitThrottlesWhatExceedsIt();
    void errorRate();
    void dropRate();
    void latency();
    void partialRatesMix();
    void denyOperation();
    void denyOperationForOneFlow();
    void faultsComeAfterAuthentication();
    void requestLog();

private:
    static SimulatorConfig baseConfig()
    {
        SimulatorConfig config;
        config.accessKeyId = testCredentials().accessKeyId;
        config.secretAccessKey = testCredentials().secretAccessKey;
        return config;
    }
};

void TestSimFaults::throttleRate()
{
    SimulatorConfig config = baseConfig();
    config.throttleRate = 1;
    Simulator sim(config);
    QVERIFY(sim.listen());
    AppFlowCaller caller(sim.url(), testCredentials());
    const Response response = caller.call("/list-flows", {});
    QCOMPARE(response.status, 429);
    QCOMPARE(response.errorType, QByteArray("ThrottlingException"));
    QCOMPARE(response.message(), QStringLiteral("Rate exceeded"));
    QVERIFY(!response.requestId.isEmpty());
}

void TestSimFaults::rateLimitThrottlesWhatExceedsIt()
{
    SimulatorConfig config = baseConfig();
    QString error;
    config.rateLimits = {*RateLimit::parse(QStringLiteral("ListFlows=1:2"), &error)};
    Simulator sim(config);
    QVERIFY(sim.listen());
    AppFlowCaller caller(sim.url(), testCredentials());
    QList<int> statuses;
    for (int i = 0; i < 4; ++i)
        statuses << caller.call("/list-flows", {}).status;
    // A burst of 2, then about 1 a second: the next two (within milliseconds) are throttled.
    QCOMPARE(statuses, (QList<int>{200, 200, 429, 429}));
    const Response throttled = caller.call("/list-flows", {});
    QCOMPARE(throttled.errorType, QByteArray("ThrottlingException"));
    QCOMPARE(throttled.message(), QStringLiteral("Rate exceeded"));
    // No rule for DescribeFlow: not limited.
    QCOMPARE(caller.call("/describe-flow", {{QStringLiteral("flowName"), sim.flowNames().first()}}).status, 200);
}

void TestSimFaults::errorRate()
{
    SimulatorConfig config = baseConfig();
    config.errorRate = 1;
    Simulator sim(config);
    QVERIFY(sim.listen());
    AppFlowCaller caller(sim.url(), testCredentials());
    QSet<int> statuses;
    for (int i = 0; i < 20; ++i) {
        const Response response = caller.call("/list-flows", {});
        statuses.insert(response.status);
        if (response.status == 500)
            QCOMPARE(response.errorType, QByteArray("InternalServerException"));
        else
            QCOMPARE(response.errorType, QByteArray("ServiceUnavailableException"));
    }
    QCOMPARE(statuses, (QSet<int>{500, 503}));
}

void TestSimFaults::dropRate()
{
    SimulatorConfig config = baseConfig();
    config.dropRate = 1;
    Simulator sim(config);
    QVERIFY(sim.listen());
    AppFlowCaller caller(sim.url(), testCredentials());
    const Response response = caller.call("/list-flows", {});
    QCOMPARE(response.status, 0);
    QVERIFY(response.body.isEmpty());
    QCOMPARE(response.networkError, QNetworkReply::RemoteHostClosedError);
}

void TestSimFaults::latency()
{
    SimulatorConfig config = baseConfig();
    config.latencyMs = 300;
    Simulator sim(config);
    QVERIFY(sim.listen());
    AppFlowCaller caller(sim.url(), testCredentials());
    const Response response = caller.call("/list-flows", {});
    QCOMPARE(response.status, 200);
    QVERIFY2(response.elapsedMs >= 290, qPrintable(QString::number(response.elapsedMs)));
}

void TestSimFaults::partialRatesMix()
{
    // Same seed, same sequence; each fault appears at roughly its rate.
    SimulatorConfig config = baseConfig();
    config.throttleRate = 0.3;
    config.seed = 7;
    const auto statuses = [&] {
        Simulator sim(config);
        if (!sim.listen())
            return QList<int>{};
        AppFlowCaller caller(sim.url(), testCredentials());
        QList<int> list;
        for (int i = 0; i < 40; ++i)
            list.append(caller.call("/list-flows", {}).status);
        return list;
    };
    const QList<int> first = statuses();
    QCOMPARE(first, statuses());
    const auto throttled = first.count(429);
    QVERIFY2(throttled >= 4 && throttled <= 24, qPrintable(QString::number(throttled)));
    QCOMPARE(first.count(200) + throttled, first.size());
}

void TestSimFaults::denyOperation()
{
    SimulatorConfig config = baseConfig();
    config.deny = {QStringLiteral("CancelFlowExecutions")};
    Simulator sim(config);
    QVERIFY(sim.listen());
    AppFlowCaller caller(sim.url(), testCredentials());
    const QString flow = sim.flowNames().constFirst();
    const Response response =
        caller.call("/cancel-flow-executions", {{QStringLiteral("flowName"), flow}});
    QCOMPARE(response.status, 403);
    QCOMPARE(response.errorType, QByteArray("AccessDeniedException"));
    QVERIFY2(response.message().contains(QLatin1String("appflow:CancelFlowExecutions")),
             qPrintable(response.message()));
    // Denied before anything was done: no run of the flow is being cancelled.
    for (const QString &id : sim.executionIds(flow))
        QVERIFY(sim.executionStatus(flow, id) != QLatin1String("CancelStarted"));
    QCOMPARE(caller.call("/list-flows", {}).status, 200);
}

void TestSimFaults::denyOperationForOneFlow()
{
    SimulatorConfig config = baseConfig();
    const QString denied = QStringLiteral("zendesk-tickets-to-s3");
    config.deny = {QStringLiteral("DescribeFlow:") + denied};
    Simulator sim(config);
    QVERIFY(sim.listen());
    AppFlowCaller caller(sim.url(), testCredentials());
    const Response refused = caller.call("/describe-flow", {{QStringLiteral("flowName"), denied}});
    QCOMPARE(refused.status, 403);
    QCOMPARE(refused.errorType, QByteArray("AccessDeniedException"));
    QVERIFY(refused.message().contains(QLatin1String(":flow/zendesk-tickets-to-s3")));
    const Response allowed = caller.call(
        "/describe-flow", {{QStringLiteral("flowName"), QStringLiteral("sf-accounts-hourly-to-s3")}});
    QCOMPARE(allowed.status, 200);
}

void TestSimFaults::faultsComeAfterAuthentication()
{
    SimulatorConfig config = baseConfig();
    config.throttleRate = 1;
    Simulator sim(config);
    QVERIFY(sim.listen());
    AppFlowCaller caller(sim.url(), testCredentials());
    Signing wrong = caller.signing();
    wrong.credentials.secretAccessKey = QStringLiteral("wrong-secret-000000000000000000000000000");
    QCOMPARE(caller.call("/list-flows", {}, wrong).status, 403);
}

void TestSimFaults::requestLog()
{
    QTemporaryDir dir;
    SimulatorConfig config = baseConfig();
    config.requestLogPath = dir.filePath(QStringLiteral("requests.jsonl"));
    config.deny = {QStringLiteral("StopFlow")};
    {
        Simulator sim(config);
        QVERIFY(sim.listen());
        AppFlowCaller caller(sim.url(), testCredentials());
        QCOMPARE(caller.call("/list-flows", {}).status, 200);
        QCOMPARE(caller.call("/stop-flow", {{QStringLiteral("flowName"),
                                             QStringLiteral("zendesk-tickets-to-s3")}})
                     .status,
                 403);
        Signing wrong = caller.signing();
        wrong.credentials.secretAccessKey = QStringLiteral("wrong-secret-000000000000000000000000000");
        QCOMPARE(caller.call("/describe-flow", {{QStringLiteral("flowName"), QStringLiteral("x-y")}},
                             wrong)
                     .status,
                 403);
    }
    QFile file(config.requestLogPath);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray content = file.readAll();
    const QList<QByteArray> lines = content.trimmed().split('\n');
    QCOMPARE(lines.size(), 3);
    const QJsonObject first = QJsonDocument::fromJson(lines.at(0)).object();
    QCOMPARE(first.value(QLatin1String("operation")).toString(), QStringLiteral("ListFlows"));
    QCOMPARE(first.value(QLatin1String("status")).toInt(), 200);
    QCOMPARE(first.value(QLatin1String("accessKeyId")).toString(), testCredentials().accessKeyId);
    QVERIFY(first.value(QLatin1String("latencyMs")).isDouble());
    QVERIFY(QDateTime::fromString(first.value(QLatin1String("time")).toString(), Qt::ISODateWithMs).isValid());
    QVERIFY(!first.contains(QLatin1String("errorCode")));
    const QJsonObject second = QJsonDocument::fromJson(lines.at(1)).object();
    QCOMPARE(second.value(QLatin1String("operation")).toString(), QStringLiteral("StopFlow"));
    QCOMPARE(second.value(QLatin1String("flowName")).toString(), QStringLiteral("zendesk-tickets-to-s3"));
    QCOMPARE(second.value(QLatin1String("status")).toInt(), 403);
    QCOMPARE(second.value(QLatin1String("errorCode")).toString(), QStringLiteral("AccessDeniedException"));
    const QJsonObject third = QJsonDocument::fromJson(lines.at(2)).object();
    QCOMPARE(third.value(QLatin1String("errorCode")).toString(), QStringLiteral("InvalidSignatureException"));
    // Authentication first (#13): the body of a request whose signature fails is never parsed.
    QVERIFY(!third.contains(QLatin1String("flowName")));
    // No secret and no signature ever reach the log.
    QVERIFY(!content.contains(testCredentials().secretAccessKey.toUtf8()));
    QVERIFY(!content.contains("Signature="));
    QVERIFY(!content.contains("wrong-secret"));
}

QTEST_GUILESS_MAIN(TestSimFaults)
#include "tst_sim_faults.moc"
