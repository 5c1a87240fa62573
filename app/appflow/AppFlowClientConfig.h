#pragma once

#include "RequestQueue.h"
#include "RetryPolicy.h"

#include <QDateTime>
#include <QString>
#include <QUrl>

#include <chrono>
#include <functional>

namespace flowdesk::appflow {

// Everything an AppFlowClient is told from outside. The endpoint and region come from the
// endpoint resolver (profile, environment, overrides); this class does not resolve anything.
struct AppFlowClientConfig {
    QUrl endpoint;   // "https://appflow.eu-west-1.amazonaws.com" or a loopback simulator
    QString region;  // the SigV4 scope region, e.g. "eu-west-1"

    int maxConcurrentRequests = RequestQueue::defaultMaxInFlight;
    // Abandon a request when no data moved for this long (QNetworkRequest::setTransferTimeout).
    std::chrono::milliseconds transferTimeout{30000};
    // And when one attempt as a whole takes longer than this, however slowly data trickles in:
    // a server sending a byte every 10 s never trips the idle timeout above.
    std::chrono::milliseconds attemptDeadline{120000};
    // The largest answer read (16 MiB; AppFlow's pages are at most a few hundred KiB): past it
    // the reply is aborted, so a server that never ends its body cannot exhaust memory.
    qint64 maxResponseBytes = 16 * 1024 * 1024;
    RetryPolicy::Options retry;
    // Attempts for the requests a person explicitly asked for (CancelFlowExecutions, StopFlow):
    // more patience than a background read, which the next refresh repeats anyway. With the
    // standard backoff (capped at 20 s) 8 attempts wait about a minute at most.
    int userActionMaxAttempts = 8;
    // ListFlows page size (MaxResults, 1..100): fewer round trips than the service default 20.
    int listFlowsPageSize = 100;

    // Injected for tests; defaults to QDateTime::currentDateTimeUtc and QRandomGenerator.
    std::function<QDateTime()> clock;
    // Seconds on a monotonic clock, for the adaptive mode's rate limiter; defaults to a
    // QElapsedTimer started with the client.
    std::function<double()> monotonicSeconds;
    RetryPolicy::Random random;
};

} // namespace flowdesk::appflow
