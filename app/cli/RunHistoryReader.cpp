#include "RunHistoryReader.h"

#include <memory>

namespace flowdesk::cli {

void readRunHistory(appflow::AppFlowClient *client, const QString &flowName, QObject *context,
                    std::function<bool(const QList<appflow::ExecutionRecord> &)> enough,
                    std::function<void(const RunHistory &)> done)
{
    auto history = std::make_shared<RunHistory>();
    appflow::AppFlowClient::ExecutionRecordsOptions options;
    options.maxResults = 100;
    client->describeFlowExecutionRecords(
        flowName, options, context,
        [history, enough](const QList<appflow::ExecutionRecord> &page) {
            history->records += page;
            return enough(history->records) ? appflow::AppFlowClient::PageAction::Stop
                                            : appflow::AppFlowClient::PageAction::Continue;
        },
        [history, done](const appflow::AppFlowResult<appflow::AppFlowClient::ExecutionRecordsSummary> &result) {
            if (!result.ok()) {
                history->complete = false;
                history->error = result.error();
            }
            done(*history);
        });
}

} // namespace flowdesk::cli
