#pragma once

#include "AppFlowCall.h"
#include "AppFlowClientConfig.h"
#include "AppFlowResult.h"
#include "AppFlowTypes.h"
#include "HttpResponse.h"

#include <CredentialSource.h>

#include <QJsonObject>
#include <QObject>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

namespace flowdesk::appflow {

class AppFlowTransport;

// The typed, asynchronous AppFlow client. One per endpoint/account; all its requests go over
// its one QNetworkAccessManager, signed just before sending, at most
// config.maxConcurrentRequests in flight (the rest queued), retried per RetryPolicy.
//
// Every operation validates its input against the model first, then returns an AppFlowCall
// handle at once; the result reaches `done` later, from the event loop of this object's thread
// (use the client from one thread). `done` runs exactly once unless `context` is destroyed
// first (which aborts the operation) — see AppFlowCall.
class AppFlowClient : public QObject
{
    Q_OBJECT

public:
    template <typename T>
    using Callback = std::function<void(const AppFlowResult<T> &)>;

    // describeFlowExecutionRecords: what the per-page callback wants next.
    enum class PageAction { Continue, Stop };
    using RecordsPageCallback = std::function<PageAction(const QList<ExecutionRecord> &page)>;

    struct ExecutionRecordsOptions {
        std::optional<int> maxResults; // page size 1..100; unset: the service default (20)
        QString nextToken;             // resume where an earlier listing stopped
    };
    struct ExecutionRecordsSummary {
        int pages = 0;
        int records = 0;
        bool stoppedEarly = false; // the page callback said Stop while more pages existed
        QString nextToken;         // when stoppedEarly: where to resume
    };

    AppFlowClient(const AppFlowClientConfig &config, aws::CredentialSource *credentials,
                  QObject *parent = nullptr);
    ~AppFlowClient() override;

    // What ListFlows read: every flow of the pages that arrived, and, when a page failed, why
    // and where to resume (the pages before it are kept, never thrown away).
    struct FlowListing {
        QList<FlowDefinition> flows;
        bool complete = true;
        QString resumeToken; // !complete: the nextToken of the page that failed ("" = the first)
        std::optional<AppFlowError> error; // !complete: why
        int pages = 0;
    };

    // ListFlows, following nextToken to the last page; fails as a whole when any page fails.
    AppFlowCall *listFlows(QObject *context, Callback<QList<FlowDefinition>> done);
    // ListFlows from `startToken` (empty: the first page) to the last page. A failed page ends
    // the listing with what was read so far (complete = false); the result fails only when the
    // call was aborted or its input is invalid.
    AppFlowCall *listFlowsFrom(const QString &startToken, QObject *context,
                               Callback<FlowListing> done);

    // DescribeFlow, including which Salesforce Bulk API 2.0 uses a cancel cannot stop.
    AppFlowCall *describeFlow(const QString &flowName, QObject *context,
                              Callback<FlowDescription> done);

    // DescribeFlowExecutionRecords, newest first, one page at a time: `onPage` sees each page
    // and may stop the listing (e.g. once past the active runs); `done` gets the totals.
    AppFlowCall *describeFlowExecutionRecords(const QString &flowName,
                                              const ExecutionRecordsOptions &options,
                                              QObject *context, RecordsPageCallback onPage,
                                              Callback<ExecutionRecordsSummary> done);

    // CancelFlowExecutions. With IDs: split into requests of at most 100, sent concurrently,
    // merged into one CancelOutcome per distinct ID, in the order given. Without IDs: "cancel
    // all active runs"; the outcomes are one CancelStarted (or RequestFailed) entry with an
    // empty executionId, plus a NotCancellable entry per ID the service listed as invalid.
    // A failed request yields RequestFailed outcomes for its IDs (the AppFlowResult itself
    // fails only when nothing was sent: invalid input). Aborting delivers the outcomes known so
    // far, and RequestFailed/Aborted for the rest — those may or may not have reached AppFlow.
    AppFlowCall *cancelFlowExecutions(const QString &flowName, const QStringList &executionIds,
                                      QObject *context, Callback<QList<CancelOutcome>> done);

    // StartFlow with an idempotency token: `clientToken`, or a new UUID when empty. Retries
    // reuse the token, so a retried start never runs the flow twice.
    AppFlowCall *startFlow(const QString &flowName, QObject *context,
                           Callback<StartFlowResult> done, const QString &clientToken = {});

    // StopFlow (deactivates a scheduled or event flow; on-demand flows answer
    // UnsupportedOperationException).
    AppFlowCall *stopFlow(const QString &flowName, QObject *context, Callback<StopFlowResult> done);

    QUrl endpoint() const;
    QString region() const;
    void setMaxConcurrentRequests(int maxInFlight);
    // Per-request transfer timeout for requests sent from now on (Preferences).
    void setTransferTimeout(std::chrono::milliseconds timeout);
    int requestsInFlight() const;
    int requestsWaiting() const;
    int retryQuotaAvailable() const;

private:
    struct ListFlowsState;
    struct RecordsState;
    struct CancelState;

    AppFlowCall *newCall(const QString &operation, QObject *context);
    void send(AppFlowCall *call, const QString &operation, const QByteArray &path,
              const QJsonObject &body, std::function<void(const AppFlowResult<HttpResponse> &)> onResponse,
              int maxAttempts = 0);
    template <typename T>
    AppFlowCall *failLater(AppFlowCall *call, const AppFlowError &error, Callback<T> done);
    template <typename T>
    AppFlowCall *single(const QString &operation, const QByteArray &path, const QJsonObject &body,
                        QObject *context, Callback<T> done,
                        std::function<AppFlowResult<T>(const HttpResponse &)> parse,
                        std::function<void(T &)> amend = {}, int maxAttempts = 0);

    void fetchFlowsPage(AppFlowCall *call, const std::shared_ptr<ListFlowsState> &state);
    void fetchRecordsPage(AppFlowCall *call, const std::shared_ptr<RecordsState> &state);
    void finishCancel(AppFlowCall *call, const std::shared_ptr<CancelState> &state);

    AppFlowTransport *m_transport;
};

} // namespace flowdesk::appflow
