#pragma once

#include <ClientRateLimiter.h>
#include <Credentials.h>
#include <RetryQuota.h>

#include <QElapsedTimer>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>

#include <chrono>
#include <deque>
#include <functional>
#include <memory>

class QNetworkAccessManager;

namespace flowdesk::fleet {

// One IAM Identity Center instance's portal (sso service, REST-JSON, unsigned: the bearer
// access token goes in x-amz-sso_bearer_token): ListAccounts and ListAccountRoles, every page
// (max_result 100, the model's maximum), and GetRoleCredentials.
//
// The portal throttles per instance (about 20 TPS shared by these APIs). All calls of one
// instance go through this one client, so it can pace them as the AWS SDKs' adaptive retry
// mode does: a client-side rate limiter (appflow::ClientRateLimiter: CUBIC after the first
// 429), the standard retry quota (appflow::RetryQuota), capped exponential back-off with full
// jitter for 429, 5xx and unanswered attempts, and at most maxInFlight() requests at once.
class SsoPortalClient : public QObject
{
    Q_OBJECT

public:
    struct Account {
        QString accountId;
        QString accountName;
        QString emailAddress;
    };
    struct Role {
        QString roleName;
        QString accountId;
    };
    template <typename T>
    struct Listing {
        QList<T> items;        // everything read, also when a later page failed
        QString error;         // empty when the listing is complete
        int requests = 0;      // attempts sent, retries included
        int throttled = 0;     // answers that were 429
    };
    struct RoleCredentials {
        aws::Credentials credentials;
        QString error;         // empty: credentials are valid
        bool refused = false;  // 403: the role is not (or no longer) the user's in that account
        bool loginExpired = false; // 401: the access token is expired or revoked
        int requests = 0;
        int throttled = 0;
    };
    using AccountsCallback = std::function<void(const Listing<Account> &)>;
    using RolesCallback = std::function<void(const Listing<Role> &)>;
    using CredentialsCallback = std::function<void(const RoleCredentials &)>;

    SsoPortalClient(const QUrl &endpoint, QNetworkAccessManager *network, QObject *parent = nullptr);
    ~SsoPortalClient() override;

    void setTransferTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }
    // Attempts per request (default 5) and the back-off base (default 1 s; tests use less).
    void setRetry(int maxAttempts, std::chrono::milliseconds base);
    void setMaxInFlight(int requests) { m_maxInFlight = qMax(1, requests); }
    int maxInFlight() const { return m_maxInFlight; }

    void listAccounts(const QString &accessToken, QObject *context, AccountsCallback callback);
    void listAccountRoles(const QString &accessToken, const QString &accountId, QObject *context,
                          RolesCallback callback);
    void getRoleCredentials(const QString &accessToken, const QString &accountId,
                            const QString &roleName, QObject *context, CredentialsCallback callback);

    // Totals since construction, for progress and benchmarks.
    int requestsSent() const { return m_sent; }
    int throttledAnswers() const { return m_throttled; }
    const appflow::ClientRateLimiter &rateLimiter() const { return m_limiter; }

    static constexpr int kPageSize = 100; // the portal's MaxResultType maximum

private:
    struct Call;
    struct Answer {
        int status = 0;        // HTTP status of the last attempt (0: none came back)
        QJsonObject object;    // its JSON body
        QString error;         // empty on 2xx; otherwise what went wrong, worded for people
        int requests = 0;
        int throttled = 0;
    };
    using AnswerCallback = std::function<void(const Answer &)>;

    // One GET with retries, pacing and the in-flight cap; `done` runs once unless `context`
    // is destroyed first.
    void get(const QString &path, const QList<std::pair<QString, QString>> &query,
             const QString &accessToken, QObject *context, AnswerCallback done);
    // Every page of `path`, collecting the array `listKey`.
    void readPages(const QString &path, const QList<std::pair<QString, QString>> &query,
                   const QString &listKey, const QString &accessToken, QObject *context,
                   std::function<void(const QList<QJsonObject> &, const QString &, int, int)> done);
    void attempt(const std::shared_ptr<Call> &call);
    void send(const std::shared_ptr<Call> &call);
    void answered(const std::shared_ptr<Call> &call, int status, const QByteArray &body,
                  const QString &errorCode, const QString &transportError);
    void releaseSlot();
    double now() const { return static_cast<double>(m_monotonic.nsecsElapsed()) / 1e9; }

    QUrl m_endpoint;
    QPointer<QNetworkAccessManager> m_network;
    std::chrono::milliseconds m_timeout{std::chrono::seconds(30)};
    int m_maxAttempts = 5;
    std::chrono::milliseconds m_retryBase{1000};
    int m_maxInFlight = 10;
    int m_inFlight = 0;
    std::deque<std::shared_ptr<Call>> m_waiting; // ready to send, waiting for a slot
    QElapsedTimer m_monotonic;
    appflow::ClientRateLimiter m_limiter;
    appflow::RetryQuota m_quota;
    int m_sent = 0;
    int m_throttled = 0;
};

} // namespace flowdesk::fleet
