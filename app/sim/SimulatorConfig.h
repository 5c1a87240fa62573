#pragma once

#include "SsoOidcRoutes.h"

#include "HttpLimits.h"
#include "RateLimits.h"

#include <QList>

#include <QString>
#include <QStringList>

namespace flowdesk::sim {

// Everything a Simulator needs to start: the credentials it accepts, the scenario it plays and the
// faults it injects. The command line (SimulatorCommandLine) and in-process users (tests, demo
// mode) fill the same struct.
struct SimulatorConfig {
    // The long-term credentials it accepts (AppFlow and STS requests must be signed with them,
    // or with temporary credentials it issued itself through STS/SSO).
    QString accessKeyId = QStringLiteral("AKIAFLOWDESKSIM00001");
    QString secretAccessKey;            // required; generate one for tests
    QString sessionToken;               // if set, requests with accessKeyId must carry it
    QString region = QStringLiteral("us-east-1");
    // Further regions served (--regions LIST, which includes `region`): a request signed for one
    // of them reaches that region's own flows. Empty: `region` only.
    QStringList regions;
    QString scenario = QStringLiteral("demo");   // "demo" or a path to a scenario JSON file
    int generatedFlows = 0;             // > 0: generated scenario instead of `scenario`
    int runsPerFlow = 10;
    int activePercent = 10; // of generated flows with a run in progress at start (--active-percent)
    quint32 seed = 1;
    double speed = 1.0;                 // time multiplier for run lifecycles
    double throttleRate = 0, errorRate = 0, dropRate = 0;  // 0..1 probabilities
    int latencyMs = 0;
    QStringList deny;                   // "CancelFlowExecutions" or "CancelFlowExecutions:flow-a"
    // Token buckets per operation (per account and region) answering 429 ThrottlingException
    // when exceeded, as AWS enforces its API rate limits (--rate-limit OP=TPS[:BURST]).
    QList<RateLimit> rateLimits;
    QString requestLogPath;             // JSON Lines request log, empty = none
    QStringList ssoAccessTokens;        // bearer tokens GetRoleCredentials accepts
    // OIDC clients whose refresh token CreateToken renews (--sso-client ID:SECRET:REFRESH);
    // each renewal rotates the refresh token and adds an access token the portal accepts.
    QList<SsoTokenRegistry::Client> ssoClients;
    int ssoAccessTokenSeconds = 8 * 3600; // expiresIn of renewed access tokens
    // Accounts the Identity Center portal assigns (ListAccounts / ListAccountRoles,
    // SsoDirectory::generate with `seed`); 0: none listed, GetRoleCredentials takes any account.
    // With accounts the portal APIs share a 20 TPS bucket (SsoPortal) unless --rate-limit sets one.
    // Each account has its own flows and runs in every served region (generatedFlows of them,
    // kFleetFlows when that is 0), reached with the credentials GetRoleCredentials issued for it.
    int ssoAccounts = 0;
    static constexpr int kFleetFlows = 20;
    int temporaryCredentialSeconds = 3600;  // lifetime of STS/SSO-issued credentials
    // The account the simulated resources live in (ARNs, STS identities).
    QString accountId = QStringLiteral("123456789012");
    // What the HTTP layer accepts from a client (sizes, times, connections); the defaults are
    // documented in HttpLimits.h and app/sim/README.md.
    HttpLimits http;
};

} // namespace flowdesk::sim
