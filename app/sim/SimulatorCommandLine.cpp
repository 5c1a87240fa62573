#include "SimulatorCommandLine.h"

#include "FaultInjector.h"

#include <RegionResolver.h>

#include <QCommandLineParser>

namespace flowdesk::sim {
namespace {

bool parseRate(const QString &text, const QString &name, double *rate, QString *error)
{
    bool ok = false;
    const double value = text.toDouble(&ok);
    if (!ok || value < 0 || value > 1) {
        *error = QStringLiteral("--%1 must be a probability between 0 and 1, not \"%2\"")
                     .arg(name, text);
        return false;
    }
    *rate = value;
    return true;
}

} // namespace

QString SimulatorCommandLine::defaultSecretAccessKey()
{
    return QStringLiteral("flowdesk/sim/NOT/a/secret/0000000000000000");
}

SimulatorCommandLine::Parsed SimulatorCommandLine::parse(const QStringList &arguments,
                                                        const QString &environmentSecret)
{
    Parsed parsed;
    SimulatorConfig &config = parsed.config;
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "A wire-compatible Amazon AppFlow simulator (plus STS AssumeRole and IAM Identity Center "
        "GetRoleCredentials) for trying, testing and rehearsing with Flowdesk without an AWS "
        "account.\nThe first line on stdout is \"flowdesk-sim listening on http://HOST:PORT\".\n"
        "Point a client at that URL as its endpoint, sign requests with SigV4 for region "
        "--region and service appflow (sts for STS) using the credentials below."));
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();
    const QCommandLineOption listen(QStringLiteral("listen"),
                                    QStringLiteral("Address and port (0 = any free port). Default "
                                                   "127.0.0.1:0."),
                                    QStringLiteral("host:port"), QStringLiteral("127.0.0.1:0"));
    const QCommandLineOption allowRemote(QStringLiteral("allow-remote"),
                                         QStringLiteral("Allow a non-loopback --listen address."));
    const QCommandLineOption accessKey(QStringLiteral("access-key-id"),
                                       QStringLiteral("Access key ID it accepts. Default %1.")
                                           .arg(config.accessKeyId),
                                       QStringLiteral("id"), config.accessKeyId);
    const QCommandLineOption secret(
        QStringLiteral("secret-access-key"),
        QStringLiteral("Secret access key it accepts. Default: $FLOWDESK_SIM_SECRET_ACCESS_KEY, "
                       "else %1")
            .arg(defaultSecretAccessKey()),
        QStringLiteral("secret"));
    const QCommandLineOption token(QStringLiteral("session-token"),
                                   QStringLiteral("Session token requests signed with the access "
                                                  "key must carry. Default: none."),
                                   QStringLiteral("token"));
    const QCommandLineOption region(QStringLiteral("region"),
                                    QStringLiteral("Region of the signing scope. Default %1.")
                                        .arg(config.region),
                                    QStringLiteral("region"), config.region);
    const QCommandLineOption scenario(QStringLiteral("scenario"),
                                      QStringLiteral("\"demo\" (built in) or a scenario JSON "
                                                     "file. Default demo."),
                                      QStringLiteral("demo|path"), config.scenario);
    const QCommandLineOption flows(QStringLiteral("flows"),
                                   QStringLiteral("Generate a scenario with N flows instead."),
                                   QStringLiteral("N"));
    const QCommandLineOption runs(QStringLiteral("runs-per-flow"),
                                  QStringLiteral("Past runs per generated flow. Default 10."),
                                  QStringLiteral("M"), QStringLiteral("10"));
    const QCommandLineOption activePercent(QStringLiteral("active-percent"),
                                           QStringLiteral("Percent of the generated flows that have a run "
                                                          "in progress at start (0-100). Default 10."),
                                           QStringLiteral("P"), QStringLiteral("10"));
    const QCommandLineOption seed(QStringLiteral("seed"),
                                  QStringLiteral("Seed: the same seed gives the same scenario, "
                                                 "runs and fault sequence. Default 1."),
                                  QStringLiteral("S"), QStringLiteral("1"));
    const QCommandLineOption speed(QStringLiteral("speed"),
                                   QStringLiteral("Time multiplier for run lifecycles and "
                                                  "schedules. Default 1."),
                                   QStringLiteral("X"), QStringLiteral("1"));
    const QCommandLineOption throttle(QStringLiteral("throttle-rate"),
                                      QStringLiteral("Share of AppFlow requests answered 429 "
                                                     "ThrottlingException."),
                                      QStringLiteral("P"), QStringLiteral("0"));
    const QCommandLineOption errors(QStringLiteral("error-rate"),
                                    QStringLiteral("Share answered 500 InternalServerException or "
                                                   "503 ServiceUnavailableException."),
                                    QStringLiteral("P"), QStringLiteral("0"));
    const QCommandLineOption drops(QStringLiteral("drop-rate"),
                                   QStringLiteral("Share whose connection is closed without an "
                                                  "answer."),
                                   QStringLiteral("P"), QStringLiteral("0"));
    const QCommandLineOption latency(QStringLiteral("latency-ms"),
                                     QStringLiteral("Delay before every answer."),
                                     QStringLiteral("MS"), QStringLiteral("0"));
    const QCommandLineOption deny(QStringLiteral("deny"),
                                  QStringLiteral("Answer AccessDeniedException for an operation "
                                                 "(e.g. CancelFlowExecutions), or only for one "
                                                 "flow (CancelFlowExecutions:flow-a). Repeatable."),
                                  QStringLiteral("op[:flow]"));
    const QCommandLineOption rateLimit(QStringLiteral("rate-limit"),
                                       QStringLiteral("Allow an AppFlow operation (* for each one) "
                                                      "TPS calls a second with bursts of BURST "
                                                      "(default: TPS), per account and region; "
                                                      "more are answered 429 ThrottlingException, "
                                                      "as AWS does. Repeatable."),
                                       QStringLiteral("OP=TPS[:BURST]"));
    const QCommandLineOption log(QStringLiteral("log-requests"),
                                 QStringLiteral("Append one JSON line per request (time, "
                                                "operation, access key ID, flow, status, error "
                                                "code, latency) to PATH."),
                                 QStringLiteral("path"));
    const QCommandLineOption sso(QStringLiteral("sso-access-token"),
                                 QStringLiteral("A bearer token GetRoleCredentials accepts. "
                                                "Repeatable."),
                                 QStringLiteral("token"));
    const QCommandLineOption ssoClient(QStringLiteral("sso-client"),
                                       QStringLiteral("An IAM Identity Center OIDC client whose "
                                                      "refresh token CreateToken (POST /token) "
                                                      "renews; the refresh token rotates on each "
                                                      "renewal. Repeatable."),
                                       QStringLiteral("ID:SECRET:REFRESH_TOKEN"));
    const QCommandLineOption accounts(QStringLiteral("accounts"),
                                      QStringLiteral("Accounts the IAM Identity Center portal assigns "
                                                     "(ListAccounts, ListAccountRoles; seeded names, "
                                                     "1-3 roles each, some refused). Default 0."),
                                      QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption regions(QStringLiteral("regions"),
                                     QStringLiteral("Regions served, comma-separated (--region is "
                                                    "the first if not listed): each account has "
                                                    "its own flows in each."),
                                     QStringLiteral("LIST"));
    const QCommandLineOption lifetime(QStringLiteral("credential-seconds"),
                                      QStringLiteral("Lifetime of credentials issued through STS "
                                                     "or SSO. Default 3600."),
                                      QStringLiteral("S"), QStringLiteral("3600"));
    parser.addOptions({listen, allowRemote, accessKey, secret, token, region, scenario, flows, runs, activePercent,
                       seed, speed, throttle, errors, drops, latency, deny, rateLimit, log, sso,
                       ssoClient, accounts, regions, lifetime});

    const auto fail = [&parsed](const QString &message) {
        parsed.outcome = Outcome::Error;
        parsed.error = message;
        return parsed;
    };
    if (!parser.parse(arguments))
        return fail(parser.errorText() + QStringLiteral(" (see --help)"));
    if (parser.isSet(help)) {
        parsed.outcome = Outcome::ShowHelp;
        parsed.helpText = parser.helpText();
        return parsed;
    }
    if (parser.isSet(version)) {
        parsed.outcome = Outcome::ShowVersion;
        return parsed;
    }
    if (!parser.positionalArguments().isEmpty())
        return fail(QStringLiteral("unexpected argument \"%1\" (see --help)")
                        .arg(parser.positionalArguments().constFirst()));

    // --listen HOST:PORT; loopback only unless --allow-remote.
    const QString endpoint = parser.value(listen);
    const qsizetype colon = endpoint.lastIndexOf(u':');
    if (colon <= 0)
        return fail(QStringLiteral("--listen needs HOST:PORT, e.g. 127.0.0.1:8080, not \"%1\"")
                        .arg(endpoint));
    QString host = endpoint.left(colon);
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.mid(1, host.size() - 2);
    if (host == QLatin1String("localhost"))
        host = QStringLiteral("127.0.0.1");
    bool portOk = false;
    const uint port = endpoint.mid(colon + 1).toUInt(&portOk);
    if (!portOk || port > 65535)
        return fail(QStringLiteral("--listen: \"%1\" is not a port number").arg(endpoint.mid(colon + 1)));
    const QHostAddress address(host);
    if (address.isNull())
        return fail(QStringLiteral("--listen: \"%1\" is not an IP address").arg(host));
    if (!address.isLoopback() && !parser.isSet(allowRemote))
        return fail(QStringLiteral("--listen %1 is not a loopback address; the simulator accepts "
                                   "anyone who knows its fixed credentials, so add --allow-remote "
                                   "only on a network you trust")
                        .arg(endpoint));
    parsed.address = address;
    parsed.port = static_cast<quint16>(port);

    config.accessKeyId = parser.value(accessKey);
    config.secretAccessKey = parser.isSet(secret)        ? parser.value(secret)
                           : !environmentSecret.isEmpty() ? environmentSecret
                                                          : defaultSecretAccessKey();
    config.sessionToken = parser.value(token);
    config.region = parser.value(region);
    config.scenario = parser.value(scenario);
    if (config.accessKeyId.isEmpty() || config.secretAccessKey.isEmpty() || config.region.isEmpty())
        return fail(QStringLiteral("--access-key-id, --secret-access-key and --region must not be "
                                   "empty"));

    const auto integer = [&](const QCommandLineOption &option, int minimum, int *out) {
        bool ok = false;
        const int value = parser.value(option).toInt(&ok);
        if (!ok || value < minimum) {
            parsed.error = QStringLiteral("--%1 must be a whole number of at least %2, not \"%3\"")
                               .arg(option.names().constFirst())
                               .arg(minimum)
                               .arg(parser.value(option));
            return false;
        }
        *out = value;
        return true;
    };
    if (parser.isSet(flows) && !integer(flows, 1, &config.generatedFlows))
        return fail(parsed.error);
    if (!integer(runs, 0, &config.runsPerFlow) || !integer(latency, 0, &config.latencyMs)
        || !integer(activePercent, 0, &config.activePercent)
        || !integer(lifetime, 1, &config.temporaryCredentialSeconds))
        return fail(parsed.error);
    if (config.activePercent > 100)
        return fail(QStringLiteral("--active-percent must be 0-100, not \"%1\"").arg(parser.value(activePercent)));
    bool ok = false;
    config.seed = parser.value(seed).toUInt(&ok);
    if (!ok)
        return fail(QStringLiteral("--seed must be a non-negative whole number, not \"%1\"")
                        .arg(parser.value(seed)));
    config.speed = parser.value(speed).toDouble(&ok);
    if (!ok || config.speed <= 0 || config.speed > 1e6)
        return fail(QStringLiteral("--speed must be a number above 0 (e.g. 1, 10, 100), not \"%1\"")
                        .arg(parser.value(speed)));
    QString error;
    if (!parseRate(parser.value(throttle), QStringLiteral("throttle-rate"), &config.throttleRate, &error)
        || !parseRate(parser.value(errors), QStringLiteral("error-rate"), &config.errorRate, &error)
        || !parseRate(parser.value(drops), QStringLiteral("drop-rate"), &config.dropRate, &error))
        return fail(error);
    if (config.throttleRate + config.errorRate + config.dropRate > 1.0)
        return fail(QStringLiteral("--throttle-rate, --error-rate and --drop-rate add up to more "
                                   "than 1"));
    config.deny = parser.values(deny);
    for (const QString &rule : std::as_const(config.deny)) {
        if (!FaultInjector::isValidDenyRule(rule, &error))
            return fail(error);
    }
    for (const QString &text : parser.values(rateLimit)) {
        const std::optional<RateLimit> limit = RateLimit::parse(text, &error);
        if (!limit)
            return fail(error);
        config.rateLimits.append(*limit);
    }
    config.requestLogPath = parser.value(log);
    config.ssoAccessTokens = parser.values(sso);
    {
        bool ok = false;
        config.ssoAccounts = parser.value(accounts).toInt(&ok);
        if (!ok || config.ssoAccounts < 0 || config.ssoAccounts > 100000)
            return fail(QStringLiteral("--accounts \"%1\": use a number from 0 to 100000.").arg(parser.value(accounts)));
    }
    if (parser.isSet(regions)) {
        for (const QString &name : parser.value(regions).split(u',', Qt::SkipEmptyParts)) {
            const QString trimmed = name.trimmed();
            if (!aws::RegionResolver::isValidRegionName(trimmed))
                return fail(QStringLiteral("--regions: \"%1\" is not a region name such as "
                                           "eu-west-1.").arg(trimmed));
            if (!config.regions.contains(trimmed))
                config.regions.append(trimmed);
        }
        if (!config.regions.contains(config.region))
            config.regions.prepend(config.region);
    }
    for (const QString &text : parser.values(ssoClient)) {
        const QStringList parts = text.split(u':');
        if (parts.size() != 3 || parts.contains(QString()))
            return fail(QStringLiteral("--sso-client \"%1\": use ID:SECRET:REFRESH_TOKEN.").arg(text));
        config.ssoClients.append({parts.at(0), parts.at(1), parts.at(2)});
    }
    return parsed;
}

} // namespace flowdesk::sim
