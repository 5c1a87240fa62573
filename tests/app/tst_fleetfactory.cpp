// FleetFactory::open for each kind of IAM Identity Center login, from a temporary HOME with real
// AWS CLI files to the in-process simulator with three accounts (AWS_ENDPOINT_URL points every
// service there): an sso-session, a legacy sso_start_url profile (token cached under the start
// URL's hash, as botocore does) and a portal URL typed in. Each lists the accounts; a typed URL
// without a token says to sign in from the Fleet tab; a broken profile says what it lacks.
#include "ConnectionTestSupport.h"
#include "FleetFactory.h"

#include <AwsConfig.h>
#include <FleetController.h>
#include <FleetLogin.h>
#include <Simulator.h>

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QtTest>

using namespace flowdesk;
using models::FleetLogin;

class TstFleetFactory : public QObject
{
    Q_OBJECT

    test::TemporaryAwsHome m_home;
    std::unique_ptr<sim::Simulator> m_sim;
    QNetworkAccessManager m_network;
    const QString m_token = QStringLiteral("fleet-factory-token");

    // Opens the login and lists its accounts: the number listed, or the error.
    std::pair<int, QString> listAccounts(const FleetLogin &login)
    {
        const FleetAttempt attempt = FleetFactory::open(login, &m_network);
        if (!attempt.fleet)
            return {-1, attempt.error};
        std::unique_ptr<models::FleetController> fleet(attempt.fleet);
        QSignalSpy listed(fleet.get(), &models::FleetController::accountsListed);
        fleet->listAccounts(); // a missing token is said at once, before the wait
        if (listed.isEmpty() && !listed.wait(20000))
            return {-1, QStringLiteral("no answer")};
        return {static_cast<int>(fleet->accounts().size()), fleet->accountsError()};
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        sim::SimulatorConfig config = sim::Simulator::demoConfig();
        config.ssoAccounts = 3;
        config.regions = {QStringLiteral("us-east-1")};
        config.ssoAccessTokens = {m_token};
        m_sim = std::make_unique<sim::Simulator>(config);
        QVERIFY(m_sim->listen());
        QVERIFY(m_home.writeConfig("[sso-session corp]\n"
                                   "sso_start_url = https://corp.awsapps.com/start\n"
                                   "sso_region = us-east-1\n"
                                   "[profile old-admin]\n"
                                   "sso_start_url = https://old.awsapps.com/start\n"
                                   "sso_region = us-east-1\n"
                                   "sso_account_id = 111111111111\n"
                                   "sso_role_name = Admin\n"
                                   "[profile half]\n"
                                   "sso_start_url = https://half.awsapps.com/start\n"));
        QVERIFY(m_home.writeCredentials(""));
        // FleetFactory reads the process environment, as the app does.
        qputenv("HOME", m_home.path().toUtf8());
        qputenv("AWS_CONFIG_FILE", m_home.configPath().toUtf8());
        qputenv("AWS_SHARED_CREDENTIALS_FILE", m_home.credentialsPath().toUtf8());
        qputenv("AWS_ENDPOINT_URL", m_sim->url().toString().toUtf8());
        qunsetenv("AWS_PROFILE");
        const QString expires = QDateTime::currentDateTimeUtc().addSecs(3600).toString(Qt::ISODate);
        QVERIFY(m_home.writeSsoToken(QStringLiteral("corp"), QStringLiteral("https://corp.awsapps.com/start"), m_token, expires));
        QVERIFY(m_home.writeSsoToken(QStringLiteral("https://old.awsapps.com/start"),
                                     QStringLiteral("https://old.awsapps.com/start"), m_token, expires));
        QVERIFY(m_home.writeSsoToken(QStringLiteral("https://typed.awsapps.com/start"),
                                     QStringLiteral("https://typed.awsapps.com/start"), m_token, expires));
    }

    void theConfigOffersTheSessionAndTheLegacyProfiles()
    {
        const QList<FleetLogin> logins = FleetLogin::fromConfig(aws::AwsConfig::load());
        QCOMPARE(logins.size(), 3);
        QCOMPARE(logins.at(0).kind, FleetLogin::Kind::Session);
        QCOMPARE(logins.at(1).name, QStringLiteral("old-admin"));
        QCOMPARE(logins.at(2).name, QStringLiteral("half"));
    }

    void everyKindListsTheAccounts()
    {
        for (const FleetLogin &login :
             {FleetLogin{FleetLogin::Kind::Session, QStringLiteral("corp"), {}, {}},
              FleetLogin{FleetLogin::Kind::LegacyProfile, QStringLiteral("old-admin"), {}, {}},
              FleetLogin{FleetLogin::Kind::StartUrl, {}, QStringLiteral(" https://typed.awsapps.com/start"), QStringLiteral("us-east-1")}}) {
            const auto [accounts, error] = listAccounts(login);
            QVERIFY2(accounts == 3, qPrintable(login.label() + u": " + error));
        }
    }

    void aTypedUrlWithoutATokenSaysToSignInHere()
    {
        const auto [accounts, error] = listAccounts(
            {FleetLogin::Kind::StartUrl, {}, QStringLiteral("https://nobody.awsapps.com/start"), QStringLiteral("us-east-1")});
        QCOMPARE(accounts, 0);
        QVERIFY2(error.contains(QStringLiteral("Sign in")), qPrintable(error));
        QVERIFY2(!error.contains(QStringLiteral("aws sso login")), qPrintable(error));
    }

    void brokenLoginsSayWhatIsMissing()
    {
        const FleetAttempt half = FleetFactory::open({FleetLogin::Kind::LegacyProfile, QStringLiteral("half"), {}, {}}, &m_network);
        QVERIFY(!half.fleet);
        QVERIFY2(half.error.contains(QStringLiteral("sso_region")), qPrintable(half.error));
        const FleetAttempt typo = FleetFactory::open(
            {FleetLogin::Kind::StartUrl, {}, QStringLiteral("https://corp.awsapps.com/start"), QStringLiteral("Frankfurt")}, &m_network);
        QVERIFY(!typo.fleet);
        QVERIFY2(typo.error.contains(QStringLiteral("Frankfurt")), qPrintable(typo.error));
        const FleetAttempt missing = FleetFactory::open({FleetLogin::Kind::Session, QStringLiteral("nope"), {}, {}}, &m_network);
        QVERIFY(!missing.fleet);
        QVERIFY2(missing.error.contains(QStringLiteral("sso-session nope")), qPrintable(missing.error));
    }
};

QTEST_GUILESS_MAIN(TstFleetFactory)
#include "tst_fleetfactory.moc"
