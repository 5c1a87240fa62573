// The fleet as the Fleet tab sees it, against the in-process simulator (--accounts,
// --regions): the accounts and their roles for the chooser, a scan into the regions and runs
// models (checked by QAbstractItemModelTester), errors in place, and a cancel across three
// accounts whose audit lines name each account, role and region.
#include "FleetController.h"

#include <AuditLogReader.h>
#include <CancelController.h>
#include <Simulator.h>
#include <SsoCredentialSource.h>
#include <SsoDirectory.h>
#include <SsoTokenFile.h>

#include <QAbstractItemModelTester>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace flowdesk;
using namespace flowdesk::models;

class TstFleetController : public QObject
{
    Q_OBJECT

    const QString m_token = QStringLiteral("fleet-ui-token-") + QUuid::createUuid().toString(QUuid::Id128);
    QTemporaryDir m_dir;
    QNetworkAccessManager m_network;
    std::unique_ptr<sim::Simulator> m_sim;
    std::unique_ptr<FleetController> m_fleet;
    QList<sim::SsoAccount> m_directory;

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        sim::SimulatorConfig config;
        config.secretAccessKey = QUuid::createUuid().toString(QUuid::WithoutBraces);
        config.ssoAccessTokens = {m_token};
        config.ssoAccounts = 8;
        config.generatedFlows = 12;
        config.regions = {QStringLiteral("us-east-1"), QStringLiteral("eu-west-1")};
        config.seed = 5;
        m_sim = std::make_unique<sim::Simulator>(config);
        QVERIFY2(m_sim->listen(), qPrintable(m_sim->errorString()));
        m_directory = sim::SsoDirectory::generate(8, 5);

        aws::SsoParameters parameters;
        parameters.sessionName = QStringLiteral("corp");
        parameters.startUrl = QStringLiteral("https://corp.awsapps.com/start");
        parameters.cacheDirectory = m_dir.path();
        aws::SsoToken token;
        token.startUrl = parameters.startUrl;
        token.region = QStringLiteral("us-east-1");
        token.accessToken = m_token;
        token.expiresAt = QDateTime::currentDateTimeUtc().addSecs(3600);
        QCOMPARE(aws::SsoTokenFile::write(aws::SsoCredentialSource::cacheFileName(m_dir.path(), QStringLiteral("corp")), token),
                 QString());
        fleet::FleetScanner::Settings settings;
        const QUrl endpoint = m_sim->url();
        settings.endpointFor = [endpoint](const QString &) { return endpoint; };
        settings.clientConfig.retry.baseDelay = std::chrono::milliseconds(50);
        m_fleet = std::make_unique<FleetController>(
            QStringLiteral("sso-session corp"), new aws::SsoCredentialSource(parameters, endpoint, &m_network),
            new fleet::SsoPortalClient(endpoint, &m_network), settings);
        new QAbstractItemModelTester(m_fleet->regions(), QAbstractItemModelTester::FailureReportingMode::QtTest, this);
        new QAbstractItemModelTester(m_fleet->runs(), QAbstractItemModelTester::FailureReportingMode::QtTest, this);
    }

    void listsAccountsWithTheirRoles()
    {
        QSignalSpy listed(m_fleet.get(), &FleetController::accountsListed);
        m_fleet->listAccounts();
        QVERIFY(listed.wait(20000));
        QCOMPARE(m_fleet->accountsError(), QString());
        QCOMPARE(m_fleet->accounts().size(), 8);
        for (int i = 0; i < 8; ++i) {
            QCOMPARE(m_fleet->accounts().at(i).account.accountId, m_directory.at(i).accountId);
            QCOMPARE(m_fleet->accounts().at(i).roles, m_directory.at(i).roles);
        }
    }

    void scanFillsTheModelsAndPutsErrorsInPlace()
    {
        QList<fleet::FleetAccountChoice> chosen;
        for (int i = 0; i < 5; ++i)
            chosen.append({m_directory.at(i).accountId, m_directory.at(i).accountName,
                           i == 4 ? QStringLiteral("AppFlowDenied") : QStringLiteral("FlowdeskOperator")});
        m_fleet->setChoice(chosen, {QStringLiteral("us-east-1"), QStringLiteral("eu-west-1")});
        QSignalSpy finished(m_fleet.get(), &FleetController::scanFinished);
        m_fleet->refresh();
        QCOMPARE(m_fleet->regions()->rowCount(), 10);
        QVERIFY(finished.wait(30000));
        QVERIFY2(m_fleet->progressText().startsWith(QStringLiteral("10 of 10 account-region")), qPrintable(m_fleet->progressText()));

        int expectedRuns = 0;
        for (int row = 0; row < 10; ++row) {
            const fleet::FleetRegionState &state = m_fleet->regions()->regionAt(row);
            const QString stateText = m_fleet->regions()->index(row, FleetRegionsModel::StateColumn).data().toString();
            if (state.accountId == m_directory.at(4).accountId) {
                QVERIFY2(stateText.contains(QStringLiteral("AppFlowDenied")) && stateText.contains(QStringLiteral("AccessDenied")),
                         qPrintable(stateText));
                QCOMPARE(m_fleet->regions()->index(row, FleetRegionsModel::ActiveRunsColumn).data().toString(), QStringLiteral("—"));
                continue;
            }
            QCOMPARE(stateText, QStringLiteral("Read"));
            QCOMPARE(m_fleet->regions()->index(row, FleetRegionsModel::FlowsColumn).data().toInt(), 12);
            expectedRuns += static_cast<int>(m_sim->activeRuns(state.accountId, state.region).size());
        }
        QVERIFY(expectedRuns > 0);
        QCOMPARE(m_fleet->runs()->rowCount(), expectedRuns);
        // Account and region on every row.
        const QModelIndex first = m_fleet->runs()->index(0, FleetRunsModel::AccountColumn);
        QVERIFY(!first.data().toString().isEmpty());
        QVERIFY(!m_fleet->runs()->index(0, FleetRunsModel::RegionColumn).data().toString().isEmpty());

        // A rescan of the same choice keeps the rows (no reset): the same count, in place.
        QSignalSpy reset(m_fleet->runs(), &QAbstractItemModel::modelReset);
        m_fleet->refresh();
        QVERIFY(finished.wait(30000));
        QCOMPARE(reset.size(), 0);
        QVERIFY(m_fleet->runs()->rowCount() >= expectedRuns - 2); // runs may have ended meanwhile
    }

    void cancelAcrossThreeAccountsIsAuditedPerAccount()
    {
        const QString auditPath = m_dir.filePath(QStringLiteral("audit.jsonl"));
        // One in-progress run in each of three accounts.
        QHash<QString, FleetRunRow> pick;
        for (int row = 0; row < m_fleet->runs()->rowCount() && pick.size() < 3; ++row) {
            const FleetRunRow &run = m_fleet->runs()->runAt(row);
            if (run.record.executionStatus == appflow::ExecutionStatus::InProgress && !pick.contains(run.accountId))
                pick.insert(run.accountId, run);
        }
        QCOMPARE(pick.size(), 3);
        std::vector<std::unique_ptr<CancelController>> controllers;
        int done = 0;
        for (const FleetRunRow &run : std::as_const(pick)) {
            Connection *connection = m_fleet->connectionFor(run.accountId, run.region);
            QVERIFY(connection);
            QCOMPARE(connection->info().accountId, run.accountId);
            auto controller = std::make_unique<CancelController>(connection->client(), connection->info(), auditPath);
            connect(controller.get(), &CancelController::requestsDone, this, [&done] { ++done; });
            CancelController::Target target;
            target.flowName = run.flowName;
            target.runs = {run.record};
            controller->start({target});
            controllers.push_back(std::move(controller));
        }
        QTRY_COMPARE_WITH_TIMEOUT(done, 3, 20000);

        audit::AuditLogReader reader(auditPath);
        QVERIFY(reader.load());
        QCOMPARE(reader.entries().size(), 6); // an intent and a result per account
        for (const audit::AuditEntry &entry : reader.entries()) {
            QVERIFY2(pick.contains(entry.account), qPrintable(entry.account));
            const FleetRunRow &run = pick.value(entry.account);
            QCOMPARE(entry.role, QStringLiteral("FlowdeskOperator"));
            QCOMPARE(entry.region, run.region);
            QCOMPARE(entry.flowName, run.flowName);
            QVERIFY2(entry.profile.contains(run.accountName), qPrintable(entry.profile));
            if (entry.type == audit::AuditEntry::Type::Result) {
                QCOMPARE(entry.outcomes.size(), 1);
                QCOMPARE(entry.outcomes.at(0).kind, audit::AuditOutcome::Kind::CancelStarted);
            }
        }
        // And the simulator agrees, in each account's own region.
        for (const FleetRunRow &run : std::as_const(pick))
            QVERIFY(m_sim->cancelRequestedIn(run.accountId, run.region, run.flowName, run.record.executionId));
    }
};

QTEST_GUILESS_MAIN(TstFleetController)
#include "tst_fleetcontroller.moc"
