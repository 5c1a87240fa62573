// flowdesk-soak: the real RefreshController and CancelController (no GUI) against a faulty
// in-process simulator, round after round, comparing run by run what they report with what the
// simulator knows. `./dev soak` runs the full version, ctest (tst_soak_short) a short one.
// docs/RELIABILITY.md explains the figures. Exit status: 0 when every goal is met, 1 when one
// is missed, 2 when the soak could not run.

#include "RoundFigures.h"
#include "SoakRound.h"
#include "SoakSettings.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QLoggingCategory>

#include <cstdio>

using namespace flowdesk::soak;

namespace {

void print(const QString &line)
{
    std::fputs(qPrintable(line + u'\n'), stdout);
    std::fflush(stdout);
}

bool parse(const QCoreApplication &app, SoakSettings *settings, int *maxDetails, QString *error)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Soak: refresh and cancel with the real controllers against a faulty simulator, and "
        "compare what they report with the simulator's state."));
    parser.addHelpOption();
    const SoakSettings d;
    struct Number {
        QString name;
        QString help;
        QString fallback;
    };
    const QList<Number> numbers {
        { QStringLiteral("flows"), QStringLiteral("generated flows"), QString::number(d.flows) },
        { QStringLiteral("rounds"), QStringLiteral("rounds"), QString::number(d.rounds) },
        { QStringLiteral("seed"), QStringLiteral("seed of round 1 (round r: seed + r - 1)"),
          QString::number(d.seed) },
        { QStringLiteral("throttle-rate"), QStringLiteral("429 share"),
          QString::number(d.throttleRate) },
        { QStringLiteral("error-rate"), QStringLiteral("500/503 share"),
          QString::number(d.errorRate) },
        { QStringLiteral("drop-rate"), QStringLiteral("dropped connection share"),
          QString::number(d.dropRate) },
        { QStringLiteral("latency-ms"), QStringLiteral("latency of every answer"),
          QString::number(d.latencyMs) },
        { QStringLiteral("speed"), QStringLiteral("simulated seconds per second"),
          QString::number(d.speed) },
        { QStringLiteral("cancel-flows"), QStringLiteral("flows cancelled in per round"),
          QString::number(d.cancelFlows) },
        { QStringLiteral("runs-per-flow"), QStringLiteral("runs cancelled per flow"),
          QString::number(d.runsPerFlow) },
        { QStringLiteral("start-runs"), QStringLiteral("runs started per flow before the refresh"),
          QString::number(d.startRuns) },
        { QStringLiteral("cancelled-behind"),
          QStringLiteral("started runs cancelled behind the controller's back, per flow"),
          QString::number(d.cancelledBehind) },
        { QStringLiteral("refresh-timeout"), QStringLiteral("seconds a refresh may take"),
          QString::number(d.refreshTimeoutSeconds) },
        { QStringLiteral("settle-timeout"), QStringLiteral("seconds a cancel may take to settle"),
          QString::number(d.settleTimeoutSeconds) },
        { QStringLiteral("max-details"), QStringLiteral("miss lines printed per round (-1: all)"),
          QStringLiteral("-1") },
    };
    for (const Number &n : numbers)
        parser.addOption(
            QCommandLineOption(n.name, n.help + QStringLiteral(" (default %1)").arg(n.fallback),
                               QStringLiteral("N"), n.fallback));
    if (!parser.parse(app.arguments())) {
        *error = parser.errorText();
        return false;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        print(parser.helpText());
        std::exit(0);
    }
    bool allOk = true;
    auto integer = [&](const QString &name) {
        bool ok = false;
        const int value = parser.value(name).toInt(&ok);
        allOk = allOk && ok;
        return value;
    };
    auto real = [&](const QString &name) {
        bool ok = false;
        const double value = parser.value(name).toDouble(&ok);
        allOk = allOk && ok;
        return value;
    };
    settings->flows = integer(QStringLiteral("flows"));
    settings->rounds = integer(QStringLiteral("rounds"));
    settings->seed = quint32(integer(QStringLiteral("seed")));
    settings->throttleRate = real(QStringLiteral("throttle-rate"));
    settings->errorRate = real(QStringLiteral("error-rate"));
    settings->dropRate = real(QStringLiteral("drop-rate"));
    settings->latencyMs = integer(QStringLiteral("latency-ms"));
    settings->speed = real(QStringLiteral("speed"));
    settings->cancelFlows = integer(QStringLiteral("cancel-flows"));
    settings->runsPerFlow = integer(QStringLiteral("runs-per-flow"));
    settings->startRuns = integer(QStringLiteral("start-runs"));
    settings->cancelledBehind = integer(QStringLiteral("cancelled-behind"));
    settings->refreshTimeoutSeconds = integer(QStringLiteral("refresh-timeout"));
    settings->settleTimeoutSeconds = integer(QStringLiteral("settle-timeout"));
    *maxDetails = integer(QStringLiteral("max-details"));
    if (!allOk || settings->flows < 1 || settings->rounds < 1 || settings->cancelFlows < 1
        || settings->runsPerFlow < 1 || settings->runsPerFlow > 100 || settings->speed <= 0) {
        *error = QStringLiteral("every option takes a number; flows, rounds, cancel-flows and "
                                "runs-per-flow (at most 100) must be positive");
        return false;
    }
    return true;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("flowdesk-soak"));
    // The client logs every retry; the soak's own report says what matters.
    QLoggingCategory::setFilterRules(
        QStringLiteral("flowdesk.*.info=false\nflowdesk.*.warning=false"));

    SoakSettings settings;
    int maxDetails = -1;
    QString error;
    if (!parse(app, &settings, &maxDetails, &error)) {
        std::fprintf(stderr, "flowdesk-soak: %s\n", qPrintable(error));
        return 2;
    }
    print(QStringLiteral("flowdesk-soak: %1 rounds, %2 flows, throttle %3, error %4, drop %5, "
                         "latency %6 ms, speed %7; per round %8 runs across %9 flows (%10 started "
                         "and %11 cancelled behind the controller's back per flow)")
              .arg(settings.rounds)
              .arg(settings.flows)
              .arg(settings.throttleRate)
              .arg(settings.errorRate)
              .arg(settings.dropRate)
              .arg(settings.latencyMs)
              .arg(settings.speed)
              .arg(settings.cancelFlows * settings.runsPerFlow)
              .arg(settings.cancelFlows)
              .arg(settings.startRuns)
              .arg(settings.cancelledBehind));

    RoundFigures total;
    for (int round = 1; round <= settings.rounds; ++round) {
        const quint32 seed = settings.seed + quint32(round - 1);
        SoakRound soakRound(settings, seed);
        RoundFigures figures;
        if (!soakRound.run(&figures)) {
            std::fprintf(stderr, "flowdesk-soak: round %d (seed %u) could not run: %s\n", round,
                         seed, qPrintable(soakRound.errorString()));
            return 2;
        }
        print(QStringLiteral("round %1/%2 (seed %3): %4%5")
                  .arg(round)
                  .arg(settings.rounds)
                  .arg(seed)
                  .arg(figures.summary(),
                       figures.goalsMet() ? QString() : QStringLiteral(" — GOALS MISSED")));
        const int shown = maxDetails < 0 ? int(figures.details.size())
                                         : qMin(maxDetails, int(figures.details.size()));
        for (int i = 0; i < shown; ++i)
            print(QStringLiteral("  ") + figures.details.at(i));
        if (shown < figures.details.size())
            print(QStringLiteral("  … and %1 more").arg(figures.details.size() - shown));
        total.add(figures);
    }
    print(QStringLiteral("total over %1 rounds: %2").arg(total.rounds).arg(total.summary()));
    print(total.goalsMet() ? QStringLiteral("every goal met")
                           : QStringLiteral("GOALS MISSED: see the lines above"));
    return total.goalsMet() ? 0 : 1;
}
