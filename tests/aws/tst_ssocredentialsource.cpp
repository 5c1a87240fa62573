// IAM Identity Center: tokens cached by `aws sso login` (written here as the CLI writes them)
// exchanged for role credentials at the in-process simulator's portal endpoint.
#include "CredentialTestSupport.h"
#include "SimulatorFixture.h"
#include "SsoCredentialSource.h"
#include "SsoTokenFile.h"

#include <sys/stat.h>

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>

using namespace flowdesk::aws;

class TstSsoCredentialSource : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<flowdesk::sim::Simulator> m_sim;
    QNetworkAccessManager m_network;
    QTemporaryDir m_cache;
    const QString m_token = QStringLiteral("sso-access-token-") + QUuid::createUuid().toString(QUuid::Id128);

    void writeToken(const QString &key, const QString &token, const QDateTime &expiresAt,
                    const QString &format = {})
    {
        QFile file(SsoCredentialSource::cacheFileName(m_cache.path(), key));
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        const QString expiry = format.isEmpty() ? expiresAt.toString(Qt::ISODate)
                                                : expiresAt.toString(format);
        file.write(QJsonDocument(QJsonObject{{QStringLiteral("startUrl"), QStringLiteral("https://corp.awsapps.com/start")},
                                             {QStringLiteral("region"), QStringLiteral("us-east-1")},
                                             {QStringLiteral("accessToken"), token},
                                             {QStringLiteral("expiresAt"), expiry}})
                       .toJson());
    }

    SsoParameters params(const QString &session = QStringLiteral("my-sso"))
    {
        SsoParameters p;
        p.profileName = QStringLiteral("dev");
        p.sessionName = session;
        p.startUrl = QStringLiteral("https://corp.awsapps.com/start");
        p.accountId = QStringLiteral("123456789012");
        p.roleName = QStringLiteral("FlowdeskOperator");
        p.cacheDirectory = m_cache.path();
        return p;
    }

    static QDateTime inOneHour() { return QDateTime::currentDateTimeUtc().addSecs(3600); }

    // A token file as `aws sso login` writes it for an sso-session: the access token and
    // the client registration with a refresh token.
    void writeRenewableToken(const QString &session, const QString &accessToken, const QDateTime &expiresAt,
                             const QString &clientId, const QString &refreshToken,
                             const QDateTime &registrationExpiresAt = QDateTime::currentDateTimeUtc().addDays(80))
    {
        QFile file(SsoCredentialSource::cacheFileName(m_cache.path(), session));
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(QJsonDocument(QJsonObject{{QStringLiteral("startUrl"), QStringLiteral("https://corp.awsapps.com/start")},
                                             {QStringLiteral("region"), QStringLiteral("us-east-1")},
                                             {QStringLiteral("accessToken"), accessToken},
                                             {QStringLiteral("expiresAt"), expiresAt.toString(Qt::ISODate)},
                                             {QStringLiteral("clientId"), clientId},
                                             {QStringLiteral("clientSecret"), QString(clientId + QStringLiteral("-secret"))},
                                             {QStringLiteral("registrationExpiresAt"), registrationExpiresAt.toString(Qt::ISODate)},
                                             {QStringLiteral("refreshToken"), refreshToken}})
                       .toJson());
    }

    // How many CreateToken requests the simulator has served so far (its request log).
    int createTokenRequests() const
    {
        QFile log(m_logPath);
        if (!log.open(QIODevice::ReadOnly))
            return -1;
        return int(log.readAll().count("sso-oidc:CreateToken"));
    }

    QString m_logPath;

private slots:
    void initTestCase()
    {
        flowdesk::sim::SimulatorConfig config;
        config.ssoAccessTokens = {m_token};
        // One OIDC client per renewal test: each renewal rotates the client's refresh token.
        for (const char *client : {"renew", "once-a-minute", "expired-bad-grant", "mandatory-bad-grant", "legacy"})
            config.ssoClients.append({QLatin1String(client), QLatin1String(client) + QStringLiteral("-secret"),
                                      QLatin1String(client) + QStringLiteral("-refresh-1")});
        m_logPath = m_cache.filePath(QStringLiteral("requests.jsonl"));
        config.requestLogPath = m_logPath;
        m_sim = flowdesk::aws::test::startSimulator(config);
        QVERIFY2(m_sim->url().isValid(), qPrintable(m_sim->errorString()));
    }

    void cacheFileIsSha1OfSessionName()
    {
        QCOMPARE(QFileInfo(SsoCredentialSource::cacheFileName(QStringLiteral("/c"), QStringLiteral("my-sso")))
                     .fileName(),
                 QStringLiteral("0ad374308c5a4e22f723adf10145eafad7c4031c.json"));
    }

    void sessionTokenGivesRoleCredentials()
    {
        writeToken(QStringLiteral("my-sso"), m_token, inOneHour());
        SsoCredentialSource source(params(), m_sim->url(), &m_network);
        Credentials c;
        FETCH_OK(&source, c);
        QVERIFY(c.isTemporary());
        QVERIFY(c.expiration > QDateTime::currentDateTimeUtc());
        QVERIFY(source.description().contains(QStringLiteral("FlowdeskOperator")));
    }

    void legacyProfileUsesStartUrlHash()
    {
        // CLI v1 wrote expiresAt as "…UTC".
        writeToken(QStringLiteral("https://corp.awsapps.com/start"), m_token, inOneHour(),
                   QStringLiteral("yyyy-MM-ddTHH:mm:ssUTC"));
        SsoCredentialSource source(params(QString()), m_sim->url(), &m_network);
        Credentials c;
        FETCH_OK(&source, c);
    }

    void expiredTokenAsksForLogin()
    {
        writeToken(QStringLiteral("old"), m_token, QDateTime::currentDateTimeUtc().addSecs(-10));
        SsoCredentialSource source(params(QStringLiteral("old")), m_sim->url(), &m_network);
        QString error;
        FETCH_ERROR(&source, error);
        QVERIFY2(error.contains(QStringLiteral("expired")), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("aws sso login --profile dev")), qPrintable(error));
    }

    void missingTokenAsksForLogin()
    {
        SsoCredentialSource source(params(QStringLiteral("never-logged-in")), m_sim->url(), &m_network);
        QString error;
        FETCH_ERROR(&source, error);
        QVERIFY2(error.contains(QStringLiteral("aws sso login --profile dev")), qPrintable(error));
    }

    void damagedTokenFile()
    {
        QFile file(SsoCredentialSource::cacheFileName(m_cache.path(), QStringLiteral("damaged")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\"accessToken\": ");
        file.close();
        SsoCredentialSource source(params(QStringLiteral("damaged")), m_sim->url(), &m_network);
        QString error;
        FETCH_ERROR(&source, error);
        QVERIFY2(error.contains(QStringLiteral("damaged")), qPrintable(error));
    }

    // The token cache is read only from a regular file of at most kMaxTokenFileSize: one byte
    // more is refused with a message naming the file, a FIFO does not block.
    void tokenFileSizeIsCapped()
    {
        const QString path = SsoCredentialSource::cacheFileName(m_cache.path(), QStringLiteral("huge"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QByteArray token = "{\"accessToken\": \"" + m_token.toUtf8() + "\", \"expiresAt\": \""
            + inOneHour().toString(Qt::ISODate).toUtf8() + "\", \"pad\": \"";
        const qint64 cap = SsoCredentialSource::kMaxTokenFileSize;
        token += QByteArray(cap - token.size() - 2, 'x') + "\"}";
        QCOMPARE(token.size(), cap);
        file.write(token);
        file.close();
        {
            // At the cap it is read and used.
            SsoCredentialSource source(params(QStringLiteral("huge")), m_sim->url(), &m_network);
            Credentials c;
            FETCH_OK(&source, c);
            QVERIFY(!c.accessKeyId.isEmpty());
        }
        QVERIFY(file.open(QIODevice::Append));
        file.write(" ");
        file.close();
        SsoCredentialSource source(params(QStringLiteral("huge")), m_sim->url(), &m_network);
        QString error;
        FETCH_ERROR(&source, error);
        QVERIFY2(error.contains(path), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("larger than 1024 KiB")), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("aws sso login --profile dev")), qPrintable(error));
    }

    void tokenFifoDoesNotBlock()
    {
        const QString path = SsoCredentialSource::cacheFileName(m_cache.path(), QStringLiteral("fifo"));
        QCOMPARE(::mkfifo(QFile::encodeName(path).constData(), 0600), 0);
        SsoCredentialSource source(params(QStringLiteral("fifo")), m_sim->url(), &m_network);
        QString error;
        FETCH_ERROR(&source, error);
        QVERIFY2(error.contains(path) && error.contains(QStringLiteral("named pipe")), qPrintable(error));
    }

    void tokenRejectedByPortalAsksForLogin()
    {
        writeToken(QStringLiteral("revoked"), QStringLiteral("revoked-token"), inOneHour());
        SsoCredentialSource source(params(QStringLiteral("revoked")), m_sim->url(), &m_network);
        QString error;
        FETCH_ERROR(&source, error);
        QVERIFY2(error.contains(QStringLiteral("HTTP 401")), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("aws sso login --profile dev")), qPrintable(error));
        QVERIFY(!error.contains(QStringLiteral("revoked-token")));
    }

    // botocore's rules: under 15 minutes left, CreateToken (refresh_token) renews the token,
    // which is written back in the CLI's format (0600) and used at once. The old token here is
    // one the portal does not accept: credentials prove the renewed one was used.
    void renewsATokenAboutToExpire()
    {
        const QString path = SsoCredentialSource::cacheFileName(m_cache.path(), QStringLiteral("renew-sso"));
        writeRenewableToken(QStringLiteral("renew-sso"), QStringLiteral("stale-token"),
                            QDateTime::currentDateTimeUtc().addSecs(5 * 60), QStringLiteral("renew"),
                            QStringLiteral("renew-refresh-1"));
        const int before = createTokenRequests();
        SsoCredentialSource source(params(QStringLiteral("renew-sso")), m_sim->url(), &m_network, nullptr, m_sim->url());
        Credentials c;
        FETCH_OK(&source, c);
        QCOMPARE(createTokenRequests(), before + 1);

        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray written = file.readAll();
        const std::optional<SsoToken> renewed = SsoTokenFile::parse(written);
        QVERIFY(renewed);
        QVERIFY(renewed->accessToken.startsWith(QStringLiteral("sim-sso-access-")));
        QVERIFY(renewed->refreshToken.startsWith(QStringLiteral("sim-sso-refresh-"))); // rotated
        QCOMPARE(renewed->clientId, QStringLiteral("renew"));
        QCOMPARE(renewed->clientSecret, QStringLiteral("renew-secret"));
        QCOMPARE(renewed->startUrl, QStringLiteral("https://corp.awsapps.com/start"));
        const qint64 validFor = QDateTime::currentDateTimeUtc().secsTo(renewed->expiresAt);
        QVERIFY2(validFor > 8 * 3600 - 60 && validFor <= 8 * 3600, qPrintable(QString::number(validFor)));
        QCOMPARE(written, SsoTokenFile::serialize(*renewed)); // botocore's layout, byte for byte
        QCOMPARE(QFile::permissions(path),
                 QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadUser | QFileDevice::WriteUser);
        // Valid for hours now: the next request needs no renewal.
        SsoCredentialSource again(params(QStringLiteral("renew-sso")), m_sim->url(), &m_network, nullptr, m_sim->url());
        FETCH_OK(&again, c);
        QCOMPARE(createTokenRequests(), before + 1);
    }

    // A renewal that fails with time left (12 min: the advisory window) is not an error: the
    // current token serves, and the next attempt waits a minute.
    void failedRenewalIsRetriedAtMostOnceAMinute()
    {
        writeRenewableToken(QStringLiteral("advisory-sso"), m_token, QDateTime::currentDateTimeUtc().addSecs(12 * 60),
                            QStringLiteral("once-a-minute"), QStringLiteral("not-the-refresh-token"));
        const int before = createTokenRequests();
        SsoCredentialSource source(params(QStringLiteral("advisory-sso")), m_sim->url(), &m_network, nullptr, m_sim->url());
        Credentials c;
        FETCH_OK(&source, c);
        QCOMPARE(createTokenRequests(), before + 1);
        FETCH_OK(&source, c);
        FETCH_OK(&source, c);
        QCOMPARE(createTokenRequests(), before + 1);
    }

    // Expired, and the refresh token is refused: the user is told both, and what to run.
    void expiredTokenThatCannotBeRenewedAsksForLogin()
    {
        writeRenewableToken(QStringLiteral("expired-sso"), QStringLiteral("expired-token"),
                            QDateTime::currentDateTimeUtc().addSecs(-60), QStringLiteral("expired-bad-grant"),
                            QStringLiteral("revoked-refresh-token"));
        SsoCredentialSource source(params(QStringLiteral("expired-sso")), m_sim->url(), &m_network, nullptr, m_sim->url());
        QString error;
        FETCH_ERROR(&source, error);
        QVERIFY2(error.contains(QStringLiteral("has expired")), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("invalid_grant")), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("aws sso login --profile dev")), qPrintable(error));
        QVERIFY(!error.contains(QStringLiteral("revoked-refresh-token")));
    }

    // Under 10 minutes left a failed renewal is the answer (botocore's mandatory window), and
    // says when the login ends.
    void failedRenewalInTheLastTenMinutesIsAnError()
    {
        writeRenewableToken(QStringLiteral("mandatory-sso"), m_token, QDateTime::currentDateTimeUtc().addSecs(5 * 60),
                            QStringLiteral("mandatory-bad-grant"), QStringLiteral("wrong"));
        SsoCredentialSource source(params(QStringLiteral("mandatory-sso")), m_sim->url(), &m_network, nullptr, m_sim->url());
        QString error;
        FETCH_ERROR(&source, error);
        QVERIFY2(error.contains(QStringLiteral("could not be renewed")), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("aws sso login --profile dev")), qPrintable(error));
    }

    // Legacy profiles (sso_start_url on the profile, no sso_session) are never renewed, as in
    // botocore; an expired registration is not used either.
    void legacyAndExpiredRegistrationsAreNotRenewed()
    {
        writeRenewableToken(QStringLiteral("https://legacy.awsapps.com/start"), m_token,
                            QDateTime::currentDateTimeUtc().addSecs(5 * 60), QStringLiteral("legacy"),
                            QStringLiteral("legacy-refresh-1"));
        const int before = createTokenRequests();
        SsoParameters legacy = params(QString());
        legacy.startUrl = QStringLiteral("https://legacy.awsapps.com/start");
        SsoCredentialSource source(legacy, m_sim->url(), &m_network, nullptr, m_sim->url());
        Credentials c;
        FETCH_OK(&source, c);
        writeRenewableToken(QStringLiteral("old-registration"), m_token, QDateTime::currentDateTimeUtc().addSecs(5 * 60),
                            QStringLiteral("legacy"), QStringLiteral("legacy-refresh-1"),
                            QDateTime::currentDateTimeUtc().addDays(-1));
        SsoCredentialSource expiredRegistration(params(QStringLiteral("old-registration")), m_sim->url(), &m_network,
                                                nullptr, m_sim->url());
        FETCH_OK(&expiredRegistration, c);
        QCOMPARE(createTokenRequests(), before);
    }

    void unreachablePortal()
    {
        writeToken(QStringLiteral("my-sso"), m_token, inOneHour());
        SsoCredentialSource source(params(), QUrl(QStringLiteral("http://127.0.0.1:1")), &m_network);
        QString error;
        FETCH_ERROR(&source, error);
        QVERIFY2(error.contains(QStringLiteral("Could not reach IAM Identity Center")), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TstSsoCredentialSource)
#include "tst_ssocredentialsource.moc"
