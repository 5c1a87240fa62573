// The IAM Identity Center portal client against the in-process simulator (--accounts): every
// account over several pages, roles per account, role credentials (assigned, refused), a token
// the portal does not know, and 250 accounts with roles and credentials under a tight portal
// rate limit that finish with no failed call, paced by the adaptive rate limiter.
#include "SimulatorFixture.h"
#include "SsoPortalClient.h"

#include <SsoDirectory.h>

#include <QNetworkAccessManager>
#include <QSet>
#include <QtTest>

using namespace flowdesk::fleet;
using flowdesk::aws::test::startSimulator;

class TstSsoPortalClient : public QObject
{
    Q_OBJECT

    QNetworkAccessManager m_network;
    const QString m_token = QStringLiteral("portal-token-") + QUuid::createUuid().toString(QUuid::Id128);

    std::unique_ptr<flowdesk::sim::Simulator> start(int accounts, const QList<flowdesk::sim::RateLimit> &limits = {})
    {
        flowdesk::sim::SimulatorConfig config;
        config.ssoAccessTokens = {m_token};
        config.ssoAccounts = accounts;
        config.seed = 7;
        config.rateLimits = limits;
        return startSimulator(config);
    }

    template <typename Listing, typename Start>
    static std::optional<Listing> wait(Start start, int timeoutMs = 30000)
    {
        std::optional<Listing> result;
        QObject context;
        start(&context, [&](const Listing &listing) { result = listing; });
        (void)QTest::qWaitFor([&] { return result.has_value(); }, timeoutMs); // no value: the caller fails
        return result;
    }

private slots:
    void listsEveryAccountOverPages()
    {
        const auto sim = start(250, {flowdesk::sim::RateLimit{QStringLiteral("SsoPortal"), 1000, 1000}});
        SsoPortalClient client(sim->url(), &m_network);
        const auto listing = wait<SsoPortalClient::Listing<SsoPortalClient::Account>>(
            [&](QObject *context, auto callback) { client.listAccounts(m_token, context, callback); });
        QVERIFY(listing);
        QVERIFY2(listing->error.isEmpty(), qPrintable(listing->error));
        QCOMPARE(listing->items.size(), 250);
        QCOMPARE(listing->requests, 3); // 100 + 100 + 50
        const QList<flowdesk::sim::SsoAccount> expected = flowdesk::sim::SsoDirectory::generate(250, 7);
        QSet<QString> ids;
        for (int i = 0; i < 250; ++i) {
            QCOMPARE(listing->items.at(i).accountId, expected.at(i).accountId);
            QCOMPARE(listing->items.at(i).accountName, expected.at(i).accountName);
            QCOMPARE(listing->items.at(i).emailAddress, expected.at(i).emailAddress);
            ids.insert(listing->items.at(i).accountId);
        }
        QCOMPARE(ids.size(), 250);
    }

    void listsTheRolesOfAnAccount()
    {
        const auto sim = start(10);
        const QList<flowdesk::sim::SsoAccount> expected = flowdesk::sim::SsoDirectory::generate(10, 7);
        SsoPortalClient client(sim->url(), &m_network);
        const auto roles = wait<SsoPortalClient::Listing<SsoPortalClient::Role>>([&](QObject *context, auto callback) {
            client.listAccountRoles(m_token, expected.at(4).accountId, context, callback);
        });
        QVERIFY(roles);
        QVERIFY2(roles->error.isEmpty(), qPrintable(roles->error));
        QStringList names;
        for (const SsoPortalClient::Role &role : roles->items) {
            names << role.roleName;
            QCOMPARE(role.accountId, expected.at(4).accountId);
        }
        QCOMPARE(names, expected.at(4).roles);
        QVERIFY(names.contains(QStringLiteral("AppFlowDenied"))); // every fifth account has one
        // An account that is not assigned: the portal's ResourceNotFoundException, not retried.
        const auto missing = wait<SsoPortalClient::Listing<SsoPortalClient::Role>>([&](QObject *context, auto callback) {
            client.listAccountRoles(m_token, QStringLiteral("999999999999"), context, callback);
        });
        QVERIFY(missing);
        QVERIFY2(missing->error.contains(QStringLiteral("ResourceNotFoundException")), qPrintable(missing->error));
        QCOMPARE(missing->requests, 1);
    }

    void unknownTokenSaysToLogIn()
    {
        const auto sim = start(5);
        SsoPortalClient client(sim->url(), &m_network);
        const auto listing = wait<SsoPortalClient::Listing<SsoPortalClient::Account>>(
            [&](QObject *context, auto callback) { client.listAccounts(QStringLiteral("expired"), context, callback); });
        QVERIFY(listing);
        QVERIFY2(listing->error.contains(QStringLiteral("UnauthorizedException")), qPrintable(listing->error));
        QVERIFY2(listing->error.contains(QStringLiteral("aws sso login")), qPrintable(listing->error));
        QVERIFY(!listing->error.contains(QStringLiteral("expired\"")));
        QCOMPARE(listing->requests, 1);
    }

    // 250 accounts (3 pages) and the roles of 40 of them, all at once, against a portal that
    // allows 10 requests a second with bursts of 5: throttled answers happen and are retried,
    // and nothing fails.
    void throttledPortalStillAnswersEverything()
    {
        const auto sim = start(250, {flowdesk::sim::RateLimit{QStringLiteral("SsoPortal"), 10, 5}});
        SsoPortalClient client(sim->url(), &m_network);
        client.setRetry(8, std::chrono::milliseconds(100));
        const auto accounts = wait<SsoPortalClient::Listing<SsoPortalClient::Account>>(
            [&](QObject *context, auto callback) { client.listAccounts(m_token, context, callback); });
        QVERIFY(accounts);
        QVERIFY2(accounts->error.isEmpty(), qPrintable(accounts->error));
        QCOMPARE(accounts->items.size(), 250);
        int done = 0;
        int failed = 0;
        int throttled = 0;
        QObject context;
        for (int i = 0; i < 40; ++i) {
            client.listAccountRoles(m_token, accounts->items.at(i).accountId, &context,
                                    [&](const SsoPortalClient::Listing<SsoPortalClient::Role> &roles) {
                                        ++done;
                                        failed += roles.error.isEmpty() ? 0 : 1;
                                        throttled += roles.throttled;
                                        if (!roles.error.isEmpty())
                                            qWarning("%s", qPrintable(roles.error));
                                    });
        }
        QTRY_COMPARE_WITH_TIMEOUT(done, 40, 60000);
        QCOMPARE(failed, 0);
        QVERIFY2(throttled > 0, "the rate limit never bit: the test proves nothing");
        // Throttled once, the client paces itself: the limiter is on, below the burst rate.
        QVERIFY(client.rateLimiter().enabled());
        QVERIFY2(client.rateLimiter().sendRate() < 40, qPrintable(QString::number(client.rateLimiter().sendRate())));
        QCOMPARE(client.throttledAnswers(), throttled + accounts->throttled);
    }

    void roleCredentialsOfAnAssignedRole()
    {
        const auto sim = start(10);
        const QList<flowdesk::sim::SsoAccount> expected = flowdesk::sim::SsoDirectory::generate(10, 7);
        SsoPortalClient client(sim->url(), &m_network);
        const auto granted = wait<SsoPortalClient::RoleCredentials>([&](QObject *context, auto callback) {
            client.getRoleCredentials(m_token, expected.at(0).accountId, QStringLiteral("FlowdeskOperator"),
                                      context, callback);
        });
        QVERIFY(granted);
        QVERIFY2(granted->error.isEmpty(), qPrintable(granted->error));
        QVERIFY(granted->credentials.accessKeyId.startsWith(QStringLiteral("ASIA")));
        QVERIFY(!granted->credentials.sessionToken.isEmpty());
        QVERIFY(granted->credentials.expiration > QDateTime::currentDateTimeUtc().addSecs(3000));

        // A role the account does not assign: refused once, not retried, and said so.
        const auto refused = wait<SsoPortalClient::RoleCredentials>([&](QObject *context, auto callback) {
            client.getRoleCredentials(m_token, expected.at(0).accountId, QStringLiteral("Administrator"),
                                      context, callback);
        });
        QVERIFY(refused);
        QVERIFY(refused->refused);
        QCOMPARE(refused->requests, 1);
        QVERIFY2(refused->error.contains(QStringLiteral("Administrator"))
                     && refused->error.contains(expected.at(0).accountId)
                     && refused->error.contains(QStringLiteral("ForbiddenException")),
                 qPrintable(refused->error));
    }

    void neverMoreInFlightThanAllowed()
    {
        const auto sim = start(30);
        sim->setLatencyMs(30);
        const QList<flowdesk::sim::SsoAccount> expected = flowdesk::sim::SsoDirectory::generate(30, 7);
        SsoPortalClient client(sim->url(), &m_network);
        client.setMaxInFlight(3);
        int done = 0;
        int most = 0;
        QObject context;
        QTimer probe;
        QObject::connect(&probe, &QTimer::timeout, [&] { most = std::max(most, sim->openConnections()); });
        probe.start(5);
        for (const flowdesk::sim::SsoAccount &account : expected)
            client.getRoleCredentials(m_token, account.accountId, QStringLiteral("FlowdeskOperator"), &context,
                                      [&](const SsoPortalClient::RoleCredentials &answer) {
                                          QVERIFY2(answer.error.isEmpty(), qPrintable(answer.error));
                                          ++done;
                                      });
        QTRY_COMPARE_WITH_TIMEOUT(done, 30, 20000);
        QVERIFY2(most >= 2 && most <= 3, qPrintable(QString::number(most)));
        // Each sent once, plus a retry for each 429 of the portal's default 20 TPS limit.
        QCOMPARE(client.requestsSent(), 30 + client.throttledAnswers());
    }
};

QTEST_GUILESS_MAIN(TstSsoPortalClient)
#include "tst_ssoportalclient.moc"
