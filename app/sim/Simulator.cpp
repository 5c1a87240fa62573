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
#include "SsoDirectory.h"
#include "SsoOidcRoutes.h"
#include "SsoRoutes.h"
#include "StsRoutes.h"

#include <algorithm>
#include <map>

#include <QElapsedTimer>
#include <QTimer>
#include <QUuid>

namespace flowdesk::sim {

namespace {

// The Identity Center portal throttles per instance, about 20 TPS shared by its APIs (tools
// listing hundreds of accounts hit TooManyRequestsException: granted #458, aws-sso-util #112):
// a simulator that lists accounts does so too, unless --rate-limit says otherwise.
QList<RateLimit> withPortalLimit(const SimulatorConfig &config)
{
    QList<RateLimit> limits = config.rateLimits;
    const bool set = std::any_of(limits.cbegin(), limits.cend(),
                                 [](const RateLimit &limit) { return limit.operation == u"SsoPortal"; });
    if (config.ssoAccounts > 0 && !set)
        limits.append(RateLimit{QStringLiteral("SsoPortal"), 20, 20});
    return limits;
}

QStringList servedRegions(const SimulatorConfig &config)
{
    return config.regions.isEmpty() ? QStringList{config.region} : config.regions;
}

// The account that signed: the fifth field of its ARN ("arn:aws:sts::123456789012:…").
QString accountOf(const QString &principalArn)
{
    return principalArn.section(u':', 4, 4);
}

// A fleet account's flows in one region: its own engine and routes (page tokens included).
struct Estate {
    Estate(const Clock &clock, quint32 seed, const QString &region, const QString &accountId)
        : engine(clock, seed, region, accountId), routes(engine)
    {
    }
    RunEngine engine;
    AppFlowRoutes routes;
};

} // namespace

struct Simulator::Parts {
    explicit Parts(const SimulatorConfig &c)
        : config(c)
        , clock(c.speed)
        , engine(clock, c.seed, c.region, c.accountId)
        , store(aws::Credentials{c.accessKeyId, c.secretAccessKey, c.sessionToken, {}},
                QStringLiteral("arn:aws:iam::%1:user/flowdesk-sim").arg(c.accountId))
        , verifier(store, servedRegions(c))
        , appflow(engine)
        , sts(store, StsRoutes::Settings{c.accountId, c.temporaryCredentialSeconds})
        , ssoTokens(c.ssoAccessTokens, c.ssoClients)
        , directory(SsoDirectory::generate(c.ssoAccounts, c.seed))
        , sso(store, ssoTokens, c.temporaryCredentialSeconds, directory)
        , ssoOidc(ssoTokens, c.ssoAccessTokenSeconds)
        , faults(FaultInjector::Settings{c.throttleRate, c.errorRate, c.dropRate, c.deny, c.seed})
        , rateLimiter(withPortalLimit(c))
    {
        sinceStart.start();
        for (qsizetype i = 0; i < directory.size(); ++i)
            directoryIndex.insert(directory.at(i).accountId, i);
    }

    // Where a request signed by `accountId` for `region` goes: the configured account in its
    // home region is the scenario's engine; a directory account (or the configured one in
    // another served region) has an estate of generated flows, made on first use. Without a
    // directory, credentials of any account reach the scenario (as before accounts existed).
    AppFlowRoutes *routesFor(const QString &accountId, const QString &region)
    {
        const bool home = region == config.region;
        const bool known = accountId == config.accountId || directoryIndex.contains(accountId);
        if ((home && accountId == config.accountId) || !known)
            return &appflow;
        const QString key = accountId + u'/' + region;
        std::unique_ptr<Estate> &estate = estates[key];
        if (!estate) {
            const quint32 seed = config.seed ^ static_cast<quint32>(qHash(key, 0));
            estate = std::make_unique<Estate>(clock, seed, region, accountId);
            const int flows = config.generatedFlows > 0 ? config.generatedFlows
                                                        : SimulatorConfig::kFleetFlows;
            estate->engine.load(ScenarioGenerator::generate(flows, config.runsPerFlow, seed, clock.now(),
                                                            static_cast<int>(seed % 10), config.activePercent));
        }
        return &estate->routes;
    }

    // Opt-in regions an account has not enabled answer every call as an unknown token, as AWS
    // does: every seventh directory account has only the home region enabled.
    bool regionDisabled(const QString &accountId, const QString &region) const
    {
        const auto found = directoryIndex.constFind(accountId);
        return found != directoryIndex.cend() && region != config.region && *found % 7 == 6;
    }

    SimulatorConfig config;
    ScaledClock clock;
    RunEngine engine;
    CredentialStore store;
    AuthVerifier verifier;
    AppFlowRoutes appflow;
    StsRoutes sts;
    SsoTokenRegistry ssoTokens;
    QList<SsoAccount> directory;
    QHash<QString, qsizetype> directoryIndex; // account ID → index in directory
    std::map<QString, std::unique_ptr<Estate>> estates; // "account/region"
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
                                                   config.seed, now, 0, config.activePercent));
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

QStringList Simulator::activeRuns(const QString &accountId, const QString &region)
{
    RunEngine &engine = d->routesFor(accountId, region)->engine();
    const double now = engine.now();
    QStringList active;
    for (const QString &flowName : engine.flowNames()) {
        if (const FlowState *flow = engine.flow(flowName)) {
            for (const Run &run : flow->runs) {
                const ExecutionStatus status = run.statusAt(now);
                if (status == ExecutionStatus::InProgress || status == ExecutionStatus::CancelStarted)
                    active.append(flowName + u'/' + run.executionId);
            }
        }
    }
    active.sort();
    return active;
}

bool Simulator::cancelRequestedIn(const QString &accountId, const QString &region,
                                  const QString &flowName, const QString &executionId)
{
    if (const FlowState *flow = d->routesFor(accountId, region)->engine().flow(flowName)) {
        for (const Run &run : flow->runs) {
            if (run.executionId == executionId)
                return run.cancelRequestedAt >= 0;
        }
    }
    return false;
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
        const QString account = auth.ok() ? accountOf(auth.principalArn) : QString();
        if (!auth.ok()) {
            reply = appFlowAuthError(auth);
        } else if (d->regionDisabled(account, auth.region)) {
            reply = AppFlowRoutes::error(403, QStringLiteral("UnrecognizedClientException"),
                                         AuthVerifier::invalidTokenMessage());
        } else {
            // Only a signed body is parsed: an unsigned one costs nothing but the check above.
            entry.flowName = AppFlowRoutes::flowNameOf(request.body);
            // The account's rate limit first, as AWS applies it before the operation runs.
            const bool admitted = d->rateLimiter.admit(account + u'/' + auth.region, operation,
                                                       d->sinceStart.nsecsElapsed() / 1e9);
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
                // A permission set without AppFlow rights ("AppFlowDenied"): signed, refused.
                if (d->faults.denies(operation, entry.flowName)
                    || auth.principalArn.contains(QLatin1String("AppFlowDenied"))) {
                    const QString resource =
                        entry.flowName.isEmpty()
                            ? QStringLiteral("*")
                            : QStringLiteral("arn:aws:appflow:%1:%2:flow/%3")
                                  .arg(auth.region, account, entry.flowName);
                    reply = AppFlowRoutes::error(
                        403, QStringLiteral("AccessDeniedException"),
                        QStringLiteral("User: %1 is not authorized to perform: appflow:%2 on "
                                       "resource: %3 because no identity-based policy allows the "
                                       "appflow:%2 action")
                            .arg(auth.principalArn, operation, resource));
                } else {
                    reply = d->routesFor(account, auth.region)->handle(operation, request.body);
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
        entry.operation = QStringLiteral("sso:") + SsoRoutes::operationOf(request);
        // One bucket for the instance's portal APIs (rule SsoPortal), as AWS limits them.
        if (!d->rateLimiter.admit(QStringLiteral("sso-instance"), QStringLiteral("SsoPortal"),
                                  d->sinceStart.nsecsElapsed() / 1e9))
            reply = AppFlowRoutes::error(429, QStringLiteral("TooManyRequestsException"),
                                         QStringLiteral("Too many requests"));
        else
            reply = d->sso.handle(request, now);
    } else if (SsoOidcRoutes::matches(request)) {
        entry.operation = QStringLiteral("sso-oidc:") + SsoOidcRoutes::operationOf(request);
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
