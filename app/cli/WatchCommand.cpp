#include "WatchCommand.h"

#include "RunHistoryReader.h"

#include <Connection.h>

#include <QCoreApplication>

namespace flowdesk::cli {

namespace {

bool isFinal(appflow::ExecutionStatus status)
{
    return status == appflow::ExecutionStatus::Successful || status == appflow::ExecutionStatus::Error
        || status == appflow::ExecutionStatus::Canceled;
}

// Runs older than the newest 1,000 are not looked for: watching is for runs that are going on.
constexpr int maxRunsRead = 1000;

} // namespace

void WatchCommand::start()
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &WatchCommand::poll);
    poll();
}

void WatchCommand::poll()
{
    const QStringList wanted = m_context.request.runIds;
    auto enough = [wanted](const QList<appflow::ExecutionRecord> &soFar) {
        if (soFar.size() >= maxRunsRead)
            return true;
        for (const QString &id : wanted) {
            if (std::none_of(soFar.cbegin(), soFar.cend(),
                             [&id](const appflow::ExecutionRecord &r) { return r.executionId == id; }))
                return false;
        }
        return true;
    };
    readRunHistory(m_context.connection->client(), m_context.request.flowName, this, enough,
                   [this, wanted](const RunHistory &history) {
                       if (history.error) {
                           const int code = reportError(*history.error, QStringLiteral("DescribeFlowExecutionRecords"),
                                                        m_context.request.flowName);
                           // A missing flow or refused credentials will not get better by waiting.
                           if (code == ExitCode::Usage || code == ExitCode::Credentials || ++m_failuresInARow >= 5) {
                               done();
                               finish(code);
                               return;
                           }
                           err << tr("  Reading again in %n second(s).", nullptr, m_intervalMs / 1000) << '\n';
                       } else {
                           m_failuresInARow = 0;
                           m_notFound.clear();
                           for (const QString &id : wanted) {
                               const auto found = std::find_if(
                                   history.records.cbegin(), history.records.cend(),
                                   [&id](const appflow::ExecutionRecord &r) { return r.executionId == id; });
                               if (found == history.records.cend()) {
                                   m_notFound << id;
                                   continue;
                               }
                               const auto previous = m_latest.constFind(id);
                               if (previous == m_latest.cend() || previous->executionStatus != found->executionStatus) {
                                   endProgress();
                                   err << QDateTime::currentDateTimeUtc().toString(Qt::ISODate) << "  " << id
                                       << "  " << found->executionStatusText << '\n';
                               }
                               m_latest.insert(id, *found);
                           }
                       }
                       const bool allFinal = m_notFound.isEmpty() && !m_latest.isEmpty()
                           && std::all_of(wanted.cbegin(), wanted.cend(), [this](const QString &id) {
                                  return isFinal(m_latest.value(id).executionStatus);
                              });
                       if (!history.error && (allFinal || !m_notFound.isEmpty())) {
                           done();
                           return;
                       }
                       int waiting = 0;
                       for (const QString &id : wanted)
                           waiting += m_latest.contains(id) && !isFinal(m_latest.value(id).executionStatus) ? 1 : 0;
                       progress(tr("Waiting for %n run(s) to reach a final status…", nullptr, waiting));
                       m_timer.start(m_intervalMs);
                       m_intervalMs = qMin(m_intervalMs * 2, 10000);
                   });
}

void WatchCommand::done()
{
    QList<QJsonObject> rows;
    for (const QString &id : m_context.request.runIds) {
        if (m_latest.contains(id))
            rows << runRow(m_context.request.flowName, m_accountId, m_latest.value(id));
    }
    endProgress();
    OutputWriter(m_context.request.output, out).write(runColumns(), rows);
    if (!m_notFound.isEmpty()) {
        err << tr("flowdesk-cli: not among the newest %1 runs of \u201c%2\u201d: %3")
                   .arg(maxRunsRead)
                   .arg(m_context.request.flowName, m_notFound.join(QStringLiteral(", ")))
            << '\n';
        finish(ExitCode::Incomplete);
        return;
    }
    finish(ExitCode::Done);
}

} // namespace flowdesk::cli
