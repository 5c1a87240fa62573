// The fleet scanner against the in-process simulator with --accounts and --regions: one login
// (the AWS CLI's token cache), role credentials per account from the portal, each account ×
// region's own flows. It must find exactly the simulator's active runs, put the errors of an
// account-region in place (a role without AppFlow rights, a region the account has not
// enabled), finish with no failed call under AWS-style rate limits, and stop cleanly.
#include "FleetScanner.h"
#include "SimulatorFixture.h"
#include "SsoPortalClient.h"

#include <SsoCredentialSource.h>
#include <SsoDirectory.h>
#include <SsoTokenFile.h>

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace flowdesk::fleet;
using flowdesk::aws::test::startSimulator;
using Status = FleetRegionState::Status;

class TstFleetScanner : public QObject
{
    Q_OBJECT

    const QString m_token = QStringLiteral("fleet-token-") + QUuid::createUuid().toString(QUuid::Id128);
    const QStringList m_regions{QStringLiteral("us-east-1"), QStringLiteral("eu-west-1")};
    QTemporaryDir m_cache;
    QNetworkAccessManager m_network;

    flowdesk::sim::SimulatorConfig config(int accounts, int flows) const
    {
        flowdesk::sim::SimulatorConfig config;
        config.ssoAccessTokens = {m_token};
        config.ssoAccounts = accounts;
        config.generatedFlows = flows;
        config.regions = m_regions;
        config.seed = 11;
        return config;
    }

    // The login as `aws sso login --sso-session fleet` leaves it.
    std::unique_ptr<flowdesk::aws::SsoCredentialSource> login(const QUrl &endpoint)
    {
        flowdesk::aws::SsoParameters parameters;
        parameters.sessionName = QStringLiteral("fleet");
        parameters.startUrl = QStringLiteral("https://example.awsapps.com/start");
        parameters.cacheDirectory = m_cache.path();
        flowdesk::aws::SsoToken token;
        token.startUrl = parameters.startUrl;
        token.region = QStringLiteral("us-east-1");
        token.accessToken = m_token;
        token.expiresAt = QDateTime::currentDateTimeUtc().addSecs(8 * 3600);
        const QString path = flowdesk::aws::SsoCredentialSource::cacheFileName(m_cache.path(), parameters.sessionName);
        const QString error = flowdesk::aws::SsoTokenFile::write(path, token);
        if (!error.isEmpty())
            qWarning("%s", qPrintable(error));
        return std::make_unique<flowdesk::aws::SsoCredentialSource>(parameters, endpoint, &m_network);
    }

    static FleetScanner::Settings settings(const QUrl &endpoint)
    {
        FleetScanner::Settings settings;
        settings.endpointFor = [endpoint](const QString &) { return endpoint; };
        settings.clientConfig.retry.baseDelay = std::chrono::milliseconds(50);
        settings.clientConfig.retry.maxAttempts = 8;
        settings.maxConcurrentRegions = 8;
        return settings;
    }

    static QList<FleetAccountChoice> choose(const QList<flowdesk::sim::SsoAccount> &accounts)
    {
        QList<FleetAccountChoice> chosen;
        for (const flowdesk::sim::SsoAccount &account : accounts)
            chosen.append({account.accountId, account.accountName, QStringLiteral("FlowdeskOperator")});
        return chosen;
    }

    static QStringList found(const FleetRegionState &state)
    {
        QStringList runs;
        for (const FleetRun &run : state.activeRuns)
            runs.append(run.flowName + u'/' + run.record.executionId);
        runs.sort();
        return runs;
    }

private slots:
    void initTestCase() { QVERIFY(m_cache.isValid()); }

    void readsEveryAccountRegionAndPutsErrorsInPlace()
    {
        const auto sim = startSimulator(config(8, 6));
        QVERIFY(sim->url().isValid());
        const QList<flowdesk::sim::SsoAccount> directory = flowdesk::sim::SsoDirectory::generate(8, 11);
        QList<FleetAccountChoice> chosen = choose(directory);
        // Account 4 has a role without AppFlow rights; take it there.
        QVERIFY(directory.at(4).roles.contains(QStringLiteral("AppFlowDenied")));
        chosen[4].roleName = QStringLiteral("AppFlowDenied");

        const auto session = login(sim->url());
        SsoPortalClient portal(sim->url(), &m_network);
        FleetScanner scanner(session.get(), &portal, settings(sim->url()));
        QSignalSpy finished(&scanner, &FleetScanner::finished);
        QSignalSpy progress(&scanner, &FleetScanner::progressChanged);
        scanner.scan(chosen, m_regions);
        QVERIFY(scanner.isScanning());
        QVERIFY(finished.wait(60000));
        QCOMPARE(scanner.regions().size(), 16);
        QCOMPARE(scanner.finishedCount(), 16);
        QCOMPARE(progress.last().at(0).toInt(), 16);

        int activeSeen = 0;
        for (const FleetRegionState &state : scanner.regions()) {
            const QString where = state.accountId + u' ' + state.region;
            if (state.accountId == directory.at(4).accountId) {
                QCOMPARE(state.status, Status::Failed);
                QVERIFY(state.error);
                QVERIFY2(state.error->code() == flowdesk::appflow::AppFlowError::Code::AccessDenied,
                         qPrintable(where + u' ' + state.error->toString()));
                QVERIFY(state.activeRuns.isEmpty());
                continue;
            }
            if (state.accountId == directory.at(6).accountId && state.region == u"eu-west-1") {
                // Not enabled in that region: the token is unknown there, as AWS answers.
                QCOMPARE(state.status, Status::Failed);
                QVERIFY(state.error);
                QVERIFY2(state.error->codeText() == u"UnrecognizedClientException", qPrintable(state.error->toString()));
                continue;
            }
            QVERIFY2(state.status == Status::Read, qPrintable(where + (state.error ? u' ' + state.error->toString() : QString())));
            QCOMPARE(state.flowCount, 6);
            QCOMPARE(found(state), sim->activeRuns(state.accountId, state.region));
            activeSeen += static_cast<int>(state.activeRuns.size());
        }
        QVERIFY2(activeSeen > 0, "the fleet has no active run: the comparison proves nothing");
        QCOMPARE(scanner.activeRunCount(), activeSeen);
        QCOMPARE(scanner.appFlowFailedCalls(), 2 + 1); // two denied regions, one disabled region
        // One GetRoleCredentials per account: the disabled region's refusal of credentials
        // issued a moment ago does not throw away the account's (AccountCredentialView).
        QCOMPARE(portal.requestsSent(), 8);

        // An auto-refresh does not ask again where AppFlow refused for good (denied role,
        // disabled region): the same answer is shown, and no credentials are fetched again.
        const int portalBefore = portal.requestsSent();
        scanner.scan(chosen, m_regions, FleetScanner::Scope::Active);
        QVERIFY(finished.wait(60000));
        QCOMPARE(portal.requestsSent(), portalBefore);
        int refused = 0;
        for (const FleetRegionState &state : scanner.regions())
            refused += state.status == Status::Failed ? 1 : 0;
        QCOMPARE(refused, 3);

        // Every account has its own flows: the same flow names, different runs.
        QVERIFY(sim->activeRuns(directory.at(0).accountId, QStringLiteral("us-east-1"))
                != sim->activeRuns(directory.at(1).accountId, QStringLiteral("us-east-1"))
                || sim->activeRuns(directory.at(0).accountId, QStringLiteral("us-east-1")).isEmpty());
    }

    // 12 accounts × 2 regions × 10 flows through a portal allowing 5 requests a second and an
    // AppFlow allowing 4 per operation per account-region: throttled answers happen (the log
    // says how many), the adaptive limiters and retries absorb them, and no call fails.
    void noFailedCallUnderTheServiceRateLimits()
    {
        QTemporaryDir logDir;
        flowdesk::sim::SimulatorConfig c = config(12, 10);
        c.rateLimits = {flowdesk::sim::RateLimit{QStringLiteral("SsoPortal"), 5, 5},
                        flowdesk::sim::RateLimit{QStringLiteral("*"), 4, 4}};
        c.requestLogPath = logDir.filePath(QStringLiteral("requests.jsonl"));
        c.latencyMs = 5;
        const auto sim = startSimulator(c);
        const QList<flowdesk::sim::SsoAccount> directory = flowdesk::sim::SsoDirectory::generate(12, 11);
        const auto session = login(sim->url());
        SsoPortalClient portal(sim->url(), &m_network);
        portal.setRetry(8, std::chrono::milliseconds(100));
        FleetScanner::Settings s = settings(sim->url());
        s.maxConcurrentRegions = 24;
        FleetScanner scanner(session.get(), &portal, s);
        QSignalSpy finished(&scanner, &FleetScanner::finished);
        // Account 6 is not enabled in eu-west-1: leave that region out for it by choosing
        // accounts 0-5 and 7-11 only.
        QList<FleetAccountChoice> chosen = choose(directory);
        chosen.removeAt(6);
        scanner.scan(chosen, m_regions);
        QVERIFY(finished.wait(180000));
        for (const FleetRegionState &state : scanner.regions())
            QVERIFY2(state.status == Status::Read,
                     qPrintable(state.accountId + u' ' + state.region + u' '
                                + (state.error ? state.error->toString() : QString())));
        QCOMPARE(scanner.appFlowFailedCalls(), 0);

        QFile log(c.requestLogPath);
        QVERIFY(log.open(QIODevice::ReadOnly));
        int throttled = 0;
        int failed = 0;
        while (!log.atEnd()) {
            const QJsonObject entry = QJsonDocument::fromJson(log.readLine()).object();
            const int status = entry.value(QLatin1String("status")).toInt();
            throttled += status == 429 ? 1 : 0;
            failed += status != 429 && status >= 400 ? 1 : 0;
        }
        QVERIFY2(throttled > 0, "the rate limits never bit: the test proves nothing");
        QCOMPARE(failed, 0);
        qInfo("%d throttled answers, all retried", throttled);
    }

    // An auto-refresh reads only the flows with active runs (or a new last run), and still
    // ends up with exactly the simulator's active runs.
    void activeScanReadsOnlyWhatCanHaveChanged()
    {
        const auto sim = startSimulator(config(5, 10));
        const QList<flowdesk::sim::SsoAccount> directory = flowdesk::sim::SsoDirectory::generate(5, 11);
        const auto session = login(sim->url());
        SsoPortalClient portal(sim->url(), &m_network);
        FleetScanner scanner(session.get(), &portal, settings(sim->url()));
        QSignalSpy finished(&scanner, &FleetScanner::finished);
        scanner.scan(choose(directory), {QStringLiteral("us-east-1")});
        QVERIFY(finished.wait(30000));
        const int fullReads = scanner.flowsRead();
        QCOMPARE(fullReads, 5 * 10); // every generated flow has run
        int flowsWithActiveRuns = 0;
        for (const FleetRegionState &state : scanner.regions()) {
            QSet<QString> flows;
            for (const FleetRun &run : state.activeRuns)
                flows.insert(run.flowName);
            flowsWithActiveRuns += static_cast<int>(flows.size());
        }
        QVERIFY(flowsWithActiveRuns > 0);

        scanner.scan(choose(directory), {QStringLiteral("us-east-1")}, FleetScanner::Scope::Active);
        QVERIFY(finished.wait(30000));
        QVERIFY2(scanner.flowsRead() <= flowsWithActiveRuns + 2, // + flows whose last run changed meanwhile
                 qPrintable(QStringLiteral("%1 read of %2").arg(scanner.flowsRead()).arg(fullReads)));
        for (const FleetRegionState &state : scanner.regions()) {
            QCOMPARE(state.status, Status::Read);
            QCOMPARE(found(state), sim->activeRuns(state.accountId, state.region));
        }
    }

    void stopEndsTheScanAndSaysWhatWasNotRead()
    {
        flowdesk::sim::SimulatorConfig c = config(4, 3);
        c.latencyMs = 200;
        const auto sim = startSimulator(c);
        const auto session = login(sim->url());
        SsoPortalClient portal(sim->url(), &m_network);
        FleetScanner scanner(session.get(), &portal, settings(sim->url()));
        QSignalSpy finished(&scanner, &FleetScanner::finished);
        scanner.scan(choose(flowdesk::sim::SsoDirectory::generate(4, 11)), m_regions);
        QTest::qWait(50);
        scanner.stop();
        QCOMPARE(finished.size(), 1);
        QVERIFY(!scanner.isScanning());
        for (const FleetRegionState &state : scanner.regions()) {
            QCOMPARE(state.status, Status::Failed);
            QCOMPARE(state.error->code(), flowdesk::appflow::AppFlowError::Code::Aborted);
        }
        QTest::qWait(400); // late answers of the stopped scan change nothing
        QCOMPARE(finished.size(), 1);
        for (const FleetRegionState &state : scanner.regions())
            QCOMPARE(state.status, Status::Failed);
    }
};

QTEST_GUILESS_MAIN(TstFleetScanner)
#include "tst_fleetscanner.moc"
