#pragma once

#include <AppFlowClient.h>

#include <functional>
#include <optional>

namespace flowdesk::cli {

// What a read of one flow's run history got: the runs of the pages that arrived (newest first)
// and, when a page failed, why: the runs before it are kept and the read is marked partial.
struct RunHistory {
    QList<appflow::ExecutionRecord> records;
    bool complete = true;  // reached the last page, or stopped because `enough` said so
    std::optional<appflow::AppFlowError> error;
};

// Reads a flow's runs page by page (100 per page) until `enough(recordsSoFar)` is true or the
// history ends, the same paging the app's RefreshController does.
void readRunHistory(appflow::AppFlowClient *client, const QString &flowName, QObject *context,
                    std::function<bool(const QList<appflow::ExecutionRecord> &soFar)> enough,
                    std::function<void(const RunHistory &)> done);

} // namespace flowdesk::cli
