#pragma once

#include "AppFlowError.h"

#include <QList>
#include <QObject>
#include <QPointer>

#include <functional>
#include <optional>

namespace flowdesk::appflow {

class AppFlowExchange;

// The caller's handle on one client operation (which may be several HTTP requests: pages,
// chunks of IDs, retries). The typed result goes to the callback given to the AppFlowClient
// method; this object says when it is over and lets the caller stop it.
//
// Lifetime: owned by the client, deletes itself (deleteLater) after finished(); keep it in a
// QPointer. Exactly one of these happens, always from the event loop (never before the client
// method returns):
//  - the operation completes: the callback runs with the result, then finished();
//  - abort(): in-flight requests are aborted, queued ones and pending retries dropped, the
//    callback runs with an AppFlowError of code Aborted, then finished();
//  - the callback's context object is destroyed: like abort(), but the callback is not run.
class AppFlowCall : public QObject
{
    Q_OBJECT

public:
    QString operation() const { return m_operation; }
    bool isFinished() const { return m_finished; }
    bool isAborted() const { return m_aborted; }
    // The error the operation ended with; empty while running and on success.
    std::optional<AppFlowError> error() const { return m_error; }

public slots:
    void abort();

signals:
    void finished();
    // One of its requests failed and will be sent again after delayMs (attempt nextAttempt of
    // maxAttempts): the operation is still going, and the caller may say so.
    void retrying(const flowdesk::appflow::AppFlowError &error, int nextAttempt, int maxAttempts,
                  int delayMs);

private:
    friend class AppFlowClient;

    AppFlowCall(const QString &operation, QObject *context, QObject *parent);

    // For the client: the exchange belongs to this call and is aborted with it.
    void adopt(AppFlowExchange *exchange);
    // For the client: what to tell the caller when aborted.
    void setAbortHandler(std::function<void(const AppFlowError &)> handler)
    {
        m_abortHandler = std::move(handler);
    }
    // Runs `deliver` (the caller's callback with the result) unless already finished or the
    // context is gone, then emits finished() and schedules deletion.
    void complete(const std::optional<AppFlowError> &error, const std::function<void()> &deliver);
    void abandon();
    void stopExchanges();

    QString m_operation;
    QPointer<QObject> m_context;
    bool m_hasContext = false;
    bool m_finished = false;
    bool m_aborted = false;
    std::optional<AppFlowError> m_error;
    std::function<void(const AppFlowError &)> m_abortHandler;
    QList<QPointer<AppFlowExchange>> m_exchanges;
};

} // namespace flowdesk::appflow
