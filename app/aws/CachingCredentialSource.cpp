#include "CachingCredentialSource.h"

#include "CredentialLogging.h"
#include "GuardedCallback.h"

namespace flowdesk::aws {

CachingCredentialSource::CachingCredentialSource(CredentialSource *inner, QObject *parent)
    : CredentialSource(parent)
    , m_inner(inner)
{
    Q_ASSERT(inner);
    m_inner->setParent(this);
}

void CachingCredentialSource::setRefreshMargins(std::chrono::seconds advisory,
                                                std::chrono::seconds mandatory)
{
    m_advisory = std::max(advisory, mandatory);
    m_mandatory = mandatory;
}

QString CachingCredentialSource::description() const
{
    return m_inner->description();
}

void CachingCredentialSource::requestCredentials(QObject *context, Callback callback)
{
    const QDateTime now = m_clock();
    if (m_cached.isValid() && !m_cached.expiresWithin(m_mandatory, now)) {
        if (m_cached.expiresWithin(m_advisory, now) && !m_fetching) {
            qCDebug(lcAwsCredentials) << "credentials of" << description()
                                      << "expire soon; refreshing in the background";
            fetch();
        }
        guardedCallback(context, std::move(callback))(CredentialsResult{m_cached, {}});
        return;
    }
    m_waiting.append(guardedCallback(context, std::move(callback)));
    if (!m_fetching)
        fetch();
}

void CachingCredentialSource::invalidate()
{
    m_cached = {};
    m_fetchedAt = {};
    ++m_generation;
    m_inner->invalidate();
    // A fetch already running may have started before the service rejected the old
    // credentials; let it finish but ask again for whoever is waiting.
}

void CachingCredentialSource::fetch()
{
    m_fetching = true;
    const quint64 generation = m_generation;
    emit fetchStarted(description());
    m_inner->requestCredentials(this, [this, generation](const CredentialsResult &result) {
        m_fetching = false;
        emit fetchFinished(result.ok() ? QString() : result.error);
        const QList<Callback> waiting = std::exchange(m_waiting, {});
        if (generation != m_generation) {
            // invalidate() ran meanwhile: this answer may be the rejected one.
            for (const Callback &callback : waiting)
                requestCredentials(nullptr, callback);
            return;
        }
        CredentialsResult answer = result;
        if (result.ok()) {
            m_cached = result.credentials;
            m_fetchedAt = m_clock();
            qCInfo(lcAwsCredentials) << "credentials from" << description() << "key"
                                     << m_cached.accessKeyId << "valid until"
                                     << (m_cached.expiration.isValid()
                                             ? m_cached.expiration.toUTC().toString(Qt::ISODate)
                                             : QStringLiteral("no expiry"));
            emit refreshed(m_cached.accessKeyId, m_cached.expiration);
        } else if (m_cached.isValid() && !m_cached.expiresWithin(std::chrono::seconds(0),
                                                                  m_clock())) {
            // A failed early refresh: the old credentials still work for a while.
            qCWarning(lcAwsCredentials).noquote()
                << "refreshing credentials failed; using the current ones until they expire:"
                << result.error;
            answer = CredentialsResult{m_cached, {}};
        }
        for (const Callback &callback : waiting)
            callback(answer);
    });
}

} // namespace flowdesk::aws
