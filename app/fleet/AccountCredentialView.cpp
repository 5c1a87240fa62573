#include "AccountCredentialView.h"

#include "FleetLogging.h"

#include <GuardedCallback.h>

#include <QCoreApplication>
#include <QDateTime>

namespace flowdesk::fleet {

AccountCredentialView::AccountCredentialView(aws::CachingCredentialSource *shared, QObject *parent)
    : CredentialSource(parent)
    , m_shared(shared)
{
    // Whoever watches this source (the client naming what it waits for) sees the shared fetches.
    connect(shared, &CredentialSource::fetchStarted, this, &CredentialSource::fetchStarted);
    connect(shared, &CredentialSource::fetchFinished, this, &CredentialSource::fetchFinished);
}

void AccountCredentialView::requestCredentials(QObject *context, Callback callback)
{
    if (!m_shared) {
        aws::guardedCallback(context, std::move(callback))(
            aws::credentialsError(QCoreApplication::translate("flowdesk::fleet::PortalRoleCredentialSource",
                                                              "The IAM Identity Center connection was closed.")));
        return;
    }
    m_shared->requestCredentials(context, std::move(callback));
}

void AccountCredentialView::invalidate()
{
    if (!m_shared)
        return;
    const QDateTime issued = m_shared->fetchedAt();
    const qint64 age = issued.isValid() ? issued.secsTo(QDateTime::currentDateTimeUtc()) : -1;
    if (age >= 0 && age < kFreshSeconds) {
        qCInfo(lcFleet).noquote() << "credentials of" << m_shared->description() << "issued"
                                  << age << "s ago were refused: kept (the region is "
                                                                 "likely not enabled for the account)";
        return;
    }
    m_shared->invalidate();
}

QString AccountCredentialView::description() const
{
    return m_shared ? m_shared->description() : QString();
}

} // namespace flowdesk::fleet
