#include "RegionResolver.h"

#include <QtTest>

using namespace flowdesk::aws;

class TstRegionResolver : public QObject
{
    Q_OBJECT

private slots:
    void precedence()
    {
        AwsProfile profile;
        profile.name = QStringLiteral("p");
        profile.values.insert(QStringLiteral("region"), QStringLiteral("ap-south-1"));
        QProcessEnvironment env;

        RegionResult r = RegionResolver::resolve({}, env, &profile);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.region, QStringLiteral("ap-south-1"));
        QCOMPARE(r.source, QStringLiteral("profile p"));

        env.insert(QStringLiteral("AWS_DEFAULT_REGION"), QStringLiteral("eu-west-2"));
        QCOMPARE(RegionResolver::resolve({}, env, &profile).region, QStringLiteral("eu-west-2"));

        env.insert(QStringLiteral("AWS_REGION"), QStringLiteral("eu-west-3"));
        r = RegionResolver::resolve({}, env, &profile);
        QCOMPARE(r.region, QStringLiteral("eu-west-3"));
        QCOMPARE(r.source, QStringLiteral("AWS_REGION"));

        r = RegionResolver::resolve(QStringLiteral(" us-west-2 "), env, &profile);
        QCOMPARE(r.region, QStringLiteral("us-west-2"));
    }

    void missingRegionSaysWhatToDo()
    {
        AwsProfile profile;
        profile.name = QStringLiteral("bare");
        const RegionResult r = RegionResolver::resolve({}, QProcessEnvironment(), &profile);
        QVERIFY(!r.ok());
        QVERIFY2(r.error.contains(QStringLiteral("AWS_REGION")), qPrintable(r.error));
        QVERIFY2(r.error.contains(QStringLiteral("'bare'")), qPrintable(r.error));
        QVERIFY(!RegionResolver::resolve({}, QProcessEnvironment(), nullptr).ok());
    }

    void malformedRegionIsRejected()
    {
        QProcessEnvironment env;
        env.insert(QStringLiteral("AWS_REGION"), QStringLiteral("US East"));
        const RegionResult r = RegionResolver::resolve({}, env, nullptr);
        QVERIFY(!r.ok());
        QVERIFY2(r.error.contains(QStringLiteral("AWS_REGION")), qPrintable(r.error));
        QVERIFY(RegionResolver::isValidRegionName(QStringLiteral("us-gov-west-1")));
        QVERIFY(!RegionResolver::isValidRegionName(QStringLiteral("useast1")));
    }
};

QTEST_GUILESS_MAIN(TstRegionResolver)
#include "tst_regionresolver.moc"
