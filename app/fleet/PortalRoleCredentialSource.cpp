#include "PortalRoleCredentialSource.h"

#include "SsoPortalClient.h"

#include <GuardedCallback.h>
#include <SsoCredentialSource.h>

namespace flowdesk::fleet {

PortalRoleCredentialSource::PortalRoleCredentialSource(aws::SsoCredentialSource *login,
                                                       SsoPortalClient *portal,
                                                       const QString &accountId,
                                                       const QString &roleName,
                                                       const QString &accountName, QObject *parent)
    : CredentialSource(parent)
    , m_login(login)
    , m_portal(portal)
    , m_accountId(accountId)
    , m_roleName(roleName)
    , m_accountName(accountName)
{
}

QString PortalRoleCredentialSource::description() const
{
    return tr("account %1 (%2), role %3 (IAM Identity Center)")
        .arg(m_accountName.isEmpty() ? m_accountId : m_accountName, m_accountId, m_roleName);
}

void PortalRoleCredentialSource::requestCredentials(QObject *context, Callback callback)
{
    Callback guarded = aws::guardedCallback(context, std::move(callback));
    if (!m_login || !m_portal) {
        guarded(aws::credentialsError(tr("The IAM Identity Center connection was closed.")));
        return;
    }
    emit fetchStarted(description());
    m_login->requestAccessToken(this, [this, guarded](const QString &accessToken, const QString &error) {
        if (!error.isEmpty() || !m_portal) {
            const QString why = error.isEmpty() ? tr("The IAM Identity Center connection was closed.") : error;
            emit fetchFinished(why);
            guarded(aws::credentialsError(why));
            return;
        }
        m_portal->getRoleCredentials(accessToken, m_accountId, m_roleName, this,
                                     [this, guarded](const SsoPortalClient::RoleCredentials &answer) {
                                         emit fetchFinished(answer.error);
                                         if (!answer.error.isEmpty())
                                             guarded(aws::credentialsError(answer.error));
                                         else
                                             guarded(aws::CredentialsResult{answer.credentials, {}});
                                     });
    });
}

} // namespace flowdesk::fleet
