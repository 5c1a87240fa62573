#pragma once

#include "CliCommand.h"

#include <QHash>
#include <QTimer>

namespace flowdesk::cli {

// watch FLOW RUN_ID...: reads the flow's runs until every named run has a final status
// (Successful, Error, Canceled), printing each change on stderr and the final table on stdout.
class WatchCommand : public CliCommand
{
    Q_OBJECT

public:
    using CliCommand::CliCommand;
    void start() override;

private:
    void poll();
    void done();

    QHash<QString, appflow::ExecutionRecord> m_latest; // by run ID, once seen
    QStringList m_notFound;
    QTimer m_timer;
    int m_intervalMs = 2000;
    int m_failuresInARow = 0;
    QString m_accountId;
};

} // namespace flowdesk::cli
