// IAM Identity Center: tokens cached by `aws sso login` (written here as the CLI writes them)
// exchanged for role credentials at the in-process simulator's portal endpoint.
#include "CredentialTestSupport.h"
#include "SimulatorFixture.h"
#include "SsoCredentialSource.h"

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

private slots:
    void initTestCase()
    {
        flowdesk::sim::SimulatorConfig config;
        config.ssoAccessTokens = {m_token};
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
