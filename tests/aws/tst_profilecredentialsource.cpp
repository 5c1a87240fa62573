#include "AwsConfig.h"
#include "CredentialTestSupport.h"
#include "ProfileCredentialSource.h"

using namespace flowdesk::aws;
using flowdesk::aws::test::AwsHome;

class TstProfileCredentialSource : public QObject
{
    Q_OBJECT

private slots:
    void staticKeysFromCredentialsFile()
    {
        AwsHome home;
        home.writeCredentials("[ops]\naws_access_key_id = AKIAOPS\n"
                              "aws_secret_access_key = s3cr3t\naws_session_token = tok\n");
        const auto profile = AwsConfig::load(home.env()).profile(QStringLiteral("ops"));
        QVERIFY(profile);
        QVERIFY(ProfileCredentialSource::applies(*profile));
        ProfileCredentialSource source(*profile);
        QCOMPARE(source.description(), QStringLiteral("profile ops"));
        Credentials c;
        FETCH_OK(&source, c);
        QCOMPARE(c.accessKeyId, QStringLiteral("AKIAOPS"));
        QCOMPARE(c.secretAccessKey, QStringLiteral("s3cr3t"));
        QCOMPARE(c.sessionToken, QStringLiteral("tok"));
    }

    void staticKeysFromConfigFile()
    {
        AwsHome home;
        home.writeConfig("[profile cfg]\naws_access_key_id = AKIACFG\naws_secret_access_key = x\n");
        const auto profile = AwsConfig::load(home.env()).profile(QStringLiteral("cfg"));
        QVERIFY(profile);
        const CredentialsResult r = ProfileCredentialSource::read(*profile);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.credentials.accessKeyId, QStringLiteral("AKIACFG"));
    }

    void missingSecretNamesProfileAndFile()
    {
        AwsHome home;
        home.writeCredentials("[half]\naws_access_key_id = AKIAHALF\n");
        const AwsConfig config = AwsConfig::load(home.env());
        const auto profile = config.profile(QStringLiteral("half"));
        QVERIFY(profile);
        ProfileCredentialSource source(*profile);
        QString error;
        FETCH_ERROR(&source, error);
        QVERIFY2(error.contains(QStringLiteral("'half'")), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("aws_secret_access_key")), qPrintable(error));
        QVERIFY2(error.contains(config.credentialsPath()), qPrintable(error));
    }

    void missingKeyIdIsAnError()
    {
        AwsHome home;
        home.writeCredentials("[half]\naws_secret_access_key = hidden-secret\n");
        const auto profile = AwsConfig::load(home.env()).profile(QStringLiteral("half"));
        const CredentialsResult r = ProfileCredentialSource::read(*profile);
        QVERIFY(!r.ok());
        QVERIFY(r.error.contains(QStringLiteral("no aws_access_key_id")));
        QVERIFY(!r.error.contains(QStringLiteral("hidden-secret")));
    }

    void profileWithoutKeysDoesNotApply()
    {
        AwsHome home;
        home.writeConfig("[profile r]\nregion = eu-west-1\n");
        QVERIFY(!ProfileCredentialSource::applies(
            *AwsConfig::load(home.env()).profile(QStringLiteral("r"))));
    }
};

QTEST_GUILESS_MAIN(TstProfileCredentialSource)
#include "tst_profilecredentialsource.moc"
