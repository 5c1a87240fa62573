// flowdesk-sim's command line: the parser's rules, and the real executable's first stdout line.

#include "SimTestSupport.h"

#include <SimulatorCommandLine.h>

#include <QProcess>

using namespace flowdesk;
using namespace flowdesk::sim;
using namespace flowdesk::sim::test;

namespace {

SimulatorCommandLine::Parsed parse(QStringList arguments, const QString &environmentSecret = {})
{
    arguments.prepend(QStringLiteral("flowdesk-sim"));
    return SimulatorCommandLine::parse(arguments, environmentSecret);
}

QString simulatorPath()
{
    return qEnvironmentVariable("FLOWDESK_BIN_DIR") + QStringLiteral("/flowdesk-sim");
}

} // namespace

class TestSimCommandLine : public QObject
{
    Q_OBJECT

private slots:
    void defaults();
    void everyOption();
    void secretFromEnvironment();
    void errors_data();
    void errors();
    void allowRemote();
    void help();
    void executablePrintsUrlFirstAndServes();
    void executableRefusesRemoteAndBadScenario();
};

void TestSimCommandLine::defaults()
{
    const auto parsed = parse({});
    QCOMPARE(parsed.outcome, SimulatorCommandLine::Outcome::Run);
    QCOMPARE(parsed.address, QHostAddress(QHostAddress::LocalHost));
    QCOMPARE(parsed.port, quint16(0));
    QCOMPARE(parsed.config.accessKeyId, QStringLiteral("AKIAFLOWDESKSIM00001"));
    QCOMPARE(parsed.config.secretAccessKey, SimulatorCommandLine::defaultSecretAccessKey());
    QCOMPARE(parsed.config.region, QStringLiteral("us-east-1"));
    QCOMPARE(parsed.config.scenario, QStringLiteral("demo"));
    QCOMPARE(parsed.config.speed, 1.0);
    QCOMPARE(parsed.config.generatedFlows, 0);
}

void TestSimCommandLine::everyOption()
{
    const auto parsed = parse(
        {QStringLiteral("--listen"), QStringLiteral("127.0.0.1:8123"),
         QStringLiteral("--access-key-id"), QStringLiteral("AKIAX"),
         QStringLiteral("--secret-access-key"), QStringLiteral("s3cr3t"),
         QStringLiteral("--session-token"), QStringLiteral("tok"), QStringLiteral("--region"),
         QStringLiteral("eu-west-1"), QStringLiteral("--flows"), QStringLiteral("1000"),
         QStringLiteral("--runs-per-flow"), QStringLiteral("10"), QStringLiteral("--active-percent"),
         QStringLiteral("50"), QStringLiteral("--seed"),
         QStringLiteral("42"), QStringLiteral("--speed"), QStringLiteral("100"),
         QStringLiteral("--throttle-rate"), QStringLiteral("0.1"), QStringLiteral("--error-rate"),
         QStringLiteral("0.2"), QStringLiteral("--drop-rate"), QStringLiteral("0.05"),
         QStringLiteral("--latency-ms"), QStringLiteral("250"), QStringLiteral("--deny"),
         QStringLiteral("CancelFlowExecutions"), QStringLiteral("--deny"),
         QStringLiteral("StopFlow:flow-a"), QStringLiteral("--log-requests"),
         QStringLiteral("/tmp/x.jsonl"), QStringLiteral("--sso-access-token"), QStringLiteral("t1"),
         QStringLiteral("--credential-seconds"), QStringLiteral("60"),
         QStringLiteral("--rate-limit"), QStringLiteral("DescribeFlowExecutionRecords=10:20"),
         QStringLiteral("--rate-limit"), QStringLiteral("*=2.5"),
         QStringLiteral("--rate-limit"), QStringLiteral("SsoPortal=20"),
         QStringLiteral("--accounts"), QStringLiteral("500"),
         QStringLiteral("--regions"), QStringLiteral("us-east-1, ap-southeast-2,us-east-1")});
    QCOMPARE(parsed.outcome, SimulatorCommandLine::Outcome::Run);
    QCOMPARE(parsed.port, quint16(8123));
    const SimulatorConfig &c = parsed.config;
    QCOMPARE(c.accessKeyId, QStringLiteral("AKIAX"));
    QCOMPARE(c.secretAccessKey, QStringLiteral("s3cr3t"));
    QCOMPARE(c.sessionToken, QStringLiteral("tok"));
    QCOMPARE(c.region, QStringLiteral("eu-west-1"));
    QCOMPARE(c.generatedFlows, 1000);
    QCOMPARE(c.runsPerFlow, 10);
    QCOMPARE(c.activePercent, 50);
    QCOMPARE(c.seed, 42u);
    QCOMPARE(c.speed, 100.0);
    QCOMPARE(c.throttleRate, 0.1);
    QCOMPARE(c.errorRate, 0.2);
    QCOMPARE(c.dropRate, 0.05);
    QCOMPARE(c.latencyMs, 250);
    QCOMPARE(c.deny, (QStringList{QStringLiteral("CancelFlowExecutions"), QStringLiteral("StopFlow:flow-a")}));
    QCOMPARE(c.requestLogPath, QStringLiteral("/tmp/x.jsonl"));
    QCOMPARE(c.ssoAccessTokens, QStringList{QStringLiteral("t1")});
    QCOMPARE(c.temporaryCredentialSeconds, 60);
    QCOMPARE(c.rateLimits.size(), 3);
    QCOMPARE(c.rateLimits.at(2).operation, QStringLiteral("SsoPortal"));
    QCOMPARE(c.ssoAccounts, 500);
    // The home region first when the list leaves it out; duplicates once.
    QCOMPARE(c.regions, (QStringList{QStringLiteral("eu-west-1"), QStringLiteral("us-east-1"),
                                     QStringLiteral("ap-southeast-2")}));
    QCOMPARE(c.rateLimits.at(0).operation, QStringLiteral("DescribeFlowExecutionRecords"));
    QCOMPARE(c.rateLimits.at(0).tps, 10.0);
    QCOMPARE(c.rateLimits.at(0).burst, 20.0);
    QCOMPARE(c.rateLimits.at(1).operation, QStringLiteral("*"));
    QCOMPARE(c.rateLimits.at(1).tps, 2.5);
    QCOMPARE(c.rateLimits.at(1).burst, 2.5); // default burst: max(1, TPS)
}

void TestSimCommandLine::secretFromEnvironment()
{
    QCOMPARE(parse({}, QStringLiteral("from-env")).config.secretAccessKey, QStringLiteral("from-env"));
    QCOMPARE(parse({QStringLiteral("--secret-access-key"), QStringLiteral("flag")},
                   QStringLiteral("from-env"))
                 .config.secretAccessKey,
             QStringLiteral("flag"));
}

void TestSimCommandLine::errors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("remote address") << QStringList{QStringLiteral("--listen"), QStringLiteral("0.0.0.0:80")}
                                    << QStringLiteral("--allow-remote");
    QTest::newRow("no port") << QStringList{QStringLiteral("--listen"), QStringLiteral("127.0.0.1")}
                             << QStringLiteral("HOST:PORT");
    QTest::newRow("bad port") << QStringList{QStringLiteral("--listen"), QStringLiteral("127.0.0.1:99999")}
                              << QStringLiteral("port");
    QTest::newRow("host name") << QStringList{QStringLiteral("--listen"), QStringLiteral("example.com:80")}
                               << QStringLiteral("IP address");
    QTest::newRow("active above 100") << QStringList{QStringLiteral("--active-percent"), QStringLiteral("101")}
                                      << QStringLiteral("--active-percent");
    QTest::newRow("rate above 1") << QStringList{QStringLiteral("--throttle-rate"), QStringLiteral("1.5")}
                                  << QStringLiteral("--throttle-rate");
    QTest::newRow("rate not a number") << QStringList{QStringLiteral("--drop-rate"), QStringLiteral("lots")}
                                       << QStringLiteral("--drop-rate");
    QTest::newRow("rates sum above 1")
        << QStringList{QStringLiteral("--throttle-rate"), QStringLiteral("0.6"),
                       QStringLiteral("--error-rate"), QStringLiteral("0.6")}
        << QStringLiteral("add up");
    QTest::newRow("speed zero") << QStringList{QStringLiteral("--speed"), QStringLiteral("0")}
                                << QStringLiteral("--speed");
    QTest::newRow("flows zero") << QStringList{QStringLiteral("--flows"), QStringLiteral("0")}
                                << QStringLiteral("--flows");
    QTest::newRow("negative latency") << QStringList{QStringLiteral("--latency-ms"), QStringLiteral("-1")}
                                      << QStringLiteral("--latency-ms");
    QTest::newRow("unknown deny operation") << QStringList{QStringLiteral("--deny"), QStringLiteral("DeleteFlow")}
                                            << QStringLiteral("DeleteFlow");
    QTest::newRow("deny without flow") << QStringList{QStringLiteral("--deny"), QStringLiteral("StopFlow:")}
                                       << QStringLiteral("flow name");
    QTest::newRow("rate limit of an unknown operation")
        << QStringList{QStringLiteral("--rate-limit"), QStringLiteral("DeleteFlow=5")} << QStringLiteral("DeleteFlow");
    QTest::newRow("rate limit without TPS")
        << QStringList{QStringLiteral("--rate-limit"), QStringLiteral("ListFlows")} << QStringLiteral("OP=TPS");
    QTest::newRow("rate limit of zero")
        << QStringList{QStringLiteral("--rate-limit"), QStringLiteral("ListFlows=0")} << QStringLiteral("TPS must be");
    QTest::newRow("rate limit burst below 1")
        << QStringList{QStringLiteral("--rate-limit"), QStringLiteral("ListFlows=5:0.5")} << QStringLiteral("BURST");
    QTest::newRow("region that is no region")
        << QStringList{QStringLiteral("--regions"), QStringLiteral("us-east-1,Frankfurt")} << QStringLiteral("Frankfurt");
    QTest::newRow("accounts not a number")
        << QStringList{QStringLiteral("--accounts"), QStringLiteral("many")} << QStringLiteral("0 to 100000");
    QTest::newRow("unknown option") << QStringList{QStringLiteral("--frobnicate")}
                                    << QStringLiteral("frobnicate");
    QTest::newRow("positional") << QStringList{QStringLiteral("extra")} << QStringLiteral("extra");
}

void TestSimCommandLine::errors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, mentions);
    const auto parsed = parse(arguments);
    QCOMPARE(parsed.outcome, SimulatorCommandLine::Outcome::Error);
    QVERIFY2(parsed.error.contains(mentions), qPrintable(parsed.error));
}

void TestSimCommandLine::allowRemote()
{
    const auto parsed = parse({QStringLiteral("--listen"), QStringLiteral("0.0.0.0:0"),
                               QStringLiteral("--allow-remote")});
    QCOMPARE(parsed.outcome, SimulatorCommandLine::Outcome::Run);
    QCOMPARE(parsed.address, QHostAddress(QHostAddress::AnyIPv4));
    QCOMPARE(parse({QStringLiteral("--listen"), QStringLiteral("[::1]:0")}).address,
             QHostAddress(QHostAddress::LocalHostIPv6));
}

void TestSimCommandLine::help()
{
    const auto parsed = parse({QStringLiteral("--help")});
    QCOMPARE(parsed.outcome, SimulatorCommandLine::Outcome::ShowHelp);
    for (const char *option :
         {"--listen", "--allow-remote", "--access-key-id", "--secret-access-key", "--session-token",
          "--region", "--scenario", "--flows", "--runs-per-flow", "--active-percent", "--seed", "--speed",
          "--throttle-rate", "--error-rate", "--latency-ms", "--drop-rate", "--deny",
          "--log-requests", "AKIAFLOWDESKSIM00001"})
        QVERIFY2(parsed.helpText.contains(QLatin1String(option)), option);
}

void TestSimCommandLine::executablePrintsUrlFirstAndServes()
{
    QProcess process;
    process.setProgram(simulatorPath());
    process.setArguments({QStringLiteral("--access-key-id"), testCredentials().accessKeyId,
                          QStringLiteral("--flows"), QStringLiteral("12"), QStringLiteral("--seed"),
                          QStringLiteral("5")});
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("FLOWDESK_SIM_SECRET_ACCESS_KEY"),
                       testCredentials().secretAccessKey);
    process.setProcessEnvironment(environment);
    process.start();
    QVERIFY2(process.waitForStarted(), qPrintable(process.errorString()));
    QTRY_VERIFY_WITH_TIMEOUT(process.canReadLine(), 10000);
    const QString line = QString::fromUtf8(process.readLine()).trimmed();
    const QString prefix = QStringLiteral("flowdesk-sim listening on http://127.0.0.1:");
    QVERIFY2(line.startsWith(prefix), qPrintable(line));
    const QUrl url(line.mid(line.indexOf(QLatin1String("http://"))));
    QVERIFY(url.port() > 0);

    AppFlowCaller caller(url, testCredentials());
    const Response response = caller.call("/list-flows", {{QStringLiteral("maxResults"), 100}});
    QCOMPARE(response.status, 200);
    QCOMPARE(response.json().value(QLatin1String("flows")).toArray().size(), 12);
    process.terminate();
    QVERIFY(process.waitForFinished(10000));
}

void TestSimCommandLine::executableRefusesRemoteAndBadScenario()
{
    QProcess process;
    process.start(simulatorPath(), {QStringLiteral("--listen"), QStringLiteral("0.0.0.0:0")});
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitCode(), 2);
    QVERIFY(process.readAllStandardOutput().isEmpty());
    QVERIFY(process.readAllStandardError().contains("--allow-remote"));

    process.start(simulatorPath(), {QStringLiteral("--scenario"), QStringLiteral("/nonexistent/s.json")});
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitCode(), 1);
    QVERIFY(process.readAllStandardError().contains("/nonexistent/s.json"));
}

QTEST_GUILESS_MAIN(TestSimCommandLine)
#include "tst_sim_commandline.moc"
