// Black-box tests of the simulator's authentication: every request over real HTTP, signed with
// the project's signer, broken in one way at a time.

#include "SimTestSupport.h"

#include <Simulator.h>

#include <QRegularExpression>
#include <QXmlStreamReader>

using namespace flowdesk;
using namespace flowdesk::sim;
using namespace flowdesk::sim::test;

namespace {

QString stsField(const QByteArray &xml, const QString &name)
{
    // STS XML: the text of the first element named `name`, wherever it is.
    QXmlStreamReader reader(xml);
    while (!reader.atEnd()) {
        reader.readNext();
        if (reader.isStartElement() && reader.name() == name)
            return reader.readElementText();
    }
    return {};
}

QByteArray form(const QList<QPair<QString, QString>> &fields)
{
    QByteArray body;
    for (const auto &field : fields) {
        if (!body.isEmpty())
            body += '&';
        body += aws::formEncode(field.first) + '=' + aws::formEncode(field.second);
    }
    return body;
}

const QByteArray kFormType = "application/x-www-form-urlencoded; charset=utf-8";

} // namespace

class TestSimAuth : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void signedRequestIsAccepted();
    void missingAuthorization();
    void unknownAccessKey();
    void wrongSecret();
    void tamperedBodyAfterSigning();
    void clockSkew_data();
    void clockSkew();
    void wrongRegion();
    void wrongService();
    void sessionTokenRequiredWhenConfigured();
    void assumeRoleIssuesWorkingCredentials();
    void temporaryCredentialsNeedTheirToken();
    void temporaryCredentialsExpire();
    void assumeRoleErrors();
    void assumeRoleMfa();
    void stsRejectsBadSignature();
    void ssoGetRoleCredentials();
    void unknownPathAnswers404();

private:
    Simulator *startSimulator(SimulatorConfig config);
    QByteArray assumeRole(AppFlowCaller &caller, const QList<QPair<QString, QString>> &extra,
                          Response *response = nullptr);

    std::unique_ptr<Simulator> m_sim;
    std::unique_ptr<AppFlowCaller> m_caller;
};

Simulator *TestSimAuth::startSimulator(SimulatorConfig config)
{
    auto *sim = new Simulator(config, this);
    if (!sim->listen())
        qFatal("simulator did not start: %s", qPrintable(sim->errorString()));
    return sim;
}

void TestSimAuth::initTestCase()
{
    SimulatorConfig config;
    config.accessKeyId = testCredentials().accessKeyId;
    config.secretAccessKey = testCredentials().secretAccessKey;
    config.ssoAccessTokens = {QStringLiteral("sso-token-1")};
    m_sim = std::make_unique<Simulator>(config);
    QVERIFY2(m_sim->listen(), qPrintable(m_sim->errorString()));
    QCOMPARE(m_sim->url().host(), QStringLiteral("127.0.0.1"));
    m_caller = std::make_unique<AppFlowCaller>(m_sim->url(), testCredentials());
}

void TestSimAuth::signedRequestIsAccepted()
{
    const Response response = m_caller->call("/list-flows", {});
    QCOMPARE(response.status, 200);
    QVERIFY(!response.requestId.isEmpty());
    QVERIFY(response.json().value(QLatin1String("flows")).isArray());
}

void TestSimAuth::missingAuthorization()
{
    Signing unsigned_;
    unsigned_.sign = false;
    const Response response = m_caller->call("/list-flows", {}, unsigned_);
    QCOMPARE(response.status, 403);
    QCOMPARE(response.errorType, QByteArray("MissingAuthenticationTokenException"));
    QCOMPARE(response.message(), QStringLiteral("Missing Authentication Token"));
    QVERIFY(!response.requestId.isEmpty());
}

void TestSimAuth::unknownAccessKey()
{
    Signing signing = m_caller->signing();
    signing.credentials.accessKeyId = QStringLiteral("AKIAUNKNOWNKEY000000");
    const Response response = m_caller->call("/list-flows", {}, signing);
    QCOMPARE(response.status, 403);
    QCOMPARE(response.errorType, QByteArray("UnrecognizedClientException"));
    QCOMPARE(response.message(),
             QStringLiteral("The security token included in the request is invalid."));
}

void TestSimAuth::wrongSecret()
{
    Signing signing = m_caller->signing();
    signing.credentials.secretAccessKey = QStringLiteral("not-the-secret-at-all-0000000000000000000");
    const Response response = m_caller->call("/list-flows", {}, signing);
    QCOMPARE(response.status, 403);
    QCOMPARE(response.errorType, QByteArray("InvalidSignatureException"));
    QCOMPARE(response.message(),
             QStringLiteral("The request signature we calculated does not match the signature "
                            "you provided. Check your AWS Secret Access Key and signing method. "
                            "Consult the service documentation for details."));
}

void TestSimAuth::tamperedBodyAfterSigning()
{
    // A cancel for one flow, signed, then redirected to another: must not be acted on.
    const QString flow = m_sim->flowNames().constFirst();
    const QStringList before = m_sim->executionIds(flow);
    QStringList statusesBefore;
    for (const QString &id : before)
        statusesBefore.append(m_sim->executionStatus(flow, id));

    Signing signing = m_caller->signing();
    signing.afterSigning = [flow](aws::sigv4::Request &request) {
        request.body = QJsonDocument(QJsonObject{{QStringLiteral("flowName"), flow}})
                           .toJson(QJsonDocument::Compact);
    };
    const Response response = m_caller->call(
        "/cancel-flow-executions", {{QStringLiteral("flowName"), QStringLiteral("other-flow")}},
        signing);
    QCOMPARE(response.status, 403);
    QCOMPARE(response.errorType, QByteArray("InvalidSignatureException"));
    for (qsizetype i = 0; i < before.size(); ++i) {
        // Nothing was cancelled: whatever was in progress either still is or ended on its own.
        const QString now = m_sim->executionStatus(flow, before.at(i));
        if (statusesBefore.at(i) == QLatin1String("InProgress"))
            QVERIFY2(now != QLatin1String("CancelStarted") && now != QLatin1String("Canceled"),
                     qPrintable(now));
    }
}

void TestSimAuth::clockSkew_data()
{
    QTest::addColumn<int>("offset");
    QTest::addColumn<QString>("prefix");
    QTest::newRow("6 minutes behind") << -360 << QStringLiteral("Signature expired: ");
    QTest::newRow("6 minutes ahead") << 360 << QStringLiteral("Signature not yet current: ");
}

void TestSimAuth::clockSkew()
{
    QFETCH(int, offset);
    QFETCH(QString, prefix);
    Signing signing = m_caller->signing();
    signing.clockOffsetSeconds = offset;
    const Response response = m_caller->call("/list-flows", {}, signing);
    QCOMPARE(response.status, 403);
    QCOMPARE(response.errorType, QByteArray("InvalidSignatureException"));
    QVERIFY2(response.message().startsWith(prefix), qPrintable(response.message()));
    static const QRegularExpression wording(QStringLiteral(
        "^Signature (expired: \\d{8}T\\d{6}Z is now earlier than \\d{8}T\\d{6}Z \\(\\d{8}T\\d{6}Z "
        "- 5 min\\.\\)|not yet current: \\d{8}T\\d{6}Z is still later than \\d{8}T\\d{6}Z "
        "\\(\\d{8}T\\d{6}Z \\+ 5 min\\.\\))$"));
    QVERIFY2(wording.match(response.message()).hasMatch(), qPrintable(response.message()));

    // Four minutes off is within the allowed skew.
    signing.clockOffsetSeconds = offset > 0 ? 240 : -240;
    QCOMPARE(m_caller->call("/list-flows", {}, signing).status, 200);
}

void TestSimAuth::wrongRegion()
{
    Signing signing = m_caller->signing();
    signing.region = QStringLiteral("eu-west-1");
    const Response response = m_caller->call("/list-flows", {}, signing);
    QCOMPARE(response.status, 403);
    QCOMPARE(response.errorType, QByteArray("InvalidSignatureException"));
    QCOMPARE(response.message(), QStringLiteral("Credential should be scoped to a valid region."));
}

void TestSimAuth::wrongService()
{
    Signing signing = m_caller->signing();
    signing.service = QStringLiteral("s3");
    const Response response = m_caller->call("/list-flows", {}, signing);
    QCOMPARE(response.status, 403);
    QCOMPARE(response.errorType, QByteArray("InvalidSignatureException"));
    QCOMPARE(response.message(),
             QStringLiteral("Credential should be scoped to correct service: 'appflow'."));
}

void TestSimAuth::sessionTokenRequiredWhenConfigured()
{
    SimulatorConfig config;
    config.accessKeyId = QStringLiteral("ASIASIMTEST000000002");
    config.secretAccessKey = QStringLiteral("session/secret/0123456789abcdefghijklmnop");
    config.sessionToken = QStringLiteral("configured-session-token");
    Simulator sim(config);
    QVERIFY(sim.listen());
    AppFlowCaller caller(sim.url(), sim.credentials());
    QCOMPARE(caller.call("/list-flows", {}).status, 200);

    Signing noToken = caller.signing();
    noToken.credentials.sessionToken.clear();
    Response response = caller.call("/list-flows", {}, noToken);
    QCOMPARE(response.status, 403);
    QCOMPARE(response.errorType, QByteArray("UnrecognizedClientException"));

    Signing wrongToken = caller.signing();
    wrongToken.credentials.sessionToken = QStringLiteral("another-token");
    response = caller.call("/list-flows", {}, wrongToken);
    QCOMPARE(response.status, 403);
    QCOMPARE(response.errorType, QByteArray("UnrecognizedClientException"));
}

QByteArray TestSimAuth::assumeRole(AppFlowCaller &caller,
                                   const QList<QPair<QString, QString>> &extra, Response *out)
{
    QList<QPair<QString, QString>> fields{
        {QStringLiteral("Action"), QStringLiteral("AssumeRole")},
        {QStringLiteral("Version"), QStringLiteral("2011-06-15")}};
    fields += extra;
    Signing signing = caller.signing();
    signing.service = QStringLiteral("sts");
    const Response response = caller.raw("POST", "/", form(fields), kFormType, signing);
    if (out)
        *out = response;
    return response.body;
}

void TestSimAuth::assumeRoleIssuesWorkingCredentials()
{
    Response response;
    const QByteArray xml = assumeRole(
        *m_caller,
        {{QStringLiteral("RoleArn"), QStringLiteral("arn:aws:iam::123456789012:role/FlowdeskOps")},
         {QStringLiteral("RoleSessionName"), QStringLiteral("flowdesk-test")},
         {QStringLiteral("DurationSeconds"), QStringLiteral("900")}},
        &response);
    QCOMPARE(response.status, 200);
    QVERIFY2(xml.contains("<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"),
             xml.constData());
    aws::Credentials temporary{stsField(xml, QStringLiteral("AccessKeyId")),
                               stsField(xml, QStringLiteral("SecretAccessKey")),
                               stsField(xml, QStringLiteral("SessionToken")),
                               QDateTime::fromString(stsField(xml, QStringLiteral("Expiration")),
                                                     Qt::ISODate)};
    QVERIFY(temporary.accessKeyId.startsWith(QLatin1String("ASIA")));
    QCOMPARE(temporary.secretAccessKey.size(), 40);
    QVERIFY(temporary.sessionToken.size() > 100);
    QVERIFY(temporary.expiration.isValid());
    const qint64 lifetime = QDateTime::currentDateTimeUtc().secsTo(temporary.expiration);
    QVERIFY2(lifetime > 880 && lifetime <= 900, qPrintable(QString::number(lifetime)));
    QCOMPARE(stsField(xml, QStringLiteral("Arn")),
             QStringLiteral("arn:aws:sts::123456789012:assumed-role/FlowdeskOps/flowdesk-test"));
    QVERIFY(!stsField(xml, QStringLiteral("RequestId")).isEmpty());

    AppFlowCaller temporaryCaller(m_sim->url(), temporary);
    QCOMPARE(temporaryCaller.call("/list-flows", {}).status, 200);
}

void TestSimAuth::temporaryCredentialsNeedTheirToken()
{
    const QByteArray xml = assumeRole(
        *m_caller,
        {{QStringLiteral("RoleArn"), QStringLiteral("arn:aws:iam::123456789012:role/FlowdeskOps")},
         {QStringLiteral("RoleSessionName"), QStringLiteral("no-token")}});
    aws::Credentials withoutToken{stsField(xml, QStringLiteral("AccessKeyId")),
                                  stsField(xml, QStringLiteral("SecretAccessKey")), {}, {}};
    AppFlowCaller caller(m_sim->url(), withoutToken);
    const Response response = caller.call("/list-flows", {});
    QCOMPARE(response.status, 403);
    QCOMPARE(response.errorType, QByteArray("UnrecognizedClientException"));
}

void TestSimAuth::temporaryCredentialsExpire()
{
    SimulatorConfig config;
    config.accessKeyId = testCredentials().accessKeyId;
    config.secretAccessKey = testCredentials().secretAccessKey;
    config.temporaryCredentialSeconds = 1;
    Simulator sim(config);
    QVERIFY(sim.listen());
    AppFlowCaller caller(sim.url(), sim.credentials());
    const QByteArray xml = assumeRole(
        caller,
        {{QStringLiteral("RoleArn"), QStringLiteral("arn:aws:iam::123456789012:role/Short")},
         {QStringLiteral("RoleSessionName"), QStringLiteral("short-lived")}});
    const aws::Credentials temporary{stsField(xml, QStringLiteral("AccessKeyId")),
                                     stsField(xml, QStringLiteral("SecretAccessKey")),
                                     stsField(xml, QStringLiteral("SessionToken")), {}};
    QVERIFY(!temporary.accessKeyId.isEmpty());
    AppFlowCaller temporaryCaller(sim.url(), temporary);
    QTRY_COMPARE_WITH_TIMEOUT(temporaryCaller.call("/list-flows", {}).status, 403, 3000);
    const Response response = temporaryCaller.call("/list-flows", {});
    QCOMPARE(response.errorType, QByteArray("ExpiredTokenException"));
    QCOMPARE(response.message(),
             QStringLiteral("The security token included in the request is expired"));
}

void TestSimAuth::assumeRoleErrors()
{
    Response response;
    QByteArray xml = assumeRole(
        *m_caller,
        {{QStringLiteral("RoleArn"), QStringLiteral("arn:aws:iam::123456789012:role/denied-role")},
         {QStringLiteral("RoleSessionName"), QStringLiteral("s")}},
        &response);
    QCOMPARE(response.status, 400);  // session name shorter than 2
    QCOMPARE(stsField(xml, QStringLiteral("Code")), QStringLiteral("ValidationError"));

    xml = assumeRole(
        *m_caller,
        {{QStringLiteral("RoleArn"), QStringLiteral("arn:aws:iam::123456789012:role/denied-role")},
         {QStringLiteral("RoleSessionName"), QStringLiteral("session")}},
        &response);
    QCOMPARE(response.status, 403);
    QVERIFY2(xml.contains("<ErrorResponse"), xml.constData());
    QCOMPARE(stsField(xml, QStringLiteral("Type")), QStringLiteral("Sender"));
    QCOMPARE(stsField(xml, QStringLiteral("Code")), QStringLiteral("AccessDenied"));
    QVERIFY(stsField(xml, QStringLiteral("Message")).contains(QLatin1String("sts:AssumeRole")));
    QVERIFY(!stsField(xml, QStringLiteral("RequestId")).isEmpty());

    xml = assumeRole(*m_caller, {{QStringLiteral("RoleSessionName"), QStringLiteral("session")}},
                     &response);
    QCOMPARE(response.status, 400);
    QVERIFY(stsField(xml, QStringLiteral("Message")).contains(QLatin1String("roleArn")));

    xml = assumeRole(
        *m_caller,
        {{QStringLiteral("RoleArn"), QStringLiteral("arn:aws:iam::123456789012:role/Ops")},
         {QStringLiteral("RoleSessionName"), QStringLiteral("session")},
         {QStringLiteral("DurationSeconds"), QStringLiteral("60")}},
        &response);
    QCOMPARE(response.status, 400);
    QVERIFY(stsField(xml, QStringLiteral("Message")).contains(QLatin1String("durationSeconds")));
}

void TestSimAuth::assumeRoleMfa()
{
    const QString role = QStringLiteral("arn:aws:iam::123456789012:role/mfa-admin");
    Response response;
    QByteArray xml = assumeRole(*m_caller,
                                {{QStringLiteral("RoleArn"), role},
                                 {QStringLiteral("RoleSessionName"), QStringLiteral("session")}},
                                &response);
    QCOMPARE(response.status, 403);
    QCOMPARE(stsField(xml, QStringLiteral("Code")), QStringLiteral("AccessDenied"));

    const QString serial = QStringLiteral("arn:aws:iam::123456789012:mfa/ops");
    xml = assumeRole(*m_caller,
                     {{QStringLiteral("RoleArn"), role},
                      {QStringLiteral("RoleSessionName"), QStringLiteral("session")},
                      {QStringLiteral("SerialNumber"), serial},
                      {QStringLiteral("TokenCode"), QStringLiteral("654321")}},
                     &response);
    QCOMPARE(response.status, 403);
    QVERIFY(stsField(xml, QStringLiteral("Message")).contains(QLatin1String("MFA")));

    xml = assumeRole(*m_caller,
                     {{QStringLiteral("RoleArn"), role},
                      {QStringLiteral("RoleSessionName"), QStringLiteral("session")},
                      {QStringLiteral("SerialNumber"), serial},
                      {QStringLiteral("TokenCode"), QStringLiteral("123456")}},
                     &response);
    QCOMPARE(response.status, 200);
    QVERIFY(stsField(xml, QStringLiteral("AccessKeyId")).startsWith(QLatin1String("ASIA")));
}

void TestSimAuth::stsRejectsBadSignature()
{
    Signing signing = m_caller->signing();
    signing.service = QStringLiteral("sts");
    signing.credentials.secretAccessKey = QStringLiteral("wrong-secret-0000000000000000000000000000");
    Response response = m_caller->raw(
        "POST", "/",
        form({{QStringLiteral("Action"), QStringLiteral("AssumeRole")},
              {QStringLiteral("Version"), QStringLiteral("2011-06-15")}}),
        kFormType, signing);
    QCOMPARE(response.status, 403);
    QCOMPARE(stsField(response.body, QStringLiteral("Code")), QStringLiteral("SignatureDoesNotMatch"));

    signing = m_caller->signing();
    signing.credentials.accessKeyId = QStringLiteral("AKIANOBODY0000000000");
    signing.service = QStringLiteral("sts");
    response = m_caller->raw("POST", "/",
                             form({{QStringLiteral("Action"), QStringLiteral("GetCallerIdentity")},
                                   {QStringLiteral("Version"), QStringLiteral("2011-06-15")}}),
                             kFormType, signing);
    QCOMPARE(response.status, 403);
    QCOMPARE(stsField(response.body, QStringLiteral("Code")), QStringLiteral("InvalidClientTokenId"));

    // An AppFlow-scoped signature is not good for STS.
    signing = m_caller->signing();
    response = m_caller->raw("POST", "/",
                             form({{QStringLiteral("Action"), QStringLiteral("GetCallerIdentity")},
                                   {QStringLiteral("Version"), QStringLiteral("2011-06-15")}}),
                             kFormType, signing);
    QCOMPARE(response.status, 403);
    QCOMPARE(stsField(response.body, QStringLiteral("Code")), QStringLiteral("SignatureDoesNotMatch"));
    QVERIFY(stsField(response.body, QStringLiteral("Message")).contains(QLatin1String("'sts'")));
}

void TestSimAuth::ssoGetRoleCredentials()
{
    Signing none;
    none.sign = false;
    const QByteArray path = "/federation/credentials?account_id=123456789012&role_name=FlowdeskOps";
    Response response = m_caller->raw("GET", path, {}, {}, none,
                                      {{"x-amz-sso_bearer_token", "sso-token-1"}});
    QCOMPARE(response.status, 200);
    const QJsonObject credentials = response.json().value(QLatin1String("roleCredentials")).toObject();
    QVERIFY(credentials.value(QLatin1String("accessKeyId")).toString().startsWith(QLatin1String("ASIA")));
    const qint64 expiration = credentials.value(QLatin1String("expiration")).toInteger();
    QVERIFY2(expiration > QDateTime::currentMSecsSinceEpoch() + 3000 * 1000,
             "expiration is epoch milliseconds about an hour ahead");

    const aws::Credentials issued{credentials.value(QLatin1String("accessKeyId")).toString(),
                                  credentials.value(QLatin1String("secretAccessKey")).toString(),
                                  credentials.value(QLatin1String("sessionToken")).toString(), {}};
    AppFlowCaller ssoCaller(m_sim->url(), issued);
    QCOMPARE(ssoCaller.call("/list-flows", {}).status, 200);

    response = m_caller->raw("GET", path, {}, {}, none, {{"x-amz-sso_bearer_token", "expired"}});
    QCOMPARE(response.status, 401);
    QCOMPARE(response.errorType, QByteArray("UnauthorizedException"));
    response = m_caller->raw("GET", path, {}, {}, none);
    QCOMPARE(response.status, 401);
    response = m_caller->raw("GET", "/federation/credentials?account_id=123456789012&role_name=denied",
                             {}, {}, none, {{"x-amz-sso_bearer_token", "sso-token-1"}});
    QCOMPARE(response.status, 403);
    QCOMPARE(response.errorType, QByteArray("ForbiddenException"));
}

void TestSimAuth::unknownPathAnswers404()
{
    const Response response = m_caller->call("/delete-flow", {});
    QCOMPARE(response.status, 404);
    QVERIFY(!response.requestId.isEmpty());
}

QTEST_GUILESS_MAIN(TestSimAuth)
#include "tst_sim_auth.moc"
