#include "ListingCommands.h"

#include "RunHistoryReader.h"

#include <Connection.h>
#include <RefreshController.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>

namespace flowdesk::cli {

namespace {

// --since / --older-than against a run's start (a run without a start time passes neither).
bool startedWithin(const appflow::ExecutionRecord &record, const CliRequest &request, const QDateTime &now)
{
    if (request.sinceSeconds
        && (!record.startedAt.isValid() || record.startedAt < now.addSecs(-*request.sinceSeconds)))
        return false;
    if (request.olderThanSeconds
        && (!record.startedAt.isValid() || record.startedAt >= now.addSecs(-*request.olderThanSeconds)))
        return false;
    return true;
}

} // namespace

void FlowsCommand::start()
{
    progress(tr("Listing flows…"));
    m_context.connection->client()->listFlowsFrom(
        QString(), this, [this](const appflow::AppFlowResult<appflow::AppFlowClient::FlowListing> &result) {
            if (!result.ok()) {
                finish(reportError(result.error(), QStringLiteral("ListFlows"), {}));
                return;
            }
            const auto &listing = result.value();
            QList<QJsonObject> rows;
            for (const appflow::FlowDefinition &flow : listing.flows) {
                if (!m_context.request.filter.isEmpty()
                    && !flow.flowName.contains(m_context.request.filter, Qt::CaseInsensitive)
                    && !flow.description.contains(m_context.request.filter, Qt::CaseInsensitive))
                    continue;
                const auto &last = flow.lastRunExecutionDetails;
                QJsonObject row{
                    {QStringLiteral("account"), accountOf(flow.flowArn)},
                    {QStringLiteral("region"), m_context.connection->info().region},
                    {QStringLiteral("flow"), flow.flowName},
                    {QStringLiteral("status"), flow.flowStatusText},
                    {QStringLiteral("trigger"), flow.triggerTypeText},
                    {QStringLiteral("source"), flow.sourceConnectorLabel.isEmpty() ? flow.sourceConnectorType
                                                                                   : flow.sourceConnectorLabel},
                    {QStringLiteral("destination"), flow.destinationConnectorLabel.isEmpty()
                                                        ? flow.destinationConnectorType
                                                        : flow.destinationConnectorLabel},
                    {QStringLiteral("lastRunStatus"), last && !last->mostRecentExecutionStatusText.isEmpty()
                                                          ? QJsonValue(last->mostRecentExecutionStatusText)
                                                          : QJsonValue(QJsonValue::Null)},
                    {QStringLiteral("lastRunAt"), OutputWriter::time(last ? last->mostRecentExecutionTime : QDateTime())},
                };
                rows << row;
            }
            endProgress();
            OutputWriter(m_context.request.output, out)
                .write({{QStringLiteral("account"), tr("ACCOUNT")},
                        {QStringLiteral("region"), tr("REGION")},
                        {QStringLiteral("flow"), tr("FLOW")},
                        {QStringLiteral("status"), tr("STATUS")},
                        {QStringLiteral("trigger"), tr("TRIGGER")},
                        {QStringLiteral("source"), tr("SOURCE")},
                        {QStringLiteral("destination"), tr("DESTINATION")},
                        {QStringLiteral("lastRunStatus"), tr("LAST RUN")},
                        {QStringLiteral("lastRunAt"), tr("LAST RUN AT (UTC)")}},
                       rows);
            if (!listing.complete) {
                // Truth first: the flows above are only those of the pages that arrived.
                err << tr("flowdesk-cli: the flow list is incomplete: %n page(s) were read before "
                          "one failed.", nullptr, listing.pages)
                    << '\n';
                finish(reportError(*listing.error, QStringLiteral("ListFlows"), {}));
                return;
            }
            finish(ExitCode::Done);
        });
}

void RunsCommand::start()
{
    progress(tr("Reading the runs of \u201c%1\u201d…").arg(m_context.request.flowName));
    // DescribeFlow first: a typo in the flow name gets a clear "no such flow", and the flow's
    // ARN names the account the runs belong to.
    m_context.connection->client()->describeFlow(
        m_context.request.flowName, this,
        [this](const appflow::AppFlowResult<appflow::FlowDescription> &result) {
            if (!result.ok()) {
                finish(reportError(result.error(), QStringLiteral("DescribeFlow"), m_context.request.flowName));
                return;
            }
            listRuns(accountOf(result.value().definition.flowArn));
        });
}

void RunsCommand::listRuns(const QString &accountId)
{
    const CliRequest request = m_context.request;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    auto enough = [request, now](const QList<appflow::ExecutionRecord> &soFar) {
        if (soFar.isEmpty())
            return false;
        int matching = 0;
        for (const appflow::ExecutionRecord &record : soFar) {
            if ((!request.activeOnly || appflow::isActive(record.executionStatus))
                && startedWithin(record, request, now))
                ++matching;
        }
        if (request.limit && matching >= *request.limit)
            return true;
        const appflow::ExecutionRecord &oldest = soFar.last();
        // Newest first: once past --since, nothing older can match.
        if (request.sinceSeconds && oldest.startedAt.isValid()
            && oldest.startedAt < now.addSecs(-*request.sinceSeconds))
            return true;
        // Active runs are the newest ones: a page of 100 without one ends them (as in the app).
        if (request.activeOnly) {
            const qsizetype pageStart = ((soFar.size() - 1) / 100) * 100;
            for (qsizetype i = pageStart; i < soFar.size(); ++i) {
                if (appflow::isActive(soFar.at(i).executionStatus))
                    return false;
            }
            return true;
        }
        return false;
    };
    readRunHistory(m_context.connection->client(), request.flowName, this, enough,
                   [this, request, now, accountId](const RunHistory &history) {
                       QList<QJsonObject> rows;
                       for (const appflow::ExecutionRecord &record : history.records) {
                           if (request.limit && rows.size() >= *request.limit)
                               break;
                           if (request.activeOnly && !appflow::isActive(record.executionStatus))
                               continue;
                           if (!startedWithin(record, request, now))
                               continue;
                           rows << runRow(request.flowName, accountId, record);
                       }
                       endProgress();
                       OutputWriter(request.output, out).write(runColumns(), rows);
                       if (history.error) {
                           err << tr("flowdesk-cli: the run list is incomplete: only the %n newest "
                                     "run(s) were read before a page failed.", nullptr,
                                     int(history.records.size()))
                               << '\n';
                           finish(reportError(*history.error, QStringLiteral("DescribeFlowExecutionRecords"),
                                              request.flowName));
                           return;
                       }
                       finish(ExitCode::Done);
                   });
}

void ActiveCommand::start()
{
    readEveryFlow([this] { report(); });
}

void ActiveCommand::report()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QHash<QString, QString> accountOfFlow = accountsOfListedFlows();
    models::RefreshController *reading = refresh();
    models::ActiveRunsModel *active = reading->activeRuns();
    QList<QJsonObject> rows;
    for (int row = 0; row < active->rowCount(); ++row) {
        const models::ActiveRun &run = active->run(row);
        if (!startedWithin(run.record, m_context.request, now))
            continue;
        rows << runRow(run.flowName, accountOfFlow.value(run.flowName), run.record);
    }
    endProgress();
    OutputWriter(m_context.request.output, out).write(runColumns(), rows);

    // Never a silent gap: say what could not be read, and exit non-zero.
    int code = ExitCode::Done;
    if (!reading->listingComplete()) {
        err << tr("flowdesk-cli: the flow list is incomplete, so flows not listed may have active "
                  "runs that are not shown.")
            << '\n';
        if (const auto error = reading->listingError())
            code = qMax(code, reportError(*error, QStringLiteral("ListFlows"), {}));
        else
            code = qMax(code, int(ExitCode::Incomplete));
    }
    const QStringList unread = reading->unreadFlows();
    if (!unread.isEmpty()) {
        err << tr("flowdesk-cli: the runs of %n flow(s) could not be read; their active runs are "
                  "not shown:", nullptr, int(unread.size()))
            << '\n';
        for (const QString &flow : unread) {
            if (const auto error = reading->unreadError(flow))
                code = qMax(code, reportError(*error, QStringLiteral("DescribeFlowExecutionRecords"), flow));
        }
    }
    finish(code);
}

} // namespace flowdesk::cli
