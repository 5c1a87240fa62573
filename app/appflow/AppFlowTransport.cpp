#include "AppFlowTransport.h"

#include <QNetworkAccessManager>

namespace flowdesk::appflow {

AppFlowTransport::AppFlowTransport(const AppFlowClientConfig &config,
                                   aws::CredentialSource *credentials, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_network(new QNetworkAccessManager(this))
    , m_credentials(credentials)
    , m_queue(config.maxConcurrentRequests)
    , m_retryPolicy(config.retry, config.random)
{
    // A redirect would be followed unsigned (or signed for another host): never follow one.
    m_network->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    m_network->setAutoDeleteReplies(false);
    m_monotonic.start();
    if (m_config.retry.adaptive)
        m_rateLimiter.emplace(monotonicSeconds());
}

AppFlowTransport::~AppFlowTransport() = default;

double AppFlowTransport::monotonicSeconds() const
{
    return m_config.monotonicSeconds ? m_config.monotonicSeconds() : m_monotonic.nsecsElapsed() / 1e9;
}

QDateTime AppFlowTransport::localNow() const
{
    return m_config.clock ? m_config.clock() : QDateTime::currentDateTimeUtc();
}

} // namespace flowdesk::appflow
