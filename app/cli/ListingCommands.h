#pragma once

#include "CliCommand.h"

namespace flowdesk::models {
class RefreshController;
}

namespace flowdesk::cli {

// flows [--filter TEXT]: ListFlows to the last page.
class FlowsCommand : public CliCommand
{
    Q_OBJECT
public:
    using CliCommand::CliCommand;
    void start() override;
};

// runs FLOW [--active] [--since D] [--older-than D] [--limit N]: the flow's runs, newest first.
class RunsCommand : public CliCommand
{
    Q_OBJECT
public:
    using CliCommand::CliCommand;
    void start() override;

private:
    void listRuns(const QString &accountId);
};

// active [--older-than D]: every active run of every flow, read the way the app's
// "All active runs" view reads them (RefreshController), incomplete reads said as such.
class ActiveCommand : public CliCommand
{
    Q_OBJECT
public:
    using CliCommand::CliCommand;
    void start() override;

private:
    void report();
};

} // namespace flowdesk::cli
