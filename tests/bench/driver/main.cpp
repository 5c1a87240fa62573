// flowdesk-bench: runs one network benchmark workload through the app's AppFlow client
// (flowdesk_appflow + flowdesk_aws, no GUI) against an endpoint — normally flowdesk-sim — and
// prints one JSON line with what it measured. tests/bench/run-benchmarks.mjs drives it next to
// the AWS CLI and AWS SDK for JavaScript peers; docs/BENCHMARKS.md explains the method.
//
// Credentials come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (/ AWS_SESSION_TOKEN), as they
// do for the peers, and are never printed.

#include "CancelWorkload.h"
#include "RunHistoryWorkload.h"

#include <AppFlowClient.h>
#include <CredentialSource.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSaveFile>
#include <QTimer>
#include <QUrl>

#include <cstdio>
#include <memory>

using namespace flowdesk;

namespace {

int fail(const QString &message)
{
    std::fprintf(stderr, "flowdesk-bench: %s\n", qPrintable(message));
    return 2;
}

// {"inProgress": {"flow-a": ["id", …], …}} — what --runs-out writes and --runs reads.
bool writeRuns(const QString &path, const QHash<QString, QStringList> &runs, QString *error)
{
    QJsonObject byFlow;
    for (auto it = runs.cbegin(); it != runs.cend(); ++it)
        byFlow.insert(it.key(), QJsonArray::fromStringList(it.value()));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    file.write(QJsonDocument(QJsonObject{{QStringLiteral("inProgress"), byFlow}}).toJson());
    if (!file.commit()) {
        *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

std::optional<QHash<QString, QStringList>> readRuns(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    const QJsonValue byFlow = document.object().value(QLatin1String("inProgress"));
    if (parseError.error != QJsonParseError::NoError || !byFlow.isObject()) {
        *error = QStringLiteral("%1 is not a runs file ({\"inProgress\": {flow: [ids]}}): %2")
                     .arg(path, parseError.errorString());
        return std::nullopt;
    }
    QHash<QString, QStringList> runs;
    const QJsonObject flows = byFlow.toObject();
    for (auto it = flows.begin(); it != flows.end(); ++it) {
        QStringList ids;
        for (const QJsonValue &id : it.value().toArray())
            ids << id.toString();
        if (!ids.isEmpty())
            runs.insert(it.key(), ids);
    }
    return runs;
}

} // namespace

int main(int argc, char *argv[])
{
    // As the app (app/main.cpp): per-request info lines only when QT_LOGGING_RULES asks.
    if (!qEnvironmentVariableIsSet("QT_LOGGING_RULES"))
        QLoggingCategory::setFilterRules(QStringLiteral("flowdesk.*.info=false"));
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("flowdesk-bench"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FLOWDESK_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Runs one Flowdesk network benchmark workload against an AppFlow endpoint and prints "
        "one JSON line (wall time, flows, records, pages, active runs, cancel outcomes).\n"
        "Credentials: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption endpointOption(QStringLiteral("endpoint"),
                                            QStringLiteral("AppFlow endpoint URL (required)."),
                                            QStringLiteral("url"));
    const QCommandLineOption workloadOption(
        QStringLiteral("workload"),
        QStringLiteral("inventory (all flows and every run), active (active runs across all "
                       "flows) or cancel (the runs in --runs). Required."),
        QStringLiteral("name"));
    const QCommandLineOption regionOption(
        QStringLiteral("region"), QStringLiteral("SigV4 region. Default $AWS_REGION, else us-east-1."),
        QStringLiteral("region"));
    const QCommandLineOption concurrencyOption(
        QStringLiteral("concurrency"),
        QStringLiteral("Requests in flight at most. Default %1, the app's default.")
            .arg(appflow::RequestQueue::defaultMaxInFlight),
        QStringLiteral("n"), QString::number(appflow::RequestQueue::defaultMaxInFlight));
    const QCommandLineOption pageSizeOption(
        QStringLiteral("page-size"),
        QStringLiteral("DescribeFlowExecutionRecords maxResults (1-100). Default 100, as the app."),
        QStringLiteral("n"), QStringLiteral("100"));
    const QCommandLineOption runsOutOption(
        QStringLiteral("runs-out"),
        QStringLiteral("inventory/active: write the InProgress runs found to this file."),
        QStringLiteral("path"));
    const QCommandLineOption runsOption(
        QStringLiteral("runs"), QStringLiteral("cancel: the runs to cancel (a --runs-out file)."),
        QStringLiteral("path"));
    parser.addOptions({endpointOption, workloadOption, regionOption, concurrencyOption,
                       pageSizeOption, runsOutOption, runsOption});
    parser.process(app);

    const QUrl endpoint(parser.value(endpointOption), QUrl::StrictMode);
    if (!endpoint.isValid() || endpoint.scheme().isEmpty() || endpoint.host().isEmpty())
        return fail(QStringLiteral("--endpoint needs a URL such as http://127.0.0.1:8080 "
                                   "(flowdesk-sim prints it on its first line)"));
    const QString workloadName = parser.value(workloadOption);
    bool concurrencyOk = false;
    const int concurrency = parser.value(concurrencyOption).toInt(&concurrencyOk);
    if (!concurrencyOk || concurrency < 1)
        return fail(QStringLiteral("--concurrency must be a number of at least 1"));
    bool pageSizeOk = false;
    const int pageSize = parser.value(pageSizeOption).toInt(&pageSizeOk);
    if (!pageSizeOk || pageSize < 1 || pageSize > 100)
        return fail(QStringLiteral("--page-size must be between 1 and 100"));

    const aws::Credentials credentials{qEnvironmentVariable("AWS_ACCESS_KEY_ID"),
                                       qEnvironmentVariable("AWS_SECRET_ACCESS_KEY"),
                                       qEnvironmentVariable("AWS_SESSION_TOKEN"),
                                       {}};
    if (!credentials.isValid())
        return fail(QStringLiteral("set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (for "
                                   "flowdesk-sim: AKIAFLOWDESKSIM00001 and its secret)"));
    QString region = parser.value(regionOption);
    if (region.isEmpty())
        region = qEnvironmentVariable("AWS_REGION", qEnvironmentVariable("AWS_DEFAULT_REGION"));
    if (region.isEmpty())
        region = QStringLiteral("us-east-1");

    aws::StaticCredentialSource source(credentials, QStringLiteral("environment"));
    appflow::AppFlowClientConfig config;
    config.endpoint = endpoint;
    config.region = region;
    config.maxConcurrentRequests = concurrency;
    appflow::AppFlowClient client(config, &source);

    std::unique_ptr<bench::Workload> workload;
    bench::RunHistoryWorkload *history = nullptr;
    if (workloadName == QLatin1String("inventory") || workloadName == QLatin1String("active")) {
        const auto mode = workloadName == QLatin1String("inventory")
            ? bench::RunHistoryWorkload::Mode::AllRuns
            : bench::RunHistoryWorkload::Mode::ActiveRuns;
        auto owned = std::make_unique<bench::RunHistoryWorkload>(&client, mode, pageSize);
        history = owned.get();
        workload = std::move(owned);
    } else if (workloadName == QLatin1String("cancel")) {
        if (!parser.isSet(runsOption))
            return fail(QStringLiteral("--workload cancel needs --runs FILE (write one with "
                                       "--workload active --runs-out FILE)"));
        QString error;
        auto runs = readRuns(parser.value(runsOption), &error);
        if (!runs)
            return fail(error);
        workload = std::make_unique<bench::CancelWorkload>(&client, std::move(*runs));
    } else {
        return fail(QStringLiteral("--workload must be inventory, active or cancel, not \"%1\"")
                        .arg(workloadName));
    }

    int exitCode = 0;
    QObject::connect(workload.get(), &bench::Workload::finished, &app,
                     [&](const bench::WorkloadResult &result) {
                         QJsonObject line = result.toJson();
                         line.insert(QStringLiteral("peer"), QStringLiteral("flowdesk"));
                         line.insert(QStringLiteral("workload"), workloadName);
                         line.insert(QStringLiteral("concurrency"), concurrency);
                         std::printf("%s\n", QJsonDocument(line).toJson(QJsonDocument::Compact)
                                                 .constData());
                         std::fflush(stdout);
                         exitCode = result.errors == 0 ? 0 : 1;
                         if (history && parser.isSet(runsOutOption)) {
                             QString error;
                             if (!writeRuns(parser.value(runsOutOption), history->inProgressRuns(),
                                            &error)) {
                                 std::fprintf(stderr, "flowdesk-bench: %s\n", qPrintable(error));
                                 exitCode = 2;
                             }
                         }
                         QCoreApplication::exit(exitCode);
                     });
    // From the event loop, so that finished() always finds it running.
    QTimer::singleShot(0, workload.get(), &bench::Workload::start);
    app.exec();
    return exitCode;
}
