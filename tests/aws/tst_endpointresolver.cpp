#include "EndpointResolver.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace flowdesk::aws;

class TstEndpointResolver : public QObject
{
    Q_OBJECT

private:
    static EndpointRequest appflow(const QString &region)
    {
        EndpointRequest request;
        request.region = region;
        request.environment = QProcessEnvironment();
        return request;
    }

private slots:
    // Issue #16 finding: "http://example.com:99999" and "::::" were reported as "" (an invalid
    // QUrl forgets its text); the message quotes the value and says what is wrong with it.
    void invalidEndpointTextIsQuotedWithTheProblem_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("problem");
        QTest::newRow("port out of range") << QStringLiteral("http://example.com:99999")
                                           << QStringLiteral("port \"99999\" is not a number from 1 to 65535");
        QTest::newRow("port not a number") << QStringLiteral("https://example.com:abc/")
                                           << QStringLiteral("port \"abc\" is not a number");
        QTest::newRow("colons") << QStringLiteral("::::") << QStringLiteral("does not start with https://");
        QTest::newRow("no scheme") << QStringLiteral("appflow.eu-west-1.amazonaws.com")
                                   << QStringLiteral("does not start with https://");
        QTest::newRow("no host") << QStringLiteral("https:///path") << QStringLiteral("names no host");
        QTest::newRow("empty") << QStringLiteral("  ") << QStringLiteral("it is empty");
    }

    void invalidEndpointTextIsQuotedWithTheProblem()
    {
        QFETCH(QString, text);
        QFETCH(QString, problem);
        const QString message = EndpointResolver::checkUrlText(text, QStringLiteral("--endpoint-url"));
        QVERIFY2(message.contains(u'"' + text.trimmed() + u'"'), qPrintable(message));
        QVERIFY2(message.contains(problem), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("--endpoint-url")), qPrintable(message));
    }

    void validEndpointTextIsChecked()
    {
        QVERIFY(EndpointResolver::checkUrlText(QStringLiteral("https://appflow.eu-west-1.amazonaws.com"),
                                               QStringLiteral("x")).isEmpty());
        QVERIFY(EndpointResolver::checkUrlText(QStringLiteral("http://127.0.0.1:4567"), QStringLiteral("x")).isEmpty());
        // A valid URL still goes through the scheme rules.
        QVERIFY(EndpointResolver::checkUrlText(QStringLiteral("http://example.com"), QStringLiteral("x"))
                    .contains(QStringLiteral("unencrypted")));
    }

    // Every case of the service's own endpoint tests that Flowdesk supports (no dual-stack):
    // ../shared/reference/appflow/endpoint-tests-1.json.
    void officialEndpointTests()
    {
        QFile file(QStringLiteral(FLOWDESK_SHARED_DIR "/reference/appflow/endpoint-tests-1.json"));
        QVERIFY2(file.open(QIODevice::ReadOnly),
                 qPrintable(QStringLiteral("missing reference file: ") + file.fileName()));
        const QJsonArray cases = QJsonDocument::fromJson(file.readAll())
                                     .object().value(QLatin1String("testCases")).toArray();
        QVERIFY(cases.size() > 20);
        int checked = 0;
        for (const QJsonValue &value : cases) {
            const QJsonObject test = value.toObject();
            const QJsonObject params = test.value(QLatin1String("params")).toObject();
            if (params.value(QLatin1String("UseDualStack")).toBool())
                continue;
            const QString region = params.value(QLatin1String("Region")).toString();
            // Flowdesk offers FIPS only where botocore's endpoints.json lists a FIPS host.
            if (params.value(QLatin1String("UseFIPS")).toBool()
                && !region.startsWith(QLatin1String("us-")))
                continue;
            if (region.startsWith(QLatin1String("us-iso")))
                continue; // isolated partitions are out of scope
            if (region.isEmpty() && params.contains(QLatin1String("Endpoint")))
                continue; // Flowdesk needs a region to sign, so it refuses (missingRegion())
            EndpointRequest request = appflow(region);
            request.useFips = params.value(QLatin1String("UseFIPS")).toBool();
            if (params.contains(QLatin1String("Endpoint")))
                request.explicitUrl = QUrl(params.value(QLatin1String("Endpoint")).toString());
            const EndpointResult result = EndpointResolver::resolve(request);
            const QJsonObject expect = test.value(QLatin1String("expect")).toObject();
            const QString name = test.value(QLatin1String("documentation")).toString();
            if (expect.contains(QLatin1String("error"))) {
                QVERIFY2(!result.ok(), qPrintable(name));
            } else {
                const QString url = expect.value(QLatin1String("endpoint")).toObject()
                                        .value(QLatin1String("url")).toString();
                QVERIFY2(result.ok(), qPrintable(name + u": " + result.error));
                QCOMPARE(result.url.toString(), url);
            }
            ++checked;
        }
        QVERIFY(checked >= 20);
    }

    void fipsWhereAvailable()
    {
        EndpointRequest request = appflow(QStringLiteral("us-west-2"));
        request.environment.insert(QStringLiteral("AWS_USE_FIPS_ENDPOINT"), QStringLiteral("true"));
        QCOMPARE(EndpointResolver::resolve(request).url.toString(),
                 QStringLiteral("https://appflow-fips.us-west-2.amazonaws.com"));

        AwsProfile profile;
        profile.name = QStringLiteral("f");
        profile.values.insert(QStringLiteral("use_fips_endpoint"), QStringLiteral("true"));
        request = appflow(QStringLiteral("eu-west-1"));
        request.profile = &profile;
        const EndpointResult r = EndpointResolver::resolve(request);
        QVERIFY(!r.ok());
        QVERIFY2(r.error.contains(QStringLiteral("no FIPS endpoint in eu-west-1")), qPrintable(r.error));

        // The environment overrides the profile.
        request.environment.insert(QStringLiteral("AWS_USE_FIPS_ENDPOINT"), QStringLiteral("false"));
        QCOMPARE(EndpointResolver::resolve(request).url.toString(),
                 QStringLiteral("https://appflow.eu-west-1.amazonaws.com"));
    }

    void overridePrecedence()
    {
        AwsProfile profile;
        profile.name = QStringLiteral("p");
        profile.values.insert(QStringLiteral("services"), QStringLiteral("s"));
        profile.values.insert(QStringLiteral("endpoint_url"), QStringLiteral("https://profile.example"));
        EndpointRequest request = appflow(QStringLiteral("eu-west-1"));
        request.profile = &profile;
        QCOMPARE(EndpointResolver::resolve(request).url.toString(),
                 QStringLiteral("https://profile.example"));

        profile.services[QStringLiteral("appflow")].insert(QStringLiteral("endpoint_url"),
                                                          QStringLiteral("https://services.example"));
        QCOMPARE(EndpointResolver::resolve(request).url.toString(),
                 QStringLiteral("https://services.example"));

        request.environment.insert(QStringLiteral("AWS_ENDPOINT_URL"), QStringLiteral("https://global.example"));
        QCOMPARE(EndpointResolver::resolve(request).url.toString(),
                 QStringLiteral("https://global.example"));

        request.environment.insert(QStringLiteral("AWS_ENDPOINT_URL_APPFLOW"),
                                   QStringLiteral("http://127.0.0.1:4566"));
        EndpointResult r = EndpointResolver::resolve(request);
        QCOMPARE(r.url.toString(), QStringLiteral("http://127.0.0.1:4566"));
        QCOMPARE(r.source, QStringLiteral("AWS_ENDPOINT_URL_APPFLOW"));
        QCOMPARE(r.signingRegion, QStringLiteral("eu-west-1"));

        request.explicitUrl = QUrl(QStringLiteral("http://[::1]:8080"));
        QCOMPARE(EndpointResolver::resolve(request).url.toString(), QStringLiteral("http://[::1]:8080"));

        // Ignoring configured endpoints keeps only the explicit one.
        request.explicitUrl.clear();
        request.environment.insert(QStringLiteral("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"),
                                   QStringLiteral("true"));
        QCOMPARE(EndpointResolver::resolve(request).url.toString(),
                 QStringLiteral("https://appflow.eu-west-1.amazonaws.com"));
    }

    void serviceSpecificVariablesDoNotLeakAcrossServices()
    {
        EndpointRequest request = appflow(QStringLiteral("eu-west-1"));
        request.environment.insert(QStringLiteral("AWS_ENDPOINT_URL_APPFLOW"),
                                   QStringLiteral("http://127.0.0.1:1"));
        request.service = AwsService::Sts;
        QCOMPARE(EndpointResolver::resolve(request).url.toString(),
                 QStringLiteral("https://sts.eu-west-1.amazonaws.com"));
        request.environment.insert(QStringLiteral("AWS_ENDPOINT_URL_STS"), QStringLiteral("http://127.0.0.1:2"));
        QCOMPARE(EndpointResolver::resolve(request).url.toString(), QStringLiteral("http://127.0.0.1:2"));
        request.service = AwsService::Sso;
        QCOMPARE(EndpointResolver::resolve(request).url.toString(),
                 QStringLiteral("https://portal.sso.eu-west-1.amazonaws.com"));
        // The OIDC service that renews tokens: its own host and its own variable, never FIPS.
        request.service = AwsService::SsoOidc;
        QCOMPARE(EndpointResolver::resolve(request).url.toString(),
                 QStringLiteral("https://oidc.eu-west-1.amazonaws.com"));
        request.environment.insert(QStringLiteral("AWS_USE_FIPS_ENDPOINT"), QStringLiteral("true"));
        QCOMPARE(EndpointResolver::resolve(request).url.toString(),
                 QStringLiteral("https://oidc.eu-west-1.amazonaws.com"));
        request.environment.insert(QStringLiteral("AWS_ENDPOINT_URL_SSO_OIDC"), QStringLiteral("http://127.0.0.1:3"));
        QCOMPARE(EndpointResolver::resolve(request).url.toString(), QStringLiteral("http://127.0.0.1:3"));
    }

    void stsWithoutRegionUsesGlobalEndpoint()
    {
        EndpointRequest request = appflow({});
        request.service = AwsService::Sts;
        const EndpointResult r = EndpointResolver::resolve(request);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.url.toString(), QStringLiteral("https://sts.amazonaws.com"));
        QCOMPARE(r.signingRegion, QStringLiteral("us-east-1"));
    }

    void plainHttpOnlyToLoopback_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("127.0.0.1") << QStringLiteral("http://127.0.0.1:1234") << true;
        QTest::newRow("127.1.2.3") << QStringLiteral("http://127.1.2.3") << true;
        QTest::newRow("localhost") << QStringLiteral("http://LocalHost:9") << true;
        QTest::newRow("::1") << QStringLiteral("http://[::1]:9") << true;
        QTest::newRow("lan") << QStringLiteral("http://192.168.1.10:4566") << false;
        QTest::newRow("name") << QStringLiteral("http://appflow.example.com") << false;
        QTest::newRow("localhost lookalike") << QStringLiteral("http://localhost.evil.com") << false;
        QTest::newRow("https anywhere") << QStringLiteral("https://appflow.example.com") << true;
        QTest::newRow("ftp") << QStringLiteral("ftp://127.0.0.1") << false;
        QTest::newRow("no host") << QStringLiteral("https://") << false;
        QTest::newRow("user info") << QStringLiteral("https://user:pw@example.com") << false;
    }

    void plainHttpOnlyToLoopback()
    {
        QFETCH(QString, url);
        QFETCH(bool, accepted);
        EndpointRequest request = appflow(QStringLiteral("us-east-1"));
        request.environment.insert(QStringLiteral("AWS_ENDPOINT_URL"), url);
        const EndpointResult r = EndpointResolver::resolve(request);
        QCOMPARE(r.ok(), accepted);
        if (!accepted) {
            QVERIFY2(r.error.contains(QStringLiteral("AWS_ENDPOINT_URL")), qPrintable(r.error));
            QVERIFY(!r.error.contains(QStringLiteral("pw@")));
        }
        if (url.contains(QStringLiteral("192.168")))
            QVERIFY2(r.error.contains(QStringLiteral("unencrypted")), qPrintable(r.error));
    }

    void fipsAndCustomEndpointConflict()
    {
        EndpointRequest request = appflow(QStringLiteral("us-east-1"));
        request.useFips = true;
        request.explicitUrl = QUrl(QStringLiteral("https://example.com"));
        const EndpointResult r = EndpointResolver::resolve(request);
        QVERIFY(!r.ok());
        QVERIFY2(r.error.contains(QStringLiteral("cannot be combined")), qPrintable(r.error));
    }

    void missingRegion()
    {
        const EndpointResult r = EndpointResolver::resolve(appflow({}));
        QVERIFY(!r.ok());
        QVERIFY2(r.error.contains(QStringLiteral("No AWS region")), qPrintable(r.error));
    }
};

QTEST_GUILESS_MAIN(TstEndpointResolver)
#include "tst_endpointresolver.moc"
