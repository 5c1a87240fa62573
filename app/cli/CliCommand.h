#pragma once

#include "CliRequest.h"
#include "OutputWriter.h"

#include <AppFlowError.h>
#include <AppFlowTypes.h>

#include <QObject>
#include <QTextStream>

#include <QHash>

#include <functional>

namespace flowdesk::models {
class Connection;
class RefreshController;
}

namespace flowdesk::cli {

// What every command works with: the parsed request, the open connection, the audit log the
// app also uses, and the two output streams (stdout: data only; stderr: facts, progress,
// errors).
struct CliContext {
    CliRequest request;
    models::Connection *connection = nullptr; // null for history
    QString auditLogPath;
    QTextStream *out = nullptr;
    QTextStream *err = nullptr;
    bool stdinIsTerminal = false;
    bool stderrIsTerminal = false;
};

// One command run: start() sends what it needs and emits finished(exitCode) exactly once,
// later, from the event loop. interrupt() is Ctrl-C.
class CliCommand : public QObject
{
    Q_OBJECT

public:
    explicit CliCommand(const CliContext &context, QObject *parent = nullptr);

    virtual void start() = 0;
    // Default: stop at once (nothing to record). Cancel overrides it to record answers first.
    virtual void interrupt();

    static CliCommand *create(const CliContext &context, QObject *parent = nullptr);

signals:
    void finished(int exitCode);

protected:
    void finish(int exitCode);
    // Prints the shared error words (models::ErrorText) to stderr and returns the exit code
    // the failure stands for.
    int reportError(const appflow::AppFlowError &error, const QString &operation,
                    const QString &flowName);
    static int exitCodeFor(const appflow::AppFlowError &error);
    // Progress for people: only when stderr is a terminal (scripts get data only).
    void progress(const QString &text);
    void endProgress();

    // The columns of a run listing and one run as a row (the documented JSON shape).
    static QList<OutputColumn> runColumns();
    QJsonObject runRow(const QString &flowName, const QString &accountId,
                       const appflow::ExecutionRecord &record) const;
    // "123456789012" from arn:aws:appflow:REGION:ACCOUNT:flow/NAME; empty when not an ARN.
    static QString accountOf(const QString &flowArn);

    // Every flow's active runs, read as the app's All active runs view reads them
    // (RefreshController, progress on a terminal); `done` runs once, with refresh() holding
    // what was read and what could not be (listingComplete(), unreadFlows()).
    void readEveryFlow(std::function<void()> done);
    models::RefreshController *refresh() const { return m_refresh; }
    // Flow name → account ID, from the flows readEveryFlow() listed.
    QHash<QString, QString> accountsOfListedFlows() const;

    CliContext m_context;
    QTextStream &out;
    QTextStream &err;

private:
    models::RefreshController *m_refresh = nullptr;
    bool m_finished = false;
    bool m_progressShown = false;
};

} // namespace flowdesk::cli
