#pragma once

#include "CredentialSource.h"

#include <QDateTime>
#include <QList>

#include <chrono>
#include <functional>

namespace flowdesk::aws {

// Caches what another source answers and refreshes temporary credentials before they expire,
// so callers can ask before every request. Two margins, as the AWS SDKs do:
//  - inside the advisory margin (default 15 min) the cached credentials are still handed out
//    while a refresh runs in the background; if that refresh fails they keep being used;
//  - inside the mandatory margin (default 5 min) callers wait for the refresh.
// Concurrent requests share one fetch. Long-term credentials are kept until invalidate().
class CachingCredentialSource : public CredentialSource
{
    Q_OBJECT

public:
    // Takes ownership of `inner`.
    explicit CachingCredentialSource(CredentialSource *inner, QObject *parent = nullptr);

    void setRefreshMargins(std::chrono::seconds advisory, std::chrono::seconds mandatory);
    // For tests: the clock deciding when credentials are near expiry.
    void setClock(std::function<QDateTime()> clock) { m_clock = std::move(clock); }

    void requestCredentials(QObject *context, Callback callback) override;
    void invalidate() override;
    QString description() const override;

    CredentialSource *inner() const { return m_inner; }
    // When the credentials held now arrived (invalid while none are held).
    QDateTime fetchedAt() const { return m_fetchedAt; }

signals:
    // New credentials arrived (first fetch or a refresh). Carries no secret.
    void refreshed(const QString &accessKeyId, const QDateTime &expiration);

private:
    void fetch();

    CredentialSource *m_inner;
    std::function<QDateTime()> m_clock = [] { return QDateTime::currentDateTimeUtc(); };
    std::chrono::seconds m_advisory{15 * 60};
    std::chrono::seconds m_mandatory{5 * 60};
    Credentials m_cached;
    QDateTime m_fetchedAt;
    bool m_fetching = false;
    quint64 m_generation = 0; // bumped by invalidate() so a stale fetch is not cached
    QList<Callback> m_waiting;
};

} // namespace flowdesk::aws
