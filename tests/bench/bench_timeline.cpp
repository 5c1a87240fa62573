// Measures how long the timeline (ui/TimelineView) takes to paint with 10,000 runs (issue #16:
// "smooth with 10,000 runs, paint ≤ 16 ms"): the runs model behind the sorted proxy the app
// uses, the view at 1200×700, painted into an image — fitted to all runs, zoomed in, and
// scrolled to the middle. Prints the median and the 95th percentile per case.
// No timing assertion: the numbers are for people. It fails only if nothing was painted.
//
// usage: QT_QPA_PLATFORM=offscreen bench_timeline [--runs N] [--reps R]

#include "ModelRoles.h"
#include "RunFilterProxyModel.h"
#include "RunListModel.h"
#include "TimelineView.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QImage>
#include <QRandomGenerator>
#include <QScrollBar>
#include <QTextStream>
#include <QUuid>
#include <QWheelEvent>

#include <algorithm>

using flowdesk::appflow::ExecutionRecord;
using flowdesk::appflow::ExecutionStatus;
using namespace flowdesk::models;

namespace {

const QDateTime benchNow(QDate(2024, 5, 1), QTime(12, 0), Qt::UTC);

QList<ExecutionRecord> makeRuns(int count)
{
    QRandomGenerator random(7);
    QList<ExecutionRecord> runs;
    runs.reserve(count);
    for (int i = 0; i < count; ++i) {
        ExecutionRecord run;
        run.executionId = QUuid::createUuid().toString(QUuid::WithoutBraces);
        const int kind = random.bounded(100);
        run.executionStatus = kind < 5 ? ExecutionStatus::InProgress
            : kind < 8                 ? ExecutionStatus::Error
                                       : ExecutionStatus::Successful;
        run.executionStatusText = QStringLiteral("x");
        run.startedAt = benchNow.addSecs(-random.bounded(30 * 86400));
        run.lastUpdatedAt = run.startedAt.addSecs(random.bounded(3 * 3600));
        runs.append(run);
    }
    return runs;
}

struct Figures {
    double median = 0;
    double p95 = 0;
};

Figures paintTimes(flowdesk::TimelineView &view, int reps, bool *paintedSomething)
{
    QImage image(view.viewport()->size(), QImage::Format_ARGB32_Premultiplied);
    QList<double> times;
    for (int i = 0; i < reps; ++i) {
        image.fill(Qt::black);
        QElapsedTimer timer;
        timer.start();
        view.viewport()->render(&image);
        times.append(double(timer.nsecsElapsed()) / 1e6);
    }
    *paintedSomething = *paintedSomething || image.pixel(image.width() / 2, image.height() / 2) != qRgb(0, 0, 0);
    std::sort(times.begin(), times.end());
    return {times.at(times.size() / 2), times.at(std::min<qsizetype>(times.size() - 1, times.size() * 95 / 100))};
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("runs"), QStringLiteral("Runs in the model."), QStringLiteral("N"), QStringLiteral("10000")});
    parser.addOption({QStringLiteral("reps"), QStringLiteral("Paints per case."), QStringLiteral("R"), QStringLiteral("50")});
    parser.process(app);
    const int runs = std::max(1, parser.value(QStringLiteral("runs")).toInt());
    const int reps = std::max(1, parser.value(QStringLiteral("reps")).toInt());

    RunListModel model;
    model.setClock([] { return benchNow; });
    model.setFlowName(QStringLiteral("bench"));
    model.merge(makeRuns(runs));
    RunFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.sort(RunListModel::StartedColumn, Qt::DescendingOrder); // as the runs table does

    flowdesk::TimelineView view;
    view.setNow(benchNow);
    view.setModel(&proxy, RunListModel::StartedColumn, RunListModel::LastUpdatedColumn);
    view.resize(1200, 700);
    view.show();

    QTextStream out(stdout);
    out << "timeline paint, " << runs << " runs, " << reps << " paints per case (ms)\n";
    bool painted = false;
    auto report = [&](const char *name) {
        const Figures figures = paintTimes(view, reps, &painted);
        out << QStringLiteral("  %1  median %2  p95 %3\n")
                   .arg(QLatin1String(name), -22)
                   .arg(figures.median, 0, 'f', 2)
                   .arg(figures.p95, 0, 'f', 2);
    };
    report("all runs in view");
    view.verticalScrollBar()->setValue(view.verticalScrollBar()->maximum() / 2);
    report("scrolled to the middle");
    for (int i = 0; i < 8; ++i) {
        const QPointF at(600, 300);
        QWheelEvent in(at, at, QPoint(), QPoint(0, 120), Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(view.viewport(), &in);
    }
    report("zoomed in 8 steps");
    QElapsedTimer fit;
    fit.start();
    view.fitAll();
    out << QStringLiteral("  refit over all runs    %1\n").arg(double(fit.nsecsElapsed()) / 1e6, 0, 'f', 2);
    out.flush();
    return painted ? 0 : 1;
}
