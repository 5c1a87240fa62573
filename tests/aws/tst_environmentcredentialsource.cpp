#include "CredentialTestSupport.h"
#include "EnvironmentCredentialSource.h"

using namespace flowdesk::aws;

class TstEnvironmentCredentialSource : public QObject
{
    Q_OBJECT

private slots:
    void longTermKeys()
    {
        QProcessEnvironment env;
        env.insert(QStringLiteral("AWS_ACCESS_KEY_ID"), QStringLiteral("AKIAENV"));
        env.insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), QStringLiteral("secret"));
        QVERIFY(EnvironmentCredentialSource::applies(env));
        EnvironmentCredentialSource source(env);
        Credentials c;
        FETCH_OK(&source, c);
        QCOMPARE(c.accessKeyId, QStringLiteral("AKIAENV"));
        QCOMPARE(c.secretAccessKey, QStringLiteral("secret"));
        QVERIFY(!c.isTemporary());
        QVERIFY(!c.expiration.isValid());
    }

    void temporaryKeysWithExpiration()
    {
        QProcessEnvironment env;
        env.insert(QStringLiteral("AWS_ACCESS_KEY_ID"), QStringLiteral("ASIAENV"));
        env.insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), QStringLiteral("secret"));
        env.insert(QStringLiteral("AWS_SESSION_TOKEN"), QStringLiteral("token"));
        env.insert(QStringLiteral("AWS_CREDENTIAL_EXPIRATION"), QStringLiteral("2099-01-02T03:04:05Z"));
        const CredentialsResult r = EnvironmentCredentialSource::read(env);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.credentials.sessionToken, QStringLiteral("token"));
        QCOMPARE(r.credentials.expiration, QDateTime(QDate(2099, 1, 2), QTime(3, 4, 5), Qt::UTC));
    }

    void legacySecurityToken()
    {
        QProcessEnvironment env;
        env.insert(QStringLiteral("AWS_ACCESS_KEY_ID"), QStringLiteral("ASIA"));
        env.insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), QStringLiteral("s"));
        env.insert(QStringLiteral("AWS_SECURITY_TOKEN"), QStringLiteral("legacy"));
        QCOMPARE(EnvironmentCredentialSource::read(env).credentials.sessionToken,
                 QStringLiteral("legacy"));
    }

    void notApplicableWhenUnset()
    {
        QVERIFY(!EnvironmentCredentialSource::applies(QProcessEnvironment()));
    }

    void halfSetPairIsAClearError_data()
    {
        QTest::addColumn<QString>("variable");
        QTest::addColumn<QString>("missing");
        QTest::newRow("only id") << QStringLiteral("AWS_ACCESS_KEY_ID")
                                 << QStringLiteral("AWS_SECRET_ACCESS_KEY is not");
        QTest::newRow("only secret") << QStringLiteral("AWS_SECRET_ACCESS_KEY")
                                     << QStringLiteral("AWS_ACCESS_KEY_ID is not");
    }

    void halfSetPairIsAClearError()
    {
        QFETCH(QString, variable);
        QFETCH(QString, missing);
        QProcessEnvironment env;
        env.insert(variable, QStringLiteral("value"));
        QVERIFY(EnvironmentCredentialSource::applies(env));
        EnvironmentCredentialSource source(env);
        QString error;
        FETCH_ERROR(&source, error);
        QVERIFY2(error.contains(missing), qPrintable(error));
    }

    void badOrPastExpiration()
    {
        QProcessEnvironment env;
        env.insert(QStringLiteral("AWS_ACCESS_KEY_ID"), QStringLiteral("A"));
        env.insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), QStringLiteral("s"));
        env.insert(QStringLiteral("AWS_CREDENTIAL_EXPIRATION"), QStringLiteral("tomorrow"));
        QVERIFY(EnvironmentCredentialSource::read(env).error.contains(QStringLiteral("ISO 8601")));
        env.insert(QStringLiteral("AWS_CREDENTIAL_EXPIRATION"), QStringLiteral("2001-01-01T00:00:00Z"));
        QVERIFY(EnvironmentCredentialSource::read(env).error.contains(QStringLiteral("expired")));
    }
};

QTEST_GUILESS_MAIN(TstEnvironmentCredentialSource)
#include "tst_environmentcredentialsource.moc"
