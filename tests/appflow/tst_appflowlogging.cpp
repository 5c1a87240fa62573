// Everything flowdesk.appflow and flowdesk.aws log during full signed exchanges — success,
// throttling retry, clock-skew correction, credential refresh, errors — is captured at debug
// level and searched for secrets: no secret key, no session token, no Authorization header or
// signature may appear.
#include "AppFlowClient.h"
#include "FaultServer.h"

#include <SigV4.h>

#include <QLoggingCategory>
#include <QtTest>

using namespace flowdesk::appflow;
using namespace faulttest;
using namespace Qt::StringLiterals;
using flowdesk::aws::Credentials;
using flowdesk::aws::CredentialSource;
using flowdesk::aws::CredentialsResult;

namespace {

QStringList g_messages;
QtMessageHandler g_previous = nullptr;

void capture(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    g_messages << QString::fromLatin1(context.category ? context.category : "default") + u": "_s + message;
    if (g_previous)
        g_previous(type, context, message);
}

// Temporary credentials that rotate on invalidate(), with recognisable secrets.
class SecretSource : public CredentialSource
{
public:
    int generation = 1;
    QStringList handedOutSecrets;
    void requestCredentials(QObject *, Callback callback) override
    {
        const QString n = QString::number(generation);
        const Credentials credentials{u"ASIALOGTEST00000000"_s + n, u"SECRETkeyNeverLogged/"_s + n,
                                      u"TOKENsessionNeverLogged+"_s + n,
                                      QDateTime::currentDateTimeUtc().addSecs(900)};
        handedOutSecrets << credentials.secretAccessKey << credentials.sessionToken;
        callback(CredentialsResult{credentials, {}});
    }
    void invalidate() override { ++generation; }
    QString description() const override { return u"log test"_s; }
};

} // namespace

class TstAppFlowLogging : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QLoggingCategory::setFilterRules(u"flowdesk.*=true\nflowdesk.*.debug=true"_s);
        g_previous = qInstallMessageHandler(capture);
    }
    void cleanupTestCase() { qInstallMessageHandler(g_previous); }

    void noSecretsInLogs()
    {
        // 1st request: expired token → refresh; 2nd: throttled; 3rd: skewed clock; then OK;
        // then a modeled error.
        FaultServer server([](const RecordedRequest &request, int) {
            const QDateTime now = QDateTime::currentDateTimeUtc();
            if (request.header("X-Amz-Security-Token").endsWith("+1"))
                return FaultAction::error(403, "Forbidden", "ExpiredTokenException",
                                          "The security token included in the request is expired");
            const QDateTime signedAt = flowdesk::aws::sigv4::parseAmzDate(request.header("X-Amz-Date"));
            if (std::abs(signedAt.secsTo(now)) > 300)
                return FaultAction::error(403, "Forbidden", "InvalidSignatureException",
                                          "Signature expired: too old");
            static int throttled = 0;
            if (throttled++ == 0)
                return FaultAction::error(429, "Too Many Requests", "ThrottlingException", "Rate exceeded");
            if (request.path == "/stop-flow")
                return FaultAction::error(409, "Conflict", "ConflictException", "busy");
            return FaultAction::json(QJsonObject{{u"flowName"_s, u"orders"_s}});
        });
        QVERIFY(server.listen());
        SecretSource source;
        AppFlowClientConfig config;
        config.endpoint = server.url();
        config.region = u"eu-west-1"_s;
        config.retry.baseDelay = std::chrono::milliseconds(5);
        config.clock = [] { return QDateTime::currentDateTimeUtc().addSecs(-3600); };
        AppFlowClient client(config, &source);

        bool described = false;
        client.describeFlow(u"orders"_s, this, [&](const AppFlowResult<FlowDescription> &result) {
            QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().toString()));
            described = true;
        });
        QTRY_VERIFY(described);
        bool stopped = false;
        client.stopFlow(u"orders"_s, this, [&](const AppFlowResult<StopFlowResult> &result) {
            QVERIFY(!result.ok());
            stopped = true;
        });
        QTRY_VERIFY(stopped);
        QVERIFY(server.requests().size() >= 5);

        const QString log = g_messages.join(u'\n');
        // The capture works and the interesting paths were logged.
        QVERIFY2(log.contains(u"flowdesk.aws: signed DescribeFlow with access key ASIALOGTEST000000002"_s), qPrintable(log));
        QVERIFY(log.contains(u"ExpiredTokenException"_s));
        QVERIFY(log.contains(u"ThrottlingException"_s));
        QVERIFY(log.contains(u"clock"_s));
        QVERIFY(log.contains(u"ConflictException"_s));

        QStringList forbidden = source.handedOutSecrets;
        for (const RecordedRequest &request : server.requests()) {
            const QByteArray authorization = request.header("Authorization");
            QVERIFY(!authorization.isEmpty());
            forbidden << QString::fromLatin1(authorization)
                      << QString::fromLatin1(flowdesk::aws::sigv4::parseAuthorization(authorization).signature)
                      << QString::fromLatin1(request.header("X-Amz-Security-Token"));
        }
        forbidden << u"Authorization"_s << u"AWS4-HMAC-SHA256"_s << u"X-Amz-Security-Token"_s;
        forbidden.removeAll(QString());
        QVERIFY(forbidden.size() > 10);
        for (const QString &secret : std::as_const(forbidden))
            QVERIFY2(!log.contains(secret, Qt::CaseInsensitive), qPrintable(u"logged: "_s + secret));
    }
};

QTEST_GUILESS_MAIN(TstAppFlowLogging)
#include "tst_appflowlogging.moc"
