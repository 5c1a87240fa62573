// ConnectionFactory end to end: temporary HOMEs with real-format ~/.aws/config and
// ~/.aws/credentials, every kind of credential source, opened from the command line's request
// and from the Open-connection dialog's choice, and used for ListFlows against the simulator
// over loopback. The simulator verifies each SigV4 signature against the secret only the
// source under test holds, so a listing proves the keys came from that source; its request
// log shows which key signed. Broken files and inputs must give messages naming what to fix.
#include "ConnectionTestSupport.h"

#include "ConnectionChoice.h"

#include <MfaPrompter.h>

using flowdesk::CommandLineRequest;
using flowdesk::ConnectionAttempt;
using flowdesk::ConnectionFactory;
using flowdesk::ConnectionServices;
using flowdesk::models::ConnectionChoice;
using flowdesk::test::LoggingSimulator;
using flowdesk::test::TemporaryAwsHome;
using flowdesk::test::firstError;
using flowdesk::test::listFlows;
using flowdesk::test::scenarioFlowNames;
using flowdesk::test::withOperation;
using Kind = flowdesk::models::ConnectionInfo::Kind;

namespace {

// Answers every MFA question with the code the simulator accepts, and remembers who asked.
class AnsweringMfaPrompter : public flowdesk::aws::MfaPrompter
{
public:
    void requestMfaCode(const QString &serialNumber, const QString &, const QString &profileName,
                        Callback callback) override
    {
        asked << profileName + u' ' + serialNumber;
        callback(QStringLiteral("123456"));
    }
    QStringList asked;
};

} // namespace

class TstConnectionFactory : public QObject
{
    Q_OBJECT

private:
    // Plain long-term keys; also serves STS and the IAM Identity Center portal.
    std::unique_ptr<LoggingSimulator> m_sim;
    // Accepts its long-term key only together with its session token.
    std::unique_ptr<LoggingSimulator> m_tokenSim;
    const QString m_ssoToken = QStringLiteral("sso-token-") + QUuid::createUuid().toString(QUuid::Id128);
    // Every simulator request the current test's connectBothWays() saw.
    QList<QJsonObject> m_requests;

    static QByteArray keysOf(const LoggingSimulator &sim)
    {
        return "aws_access_key_id = " + sim.accessKeyId().toUtf8() + "\naws_secret_access_key = "
            + sim.secretAccessKey().toUtf8() + "\n";
    }

    // The environment of a HOME whose STS and SSO requests go to the simulator, as a user
    // testing against it would set them.
    QProcessEnvironment simulatorEnvironment(TemporaryAwsHome &home) const
    {
        QProcessEnvironment environment = home.environment();
        environment.insert(QStringLiteral("AWS_ENDPOINT_URL_STS"), m_sim->url().toString());
        environment.insert(QStringLiteral("AWS_ENDPOINT_URL_SSO"), m_sim->url().toString());
        return environment;
    }

    static CommandLineRequest commandLine(const QString &profile, const QUrl &endpoint)
    {
        CommandLineRequest request;
        request.profile = profile;
        request.endpoint = endpoint;
        return request;
    }

    static ConnectionChoice choice(Kind kind, const QString &name, const QUrl &endpoint,
                                   const QString &region = QStringLiteral("us-east-1"))
    {
        ConnectionChoice c;
        c.kind = kind;
        c.name = name;
        c.region = region;
        c.endpoint = endpoint;
        return c;
    }

    // Opens `profile` from the command line and from the dialog, lists flows through each and
    // checks the scenario's flows came back. Returns the key IDs ListFlows was signed with.
    QStringList connectBothWays(const QProcessEnvironment &environment, const QString &profile,
                                LoggingSimulator &sim)
    {
        ConnectionServices services;
        services.environment = environment;
        const ConnectionFactory factory(services);
        QStringList signers;
        const ConnectionAttempt attempts[] = {
            factory.open(commandLine(profile, sim.url())),
            factory.open(choice(Kind::Profile, profile, sim.url())),
        };
        for (const ConnectionAttempt &attempt : attempts) {
            const std::unique_ptr<flowdesk::models::Connection> connection(attempt.connection);
            if (!connection) {
                QTest::qFail(qPrintable(u"open failed: " + attempt.error), __FILE__, __LINE__);
                return {};
            }
            if (connection->info().kind != Kind::Profile || connection->info().name != profile) {
                QTest::qFail(qPrintable(u"wrong connection info: " + connection->info().label()),
                             __FILE__, __LINE__);
                return {};
            }
            if (connection->info().endpoint != sim.url()) {
                QTest::qFail("the chosen endpoint was not used", __FILE__, __LINE__);
                return {};
            }
            const auto listing = listFlows(connection.get());
            if (!listing.ok) {
                QTest::qFail(qPrintable(u"ListFlows failed: " + listing.errorText()), __FILE__, __LINE__);
                return {};
            }
            if (listing.flowNames != scenarioFlowNames()) {
                QTest::qFail(qPrintable(u"unexpected flows: " + listing.flowNames.join(u',')),
                             __FILE__, __LINE__);
                return {};
            }
            const QList<QJsonObject> requests = sim.newRequests();
            m_requests += requests;
            for (const QJsonObject &entry : withOperation(requests, QStringLiteral("ListFlows"))) {
                if (entry.value(QStringLiteral("status")).toInt() == 200)
                    signers << entry.value(QStringLiteral("accessKeyId")).toString();
            }
        }
        return signers;
    }

private slots:
    void initTestCase()
    {
        flowdesk::sim::SimulatorConfig config;
        config.ssoAccessTokens = {m_ssoToken};
        m_sim = std::make_unique<LoggingSimulator>(config);
        QVERIFY2(m_sim->ok(), qPrintable(m_sim->error()));

        flowdesk::sim::SimulatorConfig tokenConfig;
        tokenConfig.accessKeyId = QStringLiteral("ASIAFLOWDESKTOKEN001");
        tokenConfig.sessionToken = QStringLiteral("IQoJb3JpZ2luX2VjE") + QUuid::createUuid().toString(QUuid::Id128);
        m_tokenSim = std::make_unique<LoggingSimulator>(tokenConfig);
        QVERIFY2(m_tokenSim->ok(), qPrintable(m_tokenSim->error()));
    }

    void init()
    {
        m_sim->newRequests(); // each test looks only at its own requests
        m_requests.clear();
        m_tokenSim->newRequests();
    }

    // [ops] in ~/.aws/credentials with the simulator's keys; the region in ~/.aws/config.
    void staticKeysInCredentialsFile()
    {
        TemporaryAwsHome home;
        QVERIFY(home.writeConfig("[default]\nregion = eu-west-1\n\n[profile ops]\nregion = us-east-1\n"
                                 "output = json\n"));
        QVERIFY(home.writeCredentials("# written by aws configure\n[default]\n"
                                      "aws_access_key_id = AKIADEFAULTNOTUSED01\n"
                                      "aws_secret_access_key = not-the-secret\n\n[ops]\n"
                                      + keysOf(*m_sim)));
        const QStringList signers = connectBothWays(home.environment(), QStringLiteral("ops"), *m_sim);
        QCOMPARE(signers, QStringList(2, m_sim->accessKeyId()));
    }

    // Temporary keys pasted into the credentials file with aws_session_token: the simulator
    // accepts this key only with its token.
    void staticKeysWithSessionToken()
    {
        TemporaryAwsHome home;
        QVERIFY(home.writeConfig("[profile temp]\nregion = us-east-1\n"));
        QVERIFY(home.writeCredentials("[temp]\n" + keysOf(*m_tokenSim) + "aws_session_token = "
                                      + m_tokenSim->sessionToken().toUtf8() + "\n"));
        const QStringList signers = connectBothWays(home.environment(), QStringLiteral("temp"), *m_tokenSim);
        QCOMPARE(signers, QStringList(2, m_tokenSim->accessKeyId()));

        // Without the token the same keys are refused: the token above really was sent.
        QVERIFY(home.writeCredentials("[temp]\n" + keysOf(*m_tokenSim)));
        ConnectionServices services;
        services.environment = home.environment();
        const QString error = firstError(ConnectionFactory(services).open(
            commandLine(QStringLiteral("temp"), m_tokenSim->url())));
        QVERIFY2(error.contains(QStringLiteral("UnrecognizedClientException")), qPrintable(error));
    }

    // credential_process: a script in the temporary HOME prints the credential JSON.
    void credentialProcess()
    {
        TemporaryAwsHome home;
        const QString script = home.writeScript(
            QStringLiteral("bin/print-credentials.sh"),
            "# the AWS CLI passes nothing on stdin; print the documented JSON\n"
            "cat <<'JSON'\n{\n  \"Version\": 1,\n  \"AccessKeyId\": \"" + m_sim->accessKeyId().toUtf8()
                + "\",\n  \"SecretAccessKey\": \"" + m_sim->secretAccessKey().toUtf8()
                + "\",\n  \"Expiration\": \"2099-01-01T00:00:00Z\"\n}\nJSON\n");
        QVERIFY(!script.isEmpty());
        QVERIFY(home.writeConfig("[profile proc]\nregion = us-east-1\ncredential_process = " + script.toUtf8()
                                 + " --account ops\n"));
        const QStringList signers = connectBothWays(home.environment(), QStringLiteral("proc"), *m_sim);
        QCOMPARE(signers, QStringList(2, m_sim->accessKeyId()));
    }

    // role_arn + source_profile: the source keys sign STS AssumeRole at the simulator
    // (AWS_ENDPOINT_URL_STS), the role's temporary keys sign ListFlows.
    void roleWithSourceProfile()
    {
        TemporaryAwsHome home;
        QVERIFY(home.writeCredentials("[base]\n" + keysOf(*m_sim)));
        QVERIFY(home.writeConfig("[profile ops-role]\nrole_arn = arn:aws:iam::123456789012:role/FlowdeskOperator\n"
                                 "source_profile = base\nrole_session_name = flowdesk-test\n"
                                 "region = us-east-1\n"));
        const QStringList signers
            = connectBothWays(simulatorEnvironment(home), QStringLiteral("ops-role"), *m_sim);
        QCOMPARE(signers.size(), 2);
        for (const QString &signer : signers) {
            QVERIFY2(signer.startsWith(QLatin1String("ASIA")), qPrintable(signer));
            QVERIFY(signer != m_sim->accessKeyId());
        }
        // Each connection assumed the role itself, signed with the base profile's key.
        const QList<QJsonObject> assumed = withOperation(m_requests, QStringLiteral("sts:AssumeRole"));
        QCOMPARE(assumed.size(), 2);
        for (const QJsonObject &entry : assumed) {
            QCOMPARE(entry.value(QStringLiteral("status")).toInt(), 200);
            QCOMPARE(entry.value(QStringLiteral("accessKeyId")).toString(), m_sim->accessKeyId());
        }
    }

    // A role behind MFA: the factory's MFA prompter is asked, naming the profile.
    void roleWithMfaAsksThePrompter()
    {
        TemporaryAwsHome home;
        QVERIFY(home.writeCredentials("[base]\n" + keysOf(*m_sim)));
        QVERIFY(home.writeConfig("[profile guarded]\nrole_arn = arn:aws:iam::123456789012:role/mfa-operator\n"
                                 "source_profile = base\nmfa_serial = arn:aws:iam::123456789012:mfa/ops\n"
                                 "region = us-east-1\n"));
        AnsweringMfaPrompter prompter;
        ConnectionServices services;
        services.environment = simulatorEnvironment(home);
        services.mfaPrompter = &prompter;
        QCOMPARE(firstError(ConnectionFactory(services).open(
                     commandLine(QStringLiteral("guarded"), m_sim->url()))),
                 QString());
        QCOMPARE(prompter.asked,
                 QStringList{QStringLiteral("guarded arn:aws:iam::123456789012:mfa/ops")});

        // Without a prompter the same profile says why it cannot work.
        services.mfaPrompter = nullptr;
        const QString error = firstError(ConnectionFactory(services).open(
            commandLine(QStringLiteral("guarded"), m_sim->url())));
        QVERIFY2(error.contains(QStringLiteral("MFA")), qPrintable(error));
    }

    // IAM Identity Center with an sso_session section and the token `aws sso login` cached.
    void ssoSessionWithCachedToken()
    {
        TemporaryAwsHome home;
        QVERIFY(home.writeConfig("[profile sso-ops]\nsso_session = corp\nsso_account_id = 123456789012\n"
                                 "sso_role_name = Operator\nregion = us-east-1\n\n"
                                 "[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\n"
                                 "sso_region = us-east-1\nsso_registration_scopes = sso:account:access\n"));
        QVERIFY(home.writeSsoToken(QStringLiteral("corp"), QStringLiteral("https://corp.awsapps.com/start"),
                                   m_ssoToken,
                                   QDateTime::currentDateTimeUtc().addSecs(3600).toString(Qt::ISODate)));
        const QStringList signers
            = connectBothWays(simulatorEnvironment(home), QStringLiteral("sso-ops"), *m_sim);
        QCOMPARE(signers.size(), 2);
        QVERIFY2(signers.first().startsWith(QLatin1String("ASIA")), qPrintable(signers.first()));
        // The cached token was accepted by the portal (it knows no other).
        const QList<QJsonObject> portal = withOperation(m_requests, QStringLiteral("sso:GetRoleCredentials"));
        QCOMPARE(portal.size(), 2);
        QCOMPARE(portal.first().value(QStringLiteral("status")).toInt(), 200);
    }

    // The legacy form: sso_start_url/sso_region in the profile, the token file named after the
    // start URL, with the CLI v1's "…UTC" expiry.
    void legacySsoWithCachedToken()
    {
        TemporaryAwsHome home;
        QVERIFY(home.writeConfig("[profile legacy]\nsso_start_url = https://old.awsapps.com/start\n"
                                 "sso_region = us-east-1\nsso_account_id = 123456789012\n"
                                 "sso_role_name = Operator\nregion = us-east-1\n"));
        QVERIFY(home.writeSsoToken(QStringLiteral("https://old.awsapps.com/start"),
                                   QStringLiteral("https://old.awsapps.com/start"), m_ssoToken,
                                   QDateTime::currentDateTimeUtc().addSecs(3600).toString(
                                       QStringLiteral("yyyy-MM-ddTHH:mm:ss")) + QStringLiteral("UTC")));
        const QStringList signers
            = connectBothWays(simulatorEnvironment(home), QStringLiteral("legacy"), *m_sim);
        QCOMPARE(signers.size(), 2);
        QVERIFY(signers.first().startsWith(QLatin1String("ASIA")));
        QCOMPARE(withOperation(m_requests, QStringLiteral("sso:GetRoleCredentials")).size(), 2);
    }

    // "Environment" in the dialog: AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, even with a
    // profile that holds other keys.
    void environmentChoice()
    {
        TemporaryAwsHome home;
        QVERIFY(home.writeCredentials("[default]\naws_access_key_id = AKIAOTHERKEY00000001\n"
                                      "aws_secret_access_key = other\n"));
        QProcessEnvironment environment = home.environment();
        environment.insert(QStringLiteral("AWS_ACCESS_KEY_ID"), m_sim->accessKeyId());
        environment.insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), m_sim->secretAccessKey());
        environment.insert(QStringLiteral("AWS_PROFILE"), QStringLiteral("default"));
        ConnectionServices services;
        services.environment = environment;
        const ConnectionAttempt attempt
            = ConnectionFactory(services).open(choice(Kind::Environment, {}, m_sim->url()));
        const std::unique_ptr<flowdesk::models::Connection> connection(attempt.connection);
        QVERIFY2(connection, qPrintable(attempt.error));
        QCOMPARE(connection->info().kind, Kind::Environment);
        const auto listing = listFlows(connection.get());
        QVERIFY2(listing.ok, qPrintable(listing.errorText()));
        QCOMPARE(listing.flowNames, scenarioFlowNames());
        const auto signed_ = withOperation(m_sim->newRequests(), QStringLiteral("ListFlows"));
        QVERIFY(!signed_.isEmpty());
        QCOMPARE(signed_.first().value(QStringLiteral("accessKeyId")).toString(), m_sim->accessKeyId());

        // Chosen without the variables set: say which ones.
        services.environment = home.environment();
        const QString error
            = firstError(ConnectionFactory(services).open(choice(Kind::Environment, {}, m_sim->url())));
        QVERIFY2(error.contains(QStringLiteral("AWS_ACCESS_KEY_ID")), qPrintable(error));
    }

    // The control for every test above: a profile with the wrong secret is refused by the
    // simulator, so a listing cannot come from anywhere but the right keys.
    void wrongSecretIsRefused()
    {
        TemporaryAwsHome home;
        QVERIFY(home.writeConfig("[profile ops]\nregion = us-east-1\n"));
        QVERIFY(home.writeCredentials("[ops]\naws_access_key_id = " + m_sim->accessKeyId().toUtf8()
                                      + "\naws_secret_access_key = wrong-" + m_sim->secretAccessKey().toUtf8()
                                      + "\n"));
        ConnectionServices services;
        services.environment = home.environment();
        const QString error = firstError(
            ConnectionFactory(services).open(commandLine(QStringLiteral("ops"), m_sim->url())));
        QVERIFY2(error.contains(QStringLiteral("InvalidSignatureException")), qPrintable(error));
        const auto refused = withOperation(m_sim->newRequests(), QStringLiteral("ListFlows"));
        QVERIFY(!refused.isEmpty());
        QCOMPARE(refused.first().value(QStringLiteral("status")).toInt(), 403);
    }

    void missingProfileNamesItAndTheFiles()
    {
        TemporaryAwsHome home;
        QVERIFY(home.writeConfig("[profile ops]\nregion = us-east-1\n"));
        QVERIFY(home.writeCredentials("[ops]\n" + keysOf(*m_sim)));
        ConnectionServices services;
        services.environment = home.environment();
        const ConnectionFactory factory(services);
        for (const QString &error : {firstError(factory.open(commandLine(QStringLiteral("prod"), m_sim->url()))),
                                     firstError(factory.open(choice(Kind::Profile, QStringLiteral("prod"),
                                                                    m_sim->url())))}) {
            QVERIFY2(error.contains(QStringLiteral("'prod'")), qPrintable(error));
            QVERIFY2(error.contains(QStringLiteral("does not exist")), qPrintable(error));
            QVERIFY2(error.contains(home.configPath()), qPrintable(error));
            QVERIFY2(error.contains(home.credentialsPath()), qPrintable(error));
            QVERIFY2(error.contains(QStringLiteral("ops")), qPrintable(error)); // what does exist
        }
    }

    // Unparsable files: the message names the file and line and what is wrong there.
    void corruptedFiles_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("what");
        QTest::newRow("setting before any section")
            << QStringLiteral(".aws/config") << QByteArray("region = us-east-1\n[profile ops]\n") << 1
            << QStringLiteral("before the first [section] header");
        QTest::newRow("unclosed section header")
            << QStringLiteral(".aws/config") << QByteArray("[profile ops]\nregion = us-east-1\n\n[profile broken\n")
            << 4 << QStringLiteral("no closing ']'");
        QTest::newRow("line that is no setting")
            << QStringLiteral(".aws/credentials")
            << QByteArray("[ops]\naws_access_key_id AKIAIOSFODNN7EXAMPLE\n") << 2
            << QStringLiteral("expected 'key = value'");
    }

    void corruptedFiles()
    {
        QFETCH(QString, file);
        QFETCH(QByteArray, content);
        QFETCH(int, line);
        QFETCH(QString, what);
        TemporaryAwsHome home;
        QVERIFY(home.writeConfig("[profile ops]\nregion = us-east-1\n"));
        QVERIFY(home.writeCredentials("[ops]\n" + keysOf(*m_sim)));
        QVERIFY(home.write(file, content));
        ConnectionServices services;
        services.environment = home.environment();
        const ConnectionFactory factory(services);
        for (const QString &error : {firstError(factory.open(commandLine(QStringLiteral("ops"), m_sim->url()))),
                                     firstError(factory.open(choice(Kind::Profile, QStringLiteral("ops"),
                                                                    m_sim->url())))}) {
            QVERIFY2(error.contains(home.path(file) + QStringLiteral(", line ") + QString::number(line)),
                     qPrintable(error));
            QVERIFY2(error.contains(what), qPrintable(error));
        }
    }

    // A failing credential_process: its exit code and its own error output reach the user.
    void failingCredentialProcessShowsItsErrorOutput()
    {
        TemporaryAwsHome home;
        const QString script = home.writeScript(
            QStringLiteral("bin/vault-credentials.sh"),
            "echo 'vault: session for ops expired, run vault login' >&2\nexit 3\n");
        QVERIFY(home.writeConfig("[profile vault]\nregion = us-east-1\ncredential_process = "
                                 + script.toUtf8() + "\n"));
        ConnectionServices services;
        services.environment = home.environment();
        const ConnectionFactory factory(services);
        for (const QString &error : {firstError(factory.open(commandLine(QStringLiteral("vault"), m_sim->url()))),
                                     firstError(factory.open(choice(Kind::Profile, QStringLiteral("vault"),
                                                                    m_sim->url())))}) {
            QVERIFY2(error.contains(QStringLiteral("vault: session for ops expired, run vault login")),
                     qPrintable(error));
            QVERIFY2(error.contains(QStringLiteral("exit code 3")), qPrintable(error));
            QVERIFY2(error.contains(QStringLiteral("credential_process of profile 'vault'")), qPrintable(error));
        }
        // Nothing was sent unsigned instead.
        QVERIFY(withOperation(m_sim->newRequests(), QStringLiteral("ListFlows")).isEmpty());
    }

    void expiredSsoTokenSaysHowToLogIn()
    {
        TemporaryAwsHome home;
        QVERIFY(home.writeConfig("[profile sso-ops]\nsso_session = corp\nsso_account_id = 123456789012\n"
                                 "sso_role_name = Operator\nregion = us-east-1\n\n"
                                 "[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\n"
                                 "sso_region = us-east-1\n"));
        QVERIFY(home.writeSsoToken(QStringLiteral("corp"), QStringLiteral("https://corp.awsapps.com/start"),
                                   m_ssoToken, QStringLiteral("2020-01-01T00:00:00Z")));
        ConnectionServices services;
        services.environment = simulatorEnvironment(home);
        const ConnectionFactory factory(services);
        for (const QString &error : {firstError(factory.open(commandLine(QStringLiteral("sso-ops"), m_sim->url()))),
                                     firstError(factory.open(choice(Kind::Profile, QStringLiteral("sso-ops"),
                                                                    m_sim->url())))}) {
            QVERIFY2(error.contains(QStringLiteral("expired")), qPrintable(error));
            QVERIFY2(error.contains(QStringLiteral("aws sso login --profile sso-ops")), qPrintable(error));
        }
        // The expired token was not even tried at the portal.
        QVERIFY(withOperation(m_sim->newRequests(), QStringLiteral("sso:GetRoleCredentials")).isEmpty());
    }

    void badRegionsAndEndpoints_data()
    {
        QTest::addColumn<QString>("region");
        QTest::addColumn<QString>("endpoint");
        QTest::addColumn<QStringList>("fragments");
        QTest::newRow("region that is no region name")
            << QStringLiteral("Frankfurt") << QString()
            << QStringList{QStringLiteral("\"Frankfurt\""), QStringLiteral("not a valid AWS region name")};
        QTest::newRow("plain http to a remote host")
            << QString() << QStringLiteral("http://appflow.example.com")
            << QStringList{QStringLiteral("http://appflow.example.com"), QStringLiteral("Refusing"),
                           QStringLiteral("loopback")};
        QTest::newRow("neither https nor http")
            << QString() << QStringLiteral("ftp://127.0.0.1:21")
            << QStringList{QStringLiteral("ftp://127.0.0.1:21"), QStringLiteral("https://")};
    }

    void badRegionsAndEndpoints()
    {
        QFETCH(QString, region);
        QFETCH(QString, endpoint);
        QFETCH(QStringList, fragments);
        TemporaryAwsHome home;
        QVERIFY(home.writeConfig("[profile ops]\nregion = us-east-1\n"));
        QVERIFY(home.writeCredentials("[ops]\n" + keysOf(*m_sim)));
        ConnectionServices services;
        services.environment = home.environment();
        const ConnectionFactory factory(services);
        const QUrl url = endpoint.isEmpty() ? m_sim->url() : QUrl(endpoint);
        CommandLineRequest request = commandLine(QStringLiteral("ops"), url);
        request.region = region;
        const ConnectionAttempt fromCommandLine = factory.open(request);
        const ConnectionAttempt fromDialog = factory.open(
            choice(Kind::Profile, QStringLiteral("ops"), url,
                   region.isEmpty() ? QStringLiteral("us-east-1") : region));
        for (const ConnectionAttempt &attempt : {fromCommandLine, fromDialog}) {
            const std::unique_ptr<flowdesk::models::Connection> opened(attempt.connection);
            QVERIFY2(!opened, "a connection was opened");
            for (const QString &fragment : fragments)
                QVERIFY2(attempt.error.contains(fragment), qPrintable(attempt.error));
        }
    }

    // http:// is fine to loopback (the simulator) by name as well as by address.
    void plainHttpToLocalhostIsAllowed()
    {
        TemporaryAwsHome home;
        QVERIFY(home.writeConfig("[profile ops]\nregion = us-east-1\n"));
        QVERIFY(home.writeCredentials("[ops]\n" + keysOf(*m_sim)));
        ConnectionServices services;
        services.environment = home.environment();
        QUrl byName = m_sim->url();
        byName.setHost(QStringLiteral("localhost"));
        QCOMPARE(firstError(ConnectionFactory(services).open(commandLine(QStringLiteral("ops"), byName))),
                 QString());
    }

    void unknownStoredAccount()
    {
        TemporaryAwsHome home;
        ConnectionServices services;
        services.environment = home.environment();
        const QString error = firstError(ConnectionFactory(services).open(
            choice(Kind::StoredAccount, QStringLiteral("ops-eu"), m_sim->url())));
        QVERIFY2(error.contains(QStringLiteral("no Flowdesk account named \u201cops-eu\u201d")),
                 qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("Add account")), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TstConnectionFactory)
#include "tst_connectionfactory.moc"
