// Measures RunListModel::merge() at the size the issue names (10,000 runs) with a realistic
// poll: 1 % of the runs changed, 0.5 % gone, 0.5 % new. Prints the median merge time over the
// repetitions, for the model alone and with a sorted proxy and two selection models attached
// (what the main window has), and whether the selection survived every merge.
// No timing assertion: the numbers are for people. It fails only if the selection is lost.
//
// usage: bench_modelmerge [--runs N] [--reps R]

#include "ModelRoles.h"
#include "RunFilterProxyModel.h"
#include "RunListModel.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QItemSelectionModel>
#include <QRandomGenerator>
#include <QSet>
#include <QTextStream>
#include <QUuid>

#include <algorithm>

using flowdesk::appflow::ExecutionRecord;
using flowdesk::appflow::ExecutionStatus;
using namespace flowdesk::models;

namespace {

const QDateTime benchNow(QDate(2024, 5, 1), QTime(12, 0), Qt::UTC);

ExecutionRecord makeRun(QRandomGenerator &random)
{
    ExecutionRecord run;
    run.executionId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const bool active = random.bounded(100) < 5;
    run.executionStatus = active ? ExecutionStatus::InProgress : ExecutionStatus::Successful;
    run.executionStatusText = active ? QStringLiteral("InProgress") : QStringLiteral("Successful");
    run.startedAt = benchNow.addSecs(-random.bounded(30 * 86400));
    run.lastUpdatedAt = run.startedAt.addSecs(random.bounded(3600));
    run.dataPullStartTime = run.startedAt.addSecs(-3600);
    run.dataPullEndTime = run.startedAt;
    run.executionResult.bytesProcessed = random.bounded(1 << 30);
    run.executionResult.bytesWritten = run.executionResult.bytesProcessed;
    run.executionResult.recordsProcessed = random.bounded(1'000'000);
    return run;
}

// The next poll's answer: changed% of the runs with new byte counts, gone% missing, new% added.
QList<ExecutionRecord> nextPoll(const RunListModel &model, QRandomGenerator &random,
                                const QSet<QString> &keep, int changed, int gone, int added)
{
    QList<ExecutionRecord> runs;
    runs.reserve(model.rowCount() + added);
    for (int row = 0; row < model.rowCount(); ++row)
        runs.append(model.record(row));
    for (int i = 0; i < gone && !runs.isEmpty(); ++i) {
        const auto at = random.bounded(runs.size());
        if (!keep.contains(runs.at(at).executionId))
            runs.removeAt(at);
    }
    for (int i = 0; i < changed; ++i) {
        auto &run = runs[random.bounded(runs.size())];
        run.executionResult.bytesProcessed = random.bounded(1 << 30);
        run.lastUpdatedAt = run.lastUpdatedAt.addSecs(10);
    }
    for (int i = 0; i < added; ++i)
        runs.append(makeRun(random));
    return runs;
}

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? 0 : values.at(values.size() / 2);
}

QSet<QString> selectedIds(const QItemSelectionModel &selection)
{
    QSet<QString> ids;
    for (const QModelIndex &index : selection.selectedRows())
        ids.insert(index.data(Roles::IdRole).toString());
    return ids;
}

struct Outcome {
    double medianMs = 0;
    double maxMs = 0;
    bool selectionSurvived = true;
};

Outcome run(int runCount, int reps, bool withViews)
{
    QRandomGenerator random(42);
    RunListModel model;
    model.setClock([] { return benchNow; });
    RunFilterProxyModel proxy;
    QItemSelectionModel sourceSelection(&model);
    QItemSelectionModel proxySelection(&proxy);
    if (withViews) {
        proxy.setSourceModel(&model);
        proxy.sort(RunListModel::BytesProcessedColumn, Qt::DescendingOrder);
    }
    QList<ExecutionRecord> initial;
    for (int i = 0; i < runCount; ++i)
        initial.append(makeRun(random));
    model.merge(initial);

    // A user's selection: ten runs, which the poll never removes (those it removes must leave
    // the selection, which QItemSelectionModel does by itself).
    QSet<QString> keep;
    for (int i = 0; i < 10; ++i) {
        const int row = random.bounded(model.rowCount());
        keep.insert(model.record(row).executionId);
        sourceSelection.select(model.index(row, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
        if (withViews)
            proxySelection.select(proxy.mapFromSource(model.index(row, 0)),
                                  QItemSelectionModel::Select | QItemSelectionModel::Rows);
    }
    const QString current = model.record(model.indexOfId(*keep.cbegin())).executionId;
    sourceSelection.setCurrentIndex(model.index(model.indexOfId(current), 1), QItemSelectionModel::NoUpdate);

    Outcome outcome;
    QList<double> times;
    const int changed = qMax(1, runCount / 100);
    const int gone = qMax(1, runCount / 200);
    for (int rep = 0; rep < reps; ++rep) {
        QList<ExecutionRecord> next = nextPoll(model, random, keep, changed, gone, gone);
        QElapsedTimer timer;
        timer.start();
        model.merge(std::move(next));
        const double ms = double(timer.nsecsElapsed()) / 1e6;
        times.append(ms);
        outcome.maxMs = qMax(outcome.maxMs, ms);
        outcome.selectionSurvived = outcome.selectionSurvived && selectedIds(sourceSelection) == keep
            && (!withViews || selectedIds(proxySelection) == keep)
            && sourceSelection.currentIndex() == model.index(model.indexOfId(current), 1);
    }
    outcome.medianMs = median(times);
    return outcome;
}

// VmHWM from /proc/self/status, as the app's --startup-probe reports it; -1 where there is none.
qint64 peakResidentKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly | QIODevice::Text))
        return -1;
    for (QByteArray line = status.readLine(); !line.isEmpty(); line = status.readLine()) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Median RunListModel merge time."));
    parser.addHelpOption();
    const QCommandLineOption runsOption(QStringLiteral("runs"), QStringLiteral("Runs in the model."),
                                        QStringLiteral("n"), QStringLiteral("10000"));
    const QCommandLineOption repsOption(QStringLiteral("reps"), QStringLiteral("Merges to time."),
                                        QStringLiteral("n"), QStringLiteral("21"));
    parser.addOptions({runsOption, repsOption});
    parser.process(app);
    bool runsOk = false;
    bool repsOk = false;
    const int runs = parser.value(runsOption).toInt(&runsOk);
    const int reps = parser.value(repsOption).toInt(&repsOk);
    QTextStream out(stdout);
    if (!runsOk || !repsOk || runs < 10 || reps < 1) {
        out << "bench_modelmerge: --runs must be at least 10 and --reps at least 1\n";
        return 2;
    }

    out << "RunListModel merge: " << runs << " runs, per poll " << qMax(1, runs / 100)
        << " changed, " << qMax(1, runs / 200) << " gone, " << qMax(1, runs / 200) << " new; "
        << reps << " polls\n";
    bool survived = true;
    for (const bool withViews : {false, true}) {
        const Outcome outcome = run(runs, reps, withViews);
        out << (withViews ? "  with sorted proxy + 2 selection models: " : "  model alone:                            ")
            << "median " << QString::number(outcome.medianMs, 'f', 2) << " ms, max "
            << QString::number(outcome.maxMs, 'f', 2) << " ms, selection survived: "
            << (outcome.selectionSurvived ? "yes" : "NO") << '\n';
        survived = survived && outcome.selectionSurvived;
    }
    // The process's peak resident set with the models above at their largest (Linux only).
    if (const qint64 kib = peakResidentKiB(); kib > 0)
        out << "  peak RSS " << kib << " KiB\n";
    out.flush();
    return survived ? 0 : 1;
}
