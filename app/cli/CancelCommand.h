#pragma once

#include "CliCommand.h"

#include <CancelController.h>

#include <QHash>

#include <optional>

namespace flowdesk::cli {

// cancel FLOW (--all | RUN_ID... | --older-than D) [--deactivate] [--yes] [--dry-run]
// cancel --all-flows (--all | --older-than D) [--yes] [--dry-run]
//
// The same steps as the app's cancel: read the flow (batch API? scheduled?) and its active
// runs, show the facts the confirmation dialog shows, ask (typing the flow name for --all) or
// refuse without a terminal unless --yes, then CancelController — audit intent fsync'd before
// each request, results recorded, the runs' status read until each is final.
class CancelCommand : public CliCommand
{
    Q_OBJECT

public:
    using CliCommand::CliCommand;
    void start() override;
    void interrupt() override;

private:
    void readRuns();
    void plan(const QList<appflow::ExecutionRecord> &history, const QDateTime &readAt);
    // --all-flows: every flow's active runs (readEveryFlow), then each chosen flow's
    // description (the batch-API fact), then the same facts, question and controller.
    void planAcrossFlows();
    void describeFlows();
    void proceed(const QList<models::CancelController::Target> &targets);
    void printFacts(const QList<models::CancelController::Target> &targets) const;
    bool confirm(const QList<models::CancelController::Target> &targets);
    void send(const QList<models::CancelController::Target> &targets);
    void report();
    QString flowQuoted() const;
    static QString quoted(const QString &flowName);

    // Per flow; a flow without an entry (or with nullopt) could not be described.
    QHash<QString, std::optional<appflow::FlowDescription>> m_descriptions;
    QHash<QString, QString> m_accountOfFlow;
    QList<models::CancelController::Target> m_targets;
    int m_readProblems = ExitCode::Done; // --all-flows: flows or runs that could not be read
    models::CancelController *m_controller = nullptr;
    int m_worstError = ExitCode::Done; // from errors the controller reported
    bool m_interrupted = false;
};

} // namespace flowdesk::cli
