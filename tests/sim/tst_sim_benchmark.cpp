// Measures the simulator with a large generated scenario (1000 flows x 10 runs): server time per
// request, by operation, from its own request log, and the process's resident memory. Prints
// numbers; asserts only that the answers are complete (timings vary with the machine).

#include "SimTestSupport.h"

#include <Simulator.h>

#include <QFile>

#include <algorithm>

using namespace flowdesk;
using namespace flowdesk::sim;
using namespace flowdesk::sim::test;

namespace {

qint64 residentKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').constFirst().toLongLong();
    }
    return -1;
}

} // namespace

class TestSimBenchmark : public QObject
{
    Q_OBJECT

private slots:
    void thousandFlows();
};

void TestSimBenchmark::thousandFlows()
{
    const int flows = qEnvironmentVariableIntValue("FLOWDESK_BENCH_FLOWS") > 0
        ? qEnvironmentVariableIntValue("FLOWDESK_BENCH_FLOWS")
        : 1000;
    QTemporaryDir dir;
    SimulatorConfig config;
    config.accessKeyId = testCredentials().accessKeyId;
    config.secretAccessKey = testCredentials().secretAccessKey;
    config.generatedFlows = flows;
    config.runsPerFlow = 10;
    config.requestLogPath = dir.filePath(QStringLiteral("requests.jsonl"));

    const qint64 rssBefore = residentKiB();
    QElapsedTimer load;
    load.start();
    Simulator sim(config);
    QVERIFY2(sim.listen(), qPrintable(sim.errorString()));
    const qint64 loadMs = load.elapsed();
    const qint64 rssLoaded = residentKiB();

    AppFlowCaller caller(sim.url(), testCredentials());
    // Every flow, 100 per page.
    QStringList names;
    QString token;
    do {
        QJsonObject input{{QStringLiteral("maxResults"), 100}};
        if (!token.isEmpty())
            input.insert(QStringLiteral("nextToken"), token);
        const Response response = caller.call("/list-flows", input);
        QCOMPARE(response.status, 200);
        for (const QJsonValue &flow : response.json().value(QLatin1String("flows")).toArray())
            names.append(flow.toObject().value(QLatin1String("flowName")).toString());
        token = response.json().value(QLatin1String("nextToken")).toString();
    } while (!token.isEmpty());
    QCOMPARE(names.size(), flows);
    // Records and descriptions of every fifth flow; cancel-all on every twentieth.
    for (qsizetype i = 0; i < names.size(); i += 5) {
        const Response records = caller.call("/describe-flow-execution-records",
                                             {{QStringLiteral("flowName"), names.at(i)}});
        QCOMPARE(records.status, 200);
        QVERIFY(records.json().value(QLatin1String("flowExecutions")).toArray().size() >= 10);
        QCOMPARE(caller.call("/describe-flow", {{QStringLiteral("flowName"), names.at(i)}}).status, 200);
        if (i % 20 == 0)
            QCOMPARE(caller.call("/cancel-flow-executions", {{QStringLiteral("flowName"), names.at(i)}})
                         .status,
                     200);
    }
    const qint64 rssAfter = residentKiB();

    QFile log(config.requestLogPath);
    QVERIFY(log.open(QIODevice::ReadOnly));
    QHash<QString, QList<double>> latencies;
    for (const QByteArray &line : log.readAll().trimmed().split('\n')) {
        const QJsonObject entry = QJsonDocument::fromJson(line).object();
        latencies[entry.value(QLatin1String("operation")).toString()].append(
            entry.value(QLatin1String("latencyMs")).toDouble());
    }
    qInfo("flowdesk-sim benchmark: %d flows x %d runs, scenario load + listen %lld ms",
          flows, config.runsPerFlow, loadMs);
    for (auto it = latencies.begin(); it != latencies.end(); ++it) {
        QList<double> values = it.value();
        std::sort(values.begin(), values.end());
        double sum = 0;
        for (double value : values)
            sum += value;
        qInfo("  %-30s n=%4lld  server ms: mean %.3f  p50 %.3f  p95 %.3f  max %.3f",
              qPrintable(it.key()), static_cast<long long>(values.size()), sum / double(values.size()),
              values.at(values.size() / 2), values.at(values.size() * 95 / 100), values.last());
    }
    qInfo("  RSS KiB: before %lld, after load %lld (+%lld), after requests %lld", rssBefore,
          rssLoaded, rssLoaded - rssBefore, rssAfter);
}

QTEST_GUILESS_MAIN(TestSimBenchmark)
#include "tst_sim_benchmark.moc"
