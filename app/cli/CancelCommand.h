#pragma once

#include "CliCommand.h"

#include <CancelController.h>

#include <optional>

namespace flowdesk::cli {

// cancel FLOW (--all | RUN_ID... | --older-than D) [--deactivate] [--yes] [--dry-run]
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
    void printFacts(const models::CancelController::Target &target) const;
    bool confirm(const models::CancelController::Target &target);
    void send(const models::CancelController::Target &target);
    void report();
    QString flowQuoted() const;

    std::optional<appflow::FlowDescription> m_description; // unset: DescribeFlow failed
    QString m_accountId;
    models::CancelController *m_controller = nullptr;
    int m_worstError = ExitCode::Done; // from errors the controller reported
    bool m_interrupted = false;
};

} // namespace flowdesk::cli
