// FleetLogin: which IAM Identity Center logins ~/.aws/config offers as a fleet (sso-sessions,
// legacy sso_start_url profiles once per start URL), and the check of a typed start URL.
#include <AwsConfig.h>
#include <FleetLogin.h>

#include <QFile>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>

using namespace flowdesk;
using models::FleetLogin;

class TestFleetLogin : public QObject
{
    Q_OBJECT

private slots:
    void listsSessionsThenLegacyProfilesOncePerStartUrl()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QFile config(dir.filePath(QStringLiteral("config")));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write("[profile old-admin]\n"
                     "sso_start_url = https://old.awsapps.com/start\n"
                     "sso_region = eu-west-1\n"
                     "sso_account_id = 111111111111\n"
                     "sso_role_name = Admin\n"
                     "[profile old-reader]\n" // the same login, another account: listed once
                     "sso_start_url = https://old.awsapps.com/start\n"
                     "sso_region = eu-west-1\n"
                     "sso_account_id = 222222222222\n"
                     "sso_role_name = Reader\n"
                     "[profile new-style]\n" // belongs to the sso-session below
                     "sso_session = corp\n"
                     "sso_account_id = 333333333333\n"
                     "sso_role_name = Admin\n"
                     "[profile keys]\n"
                     "region = us-east-1\n"
                     "[sso-session corp]\n"
                     "sso_start_url = https://corp.awsapps.com/start\n"
                     "sso_region = us-east-1\n");
        config.close();
        QProcessEnvironment environment;
        environment.insert(QStringLiteral("HOME"), dir.path());
        environment.insert(QStringLiteral("AWS_CONFIG_FILE"), config.fileName());
        environment.insert(QStringLiteral("AWS_SHARED_CREDENTIALS_FILE"), dir.filePath(QStringLiteral("none")));
        const aws::AwsConfig loaded = aws::AwsConfig::load(environment);
        QVERIFY2(loaded.isValid(), qPrintable(loaded.errorString()));

        const QList<FleetLogin> logins = FleetLogin::fromConfig(loaded);
        QCOMPARE(logins.size(), 2);
        QCOMPARE(logins.at(0).kind, FleetLogin::Kind::Session);
        QCOMPARE(logins.at(0).name, QStringLiteral("corp"));
        QCOMPARE(logins.at(0).label(), QStringLiteral("sso-session corp"));
        QCOMPARE(logins.at(1).kind, FleetLogin::Kind::LegacyProfile);
        QCOMPARE(logins.at(1).name, QStringLiteral("old-admin"));
        QCOMPARE(logins.at(1).startUrl, QStringLiteral("https://old.awsapps.com/start"));
        QCOMPARE(logins.at(1).region, QStringLiteral("eu-west-1"));
        QVERIFY(logins.at(1).label().contains(QStringLiteral("old-admin")));
    }

    void checksATypedStartUrl_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("region");
        QTest::addColumn<QString>("mentions"); // empty: usable
        QTest::newRow("usable") << QStringLiteral(" https://corp.awsapps.com/start ") << QStringLiteral("us-east-1") << QString();
        QTest::newRow("empty") << QString() << QStringLiteral("us-east-1") << QStringLiteral("Enter the AWS access portal URL");
        QTest::newRow("http") << QStringLiteral("http://corp.awsapps.com/start") << QStringLiteral("us-east-1")
                              << QStringLiteral("not an https:// address");
        QTest::newRow("no scheme") << QStringLiteral("corp.awsapps.com/start") << QStringLiteral("us-east-1")
                                   << QStringLiteral("not an https:// address");
        QTest::newRow("region typo") << QStringLiteral("https://corp.awsapps.com/start") << QStringLiteral("Frankfurt")
                                     << QStringLiteral("\"Frankfurt\" is not a region name");
    }

    void checksATypedStartUrl()
    {
        QFETCH(QString, url);
        QFETCH(QString, region);
        QFETCH(QString, mentions);
        const QString problem = FleetLogin::checkStartUrl(url, region);
        if (mentions.isEmpty())
            QCOMPARE(problem, QString());
        else
            QVERIFY2(problem.contains(mentions), qPrintable(problem));
    }
};

QTEST_GUILESS_MAIN(TestFleetLogin)
#include "tst_fleetlogin.moc"
