#pragma once

#include "AppFlowClientConfig.h"
#include "ClientRateLimiter.h"
#include "ClockSkew.h"
#include "RequestQueue.h"
#include "RetryPolicy.h"

#include <CredentialSource.h>

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>

#include <optional>

class QNetworkAccessManager;

namespace flowdesk::appflow {

// What every request of one client shares: the one QNetworkAccessManager, the endpoint and
// region, the credential source, the concurrency queue, the retry policy with its quota and the
// clock-skew correction, and in the adaptive retry mode the rate limiter. AppFlowExchange does
// the per-request work with it.
class AppFlowTransport : public QObject
{
    Q_OBJECT

public:
    AppFlowTransport(const AppFlowClientConfig &config, aws::CredentialSource *credentials,
                     QObject *parent = nullptr);
    ~AppFlowTransport() override;

    QNetworkAccessManager *network() const { return m_network; }
    const QUrl &endpoint() const { return m_config.endpoint; }
    const QString &region() const { return m_config.region; }
    aws::CredentialSource *credentials() const { return m_credentials; }
    RequestQueue &queue() { return m_queue; }
    RetryPolicy &retryPolicy() { return m_retryPolicy; }
    ClockSkew &clockSkew() { return m_clockSkew; }
    // The adaptive mode's rate limiter; nullptr in the standard mode.
    ClientRateLimiter *rateLimiter() { return m_rateLimiter ? &*m_rateLimiter : nullptr; }
    double monotonicSeconds() const;
    int transferTimeoutMs() const { return int(m_config.transferTimeout.count()); }
    // Applies to requests sent from now on.
    void setTransferTimeout(std::chrono::milliseconds timeout) { m_config.transferTimeout = timeout; }
    const AppFlowClientConfig &config() const { return m_config; }

    // Local time (the injected clock) and the time to sign with (corrected for skew).
    QDateTime localNow() const;
    QDateTime signingTime() const { return m_clockSkew.correct(localNow()); }

private:
    AppFlowClientConfig m_config;
    QNetworkAccessManager *m_network;
    QPointer<aws::CredentialSource> m_credentials;
    RequestQueue m_queue;
    RetryPolicy m_retryPolicy;
    ClockSkew m_clockSkew;
    QElapsedTimer m_monotonic;
    std::optional<ClientRateLimiter> m_rateLimiter;
};

} // namespace flowdesk::appflow
