#pragma once

#include "Workload.h"

#include <AppFlowClient.h>

#include <QHash>
#include <QStringList>

namespace flowdesk::bench {

// Workloads 1 and 2: every flow (ListFlows, 100 per page), then the run history of every flow
// that has ever run, all histories requested at once and left to the client's concurrency
// limit — the request pattern of the app's full refresh (models/RefreshController).
//
//  - AllRuns (inventory): every page of every history.
//  - ActiveRuns ("All active runs"): a history is paged newest first and the paging stops at
//    the first page that holds no active run. Why that is the most the data allows, and when
//    it could miss a run, is in docs/BENCHMARKS.md ("Workload 2").
class RunHistoryWorkload : public Workload
{
    Q_OBJECT

public:
    enum class Mode { AllRuns, ActiveRuns };

    RunHistoryWorkload(appflow::AppFlowClient *client, Mode mode, int pageSize,
                       QObject *parent = nullptr);

    void start() override;

    // After finished(): the InProgress runs found, by flow (the cancel workload's input).
    const QHash<QString, QStringList> &inProgressRuns() const { return m_inProgress; }

private:
    void readHistory(const QString &flowName);
    void historyDone();

    appflow::AppFlowClient *m_client;
    Mode m_mode;
    int m_pageSize;
    int m_pending = 0;
    QHash<QString, QStringList> m_inProgress;
};

} // namespace flowdesk::bench
