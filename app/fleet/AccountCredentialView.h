#pragma once

#include <CachingCredentialSource.h>

#include <QPointer>

namespace flowdesk::fleet {

// One account-region's handle on its account's shared role credentials (one
// CachingCredentialSource per account, so GetRoleCredentials is asked once for all regions).
//
// What it changes is invalidate(): AppFlow refuses credentials with UnrecognizedClientException
// both when they went stale and when the region is not enabled for the account (an opt-in
// region). Credentials GetRoleCredentials issued a moment ago cannot be stale, so a refusal then
// says "region not enabled": dropping the account's cache would only cost a portal request
// (the narrowest quota of the fleet: 71 extra at 500 accounts) and stall the account's other
// regions while they wait for new ones. Older credentials are invalidated as usual.
class AccountCredentialView : public aws::CredentialSource
{
public:
    AccountCredentialView(aws::CachingCredentialSource *shared, QObject *parent = nullptr);

    // Credentials younger than this are not invalidated on a refusal.
    static constexpr int kFreshSeconds = 60;

    void requestCredentials(QObject *context, Callback callback) override;
    void invalidate() override;
    QString description() const override;

private:
    QPointer<aws::CachingCredentialSource> m_shared;
};

} // namespace flowdesk::fleet
