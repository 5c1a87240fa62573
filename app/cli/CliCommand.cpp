#include "CliCommand.h"

#include "CancelCommand.h"
#include "HistoryCommand.h"
#include "ListingCommands.h"
#include "WatchCommand.h"

#include <Connection.h>
#include <DisplayFormat.h>
#include <ErrorText.h>
#include <FlowListModel.h>
#include <RefreshController.h>

#include <QCoreApplication>
#include <QTimer>

namespace flowdesk::cli {

CliCommand::CliCommand(const CliContext &context, QObject *parent)
    : QObject(parent)
    , m_context(context)
    , out(*context.out)
    , err(*context.err)
{
}

CliCommand *CliCommand::create(const CliContext &context, QObject *parent)
{
    using C = CliRequest::Command;
    switch (context.request.command) {
    case C::Flows:
        return new FlowsCommand(context, parent);
    case C::Runs:
        return new RunsCommand(context, parent);
    case C::Active:
        return new ActiveCommand(context, parent);
    case C::Cancel:
        return new CancelCommand(context, parent);
    case C::Watch:
        return new WatchCommand(context, parent);
    case C::History:
        return new HistoryCommand(context, parent);
    }
    return nullptr;
}

void CliCommand::interrupt()
{
    endProgress();
    err << QCoreApplication::translate("flowdesk::cli", "Interrupted.") << '\n';
    err.flush();
    finish(ExitCode::Interrupted);
}

void CliCommand::finish(int exitCode)
{
    if (m_finished)
        return;
    m_finished = true;
    endProgress();
    out.flush();
    err.flush();
    // Queued: the caller of start() never sees finished() before start() returned.
    QTimer::singleShot(0, this, [this, exitCode] { emit finished(exitCode); });
}

int CliCommand::exitCodeFor(const appflow::AppFlowError &error)
{
    using Code = appflow::AppFlowError::Code;
    switch (error.code()) {
    case Code::Throttling:
    case Code::InternalServer:
    case Code::Network:
    case Code::Timeout:
        return ExitCode::Unavailable;
    case Code::CredentialsUnavailable:
        return ExitCode::Credentials;
    case Code::ResourceNotFound:
    case Code::InvalidRequest:
        return ExitCode::Usage;
    case Code::Aborted:
        return ExitCode::Interrupted;
    case Code::Unknown:
        if (error.isThrottling() || error.httpStatus() >= 500)
            return ExitCode::Unavailable;
        if (error.httpStatus() == 403 || error.isExpiredCredentials())
            return ExitCode::Credentials;
        return ExitCode::Incomplete;
    default:
        return ExitCode::Incomplete;
    }
}

int CliCommand::reportError(const appflow::AppFlowError &error, const QString &operation,
                            const QString &flowName)
{
    endProgress();
    const QString host = m_context.connection ? m_context.connection->info().endpointHost() : QString();
    models::ErrorText words = models::ErrorText::describe(error, operation, flowName, host);
    // The app says "no longer exists… Refresh the flow list" (it listed the flow a moment ago);
    // on a command line the name was typed, so a typo is the likely cause.
    if (error.code() == appflow::AppFlowError::Code::ResourceNotFound && !flowName.isEmpty()) {
        const QString region = m_context.connection ? m_context.connection->info().region : QString();
        words.text = QCoreApplication::translate("flowdesk::cli", "there is no flow named \u201c%1\u201d in %2.")
                         .arg(flowName, region.isEmpty() ? host : region);
        words.hint = QCoreApplication::translate("flowdesk::cli", "`flowdesk-cli flows` lists the flows (check the name, --profile and --region).");
    }
    err << "flowdesk-cli: " << words.text;
    if (!words.code.isEmpty() || !words.detail.isEmpty())
        err << " (" << words.code << (words.detail.isEmpty() ? QString() : QStringLiteral(": ") + words.detail) << ')';
    err << '\n';
    if (!words.hint.isEmpty())
        err << "  " << words.hint << '\n';
    if (error.attempts() > 1)
        err << "  " << QCoreApplication::translate("flowdesk::cli", "Tried %n time(s).", nullptr, error.attempts()) << '\n';
    if (!words.requestId.isEmpty())
        err << "  " << QCoreApplication::translate("flowdesk::cli", "Request ID: %1").arg(words.requestId) << '\n';
    err.flush();
    return exitCodeFor(error);
}

void CliCommand::progress(const QString &text)
{
    if (!m_context.stderrIsTerminal)
        return;
    // One line, rewritten in place; cleared before anything else is printed.
    err << "\r\x1b[K" << text;
    err.flush();
    m_progressShown = true;
}

void CliCommand::endProgress()
{
    if (!m_progressShown)
        return;
    err << "\r\x1b[K";
    err.flush();
    m_progressShown = false;
}

QList<OutputColumn> CliCommand::runColumns()
{
    return {{QStringLiteral("account"), tr("ACCOUNT")},
            {QStringLiteral("region"), tr("REGION")},
            {QStringLiteral("flow"), tr("FLOW")},
            {QStringLiteral("executionId"), tr("RUN ID")},
            {QStringLiteral("status"), tr("STATUS")},
            {QStringLiteral("startedAt"), tr("STARTED (UTC)")},
            {QStringLiteral("lastUpdatedAt"), tr("UPDATED (UTC)")},
            {QStringLiteral("records"), tr("RECORDS")},
            {QStringLiteral("bytes"), tr("BYTES")}};
}

QJsonObject CliCommand::runRow(const QString &flowName, const QString &accountId,
                               const appflow::ExecutionRecord &record) const
{
    return {
        {QStringLiteral("account"), accountId.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(accountId)},
        {QStringLiteral("region"), m_context.connection ? m_context.connection->info().region : QString()},
        {QStringLiteral("flow"), flowName},
        {QStringLiteral("executionId"), record.executionId},
        // The API's own status name: scripts compare it with what the AWS CLI prints.
        {QStringLiteral("status"), record.executionStatusText.isEmpty() ? QJsonValue(QJsonValue::Null)
                                                                        : QJsonValue(record.executionStatusText)},
        {QStringLiteral("startedAt"), OutputWriter::time(record.startedAt)},
        {QStringLiteral("lastUpdatedAt"), OutputWriter::time(record.lastUpdatedAt)},
        {QStringLiteral("records"), OutputWriter::count(record.executionResult.recordsProcessed)},
        {QStringLiteral("bytes"), OutputWriter::count(record.executionResult.bytesProcessed)},
    };
}

QString CliCommand::accountOf(const QString &flowArn)
{
    const QStringList parts = flowArn.split(u':');
    return parts.size() >= 6 && parts.at(0) == QLatin1String("arn") ? parts.at(4) : QString();
}

void CliCommand::readEveryFlow(std::function<void()> done)
{
    m_refresh = new models::RefreshController(m_context.connection->client(), this);
    m_refresh->setAutoRefreshInterval(0);
    connect(m_refresh, &models::RefreshController::progressChanged, this, [this](int read, int total) {
        progress(QCoreApplication::translate("flowdesk::cli", "Reading runs: %1 of %n flow(s)…", nullptr, total)
                     .arg(read));
    });
    connect(m_refresh, &models::RefreshController::busyChanged, this, [done = std::move(done)](bool busy) {
        if (!busy)
            done();
    });
    progress(QCoreApplication::translate("flowdesk::cli", "Listing flows…"));
    m_refresh->refresh();
}

QHash<QString, QString> CliCommand::accountsOfListedFlows() const
{
    QHash<QString, QString> accounts;
    if (!m_refresh)
        return accounts;
    models::FlowListModel *flows = m_refresh->flows();
    for (int row = 0; row < flows->rowCount(); ++row)
        accounts.insert(flows->flow(row).flowName, accountOf(flows->flow(row).flowArn));
    return accounts;
}

} // namespace flowdesk::cli
