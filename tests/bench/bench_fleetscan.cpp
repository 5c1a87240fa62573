// Fleet scan benchmark (issue #14): how long until every active run of an IAM Identity Center
// fleet is known, against the quota-bound minimum the service's rate limits allow.
//
// Starts flowdesk-sim as its own process with --accounts N, --regions, --flows, --latency-ms and
// AWS-style token buckets (the portal's SsoPortal rule per instance, `*` per AppFlow operation
// per account and region), signs in with a token as `aws sso login` caches it, then does what
// the Fleet tab does: ListAccounts, ListAccountRoles per account, then for every account ×
// region GetRoleCredentials (once per account), ListFlows and the active runs of each flow.
// Prints the time to the last active run, the quota-bound minimum computed from the requests
// that succeeded (requests beyond each bucket's burst ÷ its rate, the slowest bucket decides:
// a lower bound, ignoring latency and the order requests must come in), the throttled answers
// (from the simulator's request log), failed calls (answers that were errors after every retry;
// regions an account has not enabled are reported apart: the simulator disables them on purpose
// and the scan reports them in place), and the peak RSS of this process with the fleet loaded.
//
//   bench_fleetscan --sim build/release/bin/flowdesk-sim [--accounts 500] [--regions us-east-1,eu-west-1]
//                   [--flows 20] [--latency-ms 50] [--portal-tps 20] [--appflow-tps 10]
#include <FleetController.h>
#include <SsoCredentialSource.h>
#include <SsoTokenFile.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>
#include <QUuid>

#include <cstdio>

using namespace flowdesk;

namespace {

long peakRssKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLong();
    }
    return -1;
}

int fail(const QString &why)
{
    QTextStream(stderr) << "bench_fleetscan: " << why << Qt::endl;
    return 1;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption simOption(QStringLiteral("sim"), QStringLiteral("flowdesk-sim to start"), QStringLiteral("PATH"));
    const QCommandLineOption accountsOption(QStringLiteral("accounts"), QStringLiteral("accounts"), QStringLiteral("N"), QStringLiteral("500"));
    const QCommandLineOption regionsOption(QStringLiteral("regions"), QStringLiteral("regions"), QStringLiteral("LIST"),
                                           QStringLiteral("us-east-1,eu-west-1"));
    const QCommandLineOption flowsOption(QStringLiteral("flows"), QStringLiteral("flows per account-region"), QStringLiteral("N"), QStringLiteral("20"));
    const QCommandLineOption latencyOption(QStringLiteral("latency-ms"), QStringLiteral("answer latency"), QStringLiteral("MS"), QStringLiteral("50"));
    const QCommandLineOption portalOption(QStringLiteral("portal-tps"), QStringLiteral("portal rate"), QStringLiteral("TPS"), QStringLiteral("20"));
    const QCommandLineOption appflowOption(QStringLiteral("appflow-tps"), QStringLiteral("AppFlow rate per operation per account-region"),
                                           QStringLiteral("TPS"), QStringLiteral("10"));
    const QCommandLineOption atOnceOption(QStringLiteral("regions-at-once"), QStringLiteral("account-regions read at once (default: the scanner's)"), QStringLiteral("N"));
    const QCommandLineOption perRegionOption(QStringLiteral("requests-per-region"), QStringLiteral("requests in flight per account-region (default: the scanner's)"), QStringLiteral("N"));
    const QCommandLineOption simArgOption(QStringLiteral("sim-arg"),
                                          QStringLiteral("one more argument for flowdesk-sim (repeatable), e.g. "
                                                         "--sim-arg=--throttle-rate --sim-arg=0.3"),
                                          QStringLiteral("ARG"));
    parser.addOptions({simOption, accountsOption, regionsOption, flowsOption, latencyOption, portalOption, appflowOption,
                       atOnceOption, perRegionOption, simArgOption});
    parser.process(app);
    const QString simPath = parser.isSet(simOption)
        ? parser.value(simOption)
        : QCoreApplication::applicationDirPath() + QStringLiteral("/../bin/flowdesk-sim");
    const int accounts = parser.value(accountsOption).toInt();
    const QStringList regions = parser.value(regionsOption).split(u',', Qt::SkipEmptyParts);
    const double portalTps = parser.value(portalOption).toDouble();
    const double appflowTps = parser.value(appflowOption).toDouble();
    if (accounts < 1 || regions.isEmpty() || portalTps <= 0 || appflowTps <= 0)
        return fail(QStringLiteral("--accounts, --regions, --portal-tps and --appflow-tps must be positive"));

    QTemporaryDir dir;
    const QString token = QStringLiteral("bench-") + QUuid::createUuid().toString(QUuid::Id128);
    const QString logPath = dir.filePath(QStringLiteral("requests.jsonl"));
    QProcess sim;
    sim.setProcessChannelMode(QProcess::SeparateChannels);
    sim.start(simPath, QStringList{QStringLiteral("--accounts"), QString::number(accounts),
                        QStringLiteral("--regions"), regions.join(u','),
                        QStringLiteral("--region"), regions.first(),
                        QStringLiteral("--flows"), parser.value(flowsOption),
                        QStringLiteral("--latency-ms"), parser.value(latencyOption),
                        QStringLiteral("--rate-limit"), QStringLiteral("SsoPortal=%1").arg(portalTps),
                        QStringLiteral("--rate-limit"), QStringLiteral("*=%1").arg(appflowTps),
                        QStringLiteral("--sso-access-token"), token,
                        QStringLiteral("--log-requests"), logPath}
                  + parser.values(simArgOption));
    if (!sim.waitForStarted(10000) || !sim.waitForReadyRead(20000))
        return fail(QStringLiteral("%1 did not start: %2").arg(simPath, sim.errorString()));
    const QString firstLine = QString::fromUtf8(sim.readLine()).trimmed();
    const QUrl endpoint(firstLine.section(QStringLiteral("listening on "), 1, 1));
    if (!endpoint.isValid() || endpoint.port() <= 0)
        return fail(QStringLiteral("unexpected first line from the simulator: %1").arg(firstLine));

    aws::SsoParameters parameters;
    parameters.sessionName = QStringLiteral("bench");
    parameters.startUrl = QStringLiteral("https://bench.awsapps.com/start");
    parameters.cacheDirectory = dir.path();
    aws::SsoToken cached;
    cached.startUrl = parameters.startUrl;
    cached.region = regions.first();
    cached.accessToken = token;
    cached.expiresAt = QDateTime::currentDateTimeUtc().addSecs(8 * 3600);
    const QString written = aws::SsoTokenFile::write(
        aws::SsoCredentialSource::cacheFileName(dir.path(), parameters.sessionName), cached);
    if (!written.isEmpty())
        return fail(written);

    QNetworkAccessManager network;
    fleet::FleetScanner::Settings settings;
    settings.endpointFor = [endpoint](const QString &) { return endpoint; };
    if (parser.isSet(atOnceOption))
        settings.maxConcurrentRegions = parser.value(atOnceOption).toInt();
    if (parser.isSet(perRegionOption))
        settings.clientConfig.maxConcurrentRequests = parser.value(perRegionOption).toInt();
    models::FleetController fleet(QStringLiteral("bench"), new aws::SsoCredentialSource(parameters, endpoint, &network),
                                  new fleet::SsoPortalClient(endpoint, &network), settings);

    QElapsedTimer clock;
    int exitCode = 0;
    QObject::connect(&fleet, &models::FleetController::accountsListed, &app, [&] {
        if (!fleet.accountsError().isEmpty() && fleet.accounts().isEmpty()) {
            exitCode = fail(fleet.accountsError());
            app.quit();
            return;
        }
        QList<fleet::FleetAccountChoice> chosen;
        for (const models::FleetController::Account &account : fleet.accounts())
            chosen.append({account.account.accountId, account.account.accountName, QStringLiteral("FlowdeskOperator")});
        fleet.setChoice(chosen, regions);
        fleet.refresh();
    });
    QObject::connect(&fleet, &models::FleetController::scanFinished, &app, [&] { app.quit(); });
    clock.start();
    fleet.listAccounts();
    app.exec();
    const double seconds = static_cast<double>(clock.nsecsElapsed()) / 1e9;
    if (exitCode != 0)
        return exitCode;
    // The portal requests of the scan (not of the auto-refresh below) that were not throttled.
    const int scanPortalAnswered = fleet.portal()->requestsSent() - fleet.portal()->throttledAnswers();

    // What the fleet read, and what failed in it.
    int read = 0, disabled = 0, failedRegions = 0, flowsSeen = 0, maxFlows = 0;
    for (const fleet::FleetRegionState &state : fleet.scanner()->regions()) {
        if (state.status == fleet::FleetRegionState::Status::Read) {
            ++read;
            flowsSeen += state.flowCount;
            maxFlows = std::max(maxFlows, state.flowCount);
        } else if (state.error && state.error->codeText() == u"UnrecognizedClientException") {
            ++disabled;
        } else {
            ++failedRegions;
            QTextStream(stderr) << "not read: " << state.accountId << ' ' << state.region << ": "
                                << (state.error ? state.error->toString() : QStringLiteral("?")) << Qt::endl;
        }
    }
    int rolesFailed = 0;
    for (const models::FleetController::Account &account : fleet.accounts())
        rolesFailed += account.error.isEmpty() ? 0 : 1;
    const long rss = peakRssKiB();
    const int scanFailedAppFlowCalls = fleet.scanner()->appFlowFailedCalls();
    const int scanActiveRuns = fleet.scanner()->activeRunCount();
    // Where the scan's answers end in the simulator's log (it writes and flushes each line in the
    // same step as it sends the answer, so every answer of the scan is in it by now): the scan
    // alone can then be told from the auto-refresh below; run-benchmarks.mjs compares the scan
    // with its peers'.
    qint64 scanLogLines = 0;
    {
        QFile scanLog(logPath);
        if (scanLog.open(QIODevice::ReadOnly))
            scanLogLines = scanLog.readAll().count('\n');
    }

    // An auto-refresh right after (what the Fleet tab does every minute while runs are
    // active): ListFlows per account-region, then only the flows with active runs or a new
    // last run. Simulated time moved on meanwhile, so some runs ended and some started.
    QElapsedTimer refreshClock;
    refreshClock.start();
    fleet.refreshActive();
    app.exec(); // until scanFinished, as above
    const double refreshSeconds = static_cast<double>(refreshClock.nsecsElapsed()) / 1e9;
    const int refreshFlowsRead = fleet.scanner()->flowsRead();
    const int refreshActiveRuns = fleet.scanner()->activeRunCount();
    sim.terminate();
    sim.waitForFinished(5000);

    // The simulator's log: every answer, by operation.
    QFile log(logPath);
    if (!log.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("no request log at %1").arg(logPath));
    QHash<QString, int> okByOperation;
    int throttled = 0, portalOk = 0, errors = 0;
    int scanRequests = 0, scanThrottled = 0;
    for (qint64 line = 0; !log.atEnd(); ++line) {
        const QJsonObject entry = QJsonDocument::fromJson(log.readLine()).object();
        const QString operation = entry.value(QLatin1String("operation")).toString();
        const int status = entry.value(QLatin1String("status")).toInt();
        if (line < scanLogLines) {
            ++scanRequests;
            scanThrottled += status == 429 ? 1 : 0;
        }
        if (status == 429) {
            ++throttled;
            continue;
        }
        if (status >= 400) {
            errors += entry.value(QLatin1String("errorCode")).toString() == u"UnrecognizedClientException" ? 0 : 1;
            continue;
        }
        okByOperation[operation] += 1;
        if (operation.startsWith(QLatin1String("sso:")))
            ++portalOk;
    }
    // Quota-bound minimum: each bucket starts full (burst = rate) and refills at its rate.
    const double portalBound = std::max(0.0, (scanPortalAnswered - portalTps) / portalTps);
    const double appflowBound = std::max(0.0, (maxFlows - appflowTps) / appflowTps); // DescribeFlowExecutionRecords per account-region
    const double bound = std::max(portalBound, appflowBound);
    const int failedCalls = scanFailedAppFlowCalls - disabled + rolesFailed + (fleet.accountsError().isEmpty() ? 0 : 1);

    QTextStream out(stdout);
    out << "fleet scan: " << accounts << " accounts x " << regions.size() << " regions x " << parser.value(flowsOption)
        << " flows, portal " << portalTps << " TPS, AppFlow " << appflowTps << " TPS per operation per account-region, "
        << parser.value(latencyOption) << " ms latency; " << settings.maxConcurrentRegions << " account-regions at once, "
        << settings.clientConfig.maxConcurrentRequests << " requests in flight each, portal "
        << fleet.portal()->maxInFlight() << " in flight" << Qt::endl;
    out << "  time to every active run: " << QString::number(seconds, 'f', 2) << " s" << Qt::endl;
    out << "  quota-bound minimum: " << QString::number(bound, 'f', 2) << " s (portal " << scanPortalAnswered << " requests: "
        << QString::number(portalBound, 'f', 2) << " s; AppFlow per account-region: " << QString::number(appflowBound, 'f', 2)
        << " s) -> " << QString::number(bound > 0 ? seconds / bound : 0, 'f', 2) << "x" << Qt::endl;
    out << "  account-regions read: " << read << ", not enabled (by design, shown in place): " << disabled
        << ", failed: " << failedRegions << "; flows " << flowsSeen << ", active runs " << scanActiveRuns << Qt::endl;
    out << "  throttled answers: " << throttled << ", failed calls: " << failedCalls
        << " (error answers other than the disabled regions' in the log: " << errors << ")" << Qt::endl;
    out << "  the scan alone: " << scanRequests << " requests (retries included), " << scanThrottled << " throttled" << Qt::endl;
    out << "  requests answered (scan and auto-refresh): portal " << portalOk << ", ListFlows " << okByOperation.value(QStringLiteral("ListFlows"))
        << ", DescribeFlowExecutionRecords " << okByOperation.value(QStringLiteral("DescribeFlowExecutionRecords")) << Qt::endl;
    out << "  auto-refresh of the active runs: " << QString::number(refreshSeconds, 'f', 2) << " s, "
        << refreshFlowsRead << " of " << flowsSeen << " flows read again, " << refreshActiveRuns << " active runs" << Qt::endl;
    out << "  peak RSS: " << (rss >= 0 ? QString::number(rss / 1024.0, 'f', 0) : QStringLiteral("?")) << " MiB" << Qt::endl;
    return failedCalls == 0 && failedRegions == 0 ? 0 : 2;
}
