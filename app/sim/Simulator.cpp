#include "Simulator.h"

#include "AppFlowRoutes.h"
#include "AuthVerifier.h"
#include "CredentialStore.h"
#include "FaultInjector.h"
#include "RequestLog.h"
#include "RunEngine.h"
#include "ScaledClock.h"
#include "ScenarioGenerator.h"
#include "SimHttpServer.h"
#include "SsoOidcRoutes.h"
#include "SsoRoutes.h"
#include "StsRoutes.h"

#include <QElapsedTimer>
#include <QTimer>
#include <QUuid>

namespace flowdesk::sim {

struct Simulator::Parts {
    explicit Parts(const SimulatorConfig &c)
        : config(c)
        , clock(c.speed)
        , engine(clock, c.seed, c.region, c.accountId)
        , store(aws::Credentials{c.accessKeyId, c.secretAccessKey, c.sessionToken, {}},
                QStringLiteral("arn:aws:iam::%1:user/flowdesk-sim").arg(c.accountId))
        , verifier(store, c.region)
        , appflow(engine)
        , sts(store, StsRoutes::Settings{c.accountId, c.temporaryCredentialSeconds})
        , ssoTokens(c.ssoAccessTokens, c.ssoClients)
        , sso(store, ssoTokens, c.temporaryCredentialSeconds)
        , ssoOidc(ssoTokens, c.ssoAccessTokenSeconds)
        , faults(FaultInjector::Settings{c.throttleRate, c.errorRate, c.dropRate, c.deny, c.seed})
        , rateLimiter(c.rateLimits)
    {
        sinceStart.start();
    }

    SimulatorConfig config;
    ScaledClock clock;
    RunEngine engine;
    CredentialStore store;
    AuthVerifier verifier;
    AppFlowRoutes appflow;
    StsRoutes sts;
    SsoTokenRegistry ssoTokens;
    SsoRoutes sso;
    SsoOidcRoutes ssoOidc;
    FaultInjector faults;
    RateLimiter rateLimiter;
    QElapsedTimer sinceStart; // real time for the rate limits (--speed scales runs, not limits)
    RequestLog log;
    SimHttpServer *server = nullptr;
    QString error;
    QUrl url;
    bool ready = false;
};

namespace {

HttpReply appFlowAuthError(const AuthVerifier::Result &auth)
{
    using Failure = AuthVerifier::Failure;
    switch (auth.failure) {
    case Failure::MissingToken:
        return AppFlowRoutes::error(403, QStringLiteral("MissingAuthenticationTokenException"),
                                    auth.message);
    case Failure::IncompleteSignature:
        return AppFlowRoutes::error(400, QStringLiteral("IncompleteSignatureException"),
                                    auth.message);
    case Failure::UnknownKey:
        return AppFlowRoutes::error(403, QStringLiteral("UnrecognizedClientException"),
                                    auth.message);
    case Failure::ExpiredToken:
        return AppFlowRoutes::error(403, QStringLiteral("ExpiredTokenException"), auth.message);
    case Failure::WrongScope:
    case Failure::SignatureExpired:
    case Failure::SignatureMismatch:
    case Failure::None:
        break;
    }
    return AppFlowRoutes::error(403, QStringLiteral("InvalidSignatureException"), auth.message);
}

} // namespace

Simulator::Simulator(const SimulatorConfig &config, QObject *parent)
    : QObject(parent), d(std::make_unique<Parts>(config))
{
    if (config.secretAccessKey.isEmpty()) {
        d->error = tr("No secret access key is configured: set one (tests generate one) so "
                      "requests can be verified.");
        return;
    }
    const double now = d->clock.now();
    if (config.generatedFlows > 0) {
        d->engine.load(ScenarioGenerator::generate(config.generatedFlows, config.runsPerFlow,
                                                   config.seed, now));
    } else {
        QString problem;
        const std::optional<Scenario> scenario =
            Scenario::load(config.scenario, now, config.seed, &problem);
        if (!scenario) {
            d->error = problem;
            return;
        }
        d->engine.load(*scenario);
    }
    if (!config.requestLogPath.isEmpty() && !d->log.open(config.requestLogPath, &d->error))
        return;
    d->ready = true;
}

Simulator::~Simulator() = default;

bool Simulator::listen(const QHostAddress &address, quint16 port)
{
    if (!d->ready)
        return false;
    if (d->server) {
        d->error = tr("The simulator is already listening on %1.").arg(d->url.toString());
        return false;
    }
    auto *server = new SimHttpServer(
        d->config.http,
        [this](const HttpRequest &request, std::shared_ptr<PendingExchange> exchange) {
            handle(request, exchange);
        },
        [this](int status, const QString &code) {
            // Refused by the HTTP layer before any route saw it (malformed, too large, too
            // slow): logged so a run's log shows what a client was told.
            RequestLog::Entry entry;
            entry.time = QDateTime::currentDateTimeUtc();
            entry.operation = QStringLiteral("http");
            entry.status = status;
            entry.errorCode = code;
            d->log.write(entry);
        },
        this);
    const quint16 bound = server->listen(address, port) ? server->serverPort() : 0;
    if (bound == 0) {
        d->error = tr("Cannot listen on %1 port %2: the address is not local or the port is in "
                      "use.")
                       .arg(address.toString())
                       .arg(port);
        delete server;
        return false;
    }
    d->server = server;
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(address.toString());
    url.setPort(bound);
    d->url = url;
    return true;
}

int Simulator::openConnections() const
{
    return d->server ? d->server->openConnections() : 0;
}

QString Simulator::errorString() const
{
    return d->error;
}

QUrl Simulator::url() const
{
    return d->url;
}

void Simulator::setLatencyMs(int latencyMs)
{
    d->config.latencyMs = qMax(0, latencyMs);
}

void Simulator::setFaults(double throttleRate, double errorRate, double dropRate,
                          const QStringList &deny)
{
    d->config.throttleRate = throttleRate;
    d->config.errorRate = errorRate;
    d->config.dropRate = dropRate;
    d->config.deny = deny;
    d->faults = FaultInjector(FaultInjector::Settings{throttleRate, errorRate, dropRate, deny,
                                                      d->config.seed});
}

const SimulatorConfig &Simulator::config() const
{
    return d->config;
}

aws::Credentials Simulator::credentials() const
{
    return {d->config.accessKeyId, d->config.secretAccessKey, d->config.sessionToken, {}};
}

SimulatorConfig Simulator::demoConfig()
{
    SimulatorConfig config;
    config.accessKeyId = CredentialStore::randomAccessKeyId(QStringLiteral("AKIA"));
    config.secretAccessKey = CredentialStore::randomSecretAccessKey();
    config.scenario = QStringLiteral("demo");
    return config;
}

QStringList Simulator::flowNames() const
{
    return d->engine.flowNames();
}

QStringList Simulator::executionIds(const QString &flowName) const
{
    QStringList ids;
    if (const FlowState *flow = d->engine.flow(flowName)) {
        for (auto it = flow->runs.rbegin(); it != flow->runs.rend(); ++it)
            ids.append(it->executionId);
    }
    return ids;
}

QString Simulator::executionStatus(const QString &flowName, const QString &executionId) const
{
    if (const FlowState *flow = d->engine.flow(flowName)) {
        const double now = d->engine.now();
        for (const Run &run : flow->runs) {
            if (run.executionId == executionId)
                return executionStatusName(run.statusAt(now));
        }
    }
    return {};
}

bool Simulator::cancelRequested(const QString &flowName, const QString &executionId) const
{
    if (const FlowState *flow = d->engine.flow(flowName)) {
        for (const Run &run : flow->runs) {
            if (run.executionId == executionId)
                return run.cancelRequestedAt >= 0;
        }
    }
    return false;
}

void Simulator::handle(const HttpRequest &request, const std::shared_ptr<PendingExchange> &exchange)
{
    QElapsedTimer timer;
    timer.start();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QString requestId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    RequestLog::Entry entry;
    entry.time = now;
    bool drop = false;
    HttpReply reply;

    const QString operation = AppFlowRoutes::operationForPath(request.path);
    if (!operation.isEmpty() && request.method == "POST") {
        entry.operation = operation;
        // Nothing is acted on before the signature checks out; faults come after it too, so
        // an unsigned request is never mistaken for a throttled one.
        const AuthVerifier::Result auth = d->verifier.verify(request, QStringLiteral("appflow"), now);
        entry.accessKeyId = auth.accessKeyId;
        if (!auth.ok()) {
            reply = appFlowAuthError(auth);
        } else {
            // Only a signed body is parsed: an unsigned one costs nothing but the check above.
            entry.flowName = AppFlowRoutes::flowNameOf(request.body);
            // The account's rate limit first, as AWS applies it before the operation runs.
            const bool admitted = d->rateLimiter.admit(d->config.accountId + u'/' + d->config.region,
                                                       operation, d->sinceStart.nsecsElapsed() / 1e9);
            switch (admitted ? d->faults.pick() : FaultInjector::Fault::Throttle) {
            case FaultInjector::Fault::Drop:
                drop = true;
                break;
            case FaultInjector::Fault::Throttle:
                reply = AppFlowRoutes::error(429, QStringLiteral("ThrottlingException"),
                                             QStringLiteral("Rate exceeded"));
                break;
            case FaultInjector::Fault::InternalError:
                reply = AppFlowRoutes::error(500, QStringLiteral("InternalServerException"),
                                             QStringLiteral("An internal service error occurred "
                                                            "during the processing of your "
                                                            "request. Try again later."));
                break;
            case FaultInjector::Fault::Unavailable:
                reply = AppFlowRoutes::error(503, QStringLiteral("ServiceUnavailableException"),
                                             QStringLiteral("Service Unavailable"));
                break;
            case FaultInjector::Fault::None:
                if (d->faults.denies(operation, entry.flowName)) {
                    const QString resource =
                        entry.flowName.isEmpty()
                            ? QStringLiteral("*")
                            : QStringLiteral("arn:aws:appflow:%1:%2:flow/%3")
                                  .arg(d->config.region, d->config.accountId, entry.flowName);
                    reply = AppFlowRoutes::error(
                        403, QStringLiteral("AccessDeniedException"),
                        QStringLiteral("User: %1 is not authorized to perform: appflow:%2 on "
                                       "resource: %3 because no identity-based policy allows the "
                                       "appflow:%2 action")
                            .arg(auth.principalArn, operation, resource));
                } else {
                    reply = d->appflow.handle(operation, request.body);
                }
                break;
            }
        }
    } else if (StsRoutes::matches(request)) {
        const QString action = StsRoutes::actionOf(request.body);
        entry.operation = QStringLiteral("sts:") + (action.isEmpty() ? QStringLiteral("?") : action);
        const AuthVerifier::Result auth = d->verifier.verify(request, QStringLiteral("sts"), now);
        entry.accessKeyId = auth.accessKeyId;
        reply = auth.ok() ? d->sts.handle(request, auth, now, requestId)
                          : StsRoutes::authError(auth, requestId);
    } else if (SsoRoutes::matches(request)) {
        entry.operation = QStringLiteral("sso:GetRoleCredentials");
        reply = d->sso.handle(request, now);
    } else if (SsoOidcRoutes::matches(request)) {
        entry.operation = QStringLiteral("sso-oidc:CreateToken");
        reply = d->ssoOidc.handle(request);
    } else {
        entry.operation = QStringLiteral("unknown");
        reply = AppFlowRoutes::error(404, QStringLiteral("UnknownOperationException"),
                                     QStringLiteral("No operation is served at %1 %2")
                                         .arg(QString::fromLatin1(request.method),
                                              QString::fromUtf8(request.path)));
    }
    reply.headers.append({QByteArrayLiteral("x-amzn-RequestId"), requestId.toLatin1()});

    auto finish = [this, exchange, reply, entry, drop, timer]() mutable {
        if (drop) {
            exchange->drop();
            entry.status = 0;
            entry.errorCode = QStringLiteral("ConnectionDropped");
        } else {
            exchange->reply(reply);
            entry.status = reply.status;
            entry.errorCode = reply.errorCode;
        }
        entry.latencyMs = static_cast<double>(timer.nsecsElapsed()) / 1e6;
        d->log.write(entry);
    };
    if (d->config.latencyMs > 0)
        QTimer::singleShot(d->config.latencyMs, this, std::move(finish));
    else
        finish();
}

} // namespace flowdesk::sim
