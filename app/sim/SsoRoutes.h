#pragma once

#include "CredentialStore.h"
#include "HttpMessages.h"
#include "PageTokens.h"
#include "SsoDirectory.h"
#include "SsoOidcRoutes.h"

#include <QDateTime>
#include <QStringList>

namespace flowdesk::sim {

// The IAM Identity Center portal (sso, REST-JSON, ../shared/reference/sso/service-2.json):
// ListAccounts (GET /assignment/accounts), ListAccountRoles (GET /assignment/roles),
// GetRoleCredentials (GET /federation/credentials), which trades the bearer access token for
// temporary role credentials, and Logout (POST /logout). Not SigV4: the x-amz-sso_bearer_token
// header alone authenticates. Pages of max_result 1–100 (outside: InvalidRequestException)
// with opaque next_token values. A role_name containing "denied" answers ForbiddenException.
// With a directory (--accounts), GetRoleCredentials issues only for assigned roles.
class SsoRoutes
{
public:
    SsoRoutes(CredentialStore &store, const SsoTokenRegistry &tokens, int credentialSeconds,
              const QList<SsoAccount> &accounts = {});

    static bool matches(const HttpRequest &request);
    // "ListAccounts", "ListAccountRoles", "GetRoleCredentials", "Logout".
    static QString operationOf(const HttpRequest &request);
    HttpReply handle(const HttpRequest &request, const QDateTime &now);

private:
    HttpReply listAccounts(const HttpRequest &request);
    HttpReply listAccountRoles(const HttpRequest &request);
    HttpReply roleCredentials(const HttpRequest &request, const QDateTime &now);
    // max_result from the query: 1–100, or `fallback` when absent; nullopt when invalid.
    static std::optional<int> pageSize(const HttpRequest &request, int fallback);

    CredentialStore &m_store;
    const SsoTokenRegistry &m_tokens;
    int m_credentialSeconds;
    QList<SsoAccount> m_accounts;
    QHash<QString, qsizetype> m_accountIndex;
    PageTokens m_pages;
};

} // namespace flowdesk::sim
