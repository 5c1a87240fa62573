// retry_mode and max_attempts as botocore reads them: the environment (AWS_RETRY_MODE,
// AWS_MAX_ATTEMPTS) before the profile, values checked, a bad value named with where it is.
#include "AwsConfig.h"
#include "RetrySettings.h"

#include <QtTest>

using namespace flowdesk::aws;

namespace {

AwsProfile profileWith(const QString &key, const QString &value)
{
    AwsProfile profile;
    profile.name = QStringLiteral("ops");
    profile.values.insert(key, value);
    profile.origin.insert(key, QStringLiteral("/home/ops/.aws/config"));
    return profile;
}

} // namespace

class TstRetrySettings : public QObject
{
    Q_OBJECT

private slots:
    void standardWhenNothingIsSet()
    {
        const RetrySettings settings = RetrySettings::resolve(QProcessEnvironment(), nullptr);
        QVERIFY(settings.ok());
        QCOMPARE(settings.mode, RetrySettings::Mode::Standard);
        QCOMPARE(settings.maxAttempts, 0);
        QVERIFY(settings.note.isEmpty());
    }

    void profileThenEnvironment()
    {
        AwsProfile profile = profileWith(QStringLiteral("retry_mode"), QStringLiteral("adaptive"));
        profile.values.insert(QStringLiteral("max_attempts"), QStringLiteral("5"));
        RetrySettings settings = RetrySettings::resolve(QProcessEnvironment(), &profile);
        QVERIFY2(settings.ok(), qPrintable(settings.error));
        QCOMPARE(settings.mode, RetrySettings::Mode::Adaptive);
        QCOMPARE(settings.maxAttempts, 5);
        QVERIFY(settings.modeSource.contains(QStringLiteral("'ops'")));

        QProcessEnvironment environment;
        environment.insert(QStringLiteral("AWS_RETRY_MODE"), QStringLiteral("Standard"));
        environment.insert(QStringLiteral("AWS_MAX_ATTEMPTS"), QStringLiteral("2"));
        settings = RetrySettings::resolve(environment, &profile);
        QVERIFY2(settings.ok(), qPrintable(settings.error));
        QCOMPARE(settings.mode, RetrySettings::Mode::Standard);
        QCOMPARE(settings.maxAttempts, 2);
        QCOMPARE(settings.modeSource, QStringLiteral("AWS_RETRY_MODE"));
    }

    void legacyIsStandardAndSaysSo()
    {
        const AwsProfile profile = profileWith(QStringLiteral("retry_mode"), QStringLiteral("legacy"));
        const RetrySettings settings = RetrySettings::resolve(QProcessEnvironment(), &profile);
        QVERIFY(settings.ok());
        QCOMPARE(settings.mode, RetrySettings::Mode::Standard);
        QVERIFY2(settings.note.contains(QStringLiteral("legacy")), qPrintable(settings.note));
    }

    void badValuesNameTheirPlace_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("expected");
        QTest::newRow("mode typo") << QStringLiteral("retry_mode") << QStringLiteral("adaptve") << QStringLiteral("'adaptve'");
        QTest::newRow("zero attempts") << QStringLiteral("max_attempts") << QStringLiteral("0") << QStringLiteral("1 to 50");
        QTest::newRow("not a number") << QStringLiteral("max_attempts") << QStringLiteral("three") << QStringLiteral("'three'");
        QTest::newRow("too many") << QStringLiteral("max_attempts") << QStringLiteral("1000") << QStringLiteral("1 to 50");
    }

    void badValuesNameTheirPlace()
    {
        QFETCH(QString, key);
        QFETCH(QString, value);
        QFETCH(QString, expected);
        const AwsProfile profile = profileWith(key, value);
        const RetrySettings settings = RetrySettings::resolve(QProcessEnvironment(), &profile);
        QVERIFY(!settings.ok());
        QVERIFY2(settings.error.contains(expected), qPrintable(settings.error));
        QVERIFY2(settings.error.contains(QStringLiteral("/home/ops/.aws/config")), qPrintable(settings.error));
    }
};

QTEST_GUILESS_MAIN(TstRetrySettings)
#include "tst_retrysettings.moc"
