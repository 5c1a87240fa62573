// The whole chain with temporary HOME/config files per test; role and SSO profiles go to the
// in-process simulator over loopback.
#include "CredentialChain.h"
#include "CredentialTestSupport.h"
#include "SimulatorFixture.h"
#include "SsoCredentialSource.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>

using namespace flowdesk::aws;
using flowdesk::aws::test::AwsHome;

namespace {
QStringList g_log;
void captureMessage(QtMsgType, const QMessageLogContext &context, const QString &message)
{
    g_log << QString::fromUtf8(context.category ? context.category : "") + u' ' + message;
}
} // namespace

class TstCredentialChain : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<flowdesk::sim::Simulator> m_sim;
    QNetworkAccessManager m_network;
    const QString m_ssoToken = QStringLiteral("chain-sso-token");

    CredentialChainOptions options(AwsHome &home, const QString &profile = {})
    {
        CredentialChainOptions o;
        o.environment = home.env();
        o.profileName = profile;
        o.network = &m_network;
        o.stsEndpoint = m_sim->url();
        o.ssoEndpoint = m_sim->url();
        return o;
    }

    QByteArray simKeys() const
    {
        const Credentials c = m_sim->credentials();
        return "aws_access_key_id = " + c.accessKeyId.toUtf8() + "\naws_secret_access_key = "
            + c.secretAccessKey.toUtf8() + "\n";
    }

    static QString resolveError(CredentialChain &chain)
    {
        if (chain.resolve())
            return QStringLiteral("<resolved: %1>").arg(chain.description());
        return chain.errorString();
    }

private slots:
    void initTestCase()
    {
        flowdesk::sim::SimulatorConfig config;
        config.ssoAccessTokens = {m_ssoToken};
        m_sim = flowdesk::aws::test::startSimulator(config);
        QVERIFY2(m_sim->url().isValid(), qPrintable(m_sim->errorString()));
    }

    void explicitWinsOverEverything()
    {
        AwsHome home;
        home.env().insert(QStringLiteral("AWS_ACCESS_KEY_ID"), QStringLiteral("ENVKEY"));
        home.env().insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), QStringLiteral("s"));
        CredentialChainOptions o = options(home);
        o.explicitCredentials = Credentials{QStringLiteral("EXPLICIT"), QStringLiteral("s"), {}, {}};
        CredentialChain chain(o);
        Credentials c;
        FETCH_OK(&chain, c);
        QCOMPARE(c.accessKeyId, QStringLiteral("EXPLICIT"));
        QCOMPARE(chain.description(), QStringLiteral("explicit credentials"));
    }

    void environmentWinsOverDefaultProfile()
    {
        AwsHome home;
        home.writeCredentials("[default]\naws_access_key_id = PROFILEKEY\naws_secret_access_key = s\n");
        home.env().insert(QStringLiteral("AWS_ACCESS_KEY_ID"), QStringLiteral("ENVKEY"));
        home.env().insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), QStringLiteral("s"));
        home.env().insert(QStringLiteral("AWS_PROFILE"), QStringLiteral("default"));
        CredentialChain chain(options(home));
        Credentials c;
        FETCH_OK(&chain, c);
        QCOMPARE(c.accessKeyId, QStringLiteral("ENVKEY"));
        QVERIFY(chain.profileName().isEmpty());
    }

    void chosenProfileSkipsEnvironment()
    {
        AwsHome home;
        home.writeCredentials("[ops]\naws_access_key_id = OPSKEY\naws_secret_access_key = s\n");
        home.env().insert(QStringLiteral("AWS_ACCESS_KEY_ID"), QStringLiteral("ENVKEY"));
        home.env().insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), QStringLiteral("s"));
        CredentialChain chain(options(home, QStringLiteral("ops")));
        Credentials c;
        FETCH_OK(&chain, c);
        QCOMPARE(c.accessKeyId, QStringLiteral("OPSKEY"));
        QCOMPARE(chain.profileName(), QStringLiteral("ops"));
    }

    void awsProfileSelectsProfile()
    {
        AwsHome home;
        home.writeCredentials("[default]\naws_access_key_id = DEF\naws_secret_access_key = s\n"
                              "[other]\naws_access_key_id = OTHER\naws_secret_access_key = s\n");
        home.env().insert(QStringLiteral("AWS_PROFILE"), QStringLiteral("other"));
        CredentialChain chain(options(home));
        Credentials c;
        FETCH_OK(&chain, c);
        QCOMPARE(c.accessKeyId, QStringLiteral("OTHER"));
        QCOMPARE(chain.description(), QStringLiteral("profile other"));
    }

    void credentialProcessProfile()
    {
        AwsHome home;
        home.write(QStringLiteral("bin/creds.sh"),
                   "#!/bin/sh\necho '{\"Version\":1,\"AccessKeyId\":\"PROCKEY\","
                   "\"SecretAccessKey\":\"s\",\"SessionToken\":\"t\","
                   "\"Expiration\":\"2099-01-01T00:00:00Z\"}'\n");
        QFile::setPermissions(home.path(QStringLiteral("bin/creds.sh")),
                              QFileDevice::ReadOwner | QFileDevice::ExeOwner);
        home.writeConfig("[profile proc]\ncredential_process = " + home.path(QStringLiteral("bin/creds.sh")).toUtf8()
                         + " --profile proc\n");
        CredentialChain chain(options(home, QStringLiteral("proc")));
        Credentials c;
        FETCH_OK(&chain, c);
        QCOMPARE(c.accessKeyId, QStringLiteral("PROCKEY"));
        QVERIFY(chain.description().contains(QStringLiteral("credential_process")));
    }

    // The line from the AWS CLI documentation's style: a shell one-liner with the JSON in single
    // quotes and escaped double quotes. QProcess::splitCommand ran sh with broken words (exit 2).
    void credentialProcessSplitLikeTheAwsCli()
    {
        AwsHome home;
        home.writeConfig("[profile oneliner]\n"
                         "credential_process = sh -c 'printf \"{\\\"Version\\\": 1, "
                         "\\\"AccessKeyId\\\": \\\"AKIA ONE LINER\\\", "
                         "\\\"SecretAccessKey\\\": \\\"s\\\"}\"' '' 'second arg'\n");
        CredentialChain chain(options(home, QStringLiteral("oneliner")));
        Credentials c;
        FETCH_OK(&chain, c);
        QCOMPARE(c.accessKeyId, QStringLiteral("AKIA ONE LINER"));
    }

    void failingCredentialProcessReachesCaller()
    {
        AwsHome home;
        home.writeConfig("[default]\ncredential_process = sh -c 'echo token expired >&2; exit 2'\n");
        CredentialChain chain(options(home));
        QString error;
        FETCH_ERROR(&chain, error);
        QVERIFY2(error.contains(QStringLiteral("token expired")), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("exit code 2")), qPrintable(error));
    }

    void staticKeysInCredentialsFileBeatCredentialProcess()
    {
        AwsHome home;
        home.writeConfig("[default]\ncredential_process = false\n");
        home.writeCredentials("[default]\naws_access_key_id = FILEKEY\naws_secret_access_key = s\n");
        CredentialChain chain(options(home));
        Credentials c;
        FETCH_OK(&chain, c);
        QCOMPARE(c.accessKeyId, QStringLiteral("FILEKEY"));
    }

    void roleProfileAssumesRoleAtSts()
    {
        AwsHome home;
        home.writeCredentials("[base]\n" + simKeys());
        home.writeConfig("[profile ops]\nrole_arn = arn:aws:iam::123456789012:role/ops\n"
                         "source_profile = base\nexternal_id = ext-1\nduration_seconds = 1800\n"
                         "role_session_name = flowdesk-test\n");
        CredentialChain chain(options(home, QStringLiteral("ops")));
        QSignalSpy resolved(&chain, &CredentialChain::resolved);
        Credentials c;
        FETCH_OK(&chain, c);
        QVERIFY(c.isTemporary());
        QCOMPARE(resolved.count(), 1);
        QVERIFY2(chain.description().contains(QStringLiteral("role/ops")), qPrintable(chain.description()));
        // Cached: a second request does not assume the role again.
        Credentials again;
        FETCH_OK(&chain, again);
        QCOMPARE(again.accessKeyId, c.accessKeyId);
    }

    void roleChainAndSelfSource()
    {
        AwsHome home;
        home.writeConfig("[profile self]\nrole_arn = arn:aws:iam::123456789012:role/first\n"
                         "source_profile = self\n" + simKeys()
                         + "[profile chained]\nrole_arn = arn:aws:iam::123456789012:role/second\n"
                           "source_profile = self\n");
        CredentialChain chain(options(home, QStringLiteral("chained")));
        Credentials c;
        FETCH_OK(&chain, c);
        QVERIFY(c.isTemporary());
    }

    void credentialSourceEnvironment()
    {
        AwsHome home;
        const Credentials keys = m_sim->credentials();
        home.env().insert(QStringLiteral("AWS_ACCESS_KEY_ID"), keys.accessKeyId);
        home.env().insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), keys.secretAccessKey);
        home.writeConfig("[profile envrole]\nrole_arn = arn:aws:iam::123456789012:role/ops\n"
                         "credential_source = Environment\n");
        CredentialChain chain(options(home, QStringLiteral("envrole")));
        Credentials c;
        FETCH_OK(&chain, c);
        QVERIFY(c.isTemporary());
        QVERIFY(c.accessKeyId != keys.accessKeyId);
    }

    void ssoSessionProfile()
    {
        AwsHome home;
        home.writeConfig("[profile sso]\nsso_session = corp\nsso_account_id = 123456789012\n"
                         "sso_role_name = Operator\nregion = eu-west-1\n"
                         "[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\n"
                         "sso_region = us-east-1\n");
        home.write(QStringLiteral(".aws/sso/cache/")
                       + QFileInfo(SsoCredentialSource::cacheFileName({}, QStringLiteral("corp"))).fileName(),
                   QJsonDocument(QJsonObject{{QStringLiteral("accessToken"), m_ssoToken},
                                             {QStringLiteral("expiresAt"),
                                              QDateTime::currentDateTimeUtc().addSecs(600).toString(Qt::ISODate)}})
                       .toJson());
        CredentialChain chain(options(home, QStringLiteral("sso")));
        Credentials c;
        FETCH_OK(&chain, c);
        QVERIFY(c.isTemporary());
    }

    void expiredSsoTokenSaysRunLogin()
    {
        AwsHome home;
        home.writeConfig("[profile legacy]\nsso_start_url = https://old.awsapps.com/start\n"
                         "sso_region = us-east-1\nsso_account_id = 123456789012\n"
                         "sso_role_name = Operator\n");
        home.write(QStringLiteral(".aws/sso/cache/")
                       + QFileInfo(SsoCredentialSource::cacheFileName(
                                       {}, QStringLiteral("https://old.awsapps.com/start")))
                             .fileName(),
                   "{\"accessToken\":\"x\",\"expiresAt\":\"2020-01-01T00:00:00Z\"}");
        CredentialChain chain(options(home, QStringLiteral("legacy")));
        QString error;
        FETCH_ERROR(&chain, error);
        QVERIFY2(error.contains(QStringLiteral("aws sso login --profile legacy")), qPrintable(error));
    }

    void brokenConfigurations_data()
    {
        QTest::addColumn<QByteArray>("config");
        QTest::addColumn<QString>("profile");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("bad ini") << QByteArray("[default]\nregion = x\n[profile broken\n") << QString()
                                 << QStringLiteral(".aws/config, line 3");
        QTest::newRow("missing secret") << QByteArray("[default]\naws_access_key_id = A\n") << QString()
                                        << QStringLiteral("no aws_secret_access_key");
        QTest::newRow("role without source")
            << QByteArray("[profile r]\nrole_arn = arn:aws:iam::123456789012:role/x\n")
            << QStringLiteral("r") << QStringLiteral("neither source_profile nor credential_source");
        QTest::newRow("both sources")
            << QByteArray("[profile r]\nrole_arn = arn:aws:iam::123456789012:role/x\n"
                          "source_profile = a\ncredential_source = Environment\n")
            << QStringLiteral("r") << QStringLiteral("both source_profile and credential_source");
        QTest::newRow("missing source profile")
            << QByteArray("[profile r]\nrole_arn = arn:aws:iam::123456789012:role/x\n"
                          "source_profile = ghost\n")
            << QStringLiteral("r") << QStringLiteral("no profile 'ghost'");
        QTest::newRow("source profile without keys")
            << QByteArray("[profile r]\nrole_arn = arn:aws:iam::123456789012:role/x\n"
                          "source_profile = empty\n[profile empty]\nregion = us-east-1\n")
            << QStringLiteral("r") << QStringLiteral("'empty' (the source_profile of 'r') has no credentials");
        QTest::newRow("loop")
            << QByteArray("[profile a]\nrole_arn = arn:aws:iam::123456789012:role/x\nsource_profile = b\n"
                          "[profile b]\nrole_arn = arn:aws:iam::123456789012:role/y\nsource_profile = a\n")
            << QStringLiteral("a") << QStringLiteral("a → b → a");
        QTest::newRow("unsupported credential_source")
            << QByteArray("[profile r]\nrole_arn = arn:aws:iam::123456789012:role/x\n"
                          "credential_source = Ec2InstanceMetadata\n")
            << QStringLiteral("r") << QStringLiteral("only Environment");
        QTest::newRow("environment source unset")
            << QByteArray("[profile r]\nrole_arn = arn:aws:iam::123456789012:role/x\n"
                          "credential_source = Environment\n")
            << QStringLiteral("r") << QStringLiteral("AWS_ACCESS_KEY_ID is not set");
        QTest::newRow("bad duration")
            << QByteArray("[profile r]\nrole_arn = arn:aws:iam::123456789012:role/x\n"
                          "source_profile = r\naws_access_key_id = A\naws_secret_access_key = S\n"
                          "duration_seconds = one hour\n")
            << QStringLiteral("r") << QStringLiteral("not a number");
        QTest::newRow("sso session missing")
            << QByteArray("[profile s]\nsso_session = nope\nsso_account_id = 1\nsso_role_name = R\n")
            << QStringLiteral("s") << QStringLiteral("no [sso-session nope] section");
        QTest::newRow("sso keys missing")
            << QByteArray("[profile s]\nsso_start_url = https://x.awsapps.com/start\n")
            << QStringLiteral("s") << QStringLiteral("lacks sso_region, sso_account_id, sso_role_name");
        QTest::newRow("plain http sts")
            << QByteArray("[profile r]\nrole_arn = arn:aws:iam::123456789012:role/x\n"
                          "source_profile = r\naws_access_key_id = A\naws_secret_access_key = S\n"
                          "services = s\n[services s]\nsts =\n  endpoint_url = http://sts.example.com\n")
            << QStringLiteral("r") << QStringLiteral("Refusing the endpoint");
        QTest::newRow("chosen profile missing") << QByteArray("[profile a]\n[profile b]\n")
                                                << QStringLiteral("c")
                                                << QStringLiteral("Available profiles: a, b");
    }

    void brokenConfigurations()
    {
        QFETCH(QByteArray, config);
        QFETCH(QString, profile);
        QFETCH(QString, fragment);
        AwsHome home;
        home.writeConfig(config);
        CredentialChainOptions o = options(home, profile);
        if (QByteArray(QTest::currentDataTag()) == "plain http sts")
            o.stsEndpoint.clear();
        CredentialChain chain(o);
        const QString error = resolveError(chain);
        QVERIFY2(error.contains(fragment), qPrintable(error));
        // The error also reaches a caller asking for credentials.
        QString asked;
        FETCH_ERROR(&chain, asked);
        QCOMPARE(asked, error);
    }

    // Everything the credential code logs (debug included) during role, SSO and process
    // exchanges, checked for every secret involved.
    void logsNeverContainSecrets()
    {
        AwsHome home;
        const Credentials keys = m_sim->credentials();
        home.writeCredentials("[base]\n" + simKeys());
        home.write(QStringLiteral("bin/creds.sh"),
                   "#!/bin/sh\necho '{\"Version\":1,\"AccessKeyId\":\"PROCKEY\","
                   "\"SecretAccessKey\":\"process-secret-value\",\"SessionToken\":\"process-token-value\"}'\n");
        QFile::setPermissions(home.path(QStringLiteral("bin/creds.sh")),
                              QFileDevice::ReadOwner | QFileDevice::ExeOwner);
        home.writeConfig("[profile role]\nrole_arn = arn:aws:iam::123456789012:role/ops\nsource_profile = base\n"
                         "[profile sso]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Op\n"
                         "[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n"
                         "[profile proc]\ncredential_process = " + home.path(QStringLiteral("bin/creds.sh")).toUtf8() + "\n");
        home.write(QStringLiteral(".aws/sso/cache/")
                       + QFileInfo(SsoCredentialSource::cacheFileName({}, QStringLiteral("corp"))).fileName(),
                   QJsonDocument(QJsonObject{{QStringLiteral("accessToken"), m_ssoToken},
                                             {QStringLiteral("expiresAt"),
                                              QDateTime::currentDateTimeUtc().addSecs(600).toString(Qt::ISODate)}})
                       .toJson());

        QLoggingCategory::setFilterRules(QStringLiteral("flowdesk.*=true"));
        g_log.clear();
        const QtMessageHandler previous = qInstallMessageHandler(captureMessage);
        QStringList secrets{keys.secretAccessKey, m_ssoToken, QStringLiteral("process-secret-value"),
                            QStringLiteral("process-token-value")};
        for (const QString &profile : {QStringLiteral("role"), QStringLiteral("sso"), QStringLiteral("proc")}) {
            CredentialChain chain(options(home, profile));
            const auto answer = flowdesk::aws::test::fetch(&chain);
            if (answer && answer->ok())
                secrets << answer->credentials.secretAccessKey << answer->credentials.sessionToken;
            else
                secrets << QStringLiteral("<%1 failed>").arg(profile); // forces the check below to fail
        }
        qInstallMessageHandler(previous);
        QLoggingCategory::setFilterRules(QString());

        QVERIFY2(g_log.size() >= 3, "the credential code logged nothing; the check would be empty");
        QCOMPARE(secrets.filter(QStringLiteral("failed>")), QStringList());
        const QString all = g_log.join(u'\n');
        for (const QString &secret : std::as_const(secrets)) {
            if (!secret.isEmpty())
                QVERIFY2(!all.contains(secret), qPrintable(u"a secret was logged:\n" + all));
        }
        QVERIFY(all.contains(QStringLiteral("flowdesk.aws")));
    }

    void nothingFoundListsWhatWasTried()
    {
        AwsHome home;
        home.writeConfig("[default]\nregion = eu-west-1\n");
        CredentialChain chain(options(home));
        const QString error = resolveError(chain);
        QVERIFY2(error.startsWith(QStringLiteral("No AWS credentials found")), qPrintable(error));
        QVERIFY(error.contains(QStringLiteral("environment variables")));
        QVERIFY(error.contains(QStringLiteral("profile 'default' (no aws_access_key_id")));

        AwsHome empty;
        CredentialChain chain2(options(empty));
        QVERIFY(resolveError(chain2).contains(QStringLiteral("not in ")));
    }

    // source_profile chains: up to CredentialChain::kMaxSourceProfileLinks links resolve, one
    // more is an error naming the profile asked for (not a deep recursion or a quadratic walk).
    void sourceProfileChainIsCapped_data()
    {
        QTest::addColumn<int>("links");
        QTest::addColumn<bool>("resolves");
        QTest::newRow("at the cap") << CredentialChain::kMaxSourceProfileLinks << true;
        QTest::newRow("one above") << CredentialChain::kMaxSourceProfileLinks + 1 << false;
        QTest::newRow("10,000 links") << 10000 << false;
    }

    void sourceProfileChainIsCapped()
    {
        QFETCH(int, links);
        QFETCH(bool, resolves);
        // r0 → r1 → … → r<links-1> → base (keys): `links` source_profile links from r0.
        QByteArray config;
        for (int i = 0; i < links; ++i) {
            const QByteArray next = i + 1 < links ? QByteArray("r" + QByteArray::number(i + 1))
                                                  : QByteArray("base");
            config += "[profile r" + QByteArray::number(i) + "]\nrole_arn = arn:aws:iam::"
                      "123456789012:role/r" + QByteArray::number(i) + "\nsource_profile = "
                + next + "\n";
        }
        config += "[profile base]\n" + simKeys();
        AwsHome home;
        home.writeConfig(config);
        CredentialChain chain(options(home, QStringLiteral("r0")));
        const QString error = resolveError(chain);
        if (resolves) {
            QVERIFY2(error.startsWith(QStringLiteral("<resolved")), qPrintable(error));
            return;
        }
        QVERIFY2(error.contains(QStringLiteral("Profile 'r0' reaches its credentials through "
                                               "more than %1 source_profile links")
                                    .arg(CredentialChain::kMaxSourceProfileLinks)),
                 qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("r0 → r1 → r2 → r3 → …")), qPrintable(error));
    }

    void fixingTheFileAndRetryingWorks()
    {
        AwsHome home;
        home.writeCredentials("[default]\naws_access_key_id = A\n");
        CredentialChain chain(options(home));
        QString error;
        FETCH_ERROR(&chain, error);
        home.writeCredentials("[default]\naws_access_key_id = A\naws_secret_access_key = S\n");
        Credentials c;
        FETCH_OK(&chain, c);
        QCOMPARE(c.accessKeyId, QStringLiteral("A"));
    }
};

QTEST_GUILESS_MAIN(TstCredentialChain)
#include "tst_credentialchain.moc"
