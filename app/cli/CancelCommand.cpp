#include "CancelCommand.h"

#include "RunHistoryReader.h"
#include "Terminal.h"

#include <ActiveRunsModel.h>
#include <AuditLog.h>
#include <CancelOutcomeModel.h>
#include <Connection.h>
#include <RefreshController.h>

#include <QCoreApplication>
#include <QLocale>
#include <QMetaEnum>

#include <memory>

#include <unistd.h>

namespace flowdesk::cli {

using models::CancelController;
using models::CancelOutcomeModel;

namespace {

} // namespace

QString CancelCommand::quoted(const QString &flowName)
{
    return QStringLiteral("\u201c%1\u201d").arg(flowName);
}

QString CancelCommand::flowQuoted() const
{
    return quoted(m_context.request.flowName);
}

void CancelCommand::start()
{
    if (m_context.request.allFlows) {
        // The same reading as `active` (and the app's All active runs).
        readEveryFlow([this] { planAcrossFlows(); });
        return;
    }
    progress(tr("Reading \u201c%1\u201d…").arg(m_context.request.flowName));
    m_context.connection->client()->describeFlow(
        m_context.request.flowName, this, [this](const appflow::AppFlowResult<appflow::FlowDescription> &result) {
            if (result.ok()) {
                m_descriptions.insert(m_context.request.flowName, result.value());
                m_accountOfFlow.insert(m_context.request.flowName, accountOf(result.value().definition.flowArn));
            } else if (result.error().code() == appflow::AppFlowError::Code::ResourceNotFound
                       || exitCodeFor(result.error()) == ExitCode::Credentials) {
                // No such flow, or no way in: nothing can be cancelled, say so and stop.
                finish(reportError(result.error(), QStringLiteral("DescribeFlow"), m_context.request.flowName));
                return;
            }
            // Otherwise go on without it, as the app does: the facts then say that whether
            // the flow uses a batch API could not be checked.
            readRuns();
        });
}

void CancelCommand::readRuns()
{
    progress(tr("Reading the runs of \u201c%1\u201d…").arg(m_context.request.flowName));
    const QDateTime readAt = QDateTime::currentDateTimeUtc();
    const QStringList wanted = m_context.request.runIds;
    // The active runs are the newest: stop at the first page of 100 without one, unless named
    // runs are still missing (then read on, so their status is known before the confirmation).
    auto enough = [wanted](const QList<appflow::ExecutionRecord> &soFar) {
        const qsizetype pageStart = ((soFar.size() - 1) / 100) * 100;
        for (qsizetype i = pageStart; i < soFar.size(); ++i) {
            if (appflow::isActive(soFar.at(i).executionStatus))
                return false;
        }
        for (const QString &id : wanted) {
            if (std::none_of(soFar.cbegin(), soFar.cend(),
                             [&id](const appflow::ExecutionRecord &r) { return r.executionId == id; }))
                return soFar.size() >= 1000; // bounded: AppFlow will say what it makes of the rest
        }
        return true;
    };
    readRunHistory(m_context.connection->client(), m_context.request.flowName, this, enough,
                   [this, readAt](const RunHistory &history) {
                       if (history.error) {
                           err << tr("flowdesk-cli: nothing was cancelled: the runs of %1 could not "
                                     "be read, so what a cancel would stop is unknown.")
                                      .arg(flowQuoted())
                                   << '\n';
                           finish(reportError(*history.error, QStringLiteral("DescribeFlowExecutionRecords"),
                                              m_context.request.flowName));
                           return;
                       }
                       plan(history.records, readAt);
                   });
}

void CancelCommand::plan(const QList<appflow::ExecutionRecord> &history, const QDateTime &readAt)
{
    endProgress();
    const CliRequest &request = m_context.request;
    CancelController::Target target;
    target.flowName = request.flowName;
    target.statusAsOf = readAt;
    target.deactivate = request.deactivate;
    if (request.all) {
        target.allActive = true;
        for (const appflow::ExecutionRecord &record : history) {
            if (record.executionStatus == appflow::ExecutionStatus::InProgress)
                target.runs << record;
        }
        if (target.runs.isEmpty() && !request.deactivate) {
            err << tr("%1 has no run in progress: nothing to cancel.").arg(flowQuoted()) << '\n';
            finish(ExitCode::Done);
            return;
        }
    } else if (request.olderThanSeconds) {
        const QDateTime cutoff = readAt.addSecs(-*request.olderThanSeconds);
        for (const appflow::ExecutionRecord &record : history) {
            if (record.executionStatus == appflow::ExecutionStatus::InProgress
                && record.startedAt.isValid() && record.startedAt < cutoff)
                target.runs << record;
        }
        if (target.runs.isEmpty()) {
            err << tr("No run of %1 that started before %2 is in progress: nothing to cancel.")
                       .arg(flowQuoted(), cutoff.toString(Qt::ISODate))
                << '\n';
            finish(ExitCode::Done);
            return;
        }
    } else {
        // Named runs are sent as named, whatever their status: AppFlow decides, and its answer
        // ("not cancellable") is reported per run.
        for (const QString &id : request.runIds) {
            const auto found = std::find_if(history.cbegin(), history.cend(),
                                            [&id](const appflow::ExecutionRecord &r) { return r.executionId == id; });
            appflow::ExecutionRecord record;
            if (found != history.cend())
                record = *found;
            else
                record.executionId = id;
            if (std::none_of(target.runs.cbegin(), target.runs.cend(),
                             [&id](const appflow::ExecutionRecord &r) { return r.executionId == id; }))
                target.runs << record;
        }
    }

    proceed({target});
}

void CancelCommand::proceed(const QList<CancelController::Target> &targets)
{
    const CliRequest &request = m_context.request;
    printFacts(targets);
    if (request.dryRun) {
        QList<QJsonObject> rows;
        for (const CancelController::Target &target : targets) {
            for (const appflow::ExecutionRecord &record : target.runs)
                rows << runRow(target.flowName, m_accountOfFlow.value(target.flowName), record);
        }
        OutputWriter(request.output, out).write(runColumns(), rows);
        err << tr("Dry run: nothing was sent.") << '\n';
        finish(qMax(int(ExitCode::Done), m_readProblems));
        return;
    }
    if (!confirm(targets))
        return;
    send(targets);
}

void CancelCommand::printFacts(const QList<CancelController::Target> &targets) const
{
    const QLocale locale = QLocale::system();
    int count = 0;
    for (const CancelController::Target &target : targets)
        count += int(target.runs.size());
    const QString where = m_context.connection->info().label();
    if (targets.size() == 1 && targets.first().allActive)
        err << tr("Cancel all %n active run(s) of %1", nullptr, count).arg(quoted(targets.first().flowName));
    else if (targets.size() == 1)
        err << tr("Cancel %n run(s) of %1", nullptr, count).arg(quoted(targets.first().flowName));
    else
        err << tr("Cancel %n run(s) in %1 flows", nullptr, count).arg(targets.size());
    err << "\n  " << tr("Connection: %1").arg(where) << '\n';
    qint64 records = 0;
    qint64 bytes = 0;
    bool anyUnknown = false;
    for (const CancelController::Target &target : targets) {
        if (targets.size() > 1)
            err << "  " << quoted(target.flowName) << '\n';
        for (const appflow::ExecutionRecord &run : target.runs) {
            const QString status = run.executionStatusText.isEmpty() ? tr("status unknown") : run.executionStatusText;
            const QString started = run.startedAt.isValid() ? run.startedAt.toUTC().toString(Qt::ISODate) : tr("start unknown");
            err << (targets.size() > 1 ? "    " : "  ") << run.executionId << "  " << status << "  "
                << tr("started %1").arg(started);
            if (run.executionResult.recordsProcessed || run.executionResult.bytesProcessed)
                err << "  " << tr("%1 records, %2")
                                   .arg(locale.toString(run.executionResult.recordsProcessed.value_or(0)),
                                        locale.formattedDataSize(run.executionResult.bytesProcessed.value_or(0)));
            err << '\n';
            records += run.executionResult.recordsProcessed.value_or(0);
            bytes += run.executionResult.bytesProcessed.value_or(0);
            anyUnknown = anyUnknown || !run.executionResult.recordsProcessed || !run.executionResult.bytesProcessed;
        }
    }
    err << "  " << tr("Already processed: %1 records, %2").arg(locale.toString(records), locale.formattedDataSize(bytes));
    if (anyUnknown)
        err << tr(" (some runs have not reported their counts yet)");
    err << '\n';
    for (const CancelController::Target &target : targets) {
        if (target.allActive)
            err << "  " << tr("Every run of the flow that is still in progress when the request reaches "
                              "AWS is cancelled, including runs that start after this list was read.")
                << '\n';
    }

    err << tr("Before you cancel:") << '\n';
    err << "  - " << tr("You are still charged for the data the %n run(s) have already processed.", nullptr, qMax(1, count)) << '\n';
    err << "  - " << tr("Data already written to the destination stays there. Cancelling does not "
                        "remove or roll back anything.")
        << '\n';
    for (const CancelController::Target &target : targets) {
        const std::optional<appflow::FlowDescription> description = m_descriptions.value(target.flowName);
        if (!description)
            err << "  - " << tr("Flowdesk could not check whether %1 uses a batch API. If it does, its "
                                "run finishes and bills its current batch after you cancel.")
                                 .arg(quoted(target.flowName))
                << '\n';
        else if (description->usesBatchApi())
            err << "  - " << tr("%1 moves data in batches (%2). After you cancel, its run still "
                                "finishes the whole current batch, and that batch is billed.")
                                 .arg(quoted(target.flowName), description->batchApiUses.join(QStringLiteral("; ")))
                << '\n';
    }
    err << "  - " << tr("Cancelling cannot be undone. A cancelled run cannot be resumed; you can "
                        "only start a new run.")
        << '\n';
    if (targets.size() == 1 && targets.first().deactivate)
        err << "  - " << tr("Afterwards the flow is deactivated (StopFlow), so no new scheduled or "
                            "event runs start until it is activated again.")
            << '\n';
    else if (targets.size() == 1)
        err << "  - " << tr("Scheduled runs that have not started yet are not affected. Only "
                            "deactivating the flow stops them (--deactivate).")
            << '\n';
    else
        err << "  - " << tr("Scheduled runs that have not started yet are not affected. Only "
                            "deactivating a flow stops them (flowdesk-cli cancel FLOW --deactivate).")
            << '\n';
    err.flush();
}

bool CancelCommand::confirm(const QList<CancelController::Target> &targets)
{
    const CliRequest &request = m_context.request;
    if (request.yes)
        return true;
    if (!m_context.stdinIsTerminal) {
        err << tr("flowdesk-cli: not cancelling: confirmation is needed and stdin is not a "
                  "terminal. Check with --dry-run, then add --yes to confirm.")
            << '\n';
        finish(ExitCode::Usage);
        return false;
    }
    // As the dialog: cancelling everything asks for the flow name, a few runs for "yes"; runs
    // of several flows for their number, so that nobody confirms more than they read.
    int count = 0;
    for (const CancelController::Target &target : targets)
        count += int(target.runs.size());
    const bool allOfOne = targets.size() == 1 && targets.first().allActive;
    const QString expected = allOfOne ? request.flowName
                             : targets.size() > 1 ? QString::number(count)
                                                  : QStringLiteral("yes");
    err << (allOfOne ? tr("To confirm, type the flow name (%1): ").arg(request.flowName)
            : targets.size() > 1 ? tr("To confirm, type the number of runs to cancel (%1): ").arg(count)
                                 : tr("Cancel these runs? Type yes to confirm: "));
    err.flush();
    const Terminal::Line line = Terminal::readLine();
    if (line.interrupted) {
        err << '\n' << tr("Interrupted: nothing was sent.") << '\n';
        finish(ExitCode::Interrupted);
        return false;
    }
    if (line.text.trimmed() != expected) {
        err << (line.endOfInput ? QStringLiteral("\n") : QString())
            << tr("Not confirmed: nothing was sent.") << '\n';
        finish(ExitCode::Incomplete);
        return false;
    }
    return true;
}

void CancelCommand::send(const QList<CancelController::Target> &targets)
{
    m_controller = new CancelController(m_context.connection->client(), m_context.connection->info(),
                                        m_context.auditLogPath, this);
    connect(m_controller, &CancelController::errorOccurred, this,
            [this](const appflow::AppFlowError &error, const QString &operation, const QString &flowName) {
                m_worstError = qMax(m_worstError, reportError(error, operation, flowName));
            });
    connect(m_controller, &CancelController::auditFailed, this, [this](const QString &message) {
        endProgress();
        err << tr("flowdesk-cli: the audit log could not record this cancel: %1").arg(message) << '\n';
        err.flush();
    });
    connect(m_controller, &CancelController::stateChanged, this, [this] {
        if (m_controller->requestsFinished())
            progress(tr("Waiting for the runs to reach a final status…"));
        else
            progress(tr("Sending the cancel…"));
    });
    connect(m_controller, &CancelController::requestsDone, this, [this] {
        // --no-wait: the answers are what a script needs; a run may take minutes to reach
        // Canceled (a batch-API flow finishes its batch), and `watch` follows it if wanted.
        if (m_interrupted || m_context.request.noWait) {
            // Ctrl-C came while requests were out: their answers are now recorded.
            report();
            return;
        }
        progress(tr("Waiting for the runs to reach a final status…"));
    });
    connect(m_controller, &CancelController::settled, this, &CancelCommand::report);
    progress(tr("Sending the cancel…"));
    m_controller->start(targets);
}

void CancelCommand::interrupt()
{
    if (!m_controller || m_controller->requestsFinished() || m_interrupted) {
        // Nothing out, or the answers are recorded, or the second Ctrl-C: stop now. An intent
        // still without its result is reconciled by the app at its next start.
        m_interrupted = true;
        if (m_controller)
            report();
        else
            CliCommand::interrupt();
        return;
    }
    m_interrupted = true;
    endProgress();
    err << tr("Interrupted: waiting for the answers to the cancel requests already sent, so "
              "that the audit log records them. Press Ctrl-C again to quit at once.")
        << '\n';
    err.flush();
}

void CancelCommand::report()
{
    endProgress();
    const CancelOutcomeModel *outcomes = m_controller->outcomes();
    QList<QJsonObject> rows;
    int exitCode = ExitCode::Done;
    for (int row = 0; row < outcomes->rowCount(); ++row) {
        const CancelOutcomeModel::Row &r = outcomes->row(row);
        QJsonObject object{
            {QStringLiteral("account"), m_accountOfFlow.value(r.flowName).isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(m_accountOfFlow.value(r.flowName))},
            {QStringLiteral("region"), m_context.connection->info().region},
            {QStringLiteral("flow"), r.flowName},
            {QStringLiteral("executionId"), r.executionId.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(r.executionId)},
            {QStringLiteral("result"), QString::fromLatin1(QMetaEnum::fromType<CancelOutcomeModel::Result>().valueToKey(int(r.result)))},
            {QStringLiteral("resultText"), CancelOutcomeModel::resultText(r)},
            {QStringLiteral("status"), r.statusText.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(r.statusText)},
            {QStringLiteral("statusAsOf"), OutputWriter::time(r.statusAsOf)},
            {QStringLiteral("statusFresh"), r.statusFresh},
            {QStringLiteral("detail"), r.detail.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(r.detail)},
            {QStringLiteral("errorCode"), r.errorCode.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(r.errorCode)},
            {QStringLiteral("requestId"), r.requestId.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(r.requestId)},
        };
        rows << object;
        switch (r.result) {
        case CancelOutcomeModel::Result::CancelStarted:
        case CancelOutcomeModel::Result::AlreadyCancelled:
            break;
        default:
            exitCode = qMax(exitCode, int(ExitCode::Incomplete));
        }
    }
    OutputWriter(m_context.request.output, out)
        .write({{QStringLiteral("account"), tr("ACCOUNT")},
                {QStringLiteral("region"), tr("REGION")},
                {QStringLiteral("flow"), tr("FLOW")},
                {QStringLiteral("executionId"), tr("RUN ID")},
                {QStringLiteral("result"), tr("RESULT")},
                {QStringLiteral("resultText"), tr("RESULT TEXT")},
                {QStringLiteral("status"), tr("STATUS")},
                {QStringLiteral("statusAsOf"), tr("STATUS AS OF (UTC)")},
                {QStringLiteral("statusFresh"), tr("FRESH")},
                {QStringLiteral("detail"), tr("DETAIL")},
                {QStringLiteral("errorCode"), tr("ERROR")},
                {QStringLiteral("requestId"), tr("REQUEST ID")}},
               rows);
    const int started = outcomes->count(CancelOutcomeModel::Result::CancelStarted)
        + outcomes->count(CancelOutcomeModel::Result::AlreadyCancelled);
    const int notCancelled = outcomes->rowCount() - started;
    err << tr("%n run(s) cancelled or cancelling", nullptr, started) << ", "
        << tr("%n not cancelled", nullptr, notCancelled) << ". "
        << tr("Recorded in the audit log %1.").arg(m_context.auditLogPath) << '\n';
    if (m_context.request.noWait && !m_interrupted && !m_controller->allSettled())
        err << tr("Not waiting for every run to reach a final status (--no-wait): “flowdesk-cli "
                  "watch FLOW RUN_ID…\u201d follows them.")
            << '\n';
    if (m_interrupted && !m_controller->allSettled())
        err << tr("Interrupted before every run reached a final status: “flowdesk-cli watch "
                  "FLOW RUN_ID…\u201d follows them.")
            << '\n';
    if (m_worstError > exitCode && exitCode != ExitCode::Done)
        exitCode = m_worstError;
    exitCode = qMax(exitCode, m_readProblems);
    finish(m_interrupted ? int(ExitCode::Interrupted) : exitCode);
}

void CancelCommand::planAcrossFlows()
{
    endProgress();
    const CliRequest &request = m_context.request;
    models::RefreshController *reading = refresh();
    // Never a silent gap: what could not be read is said, and the exit code says it too. The
    // runs that were read can still be cancelled.
    if (!reading->listingComplete()) {
        err << tr("flowdesk-cli: the flow list is incomplete: runs of flows not listed are not "
                  "cancelled.")
            << '\n';
        if (const auto error = reading->listingError())
            m_readProblems = qMax(m_readProblems, reportError(*error, QStringLiteral("ListFlows"), {}));
        else
            m_readProblems = qMax(m_readProblems, int(ExitCode::Incomplete));
    }
    for (const QString &flow : reading->unreadFlows()) {
        err << tr("flowdesk-cli: the runs of %1 could not be read; none of them is cancelled.").arg(quoted(flow)) << '\n';
        if (const auto error = reading->unreadError(flow))
            m_readProblems = qMax(m_readProblems, reportError(*error, QStringLiteral("DescribeFlowExecutionRecords"), flow));
    }

    m_accountOfFlow.insert(accountsOfListedFlows());
    const QDateTime readAt = QDateTime::currentDateTimeUtc();
    const std::optional<QDateTime> cutoff = request.olderThanSeconds
        ? std::optional<QDateTime>(readAt.addSecs(-*request.olderThanSeconds)) : std::nullopt;
    QHash<QString, int> targetOfFlow;
    models::ActiveRunsModel *active = reading->activeRuns();
    for (int row = 0; row < active->rowCount(); ++row) {
        const models::ActiveRun &run = active->run(row);
        // Only runs in progress: one being cancelled already needs nothing more.
        if (run.record.executionStatus != appflow::ExecutionStatus::InProgress)
            continue;
        if (cutoff && !(run.record.startedAt.isValid() && run.record.startedAt < *cutoff))
            continue;
        auto found = targetOfFlow.find(run.flowName);
        if (found == targetOfFlow.end()) {
            CancelController::Target target;
            target.flowName = run.flowName;
            target.statusAsOf = readAt;
            m_targets << target;
            found = targetOfFlow.insert(run.flowName, int(m_targets.size()) - 1);
        }
        // Named runs, even for --all: exactly what was shown is what is asked for.
        m_targets[*found].runs << run.record;
    }
    if (m_targets.isEmpty()) {
        err << (cutoff ? tr("No run that started before %1 is in progress: nothing to cancel.")
                             .arg(cutoff->toString(Qt::ISODate))
                       : tr("No run is in progress: nothing to cancel."))
            << '\n';
        finish(qMax(int(ExitCode::Done), m_readProblems));
        return;
    }
    describeFlows();
}

void CancelCommand::describeFlows()
{
    // The batch-API fact per flow; a flow that cannot be described is said so in the facts.
    progress(tr("Reading %n flow(s)…", nullptr, int(m_targets.size())));
    auto pending = std::make_shared<int>(int(m_targets.size()));
    for (const CancelController::Target &target : std::as_const(m_targets)) {
        const QString flowName = target.flowName;
        m_context.connection->client()->describeFlow(
            flowName, this, [this, flowName, pending](const appflow::AppFlowResult<appflow::FlowDescription> &result) {
                if (result.ok())
                    m_descriptions.insert(flowName, result.value());
                if (--*pending == 0) {
                    endProgress();
                    proceed(m_targets);
                }
            });
    }
}

} // namespace flowdesk::cli
