// STS AssumeRole against the in-process simulator over real HTTP on loopback.
#include "AssumeRoleCredentialSource.h"
#include "CachingCredentialSource.h"
#include "CredentialTestSupport.h"
#include "MfaPrompter.h"
#include "SimulatorFixture.h"

#include <QNetworkAccessManager>
#include <QTcpServer>
#include <QTimer>

using namespace flowdesk::aws;
using namespace std::chrono_literals;

namespace {

// Answers like a user at the prompt would: a fixed code, or cancel ("").
class ScriptedPrompter : public MfaPrompter
{
public:
    QString answer;
    QStringList askedSerials;
    void requestMfaCode(const QString &serialNumber, const QString &, const QString &,
                        Callback callback) override
    {
        askedSerials << serialNumber;
        QTimer::singleShot(1, [callback, a = answer] { callback(a); });
    }
};

const QString kRole = QStringLiteral("arn:aws:iam::123456789012:role/flowdesk-ops");

} // namespace

class TstAssumeRoleCredentialSource : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<flowdesk::sim::Simulator> m_sim;
    QNetworkAccessManager m_network;
    ScriptedPrompter m_prompter;

    CredentialSource *simKeys(const QString &secretOverride = {})
    {
        Credentials c = m_sim->credentials();
        if (!secretOverride.isEmpty())
            c.secretAccessKey = secretOverride;
        return new StaticCredentialSource(c, QStringLiteral("simulator keys"));
    }

    std::unique_ptr<AssumeRoleCredentialSource> role(const AssumeRoleParameters &p,
                                                     CredentialSource *source = nullptr)
    {
        return std::make_unique<AssumeRoleCredentialSource>(
            p, source ? source : simKeys(), m_sim->url(), m_sim->config().region, &m_network,
            &m_prompter);
    }

    static AssumeRoleParameters params(const QString &roleArn = kRole)
    {
        AssumeRoleParameters p;
        p.profileName = QStringLiteral("ops");
        p.roleArn = roleArn;
        return p;
    }

private slots:
    void initTestCase()
    {
        m_sim = flowdesk::aws::test::startSimulator();
        QVERIFY2(m_sim->url().isValid(), qPrintable(m_sim->errorString()));
    }

    void assumesRole()
    {
        auto source = role(params());
        QCOMPARE(source->description(), QStringLiteral("profile ops (role %1)").arg(kRole));
        Credentials c;
        FETCH_OK(source.get(), c);
        QVERIFY(c.isTemporary());
        QVERIFY(c.accessKeyId != m_sim->credentials().accessKeyId);
        const qint64 lifetime = QDateTime::currentDateTimeUtc().secsTo(c.expiration);
        QVERIFY2(lifetime > 3000 && lifetime <= 3600, qPrintable(QString::number(lifetime)));
    }

    void optionsReachSts()
    {
        AssumeRoleParameters p = params();
        p.externalId = QStringLiteral("partner-42");
        p.roleSessionName = QStringLiteral("alice@example.com");
        p.durationSeconds = 900;
        auto source = role(p);
        Credentials c;
        FETCH_OK(source.get(), c);
        QVERIFY(QDateTime::currentDateTimeUtc().secsTo(c.expiration) <= 900);
    }

    void invalidOptionsAreClearErrors()
    {
        AssumeRoleParameters p = params();
        p.durationSeconds = 60;
        auto source = role(p);
        QString error;
        FETCH_ERROR(source.get(), error);
        QVERIFY2(error.contains(QStringLiteral("900 to 43200")), qPrintable(error));

        p = params();
        p.externalId = QStringLiteral("x"); // STS wants at least 2 characters
        source = role(p);
        FETCH_ERROR(source.get(), error);
        QVERIFY2(error.contains(QStringLiteral("ValidationError")), qPrintable(error));
    }

    void deniedRoleNamesRoleAndCode()
    {
        auto source = role(params(QStringLiteral("arn:aws:iam::123456789012:role/denied-role")));
        QString error;
        FETCH_ERROR(source.get(), error);
        QVERIFY2(error.contains(QStringLiteral("AccessDenied")), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("role/denied-role")), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("trust policy")), qPrintable(error));
    }

    void wrongSourceSecretIsRejected()
    {
        auto source = role(params(), simKeys(QStringLiteral("not-the-secret")));
        QString error;
        FETCH_ERROR(source.get(), error);
        QVERIFY2(error.contains(QStringLiteral("SignatureDoesNotMatch")), qPrintable(error));
        QVERIFY(!error.contains(QStringLiteral("not-the-secret")));
    }

    void failingSourceIsReported()
    {
        auto source = role(params(), new StaticCredentialSource({}, QStringLiteral("nothing")));
        QString error;
        FETCH_ERROR(source.get(), error);
        QVERIFY2(error.contains(QStringLiteral("source credentials (nothing)")), qPrintable(error));
    }

    void mfaCodeIsAskedAndSent()
    {
        AssumeRoleParameters p = params(QStringLiteral("arn:aws:iam::123456789012:role/needs-mfa"));
        p.mfaSerial = QStringLiteral("arn:aws:iam::123456789012:mfa/alice");
        m_prompter.askedSerials.clear();
        m_prompter.answer = QStringLiteral("123456");
        auto source = role(p);
        Credentials c;
        FETCH_OK(source.get(), c);
        QCOMPARE(m_prompter.askedSerials, QStringList{p.mfaSerial});

        m_prompter.answer = QStringLiteral("654321");
        QString error;
        FETCH_ERROR(source.get(), error);
        QVERIFY2(error.contains(QStringLiteral("MultiFactorAuthentication failed")), qPrintable(error));

        m_prompter.answer = QStringLiteral("12ab");
        FETCH_ERROR(source.get(), error);
        QVERIFY2(error.contains(QStringLiteral("6 digits")), qPrintable(error));

        m_prompter.answer.clear();
        FETCH_ERROR(source.get(), error);
        QVERIFY2(error.contains(QStringLiteral("cancelled")), qPrintable(error));
    }

    void mfaWithoutPrompterIsAClearError()
    {
        AssumeRoleParameters p = params(QStringLiteral("arn:aws:iam::123456789012:role/needs-mfa"));
        p.mfaSerial = QStringLiteral("arn:aws:iam::123456789012:mfa/alice");
        AssumeRoleCredentialSource source(p, simKeys(), m_sim->url(), m_sim->config().region,
                                          &m_network, nullptr);
        QString error;
        FETCH_ERROR(&source, error);
        QVERIFY2(error.contains(QStringLiteral("needs an MFA code")), qPrintable(error));
    }

    void roleChaining()
    {
        auto first = role(params()).release();
        auto second = role(params(QStringLiteral("arn:aws:iam::123456789012:role/second")), first);
        Credentials c;
        FETCH_OK(second.get(), c);
        QVERIFY(c.isTemporary());
    }

    void unreachableStsIsAClearError()
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        const quint16 port = closed.serverPort();
        closed.close();
        AssumeRoleCredentialSource source(params(), simKeys(),
                                          QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)),
                                          QStringLiteral("us-east-1"), &m_network);
        QString error;
        FETCH_ERROR(&source, error);
        QVERIFY2(error.contains(QStringLiteral("could not reach STS")), qPrintable(error));
    }

    void hangingStsTimesOut()
    {
        QTcpServer silent; // accepts connections, never answers
        QVERIFY(silent.listen(QHostAddress::LocalHost));
        AssumeRoleCredentialSource source(
            params(), simKeys(), QUrl(QStringLiteral("http://127.0.0.1:%1").arg(silent.serverPort())),
            QStringLiteral("us-east-1"), &m_network);
        source.setTransferTimeout(300ms);
        QString error;
        FETCH_ERROR(&source, error);
        QVERIFY2(error.contains(QStringLiteral("could not reach STS")), qPrintable(error));
    }

    void destroyedWhileWaitingIsSafe()
    {
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost));
        bool called = false;
        auto source = std::make_unique<AssumeRoleCredentialSource>(
            params(), simKeys(), QUrl(QStringLiteral("http://127.0.0.1:%1").arg(silent.serverPort())),
            QStringLiteral("us-east-1"), &m_network);
        source->requestCredentials(nullptr, [&](const CredentialsResult &) { called = true; });
        QTRY_VERIFY(silent.hasPendingConnections() || silent.waitForNewConnection(50));
        source.reset(); // the reply goes with it
        QTest::qWait(100);
        QVERIFY(!called);
    }

    void malformedAnswers()
    {
        const QString what = QStringLiteral("Assuming role R");
        CredentialsResult r = AssumeRoleCredentialSource::parseResponse(
            502, "<html><body>Bad Gateway</body></html>", what);
        QVERIFY(r.error.contains(QStringLiteral("HTTP 502")));
        r = AssumeRoleCredentialSource::parseResponse(200, "not xml at all", what);
        QVERIFY2(r.error.contains(QStringLiteral("cannot be read")), qPrintable(r.error));
        r = AssumeRoleCredentialSource::parseResponse(200, "", what);
        QVERIFY2(r.error.contains(QStringLiteral("cannot be read")), qPrintable(r.error));
        r = AssumeRoleCredentialSource::parseResponse(
            200, "<AssumeRoleResponse><AssumeRoleResult><Credentials><AccessKeyId>A"
                 "</AccessKeyId></Credentials></AssumeRoleResult></AssumeRoleResponse>", what);
        QVERIFY2(r.error.contains(QStringLiteral("lacks the credentials")), qPrintable(r.error));
    }

    // Temporary credentials are refreshed before they expire, without the caller noticing.
    void refreshBeforeExpiry()
    {
        CachingCredentialSource cache(role(params()).release());
        QDateTime now = QDateTime::currentDateTimeUtc();
        cache.setClock([&now] { return now; });
        Credentials first;
        FETCH_OK(&cache, first);
        Credentials again;
        FETCH_OK(&cache, again);
        QCOMPARE(again.accessKeyId, first.accessKeyId);

        now = first.expiration.addSecs(-60); // one minute left: inside the mandatory margin
        Credentials refreshed;
        FETCH_OK(&cache, refreshed);
        QVERIFY(refreshed.accessKeyId != first.accessKeyId);
        QVERIFY(refreshed.expiration >= first.expiration);
    }
};

QTEST_GUILESS_MAIN(TstAssumeRoleCredentialSource)
#include "tst_assumerolecredentialsource.moc"
