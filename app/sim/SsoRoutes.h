#pragma once

#include "CredentialStore.h"
#include "HttpMessages.h"
#include "SsoOidcRoutes.h"

#include <QDateTime>
#include <QStringList>

namespace flowdesk::sim {

// The IAM Identity Center portal's GetRoleCredentials (GET /federation/credentials), which
// trades a bearer access token for temporary role credentials. Not SigV4: the token alone
// authenticates. A role_name containing "denied" answers ForbiddenException.
class SsoRoutes
{
public:
    SsoRoutes(CredentialStore &store, const SsoTokenRegistry &tokens, int credentialSeconds);

    static bool matches(const HttpRequest &request);
    HttpReply handle(const HttpRequest &request, const QDateTime &now);

private:
    CredentialStore &m_store;
    const SsoTokenRegistry &m_tokens;
    int m_credentialSeconds;
};

} // namespace flowdesk::sim
