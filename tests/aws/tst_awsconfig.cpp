#include "AwsConfig.h"
#include "CredentialTestSupport.h"

using flowdesk::aws::AwsConfig;
using flowdesk::aws::test::AwsHome;

class TstAwsConfig : public QObject
{
    Q_OBJECT

private slots:
    void mergesConfigAndCredentialsFiles()
    {
        AwsHome home;
        home.writeConfig("[default]\nregion = eu-west-1\naws_access_key_id = FROMCONFIG\n"
                         "[profile prod]\nregion = us-east-2\nservices = s\n"
                         "[services s]\nappflow =\n  endpoint_url = http://127.0.0.1:9\n");
        home.writeCredentials("[default]\naws_access_key_id = FROMCREDS\n"
                              "aws_secret_access_key = S\n[only-creds]\naws_access_key_id = X\n");
        const AwsConfig config = AwsConfig::load(home.env());
        QVERIFY2(config.isValid(), qPrintable(config.errorString()));
        QCOMPARE(config.configPath(), home.path(QStringLiteral(".aws/config")));
        QCOMPARE(config.credentialsPath(), home.path(QStringLiteral(".aws/credentials")));

        const auto def = config.profile(QStringLiteral("default"));
        QVERIFY(def);
        QCOMPARE(def->value(QStringLiteral("region")), QStringLiteral("eu-west-1"));
        // The credentials file wins for keys in both, as in the CLI.
        QCOMPARE(def->value(QStringLiteral("aws_access_key_id")), QStringLiteral("FROMCREDS"));
        QCOMPARE(def->fileOf(QStringLiteral("aws_access_key_id")), config.credentialsPath());
        QCOMPARE(def->fileOf(QStringLiteral("region")), config.configPath());

        const auto prod = config.profile(QStringLiteral("prod"));
        QVERIFY(prod);
        QCOMPARE(prod->services.value(QStringLiteral("appflow")).value(QStringLiteral("endpoint_url")),
                 QStringLiteral("http://127.0.0.1:9"));

        QVERIFY(config.profile(QStringLiteral("only-creds")));
        QVERIFY(!config.profile(QStringLiteral("missing")));
        QCOMPARE(config.profileNames(),
                 QStringList({QStringLiteral("default"), QStringLiteral("prod"),
                              QStringLiteral("only-creds")}));
    }

    void honoursFileVariables()
    {
        AwsHome home;
        home.write(QStringLiteral("elsewhere/cfg"), "[profile a]\nregion = ap-south-1\n");
        home.write(QStringLiteral("elsewhere/creds"), "[a]\naws_access_key_id = K\n");
        home.writeConfig("[profile ignored]\n");
        home.env().insert(QStringLiteral("AWS_CONFIG_FILE"), home.path(QStringLiteral("elsewhere/cfg")));
        // "~" expands to the HOME of the given environment.
        home.env().insert(QStringLiteral("AWS_SHARED_CREDENTIALS_FILE"),
                          QStringLiteral("~/elsewhere/creds"));
        const AwsConfig config = AwsConfig::load(home.env());
        QVERIFY(config.isValid());
        QCOMPARE(config.credentialsPath(), home.path(QStringLiteral("elsewhere/creds")));
        const auto a = config.profile(QStringLiteral("a"));
        QVERIFY(a);
        QCOMPARE(a->value(QStringLiteral("region")), QStringLiteral("ap-south-1"));
        QCOMPARE(a->value(QStringLiteral("aws_access_key_id")), QStringLiteral("K"));
        QVERIFY(!config.profile(QStringLiteral("ignored")));
    }

    void defaultProfileName()
    {
        AwsHome home;
        QCOMPARE(AwsConfig::load(home.env()).defaultProfileName(), QStringLiteral("default"));
        home.env().insert(QStringLiteral("AWS_DEFAULT_PROFILE"), QStringLiteral("older"));
        QCOMPARE(AwsConfig::load(home.env()).defaultProfileName(), QStringLiteral("older"));
        home.env().insert(QStringLiteral("AWS_PROFILE"), QStringLiteral("newer"));
        QCOMPARE(AwsConfig::load(home.env()).defaultProfileName(), QStringLiteral("newer"));
    }

    void noFilesIsValidAndEmpty()
    {
        AwsHome home;
        const AwsConfig config = AwsConfig::load(home.env());
        QVERIFY(config.isValid());
        QVERIFY(config.profileNames().isEmpty());
    }

    void brokenFileIsReportedWithLine()
    {
        AwsHome home;
        home.writeConfig("[default]\nregion = x\n");
        home.writeCredentials("[default]\naws_access_key_id = A\n[broken\n");
        const AwsConfig config = AwsConfig::load(home.env());
        QVERIFY(!config.isValid());
        QVERIFY2(config.errorString().contains(config.credentialsPath() + QStringLiteral(", line 3")),
                 qPrintable(config.errorString()));
    }

    void ssoSessionLookup()
    {
        AwsHome home;
        home.writeConfig("[sso-session corp]\nsso_region = eu-west-1\n");
        const AwsConfig config = AwsConfig::load(home.env());
        QVERIFY(config.ssoSession(QStringLiteral("corp")));
        QCOMPARE(config.ssoSession(QStringLiteral("corp"))->value(QStringLiteral("sso_region")),
                 QStringLiteral("eu-west-1"));
        QVERIFY(!config.ssoSession(QStringLiteral("other")));
    }
};

QTEST_GUILESS_MAIN(TstAwsConfig)
#include "tst_awsconfig.moc"
