#pragma once

#include "CliCommand.h"

namespace flowdesk::cli {

// history [--flow F] [--since D]: the audit log the app's Cancel History shows (the same file),
// one line per entry; --output json gives the entries in the log's own documented format.
class HistoryCommand : public CliCommand
{
    Q_OBJECT
public:
    using CliCommand::CliCommand;
    void start() override;
};

} // namespace flowdesk::cli
