// flowdesk-soak: the real RefreshController and CancelController against a faulty simulator,
// round after round, checking run by run that what Flowdesk reports is what the simulator did.
// `./dev soak` runs it at full size (docs/RELIABILITY.md); ctest runs a short version.
//
// Each round (its own seed): a full refresh of every flow, then a cancel of every run of ten
// flows that each had a run in progress (some of those cancelled behind Flowdesk's back first,
// the rest finished or cancelled long ago), watched until it settles. Then, against the
// simulator's own state and request log:
//  - misreported: a settled outcome that contradicts the simulator (cancel started for a run
//    that is not cancelling, already cancelled for one Flowdesk did cancel, not cancellable
//    for a run that was running and is still, a status shown as current that is not);
//  - reported cancelled but not: "Cancel started"/"Already cancelled" while the run goes on;
//  - not reported: a run of the cancel without an outcome once every request answered;
//  - unread flows: the flows marked unread must be exactly those whose last read failed in
//    the simulator's log, and an unfinished flow listing must be one whose last page failed;
//  - cancels without an intent: a CancelFlowExecutions that reached the simulator for a flow
//    with no intent line written before it.
#include "CancelController.h"
#include "Connection.h"
#include "ConnectionFactory.h"
#include "RefreshController.h"

#include <AuditLogReader.h>
#include <Simulator.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>

#include <memory>

using namespace flowdesk;
using Result = models::CancelOutcomeModel::Result;

namespace {

struct Settings {
    int flows = 1000;
    int rounds = 20;
    int cancelFlows = 10;
    int behindTheBack = 3; // of the cancel's flows, whose running run is cancelled elsewhere first
    quint32 seed = 1;
    double throttle = 0.3, error = 0.1, drop = 0.05;
    int latencyMs = 20;
    int settleSeconds = 90;
    bool verbose = false;
};

struct Totals {
    int runs = 0, misreported = 0, cancelledButNot = 0, notReported = 0, unsettled = 0;
    int unreadMarked = 0, unreadInSim = 0, unreadMismatch = 0, listingMismatch = 0, listingIncomplete = 0;
    int cancelRequests = 0, withoutIntent = 0;
    int cancelStarted = 0, alreadyCancelled = 0, notCancellable = 0, failed = 0;
    qint64 wallMs = 0;
    Totals &operator+=(const Totals &o)
    {
        runs += o.runs; misreported += o.misreported; cancelledButNot += o.cancelledButNot;
        notReported += o.notReported; unsettled += o.unsettled; unreadMarked += o.unreadMarked;
        unreadInSim += o.unreadInSim; unreadMismatch += o.unreadMismatch;
        listingMismatch += o.listingMismatch; listingIncomplete += o.listingIncomplete;
        cancelRequests += o.cancelRequests;
        withoutIntent += o.withoutIntent; cancelStarted += o.cancelStarted;
        alreadyCancelled += o.alreadyCancelled; notCancellable += o.notCancellable;
        failed += o.failed; wallMs += o.wallMs;
        return *this;
    }
};

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

bool cancelling(const QString &status)
{
    return status == QLatin1String("CancelStarted") || status == QLatin1String("Canceled");
}

bool finished(const QString &status)
{
    return status == QLatin1String("Successful") || status == QLatin1String("Error")
        || status == QLatin1String("Canceled");
}

QList<QJsonObject> readLog(const QString &path)
{
    QList<QJsonObject> entries;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return entries;
    for (const QByteArray &line : file.readAll().split('\n')) {
        if (!line.trimmed().isEmpty())
            entries << QJsonDocument::fromJson(line).object();
    }
    return entries;
}

// The outcome of one run, against what the simulator did. Returns a complaint, or nothing.
QString judge(const models::CancelOutcomeModel::Row &row, const QString &before, const QString &now,
              Totals &totals)
{
    if (!row.settled()) {
        ++totals.unsettled; // not a claim: the window still says it is finding out
        if ((row.result == Result::CancelStarted || row.result == Result::AlreadyCancelled)
            && !cancelling(now) && row.statusFresh) {
            ++totals.cancelledButNot;
            return QStringLiteral("reported cancelling, simulator says %1").arg(now);
        }
        return {};
    }
    switch (row.result) {
    case Result::Requested:
        ++totals.notReported;
        return QStringLiteral("no outcome");
    case Result::CancelStarted:
        ++totals.cancelStarted;
        if (!cancelling(now)) {
            ++totals.cancelledButNot;
            return QStringLiteral("Cancel started, simulator says %1").arg(now);
        }
        if (before != QLatin1String("InProgress"))
            return QStringLiteral("Cancel started for a run that was %1 before").arg(before);
        break;
    case Result::AlreadyCancelled:
        ++totals.alreadyCancelled;
        if (!cancelling(now)) {
            ++totals.cancelledButNot;
            return QStringLiteral("Already cancelled, simulator says %1").arg(now);
        }
        if (!cancelling(before))
            return QStringLiteral("Already cancelled, but it was %1 before this cancel").arg(before);
        break;
    case Result::NotCancellable:
        ++totals.notCancellable;
        if (cancelling(before) || before == QLatin1String("InProgress")) {
            // A run that ended between the choice and the request is fine: it is not cancelled.
            if (!(before == QLatin1String("InProgress") && finished(now) && !cancelling(now)))
                return QStringLiteral("Not cancellable, but it was %1 and is %2").arg(before, now);
        }
        break;
    case Result::RequestFailed:
    case Result::NoAnswer:
    case Result::NotSent:
        ++totals.failed;
        // Said not to have taken effect: true only if the run is not cancelling, unless it was
        // cancelling before (then it said "nothing was cancelled by this request", also true).
        if (cancelling(now) && !cancelling(before))
            return QStringLiteral("%1, but the simulator cancelled it").arg(models::CancelOutcomeModel::resultText(row));
        break;
    }
    // A status shown as current must be the simulator's (or, cancelling, already past it).
    if (row.statusFresh && !row.notFound && row.statusText != now
        && !(row.statusText == QLatin1String("CancelStarted") && now == QLatin1String("Canceled")))
        return QStringLiteral("status shown %1, simulator says %2").arg(row.statusText, now);
    return {};
}

Totals runRound(const Settings &settings, int round)
{
    Totals totals;
    QElapsedTimer wall;
    wall.start();
    QTemporaryDir dir;
    sim::SimulatorConfig config = sim::Simulator::demoConfig();
    config.generatedFlows = settings.flows;
    config.seed = settings.seed + quint32(round);
    // Ten times real time: a cancelled run reaches Canceled in a second, a Bulk API run finishes
    // its batch within the round, and runs still last minutes, so most are running when cancelled.
    config.speed = 10;
    config.throttleRate = settings.throttle;
    config.errorRate = settings.error;
    config.dropRate = settings.drop;
    config.latencyMs = settings.latencyMs;
    config.requestLogPath = dir.filePath(QStringLiteral("requests.jsonl"));
    auto *simulator = new sim::Simulator(config);
    if (!simulator->listen()) {
        out() << "round " << round << ": the simulator did not start: " << simulator->errorString() << Qt::endl;
        ++totals.notReported;
        delete simulator;
        return totals;
    }
    std::unique_ptr<models::Connection> connection(ConnectionFactory::connectTo(simulator));
    connection->adopt(simulator);
    const QString auditPath = dir.filePath(QStringLiteral("audit-log.jsonl"));

    // 1. A full refresh, as at start-up.
    models::RefreshController refresh(connection->client());
    refresh.setAutoRefreshInterval(0);
    refresh.refresh();
    if (!QTest::qWaitFor([&] { return !refresh.isBusy(); }, settings.settleSeconds * 1000))
        out() << "  round " << round << ": the refresh did not end in " << settings.settleSeconds << " s" << Qt::endl;
    {
        // The flows whose last read failed in the simulator, and the last ListFlows page.
        QHash<QString, int> lastStatus;
        int lastListing = 200;
        for (const QJsonObject &entry : readLog(config.requestLogPath)) {
            const QString operation = entry.value(QStringLiteral("operation")).toString();
            if (operation == QLatin1String("DescribeFlowExecutionRecords"))
                lastStatus.insert(entry.value(QStringLiteral("flowName")).toString(), entry.value(QStringLiteral("status")).toInt());
            else if (operation == QLatin1String("ListFlows"))
                lastListing = entry.value(QStringLiteral("status")).toInt();
        }
        QSet<QString> failedInSim;
        for (auto it = lastStatus.cbegin(); it != lastStatus.cend(); ++it) {
            if (it.value() != 200)
                failedInSim.insert(it.key());
        }
        const QStringList marked = refresh.unreadFlows();
        const QSet<QString> markedSet(marked.cbegin(), marked.cend());
        totals.unreadMarked = int(marked.size());
        totals.unreadInSim = int(failedInSim.size());
        totals.unreadMismatch = int((markedSet - failedInSim).size() + (failedInSim - markedSet).size());
        if (refresh.listingComplete() != (lastListing == 200))
            ++totals.listingMismatch;
        totals.listingIncomplete += refresh.listingComplete() ? 0 : 1;
    }

    // 2. The cancel: every run of flows that had one in progress; some cancelled elsewhere first.
    QStringList flows;
    for (const QString &flow : simulator->flowNames()) {
        for (const QString &id : simulator->executionIds(flow)) {
            if (simulator->executionStatus(flow, id) == QLatin1String("InProgress")) {
                flows << flow;
                break;
            }
        }
        if (flows.size() == settings.cancelFlows)
            break;
    }
    simulator->setFaults(0, 0, 0); // "elsewhere" is another tool on a good day
    for (int i = 0; i < settings.behindTheBack && i < flows.size(); ++i) {
        QStringList running;
        for (const QString &id : simulator->executionIds(flows.at(i))) {
            if (simulator->executionStatus(flows.at(i), id) == QLatin1String("InProgress"))
                running << id;
        }
        bool done = false;
        connection->client()->cancelFlowExecutions(flows.at(i), running, connection.get(),
                                                   [&](const auto &) { done = true; });
        if (!QTest::qWaitFor([&] { return done; }, 10000))
            out() << "  round " << round << ": a cancel elsewhere did not answer" << Qt::endl;
    }
    // And one flow's cancel is refused (a missing permission): its runs must read as "Request
    // failed", naming the error, while they go on.
    const QString refused = flows.isEmpty() ? QString() : flows.last();
    simulator->setFaults(settings.throttle, settings.error, settings.drop,
                         refused.isEmpty() ? QStringList() : QStringList{QStringLiteral("CancelFlowExecutions:") + refused});
    QHash<QString, QString> before; // flow + '\n' + id → status before the cancel
    QList<models::CancelController::Target> targets;
    for (const QString &flow : std::as_const(flows)) {
        models::CancelController::Target target;
        target.flowName = flow;
        for (const QString &id : simulator->executionIds(flow)) {
            appflow::ExecutionRecord run; // as a stale view shows it: in progress
            run.executionId = id;
            run.executionStatus = appflow::ExecutionStatus::InProgress;
            run.executionStatusText = QStringLiteral("InProgress");
            target.runs << run;
            before.insert(flow + u'\n' + id, simulator->executionStatus(flow, id));
        }
        targets << target;
    }
    models::CancelController controller(connection->client(), connection->info(), auditPath);
    controller.setPollIntervals(200, 2000);
    controller.start(targets);
    // Bounded: what has not settled by then is counted as still settling, not as an answer.
    if (!QTest::qWaitFor([&] { return controller.allSettled(); }, settings.settleSeconds * 1000))
        out() << "  round " << round << ": not settled after " << settings.settleSeconds << " s" << Qt::endl;

    // 3. Run by run.
    const models::CancelOutcomeModel *outcomes = controller.outcomes();
    for (auto it = before.cbegin(); it != before.cend(); ++it) {
        const QString flow = it.key().section(u'\n', 0, 0);
        const QString id = it.key().section(u'\n', 1);
        ++totals.runs;
        const int row = outcomes->indexOf(flow, id);
        if (row < 0) {
            ++totals.notReported;
            out() << "  round " << round << " " << flow << " " << id << ": not reported" << Qt::endl;
            continue;
        }
        const QString now = simulator->executionStatus(flow, id);
        const QString complaint = judge(outcomes->row(row), it.value(), now, totals);
        if (!complaint.isEmpty()) {
            ++totals.misreported;
            out() << "  round " << round << " " << flow << " " << id << ": " << complaint
                  << " (reported " << models::CancelOutcomeModel::resultText(outcomes->row(row))
                  << ", " << outcomes->row(row).detail << ")" << Qt::endl;
        } else if (!outcomes->row(row).settled()) {
            out() << "  round " << round << " " << flow << " " << id << ": still settling ("
                  << models::CancelOutcomeModel::resultText(outcomes->row(row)) << ", status "
                  << outcomes->row(row).statusText << (outcomes->row(row).statusFresh ? "" : " last known")
                  << ", simulator " << now << ")" << Qt::endl;
        } else if (settings.verbose) {
            out() << "  ok " << flow << " " << id << " " << it.value() << " -> " << now << ": "
                  << models::CancelOutcomeModel::resultText(outcomes->row(row)) << Qt::endl;
        }
    }

    // 4. Every CancelFlowExecutions that reached the simulator had its intent written first.
    audit::AuditLogReader reader(auditPath);
    reader.load();
    QHash<QString, QDateTime> firstIntent;
    for (const audit::AuditEntry &entry : reader.entries()) {
        if (entry.type == audit::AuditEntry::Type::Intent && !firstIntent.contains(entry.flowName))
            firstIntent.insert(entry.flowName, entry.time);
    }
    for (const QJsonObject &entry : readLog(config.requestLogPath)) {
        if (entry.value(QStringLiteral("operation")).toString() != QLatin1String("CancelFlowExecutions"))
            continue;
        const QString flow = entry.value(QStringLiteral("flowName")).toString();
        // The behind-the-back cancels are not Flowdesk's: they came before any intent and are
        // told apart by having no intent at all for a flow that was cancelled elsewhere only.
        const QDateTime time = QDateTime::fromString(entry.value(QStringLiteral("time")).toString(), Qt::ISODateWithMs);
        if (flows.indexOf(flow) < settings.behindTheBack && (!firstIntent.contains(flow) || time < firstIntent.value(flow)))
            continue;
        ++totals.cancelRequests;
        if (!firstIntent.contains(flow) || time < firstIntent.value(flow))
            ++totals.withoutIntent;
    }
    totals.wallMs = wall.elapsed();
    return totals;
}

void printTotals(const QString &what, const Totals &t)
{
    out() << what << ": runs checked " << t.runs << ", misreported " << t.misreported
          << ", reported cancelled but not " << t.cancelledButNot << ", not reported " << t.notReported
          << ", still settling " << t.unsettled << " | outcomes: cancel started " << t.cancelStarted
          << ", already cancelled " << t.alreadyCancelled << ", not cancellable " << t.notCancellable
          << ", failed/no answer " << t.failed << " | flows unread and marked " << t.unreadMarked
          << " (simulator failed " << t.unreadInSim << ", mismatches " << t.unreadMismatch
          << "; flow list incomplete " << t.listingIncomplete << "x, mismatches " << t.listingMismatch
          << ") | cancel requests " << t.cancelRequests
          << ", without intent " << t.withoutIntent << " | wall " << t.wallMs << " ms" << Qt::endl;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Flowdesk's controllers against a faulty simulator, checked run by run."));
    parser.addHelpOption();
    const QCommandLineOption flowsOption(QStringLiteral("flows"), QStringLiteral("Generated flows."), QStringLiteral("n"), QStringLiteral("1000"));
    const QCommandLineOption roundsOption(QStringLiteral("rounds"), QStringLiteral("Rounds, each with its own seed."), QStringLiteral("n"), QStringLiteral("20"));
    const QCommandLineOption seedOption(QStringLiteral("seed"), QStringLiteral("Seed of the first round."), QStringLiteral("n"), QStringLiteral("1"));
    const QCommandLineOption throttleOption(QStringLiteral("throttle-rate"), QStringLiteral("Throttled share."), QStringLiteral("p"), QStringLiteral("0.3"));
    const QCommandLineOption errorOption(QStringLiteral("error-rate"), QStringLiteral("Server error share."), QStringLiteral("p"), QStringLiteral("0.1"));
    const QCommandLineOption dropOption(QStringLiteral("drop-rate"), QStringLiteral("Dropped connection share."), QStringLiteral("p"), QStringLiteral("0.05"));
    const QCommandLineOption latencyOption(QStringLiteral("latency-ms"), QStringLiteral("Latency per request."), QStringLiteral("ms"), QStringLiteral("20"));
    const QCommandLineOption verboseOption(QStringLiteral("verbose"), QStringLiteral("List every run."));
    parser.addOptions({flowsOption, roundsOption, seedOption, throttleOption, errorOption, dropOption, latencyOption, verboseOption});
    parser.process(app);
    Settings settings;
    settings.flows = parser.value(flowsOption).toInt();
    settings.rounds = parser.value(roundsOption).toInt();
    settings.seed = parser.value(seedOption).toUInt();
    settings.throttle = parser.value(throttleOption).toDouble();
    settings.error = parser.value(errorOption).toDouble();
    settings.drop = parser.value(dropOption).toDouble();
    settings.latencyMs = parser.value(latencyOption).toInt();
    settings.verbose = parser.isSet(verboseOption);
    // The client's per-request warnings (every throttled attempt) would bury the figures.
    if (!settings.verbose)
        QLoggingCategory::setFilterRules(QStringLiteral("flowdesk.*=false"));
    if (settings.flows < 10 * settings.cancelFlows || settings.rounds < 1) {
        out() << "flowdesk-soak: --flows must be at least " << 10 * settings.cancelFlows << " and --rounds at least 1" << Qt::endl;
        return 2;
    }
    out() << "flowdesk-soak: " << settings.rounds << " rounds, " << settings.flows << " flows, throttle "
          << settings.throttle << ", errors " << settings.error << ", drops " << settings.drop << ", latency "
          << settings.latencyMs << " ms" << Qt::endl;
    Totals all;
    for (int round = 0; round < settings.rounds; ++round) {
        const Totals totals = runRound(settings, round);
        printTotals(QStringLiteral("round %1").arg(round + 1), totals);
        all += totals;
    }
    printTotals(QStringLiteral("TOTAL"), all);
    const bool ok = all.misreported == 0 && all.cancelledButNot == 0 && all.notReported == 0
        && all.unreadMismatch == 0 && all.listingMismatch == 0 && all.withoutIntent == 0 && all.runs > 0;
    out() << (ok ? "soak: every goal met" : "soak: GOALS MISSED") << Qt::endl;
    return ok ? 0 : 1;
}
