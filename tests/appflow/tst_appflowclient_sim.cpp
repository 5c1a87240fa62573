// AppFlowClient against the in-process simulator (flowdesk_sim) over loopback HTTP: every
// operation, signed and verified for real, with pagination, >100 IDs split, cancel some/all,
// StartFlow/StopFlow — checked against the simulator's own view of its state.
#include "AppFlowClient.h"

#include <Simulator.h>

#include <QSet>
#include <QUuid>
#include <QtTest>

using namespace flowdesk::appflow;
using namespace Qt::StringLiterals;
using flowdesk::aws::Credentials;
using flowdesk::aws::StaticCredentialSource;
using Code = AppFlowError::Code;

namespace {

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

#define WAIT_OK(received)                                                                          \
    do {                                                                                           \
        QTRY_COMPARE_WITH_TIMEOUT((received).calls, 1, 20000);                                     \
        QVERIFY2((received).result->ok(),                                                          \
                 qPrintable((received).result->ok() ? QString()                                    \
                                                    : (received).result->error().toString()));     \
    } while (false)

} // namespace

class TstAppFlowClientSim : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<flowdesk::sim::Simulator> m_sim;
    std::unique_ptr<StaticCredentialSource> m_credentials;
    std::unique_ptr<AppFlowClient> m_client;
    QList<FlowDefinition> m_flows;

    QString flowWith(const std::function<bool(const FlowDefinition &)> &predicate) const
    {
        for (const FlowDefinition &flow : m_flows) {
            if (predicate(flow))
                return flow.flowName;
        }
        return {};
    }

private slots:
    void initTestCase()
    {
        flowdesk::sim::SimulatorConfig config;
        config.secretAccessKey = QUuid::createUuid().toString(QUuid::WithoutBraces);
        config.region = u"eu-west-1"_s;
        config.generatedFlows = 30;
        config.runsPerFlow = 130;
        m_sim = std::make_unique<flowdesk::sim::Simulator>(config);
        QVERIFY2(m_sim->listen(), qPrintable(m_sim->errorString()));

        m_credentials = std::make_unique<StaticCredentialSource>(
            Credentials{config.accessKeyId, config.secretAccessKey, {}, {}}, u"simulator"_s);
        AppFlowClientConfig clientConfig;
        clientConfig.endpoint = m_sim->url();
        clientConfig.region = config.region;
        clientConfig.listFlowsPageSize = 7; // 30 flows → 5 pages
        m_client = std::make_unique<AppFlowClient>(clientConfig, m_credentials.get());
    }

    void cleanupTestCase()
    {
        m_client.reset();
        m_sim.reset();
    }

    void listFlowsAcrossPages()
    {
        Received<QList<FlowDefinition>> received;
        m_client->listFlows(this, received.callback());
        WAIT_OK(received);
        m_flows = received.result->value();
        QStringList names;
        for (const FlowDefinition &flow : std::as_const(m_flows)) {
            names << flow.flowName;
            QVERIFY(flow.flowArn.startsWith(u"arn:aws:appflow:eu-west-1:"_s));
            QVERIFY(flow.createdAt.isValid());
            QVERIFY(flow.triggerType != TriggerType::Unknown);
        }
        QCOMPARE(m_flows.size(), 30);
        const QStringList simulated = m_sim->flowNames();
        QCOMPARE(QSet<QString>(names.begin(), names.end()),
                 QSet<QString>(simulated.begin(), simulated.end()));
    }

    void describeFlow()
    {
        const QString name = m_flows.value(0).flowName;
        Received<FlowDescription> received;
        m_client->describeFlow(name, this, received.callback());
        WAIT_OK(received);
        QCOMPARE(received.result->value().definition.flowName, name);
        QVERIFY(!received.result->value().definition.sourceConnectorType.isEmpty());
        QVERIFY(!received.result->value().sourceFlowConfig.isEmpty());

        Received<FlowDescription> missing;
        m_client->describeFlow(u"no-such-flow"_s, this, missing.callback());
        QTRY_COMPARE(missing.calls, 1);
        QCOMPARE(missing.result->error().code(), Code::ResourceNotFound);
        QCOMPARE(missing.result->error().httpStatus(), 404);
        QVERIFY(!missing.result->error().requestId().isEmpty());
    }

    void executionRecordsAcrossPages()
    {
        const QString name = m_flows.value(0).flowName;
        QList<ExecutionRecord> records;
        Received<AppFlowClient::ExecutionRecordsSummary> received;
        m_client->describeFlowExecutionRecords(
            name, {25, {}}, this,
            [&](const QList<ExecutionRecord> &page) {
                records += page;
                return AppFlowClient::PageAction::Continue;
            },
            received.callback());
        WAIT_OK(received);
        const QStringList expected = m_sim->executionIds(name);
        QVERIFY(expected.size() >= 130);
        QStringList ids;
        for (const ExecutionRecord &record : std::as_const(records)) {
            ids << record.executionId;
            QVERIFY(record.startedAt.isValid());
            QCOMPARE(record.executionStatusText, m_sim->executionStatus(name, record.executionId));
        }
        QCOMPARE(ids, expected);
        QCOMPARE(received.result->value().records, int(expected.size()));
        QCOMPARE(received.result->value().pages, int((expected.size() + 24) / 25));
        QVERIFY(!received.result->value().stoppedEarly);

        // Stop after the first page, then resume from the token.
        Received<AppFlowClient::ExecutionRecordsSummary> first;
        m_client->describeFlowExecutionRecords(
            name, {25, {}}, this,
            [](const QList<ExecutionRecord> &) { return AppFlowClient::PageAction::Stop; },
            first.callback());
        WAIT_OK(first);
        QCOMPARE(first.result->value().pages, 1);
        QVERIFY(first.result->value().stoppedEarly);
        QVERIFY(!first.result->value().nextToken.isEmpty());
        QStringList resumed;
        Received<AppFlowClient::ExecutionRecordsSummary> rest;
        m_client->describeFlowExecutionRecords(
            name, {25, first.result->value().nextToken}, this,
            [&](const QList<ExecutionRecord> &page) {
                for (const ExecutionRecord &record : page)
                    resumed << record.executionId;
                return AppFlowClient::PageAction::Stop;
            },
            rest.callback());
        WAIT_OK(rest);
        QCOMPARE(resumed, expected.mid(25, 25));
    }

    void startAndStopFlow()
    {
        const QString onDemand = flowWith([](const FlowDefinition &f) {
            return f.triggerType == TriggerType::OnDemand && f.flowStatus == FlowStatus::Active;
        });
        const QString scheduled = flowWith([](const FlowDefinition &f) {
            return f.triggerType == TriggerType::Scheduled && f.flowStatus == FlowStatus::Active;
        });
        QVERIFY(!onDemand.isEmpty() && !scheduled.isEmpty());

        Received<StartFlowResult> started;
        m_client->startFlow(onDemand, this, started.callback());
        WAIT_OK(started);
        const QString executionId = started.result->value().executionId;
        QVERIFY(!executionId.isEmpty());
        QCOMPARE(m_sim->executionStatus(onDemand, executionId), u"InProgress"_s);
        QCOMPARE(m_sim->executionIds(onDemand).value(0), executionId);

        // The same client token is the same start, not a second run.
        Received<StartFlowResult> again;
        m_client->startFlow(onDemand, this, again.callback(), started.result->value().clientToken);
        WAIT_OK(again);
        QCOMPARE(again.result->value().executionId, executionId);

        Received<StopFlowResult> unsupported;
        m_client->stopFlow(onDemand, this, unsupported.callback());
        QTRY_COMPARE(unsupported.calls, 1);
        QCOMPARE(unsupported.result->error().code(), Code::UnsupportedOperation);

        Received<StopFlowResult> stopped;
        m_client->stopFlow(scheduled, this, stopped.callback());
        WAIT_OK(stopped);
        QCOMPARE(stopped.result->value().flowStatus, FlowStatus::Suspended);
    }

    void cancelMoreThanOneHundred()
    {
        const QString onDemand = flowWith([](const FlowDefinition &f) {
            return f.triggerType == TriggerType::OnDemand && f.flowStatus == FlowStatus::Active;
        });
        QStringList finishedRuns;
        for (const QString &id : m_sim->executionIds(onDemand)) {
            if (m_sim->executionStatus(onDemand, id) == u"Successful"_s && finishedRuns.size() < 30)
                finishedRuns << id;
        }
        QCOMPARE(finishedRuns.size(), 30);

        QList<std::shared_ptr<Received<StartFlowResult>>> starts;
        for (int i = 0; i < 110; ++i) {
            starts << std::make_shared<Received<StartFlowResult>>();
            m_client->startFlow(onDemand, this, starts.last()->callback());
        }
        QStringList running;
        for (const auto &start : std::as_const(starts)) {
            WAIT_OK(*start);
            running << start->result->value().executionId;
        }
        QCOMPARE(QSet<QString>(running.begin(), running.end()).size(), 110);

        const QStringList ids = running + finishedRuns; // 140 IDs: two requests
        Received<QList<CancelOutcome>> received;
        m_client->cancelFlowExecutions(onDemand, ids, this, received.callback());
        WAIT_OK(received);
        const QList<CancelOutcome> &outcomes = received.result->value();
        QCOMPARE(outcomes.size(), 140);
        for (int i = 0; i < outcomes.size(); ++i) {
            QCOMPARE(outcomes.at(i).executionId, ids.at(i));
            QCOMPARE(outcomes.at(i).kind, i < 110 ? CancelOutcome::Kind::CancelStarted
                                                  : CancelOutcome::Kind::NotCancellable);
        }
        for (const QString &id : std::as_const(running)) {
            const QString status = m_sim->executionStatus(onDemand, id);
            QVERIFY2(status == u"CancelStarted"_s || status == u"Canceled"_s, qPrintable(status));
        }
    }

    void cancelAllActive()
    {
        const QString onDemand = flowWith([](const FlowDefinition &f) {
            return f.triggerType == TriggerType::OnDemand && f.flowStatus == FlowStatus::Active;
        });
        Received<StartFlowResult> started;
        m_client->startFlow(onDemand, this, started.callback());
        WAIT_OK(started);
        const QString id = started.result->value().executionId;
        QCOMPARE(m_sim->executionStatus(onDemand, id), u"InProgress"_s);

        Received<QList<CancelOutcome>> received;
        m_client->cancelFlowExecutions(onDemand, {}, this, received.callback());
        WAIT_OK(received);
        QVERIFY(!received.result->value().isEmpty());
        QCOMPARE(received.result->value().at(0).kind, CancelOutcome::Kind::CancelStarted);
        QVERIFY(received.result->value().at(0).executionId.isEmpty());
        const QString status = m_sim->executionStatus(onDemand, id);
        QVERIFY2(status == u"CancelStarted"_s || status == u"Canceled"_s, qPrintable(status));
    }

    void wrongSecretIsRefused()
    {
        StaticCredentialSource wrong(
            Credentials{m_sim->config().accessKeyId, u"not-the-secret"_s, {}, {}}, u"wrong"_s);
        AppFlowClientConfig config;
        config.endpoint = m_sim->url();
        config.region = m_sim->config().region;
        AppFlowClient client(config, &wrong);
        Received<QList<FlowDefinition>> received;
        client.listFlows(this, received.callback());
        QTRY_COMPARE_WITH_TIMEOUT(received.calls, 1, 20000);
        QVERIFY(!received.result->ok());
        QCOMPARE(received.result->error().httpStatus(), 403);
        QVERIFY(!received.result->error().isRetryable());
        QVERIFY(!received.result->error().message().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TstAppFlowClientSim)
#include "tst_appflowclient_sim.moc"
