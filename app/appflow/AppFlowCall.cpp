#include "AppFlowCall.h"

#include "AppFlowExchange.h"
#include "AppFlowLogging.h"

namespace flowdesk::appflow {

AppFlowCall::AppFlowCall(const QString &operation, QObject *context, QObject *parent)
    : QObject(parent)
    , m_operation(operation)
    , m_context(context)
    , m_hasContext(context != nullptr)
{
    if (context)
        connect(context, &QObject::destroyed, this, &AppFlowCall::abandon);
}

void AppFlowCall::adopt(AppFlowExchange *exchange)
{
    exchange->setParent(this);
    connect(exchange, &AppFlowExchange::retryScheduled, this, &AppFlowCall::retrying);
    m_exchanges.removeAll(nullptr);
    m_exchanges.append(exchange);
}

void AppFlowCall::stopExchanges()
{
    for (const QPointer<AppFlowExchange> &exchange : std::as_const(m_exchanges)) {
        if (exchange)
            exchange->abort();
    }
    m_exchanges.clear();
}

void AppFlowCall::abort()
{
    if (m_finished)
        return;
    m_aborted = true;
    stopExchanges();
    const AppFlowError error = AppFlowError::aborted();
    qCInfo(lcAppFlow).noquote() << m_operation << "aborted";
    complete(error, [handler = std::move(m_abortHandler), error] {
        if (handler)
            handler(error);
    });
}

void AppFlowCall::abandon()
{
    if (m_finished)
        return;
    m_aborted = true;
    stopExchanges();
    // complete() sees the context gone and skips the callback.
    m_context = nullptr;
    complete(AppFlowError::aborted(), {});
}

void AppFlowCall::complete(const std::optional<AppFlowError> &error,
                           const std::function<void()> &deliver)
{
    if (m_finished)
        return;
    m_finished = true;
    m_error = error;
    m_abortHandler = nullptr;
    stopExchanges();
    const bool contextAlive = !m_hasContext || m_context;
    if (contextAlive && deliver)
        deliver();
    emit finished();
    deleteLater();
}

} // namespace flowdesk::appflow
