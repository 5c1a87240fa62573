#pragma once

#include "AppFlowResult.h"
#include "HttpResponse.h"
#include "RetryPolicy.h"
#include "RequestQueue.h"

#include <CredentialSource.h>

#include <QByteArray>
#include <QElapsedTimer>
#include <QObject>
#include <QPointer>

#include <functional>

class QNetworkReply;
class QTimer;

namespace flowdesk::appflow {

class AppFlowTransport;

// One logical AppFlow request and all its attempts: wait for a slot in the queue, ask the
// credential source, sign just before sending, POST, then decide — success, retry after
// backoff, re-sign after a clock-skew correction, retry once with refreshed credentials, or
// fail. Delivers exactly one result to its callback unless aborted (abort() is silent: the
// caller that aborts already knows).
class AppFlowExchange : public QObject
{
    Q_OBJECT

public:
    using Callback = std::function<void(const AppFlowResult<HttpResponse> &)>;

    // operation: "ListFlows" (for logs and errors); path: "/list-flows"; body: the JSON bytes.
    AppFlowExchange(AppFlowTransport *transport, const QString &operation, const QByteArray &path,
                    const QByteArray &body, QObject *parent = nullptr);
    ~AppFlowExchange() override;

    void start(Callback callback);
    void abort();
    // Attempts for this request instead of the retry policy's default (call before start()).
    void setMaxAttempts(int maxAttempts) { m_maxAttempts = maxAttempts; }
    int maxAttempts() const;

    QString operation() const { return m_operation; }

signals:
    // An attempt failed with a retryable error and the next one is sent after delayMs: so
    // that whoever waits for this request can say what is happening meanwhile.
    void retryScheduled(const flowdesk::appflow::AppFlowError &error, int nextAttempt,
                        int maxAttempts, int delayMs);

private:
    void enqueueAttempt();
    void onSlot();
    void onCredentials(const aws::CredentialsResult &result);
    void send(const aws::Credentials &credentials);
    void onReplyFinished();
    // Tells the adaptive rate limiter (if any) about an answer.
    void noteAnswer(bool throttled);
    void handleFailure(const AppFlowError &error, const HttpResponse &response);
    void releaseSlot();
    void finish(const AppFlowResult<HttpResponse> &result);

    AppFlowTransport *m_transport;
    QString m_operation;
    QByteArray m_path;
    QByteArray m_body;
    Callback m_callback;

    RetryPolicy::Attempts m_attempts;
    int m_maxAttempts = 0; // 0: the retry policy's default
    double m_sentAt = -1;  // when the attempt now in flight was sent (the rate limiter's congestion events)
    bool m_mayHaveArrived = false; // an attempt was sent and got no answer
    bool m_skewRetried = false;
    bool m_credentialsRetried = false;
    bool m_holdingSlot = false;
    bool m_done = false;
    RequestQueue::Ticket m_ticket = 0;
    QPointer<QNetworkReply> m_reply;
    QTimer *m_retryTimer = nullptr;
    QTimer *m_deadlineTimer = nullptr;
    // Why this exchange aborted its own reply (the reply then reports OperationCanceledError).
    enum class Cutoff { None, Deadline, TooLarge };
    Cutoff m_cutoff = Cutoff::None;
    QElapsedTimer m_attemptTimer;
};

} // namespace flowdesk::appflow
