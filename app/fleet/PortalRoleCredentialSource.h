#pragma once

#include <CredentialSource.h>

#include <QPointer>

namespace flowdesk::aws {
class SsoCredentialSource;
}

namespace flowdesk::fleet {

class SsoPortalClient;

// One account's role credentials from the Identity Center portal (GetRoleCredentials), with the
// login's access token from `login` (read from the AWS CLI's cache, renewed when due). All the
// fleet's accounts share one login and one portal client, so one renewal and one rate limiter
// serve them all. No caching here: wrap it in aws::CachingCredentialSource, which keeps the
// credentials in memory until shortly before they expire (never on disk).
class PortalRoleCredentialSource : public aws::CredentialSource
{
    Q_OBJECT

public:
    PortalRoleCredentialSource(aws::SsoCredentialSource *login, SsoPortalClient *portal,
                               const QString &accountId, const QString &roleName,
                               const QString &accountName, QObject *parent = nullptr);

    void requestCredentials(QObject *context, Callback callback) override;
    // "account payments-prod-000 (123456789012), role FlowdeskOperator"
    QString description() const override;

private:
    QPointer<aws::SsoCredentialSource> m_login;
    QPointer<SsoPortalClient> m_portal;
    QString m_accountId;
    QString m_roleName;
    QString m_accountName;
};

} // namespace flowdesk::fleet
