// Signing in to IAM Identity Center from Flowdesk (the device authorization grant) against the
// in-process simulator: the "browser" is a GET of the verification page the login offers,
// which approves the code as a user would. The token lands in the AWS CLI's cache in
// botocore's format, the portal accepts it, a second sign-in reuses the registration, and
// cancelling or never approving ends the sign-in with a message.
#include "SimulatorFixture.h"
#include "SsoCredentialSource.h"
#include "SsoDeviceLogin.h"
#include "SsoTokenFile.h"

#include <sys/stat.h>

#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace flowdesk::aws;

class TstSsoDeviceLogin : public QObject
{
    Q_OBJECT

    QNetworkAccessManager m_network;
    QTemporaryDir m_home;

    SsoDeviceLogin::Request request(const QString &session) const
    {
        SsoDeviceLogin::Request r;
        r.sessionName = session;
        r.startUrl = QStringLiteral("https://corp.awsapps.com/start");
        r.ssoRegion = QStringLiteral("eu-west-1");
        r.cacheDirectory = m_home.filePath(QStringLiteral(".aws/sso/cache")); // not there yet
        return r;
    }

    // What the user does in the browser: open the page (the simulator approves on opening).
    int openInBrowser(const QUrl &page)
    {
        QNetworkReply *reply = m_network.get(QNetworkRequest(page));
        QSignalSpy done(reply, &QNetworkReply::finished);
        if (!done.wait(10000))
            return -1;
        reply->deleteLater();
        return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    }

    static int count(const QString &logPath, const QByteArray &what)
    {
        QFile log(logPath);
        return log.open(QIODevice::ReadOnly) ? int(log.readAll().count(what)) : -1;
    }

private slots:
    void initTestCase() { QVERIFY(m_home.isValid()); }

    void signInApprovedInTheBrowserWritesTheCliCache()
    {
        QTemporaryDir logDir;
        flowdesk::sim::SimulatorConfig config;
        config.requestLogPath = logDir.filePath(QStringLiteral("log.jsonl"));
        const auto sim = test::startSimulator(config);
        SsoDeviceLogin login(sim->url(), &m_network);
        QSignalSpy ready(&login, &SsoDeviceLogin::verificationReady);
        QSignalSpy finished(&login, &SsoDeviceLogin::finished);
        login.start(request(QStringLiteral("corp")));
        QVERIFY(login.isRunning());
        QVERIFY(ready.wait(10000));
        const QUrl page = ready.at(0).at(0).toUrl();
        const QString userCode = ready.at(0).at(1).toString();
        QVERIFY2(QRegularExpression(QStringLiteral("^[A-Z]{4}-[A-Z]{4}$")).match(userCode).hasMatch(), qPrintable(userCode));
        QVERIFY(page.toString().contains(userCode));
        QVERIFY(ready.at(0).at(2).toDateTime() > QDateTime::currentDateTimeUtc().addSecs(500));

        // The user is slow: the login polls and is told to wait, then the user approves.
        QTest::qWait(1500);
        QVERIFY(finished.isEmpty());
        QCOMPARE(openInBrowser(page), 200);
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.at(0).at(0).toString(), QString());
        QVERIFY(!login.isRunning());
        QVERIFY(count(config.requestLogPath, "AuthorizationPendingException") >= 1);
        QCOMPARE(count(config.requestLogPath, "sso-oidc:RegisterClient"), 1);

        // The cache file: where the CLI looks, owner-only, every field botocore writes.
        const QString path = finished.at(0).at(1).toString();
        QCOMPARE(path, SsoCredentialSource::cacheFileName(request(QStringLiteral("corp")).cacheDirectory,
                                                          QStringLiteral("corp")));
        struct stat info {};
        QCOMPARE(::stat(QFile::encodeName(path).constData(), &info), 0);
        QCOMPARE(info.st_mode & 0777, 0600u);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const std::optional<SsoToken> token = SsoTokenFile::parse(file.readAll());
        QVERIFY(token);
        QCOMPARE(token->startUrl, QStringLiteral("https://corp.awsapps.com/start"));
        QCOMPARE(token->region, QStringLiteral("eu-west-1"));
        QVERIFY(token->expiresAt > QDateTime::currentDateTimeUtc().addSecs(3600));
        QVERIFY(!token->clientId.isEmpty() && !token->clientSecret.isEmpty() && !token->refreshToken.isEmpty());
        QVERIFY(SsoTokenFile::parseTime(token->registrationExpiresAt) > QDateTime::currentDateTimeUtc().addDays(80));
        QVERIFY(token->canRefresh(QDateTime::currentDateTimeUtc()));

        // The portal accepts the new login.
        SsoParameters parameters;
        parameters.profileName = QStringLiteral("corp-dev");
        parameters.sessionName = QStringLiteral("corp");
        parameters.startUrl = token->startUrl;
        parameters.accountId = QStringLiteral("123456789012");
        parameters.roleName = QStringLiteral("FlowdeskOperator");
        parameters.cacheDirectory = request(QStringLiteral("corp")).cacheDirectory;
        SsoCredentialSource source(parameters, sim->url(), &m_network);
        std::optional<CredentialsResult> result;
        source.requestCredentials(this, [&](const CredentialsResult &r) { result = r; });
        QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 10000);
        QVERIFY2(result->ok(), qPrintable(result->error));

        // Signing in again reuses the registration in the cache: no second RegisterClient.
        QSignalSpy again(&login, &SsoDeviceLogin::verificationReady);
        login.start(request(QStringLiteral("corp")));
        QVERIFY(again.wait(10000));
        QCOMPARE(openInBrowser(again.at(0).at(0).toUrl()), 200);
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.at(1).at(0).toString(), QString());
        QCOMPARE(count(config.requestLogPath, "sso-oidc:RegisterClient"), 1);
        QCOMPARE(count(config.requestLogPath, "sso-oidc:StartDeviceAuthorization"), 2);
        // A used code cannot approve twice.
        QCOMPARE(openInBrowser(again.at(0).at(0).toUrl()), 404);
    }

    void cancelEndsTheSignInWithAMessage()
    {
        const auto sim = test::startSimulator();
        SsoDeviceLogin login(sim->url(), &m_network);
        QSignalSpy ready(&login, &SsoDeviceLogin::verificationReady);
        QSignalSpy finished(&login, &SsoDeviceLogin::finished);
        login.start(request(QStringLiteral("cancelled")));
        QVERIFY(ready.wait(10000));
        login.cancel();
        QCOMPARE(finished.size(), 1);
        QVERIFY2(finished.at(0).at(0).toString().contains(QStringLiteral("cancelled")),
                 qPrintable(finished.at(0).at(0).toString()));
        QVERIFY(!QFile::exists(finished.at(0).at(1).toString()));
        QTest::qWait(1500); // no poll after the cancel
        QCOMPARE(finished.size(), 1);
    }

    void unreachableServiceSaysSo()
    {
        SsoDeviceLogin login(QUrl(QStringLiteral("http://127.0.0.1:9")), &m_network);
        QSignalSpy finished(&login, &SsoDeviceLogin::finished);
        login.start(request(QStringLiteral("offline")));
        QVERIFY(finished.wait(10000));
        const QString error = finished.at(0).at(0).toString();
        QVERIFY2(error.contains(QStringLiteral("register")) && error.contains(QStringLiteral("network")),
                 qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TstSsoDeviceLogin)
#include "tst_ssodevicelogin.moc"
