#pragma once

#include "Workload.h"

#include <AppFlowClient.h>

#include <QHash>
#include <QStringList>

namespace flowdesk::bench {

// Workload 3: cancel given in-progress runs, by ID, in every flow at once — one
// CancelFlowExecutions per flow and 100 IDs (the client splits larger sets), all left to the
// client's concurrency limit. Finishes when every cancel request has answered.
class CancelWorkload : public Workload
{
    Q_OBJECT

public:
    CancelWorkload(appflow::AppFlowClient *client, QHash<QString, QStringList> runsByFlow,
                   QObject *parent = nullptr);

    void start() override;

private:
    appflow::AppFlowClient *m_client;
    QHash<QString, QStringList> m_runsByFlow;
    int m_pending = 0;
};

} // namespace flowdesk::bench
