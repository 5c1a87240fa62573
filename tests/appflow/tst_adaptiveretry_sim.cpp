// The adaptive retry mode against a service that enforces a rate limit the way AWS does (the
// simulator's --rate-limit token bucket), not against random throttling: the standard mode keeps
// sending at full speed and is throttled again and again (and gives up on some requests); the
// adaptive mode learns the rate and is throttled far less. Same requests, same limit, both
// modes; the counts come from the simulator's own request log.
#include "AppFlowClient.h"

#include <Simulator.h>

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QUuid>
#include <QtTest>

using namespace flowdesk::appflow;
using namespace Qt::StringLiterals;

namespace {

struct Outcome {
    int succeeded = 0;
    int failed = 0;
    int throttledAnswers = 0; // 429s in the simulator's log
    int answers = 0;
};

} // namespace

class TstAdaptiveRetrySim : public QObject
{
    Q_OBJECT

private:
    static Outcome run(bool adaptive, int requests)
    {
        QTemporaryDir dir;
        flowdesk::sim::SimulatorConfig config;
        config.secretAccessKey = QUuid::createUuid().toString(QUuid::WithoutBraces);
        config.generatedFlows = 5;
        config.requestLogPath = dir.filePath(u"requests.jsonl"_s);
        QString error;
        config.rateLimits = {*flowdesk::sim::RateLimit::parse(u"DescribeFlow=40:10"_s, &error)};
        flowdesk::sim::Simulator sim(config);
        if (!sim.listen())
            return {};
        flowdesk::aws::StaticCredentialSource credentials(
            flowdesk::aws::Credentials{config.accessKeyId, config.secretAccessKey, {}, {}}, u"simulator"_s);
        AppFlowClientConfig clientConfig;
        clientConfig.endpoint = sim.url();
        clientConfig.region = config.region;
        clientConfig.retry.adaptive = adaptive;
        clientConfig.retry.baseDelay = std::chrono::milliseconds(50); // keep the test short
        AppFlowClient client(clientConfig, &credentials);

        Outcome outcome;
        QObject context;
        const QString flow = sim.flowNames().first();
        for (int i = 0; i < requests; ++i) {
            client.describeFlow(flow, &context, [&outcome](const AppFlowResult<FlowDescription> &result) {
                ++(result.ok() ? outcome.succeeded : outcome.failed);
            });
        }
        if (!QTest::qWaitFor([&] { return outcome.succeeded + outcome.failed == requests; }, 120000))
            qWarning("not every request finished within 120 s");

        QFile log(config.requestLogPath);
        if (log.open(QIODevice::ReadOnly)) {
            while (!log.atEnd()) {
                const QJsonObject entry = QJsonDocument::fromJson(log.readLine()).object();
                if (entry.value(u"operation"_s).toString() != u"DescribeFlow")
                    continue;
                ++outcome.answers;
                if (entry.value(u"status"_s).toInt() == 429)
                    ++outcome.throttledAnswers;
            }
        }
        return outcome;
    }

private slots:
    void adaptiveIsThrottledFarLessThanStandard()
    {
        const int requests = 150;
        const Outcome standard = run(false, requests);
        const Outcome adaptive = run(true, requests);
        qInfo("DescribeFlow x %d against 40 TPS (burst 10): standard %d ok, %d failed, %d of %d "
              "answers throttled; adaptive %d ok, %d failed, %d of %d answers throttled",
              requests, standard.succeeded, standard.failed, standard.throttledAnswers, standard.answers,
              adaptive.succeeded, adaptive.failed, adaptive.throttledAnswers, adaptive.answers);
        QCOMPARE(standard.succeeded + standard.failed, requests);
        QCOMPARE(adaptive.succeeded + adaptive.failed, requests);
        QVERIFY(standard.answers >= requests);
        QVERIFY(standard.throttledAnswers > 0); // the limit is real
        QVERIFY2(adaptive.throttledAnswers < standard.throttledAnswers,
                 "the adaptive mode was throttled as often as the standard mode");
        QVERIFY(adaptive.failed <= standard.failed);
    }
};

QTEST_GUILESS_MAIN(TstAdaptiveRetrySim)
#include "tst_adaptiveretry_sim.moc"
