#include "ConnectionResolver.h"
#include "CredentialTestSupport.h"

using namespace flowdesk::aws;
using flowdesk::aws::test::AwsHome;

class TstConnectionResolver : public QObject
{
    Q_OBJECT

private:
    static ConnectionRequest request(AwsHome &home, const QString &profile = {})
    {
        ConnectionRequest r;
        r.environment = home.env();
        r.profileName = profile;
        return r;
    }

private slots:
    void regionAndEndpointFromProfile()
    {
        AwsHome home;
        home.writeConfig("[profile local]\nregion = eu-central-1\nservices = sim\n"
                         "[services sim]\nappflow =\n  endpoint_url = http://127.0.0.1:4566\n"
                         "[profile real]\nregion = us-west-2\nuse_fips_endpoint = true\n");
        Connection c = ConnectionResolver::resolve(request(home, QStringLiteral("local")));
        QVERIFY2(c.ok(), qPrintable(c.error));
        QCOMPARE(c.region, QStringLiteral("eu-central-1"));
        QCOMPARE(c.signingRegion, QStringLiteral("eu-central-1"));
        QCOMPARE(c.endpoint.toString(), QStringLiteral("http://127.0.0.1:4566"));

        c = ConnectionResolver::resolve(request(home, QStringLiteral("real")));
        QVERIFY2(c.ok(), qPrintable(c.error));
        QCOMPARE(c.endpoint.toString(), QStringLiteral("https://appflow-fips.us-west-2.amazonaws.com"));
    }

    void chosenValuesWin()
    {
        AwsHome home;
        home.writeConfig("[default]\nregion = eu-central-1\n");
        home.env().insert(QStringLiteral("AWS_REGION"), QStringLiteral("ap-south-1"));
        ConnectionRequest r = request(home);
        QCOMPARE(ConnectionResolver::resolve(r).region, QStringLiteral("ap-south-1"));
        r.region = QStringLiteral("sa-east-1");
        r.endpoint = QUrl(QStringLiteral("http://localhost:9000"));
        const Connection c = ConnectionResolver::resolve(r);
        QCOMPARE(c.region, QStringLiteral("sa-east-1"));
        QCOMPARE(c.endpoint.toString(), QStringLiteral("http://localhost:9000"));
    }

    void worksWithoutAnyConfig()
    {
        AwsHome home;
        ConnectionRequest r = request(home);
        r.region = QStringLiteral("eu-west-1");
        const Connection c = ConnectionResolver::resolve(r);
        QVERIFY2(c.ok(), qPrintable(c.error));
        QCOMPARE(c.endpoint.toString(), QStringLiteral("https://appflow.eu-west-1.amazonaws.com"));
        QVERIFY(!ConnectionResolver::resolve(request(home)).ok()); // no region anywhere
    }

    void errorsAreClear()
    {
        AwsHome home;
        home.writeConfig("[default\n");
        QVERIFY(ConnectionResolver::resolve(request(home)).error.contains(QStringLiteral("line 1")));
        home.writeConfig("[profile a]\nregion = eu-west-1\n");
        QVERIFY(ConnectionResolver::resolve(request(home, QStringLiteral("b")))
                    .error.contains(QStringLiteral("'b' does not exist")));
        home.writeConfig("[profile a]\nregion = eu-west-1\nendpoint_url = http://10.0.0.5:4566\n");
        QVERIFY(ConnectionResolver::resolve(request(home, QStringLiteral("a")))
                    .error.contains(QStringLiteral("Refusing")));
    }
};

QTEST_GUILESS_MAIN(TstConnectionResolver)
#include "tst_connectionresolver.moc"
