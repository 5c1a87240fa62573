#include "AppFlowClient.h"

#include "AppFlowExchange.h"
#include "AppFlowLogging.h"
#include "AppFlowTransport.h"
#include "RequestValidator.h"
#include "ResponseParser.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QMetaObject>
#include <QSet>
#include <QUuid>

namespace flowdesk::appflow {

using namespace Qt::StringLiterals;

struct AppFlowClient::ListFlowsState {
    Callback<FlowListing> done;
    FlowListing listing;
    QString nextToken;
    QSet<QString> seenTokens;
};

struct AppFlowClient::RecordsState {
    QString flowName;
    std::optional<int> maxResults;
    RecordsPageCallback onPage;
    Callback<ExecutionRecordsSummary> done;
    ExecutionRecordsSummary summary;
    QString nextToken;
    QSet<QString> seenTokens;
};

struct AppFlowClient::CancelState {
    QString flowName;
    Callback<QList<CancelOutcome>> done;
    QStringList ids;                  // distinct, in the caller's order; empty: all active
    QHash<QString, CancelOutcome> outcomes;
    QList<CancelOutcome> allActiveOutcomes; // for the "all active" form
    int pendingRequests = 0;
    std::optional<AppFlowError> firstError;
};

namespace {

QString pageLoopError(const QString &token)
{
    return u"the service returned the pagination token \""_s + token.left(40)
           + u"\" twice; stopping instead of looping"_s;
}

CancelOutcome failedOutcome(const QString &flowName, const QString &executionId,
                            const AppFlowError &error)
{
    CancelOutcome outcome;
    outcome.flowName = flowName;
    outcome.executionId = executionId;
    outcome.kind = CancelOutcome::Kind::RequestFailed;
    outcome.error = error.toString();
    outcome.errorCode = error.codeText();
    outcome.failure = error;
    outcome.requestId = error.requestId();
    outcome.answerUnknown = error.mayHaveReachedService();
    return outcome;
}

} // namespace

AppFlowClient::AppFlowClient(const AppFlowClientConfig &config, aws::CredentialSource *credentials,
                             QObject *parent)
    : QObject(parent)
    , m_transport(new AppFlowTransport(config, credentials, this))
{
    qCDebug(lcAppFlow).noquote() << "client for" << config.endpoint.toDisplayString() << "region"
                                 << config.region << "with up to" << config.maxConcurrentRequests
                                 << "requests in flight";
}

AppFlowClient::~AppFlowClient()
{
    // Calls still in flight own exchanges that hold a slot in the transport's queue. QObject
    // would delete the transport (the first child) before them, so end them first, without
    // callbacks: whoever owned this client is going away too.
    const auto calls = findChildren<AppFlowCall *>(Qt::FindDirectChildrenOnly);
    qDeleteAll(calls);
}

QUrl AppFlowClient::endpoint() const
{
    return m_transport->endpoint();
}

QString AppFlowClient::region() const
{
    return m_transport->region();
}

void AppFlowClient::setMaxConcurrentRequests(int maxInFlight)
{
    m_transport->queue().setMaxInFlight(maxInFlight);
}

void AppFlowClient::setTransferTimeout(std::chrono::milliseconds timeout)
{
    m_transport->setTransferTimeout(timeout);
}

int AppFlowClient::requestsInFlight() const
{
    return m_transport->queue().inFlight();
}

int AppFlowClient::requestsWaiting() const
{
    return m_transport->queue().waiting();
}

int AppFlowClient::retryQuotaAvailable() const
{
    return m_transport->retryPolicy().quota().available();
}

AppFlowCall *AppFlowClient::newCall(const QString &operation, QObject *context)
{
    return new AppFlowCall(operation, context, this);
}

void AppFlowClient::send(AppFlowCall *call, const QString &operation, const QByteArray &path,
                         const QJsonObject &body,
                         std::function<void(const AppFlowResult<HttpResponse> &)> onResponse,
                         int maxAttempts)
{
    auto *exchange = new AppFlowExchange(m_transport, operation, path,
                                         QJsonDocument(body).toJson(QJsonDocument::Compact));
    exchange->setMaxAttempts(maxAttempts);
    call->adopt(exchange);
    exchange->start(std::move(onResponse));
}

template <typename T>
AppFlowCall *AppFlowClient::failLater(AppFlowCall *call, const AppFlowError &error, Callback<T> done)
{
    qCInfo(lcAppFlow).noquote() << call->operation() << "not sent:" << error.toString();
    // Queued, so that even an immediate failure reaches the caller after this method returned.
    QMetaObject::invokeMethod(
        call,
        [call, error, done = std::move(done)] {
            call->complete(error, [&] { done(AppFlowResult<T>::failure(error)); });
        },
        Qt::QueuedConnection);
    return call;
}

template <typename T>
AppFlowCall *AppFlowClient::single(const QString &operation, const QByteArray &path,
                                   const QJsonObject &body, QObject *context, Callback<T> done,
                                   std::function<AppFlowResult<T>(const HttpResponse &)> parse,
                                   std::function<void(T &)> amend, int maxAttempts)
{
    AppFlowCall *call = newCall(operation, context);
    call->setAbortHandler([done](const AppFlowError &error) { done(AppFlowResult<T>::failure(error)); });
    send(call, operation, path, body,
         [call, done, parse = std::move(parse), amend = std::move(amend)](
             const AppFlowResult<HttpResponse> &response) {
             if (!response.ok()) {
                 call->complete(response.error(),
                                [&] { done(AppFlowResult<T>::failure(response.error())); });
                 return;
             }
             AppFlowResult<T> result = parse(response.value());
             if (result.ok() && amend) {
                 T value = result.value();
                 amend(value);
                 result = AppFlowResult<T>::success(std::move(value));
             }
             call->complete(result.ok() ? std::nullopt : std::optional(result.error()),
                            [&] { done(result); });
         },
         maxAttempts);
    return call;
}

// ---- ListFlows ---------------------------------------------------------------------------

AppFlowCall *AppFlowClient::listFlows(QObject *context, Callback<QList<FlowDefinition>> done)
{
    return listFlowsFrom(QString(), context, [done = std::move(done)](const AppFlowResult<FlowListing> &result) {
        if (!result.ok())
            done(AppFlowResult<QList<FlowDefinition>>::failure(result.error()));
        else if (!result.value().complete)
            done(AppFlowResult<QList<FlowDefinition>>::failure(*result.value().error));
        else
            done(AppFlowResult<QList<FlowDefinition>>::success(result.value().flows));
    });
}

AppFlowCall *AppFlowClient::listFlowsFrom(const QString &startToken, QObject *context,
                                          Callback<FlowListing> done)
{
    AppFlowCall *call = newCall(u"ListFlows"_s, context);
    const int pageSize = m_transport->config().listFlowsPageSize;
    std::optional<AppFlowError> error = RequestValidator::maxResults(pageSize, u"listFlowsPageSize"_s);
    if (!error && !startToken.isEmpty())
        error = RequestValidator::nextToken(startToken);
    if (error)
        return failLater(call, *error, std::move(done));

    auto state = std::make_shared<ListFlowsState>();
    state->done = std::move(done);
    state->nextToken = startToken;
    call->setAbortHandler([state](const AppFlowError &error) {
        state->done(AppFlowResult<FlowListing>::failure(error));
    });
    fetchFlowsPage(call, state);
    return call;
}

void AppFlowClient::fetchFlowsPage(AppFlowCall *call, const std::shared_ptr<ListFlowsState> &state)
{
    QJsonObject body{{u"maxResults"_s, m_transport->config().listFlowsPageSize}};
    if (!state->nextToken.isEmpty())
        body.insert(u"nextToken"_s, state->nextToken);
    send(call, u"ListFlows"_s, "/list-flows", body,
         [this, call, state](const AppFlowResult<HttpResponse> &response) {
             AppFlowResult<ListFlowsPage> page =
                 response.ok() ? ResponseParser::listFlows(response.value())
                               : AppFlowResult<ListFlowsPage>::failure(response.error());
             if (page.ok() && !page.value().nextToken.isEmpty()
                 && state->seenTokens.contains(page.value().nextToken))
                 page = AppFlowResult<ListFlowsPage>::failure(AppFlowError::malformedResponse(
                     u"ListFlows"_s, pageLoopError(page.value().nextToken), response.value()));
             FlowListing &listing = state->listing;
             if (!page.ok()) {
                 // What was read stays read: the caller keeps it and may resume here.
                 listing.complete = false;
                 listing.resumeToken = state->nextToken;
                 listing.error = page.error();
                 qCInfo(lcAppFlow).noquote() << "ListFlows: stopped at page" << listing.pages + 1
                                             << "after" << listing.flows.size() << "flows:"
                                             << page.error().toString();
                 call->complete(page.error(), [&] {
                     state->done(AppFlowResult<FlowListing>::success(listing));
                 });
                 return;
             }
             ++listing.pages;
             listing.flows += page.value().flows;
             state->nextToken = page.value().nextToken;
             if (!state->nextToken.isEmpty()) {
                 state->seenTokens.insert(state->nextToken);
                 fetchFlowsPage(call, state);
                 return;
             }
             qCInfo(lcAppFlow).noquote() << "ListFlows:" << listing.flows.size() << "flows in"
                                         << listing.pages << "page(s)";
             call->complete(std::nullopt, [&] {
                 state->done(AppFlowResult<FlowListing>::success(listing));
             });
         });
}

// ---- DescribeFlow ------------------------------------------------------------------------

AppFlowCall *AppFlowClient::describeFlow(const QString &flowName, QObject *context,
                                         Callback<FlowDescription> done)
{
    if (auto error = RequestValidator::flowName(flowName))
        return failLater(newCall(u"DescribeFlow"_s, context), *error, std::move(done));
    return single<FlowDescription>(u"DescribeFlow"_s, "/describe-flow",
                                   QJsonObject{{u"flowName"_s, flowName}}, context,
                                   std::move(done), &ResponseParser::describeFlow);
}

// ---- DescribeFlowExecutionRecords --------------------------------------------------------

AppFlowCall *AppFlowClient::describeFlowExecutionRecords(const QString &flowName,
                                                         const ExecutionRecordsOptions &options,
                                                         QObject *context,
                                                         RecordsPageCallback onPage,
                                                         Callback<ExecutionRecordsSummary> done)
{
    AppFlowCall *call = newCall(u"DescribeFlowExecutionRecords"_s, context);
    std::optional<AppFlowError> error = RequestValidator::flowName(flowName);
    if (!error && options.maxResults)
        error = RequestValidator::maxResults(*options.maxResults);
    if (!error && !options.nextToken.isEmpty())
        error = RequestValidator::nextToken(options.nextToken);
    if (error)
        return failLater(call, *error, std::move(done));

    auto state = std::make_shared<RecordsState>();
    state->flowName = flowName;
    state->maxResults = options.maxResults;
    state->onPage = std::move(onPage);
    state->done = std::move(done);
    state->nextToken = options.nextToken;
    call->setAbortHandler([state](const AppFlowError &error) {
        state->done(AppFlowResult<ExecutionRecordsSummary>::failure(error));
    });
    fetchRecordsPage(call, state);
    return call;
}

void AppFlowClient::fetchRecordsPage(AppFlowCall *call, const std::shared_ptr<RecordsState> &state)
{
    QJsonObject body{{u"flowName"_s, state->flowName}};
    if (state->maxResults)
        body.insert(u"maxResults"_s, *state->maxResults);
    if (!state->nextToken.isEmpty())
        body.insert(u"nextToken"_s, state->nextToken);
    send(call, u"DescribeFlowExecutionRecords"_s, "/describe-flow-execution-records", body,
         [this, call, state](const AppFlowResult<HttpResponse> &response) {
             AppFlowResult<ExecutionRecordsPage> page =
                 response.ok() ? ResponseParser::executionRecords(response.value())
                               : AppFlowResult<ExecutionRecordsPage>::failure(response.error());
             if (page.ok() && !page.value().nextToken.isEmpty()
                 && state->seenTokens.contains(page.value().nextToken))
                 page = AppFlowResult<ExecutionRecordsPage>::failure(
                     AppFlowError::malformedResponse(u"DescribeFlowExecutionRecords"_s,
                                                     pageLoopError(page.value().nextToken),
                                                     response.value()));
             if (!page.ok()) {
                 call->complete(page.error(), [&] {
                     state->done(AppFlowResult<ExecutionRecordsSummary>::failure(page.error()));
                 });
                 return;
             }
             ++state->summary.pages;
             state->summary.records += int(page.value().records.size());
             state->nextToken = page.value().nextToken;
             const PageAction action = state->onPage ? state->onPage(page.value().records)
                                                     : PageAction::Continue;
             // The page callback may have aborted the call (or destroyed its context).
             if (call->isFinished())
                 return;
             if (!state->nextToken.isEmpty() && action == PageAction::Continue) {
                 state->seenTokens.insert(state->nextToken);
                 fetchRecordsPage(call, state);
                 return;
             }
             state->summary.stoppedEarly = !state->nextToken.isEmpty();
             state->summary.nextToken = state->nextToken;
             qCInfo(lcAppFlow).noquote()
                 << "DescribeFlowExecutionRecords" << state->flowName << ":"
                 << state->summary.records << "records in" << state->summary.pages << "page(s)"
                 << (state->summary.stoppedEarly ? "(stopped early)" : "");
             call->complete(std::nullopt, [&] {
                 state->done(AppFlowResult<ExecutionRecordsSummary>::success(state->summary));
             });
         });
}

// ---- CancelFlowExecutions ----------------------------------------------------------------

AppFlowCall *AppFlowClient::cancelFlowExecutions(const QString &flowName,
                                                 const QStringList &executionIds, QObject *context,
                                                 Callback<QList<CancelOutcome>> done)
{
    AppFlowCall *call = newCall(u"CancelFlowExecutions"_s, context);
    if (auto error = RequestValidator::flowName(flowName))
        return failLater(call, *error, std::move(done));

    auto state = std::make_shared<CancelState>();
    state->flowName = flowName;
    state->done = std::move(done);
    QSet<QString> seen;
    for (qsizetype i = 0; i < executionIds.size(); ++i) {
        const QString &id = executionIds.at(i);
        if (auto error = RequestValidator::executionId(
                id, u"executionIds["_s + QString::number(i) + u']'))
            return failLater(call, *error, std::move(state->done));
        if (!seen.contains(id)) {
            seen.insert(id);
            state->ids << id;
        }
    }

    call->setAbortHandler([state](const AppFlowError &error) {
        // What is known so far, and "aborted" for the rest: the caller must not believe those
        // runs untouched, since the request may have reached AppFlow.
        QList<CancelOutcome> outcomes;
        if (state->ids.isEmpty()) {
            outcomes = state->allActiveOutcomes;
            if (outcomes.isEmpty())
                outcomes << failedOutcome(state->flowName, QString(), error);
        }
        for (const QString &id : std::as_const(state->ids))
            outcomes << state->outcomes.value(id, failedOutcome(state->flowName, id, error));
        state->done(AppFlowResult<QList<CancelOutcome>>::success(outcomes));
    });

    // "All active": one request without executionIds.
    QList<QStringList> chunks;
    if (state->ids.isEmpty())
        chunks << QStringList();
    for (qsizetype i = 0; i < state->ids.size(); i += RequestValidator::maxExecutionIdsPerRequest)
        chunks << state->ids.mid(i, RequestValidator::maxExecutionIdsPerRequest);
    state->pendingRequests = int(chunks.size());
    qCInfo(lcAppFlow).noquote() << "CancelFlowExecutions" << flowName << ":"
                                << (state->ids.isEmpty() ? u"all active runs"_s
                                                         : QString::number(state->ids.size())
                                                               + u" run(s)"_s)
                                << "in" << chunks.size() << "request(s)";

    for (const QStringList &chunk : std::as_const(chunks)) {
        QJsonObject body{{u"flowName"_s, flowName}};
        if (!chunk.isEmpty())
            body.insert(u"executionIds"_s, QJsonArray::fromStringList(chunk));
        send(call, u"CancelFlowExecutions"_s, "/cancel-flow-executions", body,
             [this, call, state, chunk](const AppFlowResult<HttpResponse> &response) {
                 AppFlowResult<CancelFlowExecutionsResponse> result =
                     response.ok()
                         ? ResponseParser::cancelFlowExecutions(response.value())
                         : AppFlowResult<CancelFlowExecutionsResponse>::failure(response.error());
                 if (!result.ok()) {
                     if (!state->firstError)
                         state->firstError = result.error();
                     if (chunk.isEmpty())
                         state->allActiveOutcomes
                             << failedOutcome(state->flowName, QString(), result.error());
                     for (const QString &id : chunk)
                         state->outcomes.insert(id,
                                                failedOutcome(state->flowName, id, result.error()));
                 } else {
                     const QStringList &invalid = result.value().invalidExecutions;
                     auto answered = [&](const QString &id, CancelOutcome::Kind kind) {
                         CancelOutcome outcome;
                         outcome.flowName = state->flowName;
                         outcome.executionId = id;
                         outcome.kind = kind;
                         outcome.requestId = result.value().requestId;
                         outcome.earlierAttemptUnanswered =
                             response.value().earlierAttemptMayHaveArrived;
                         return outcome;
                     };
                     if (chunk.isEmpty()) {
                         state->allActiveOutcomes
                             << answered(QString(), CancelOutcome::Kind::CancelStarted);
                         for (const QString &id : invalid)
                             state->allActiveOutcomes
                                 << answered(id, CancelOutcome::Kind::NotCancellable);
                     }
                     for (const QString &id : chunk)
                         state->outcomes.insert(id, answered(id, invalid.contains(id)
                                                                     ? CancelOutcome::Kind::NotCancellable
                                                                     : CancelOutcome::Kind::CancelStarted));
                 }
                 if (--state->pendingRequests == 0)
                     finishCancel(call, state);
             },
             m_transport->config().userActionMaxAttempts);
    }
    return call;
}

void AppFlowClient::finishCancel(AppFlowCall *call, const std::shared_ptr<CancelState> &state)
{
    QList<CancelOutcome> outcomes = state->allActiveOutcomes;
    for (const QString &id : std::as_const(state->ids))
        outcomes << state->outcomes.value(id);
    call->complete(state->firstError, [&] {
        state->done(AppFlowResult<QList<CancelOutcome>>::success(outcomes));
    });
}

// ---- StartFlow / StopFlow ----------------------------------------------------------------

AppFlowCall *AppFlowClient::startFlow(const QString &flowName, QObject *context,
                                      Callback<StartFlowResult> done, const QString &clientToken)
{
    const QString token =
        clientToken.isEmpty() ? QUuid::createUuid().toString(QUuid::WithoutBraces) : clientToken;
    std::optional<AppFlowError> error = RequestValidator::flowName(flowName);
    if (!error)
        error = RequestValidator::clientToken(token);
    if (error)
        return failLater(newCall(u"StartFlow"_s, context), *error, std::move(done));
    return single<StartFlowResult>(
        u"StartFlow"_s, "/start-flow",
        QJsonObject{{u"flowName"_s, flowName}, {u"clientToken"_s, token}}, context,
        std::move(done), &ResponseParser::startFlow,
        [token](StartFlowResult &result) { result.clientToken = token; });
}

AppFlowCall *AppFlowClient::stopFlow(const QString &flowName, QObject *context,
                                     Callback<StopFlowResult> done)
{
    if (auto error = RequestValidator::flowName(flowName))
        return failLater(newCall(u"StopFlow"_s, context), *error, std::move(done));
    return single<StopFlowResult>(u"StopFlow"_s, "/stop-flow",
                                  QJsonObject{{u"flowName"_s, flowName}}, context,
                                  std::move(done), &ResponseParser::stopFlow, {},
                                  m_transport->config().userActionMaxAttempts);
}

} // namespace flowdesk::appflow
