#include "SsoPortalClient.h"

#include "FleetLogging.h"

#include <SsoCredentialSource.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRandomGenerator>
#include <QTimer>
#include <QUrlQuery>

#include <cmath>

namespace flowdesk::fleet {

// One request in progress, across its attempts.
struct SsoPortalClient::Call {
    QString path;
    QList<std::pair<QString, QString>> query;
    QString accessToken;
    QPointer<QObject> context;
    AnswerCallback done;
    int attempts = 0;
    int requests = 0;
    int throttled = 0;
    int retryCost = 0; // what the retry quota lent for the retry now running (0: first attempt)
    double sentAt = -1; // when the attempt now answered was sent (the limiter's congestion events)
};

SsoPortalClient::SsoPortalClient(const QUrl &endpoint, QNetworkAccessManager *network, QObject *parent)
    : QObject(parent)
    , m_endpoint(endpoint)
    , m_network(network)
    , m_limiter(0.0)
{
    m_monotonic.start();
}

SsoPortalClient::~SsoPortalClient() = default;

void SsoPortalClient::setRetry(int maxAttempts, std::chrono::milliseconds base)
{
    m_maxAttempts = qMax(1, maxAttempts);
    m_retryBase = base;
}

void SsoPortalClient::get(const QString &path, const QList<std::pair<QString, QString>> &query,
                          const QString &accessToken, QObject *context, AnswerCallback done)
{
    auto call = std::make_shared<Call>();
    call->path = path;
    call->query = query;
    call->accessToken = accessToken;
    call->context = context;
    call->done = std::move(done);
    attempt(call);
}

void SsoPortalClient::attempt(const std::shared_ptr<Call> &call)
{
    if (!call->context)
        return; // its caller is gone: nothing to send, nobody to tell
    if (m_inFlight >= m_maxInFlight) {
        m_waiting.push_back(call);
        return;
    }
    ++m_inFlight;
    send(call);
}

void SsoPortalClient::releaseSlot()
{
    --m_inFlight;
    while (!m_waiting.empty() && m_inFlight < m_maxInFlight) {
        const std::shared_ptr<Call> next = m_waiting.front();
        m_waiting.pop_front();
        if (!next->context)
            continue;
        ++m_inFlight;
        send(next);
    }
}

void SsoPortalClient::send(const std::shared_ptr<Call> &call)
{
    // The slot is held while the limiter makes the call wait, so what waits for a token is
    // never more than maxInFlight requests, in the order they got their slot.
    const double wait = m_limiter.acquireDelay(now());
    if (wait > 0) {
        QTimer::singleShot(std::chrono::milliseconds(static_cast<qint64>(std::ceil(wait * 1000))),
                           this, [this, call] {
                               if (!call->context) {
                                   releaseSlot();
                                   return;
                               }
                               send(call);
                           });
        return;
    }
    if (!m_network) {
        releaseSlot();
        Answer answer;
        answer.error = tr("IAM Identity Center is not reachable: no network access.");
        if (call->context)
            call->done(answer);
        return;
    }
    QUrl url = m_endpoint;
    url.setPath(url.path().endsWith(u'/') ? url.path() + call->path.mid(1) : url.path() + call->path);
    QUrlQuery q;
    for (const auto &[key, value] : call->query)
        q.addQueryItem(key, QString::fromLatin1(QUrl::toPercentEncoding(value)));
    url.setQuery(q);
    QNetworkRequest request(url);
    request.setRawHeader("x-amz-sso_bearer_token", call->accessToken.toUtf8());
    request.setTransferTimeout(static_cast<int>(m_timeout.count()));
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    ++call->attempts;
    ++call->requests;
    ++m_sent;
    call->sentAt = now();
    QNetworkReply *reply = m_network->get(request);
    reply->setParent(this);
    connect(reply, &QNetworkReply::finished, this, [this, reply, call] {
        reply->deleteLater();
        releaseSlot();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        // Portal answers are small (a page of 100 accounts is ~15 KiB): 4 MiB bounds a wrong one.
        const QByteArray body = reply->read(4 * 1024 * 1024);
        const QString code = QString::fromUtf8(reply->rawHeader("x-amzn-ErrorType")).section(u':', 0, 0);
        answered(call, status, body, code, status == 0 ? reply->errorString() : QString());
    });
}

void SsoPortalClient::answered(const std::shared_ptr<Call> &call, int status, const QByteArray &body,
                               const QString &errorCode, const QString &transportError)
{
    const bool throttled = status == 429;
    m_limiter.recordResponse(throttled, now(), call->sentAt);
    if (throttled) {
        ++call->throttled;
        ++m_throttled;
    }
    Answer answer;
    answer.status = status;
    answer.object = QJsonDocument::fromJson(body).object();
    if (status >= 200 && status < 300) {
        // botocore's quota: a retry that worked gives back what it took, any other success 1.
        m_quota.release(call->retryCost > 0 ? call->retryCost : appflow::RetryQuota::noRetryIncrement);
        answer.requests = call->requests;
        answer.throttled = call->throttled;
        if (call->context)
            call->done(answer);
        return;
    }
    const bool retryable = status == 0 || status == 429 || status >= 500;
    const QString message = answer.object.value(QLatin1String("message")).toString();
    const QString what = status == 0
        ? tr("IAM Identity Center at %1 did not answer (%2)").arg(m_endpoint.toDisplayString(), transportError)
        : tr("IAM Identity Center answered HTTP %1 %2%3")
              .arg(status)
              .arg(errorCode, message.isEmpty() ? QString() : u": " + message);
    const int cost = status == 0 ? appflow::RetryQuota::timeoutRetryCost : appflow::RetryQuota::retryCost;
    if (retryable && call->attempts < m_maxAttempts && m_quota.acquire(cost)) {
        call->retryCost = cost;
        // Full jitter over a capped exponential back-off (the SDKs' standard retry mode).
        const qint64 cap = std::min<qint64>(20000, m_retryBase.count() << std::min(call->attempts - 1, 10));
        const qint64 delay = QRandomGenerator::global()->bounded(cap + 1);
        qCDebug(lcFleet) << "IAM Identity Center" << call->path << "HTTP" << status << "retry in" << delay << "ms";
        QTimer::singleShot(std::chrono::milliseconds(delay), this, [this, call] { attempt(call); });
        return;
    }
    if (status == 401)
        answer.error = what + u". " + tr("The login has expired or was revoked: run `aws sso login`.");
    else if (retryable && call->attempts < m_maxAttempts)
        answer.error = what + u". " + tr("Not retried: too many requests to IAM Identity Center "
                                         "failed just now (the retry quota is used up); try again "
                                         "in a minute.");
    else if (retryable)
        answer.error = what + u". " + tr("Gave up after %n attempt(s).", nullptr, call->attempts);
    else
        answer.error = what + u'.';
    answer.requests = call->requests;
    answer.throttled = call->throttled;
    if (call->context)
        call->done(answer);
}

void SsoPortalClient::readPages(const QString &path, const QList<std::pair<QString, QString>> &query,
                                const QString &listKey, const QString &accessToken, QObject *context,
                                std::function<void(const QList<QJsonObject> &, const QString &, int, int)> done)
{
    struct Walk {
        QList<QJsonObject> items;
        int requests = 0;
        int throttled = 0;
    };
    auto walk = std::make_shared<Walk>();
    // The page step holds itself weakly; the request in flight holds it strongly.
    auto step = std::make_shared<std::function<void(const QString &)>>();
    *step = [this, path, query, listKey, accessToken, guard = QPointer<QObject>(context), done, walk,
             weakStep = std::weak_ptr<std::function<void(const QString &)>>(step)](const QString &nextToken) {
        const auto self = weakStep.lock();
        if (!self || !guard)
            return;
        QList<std::pair<QString, QString>> pageQuery = query;
        pageQuery.append({QStringLiteral("max_result"), QString::number(kPageSize)});
        if (!nextToken.isEmpty())
            pageQuery.append({QStringLiteral("next_token"), nextToken});
        get(path, pageQuery, accessToken, guard, [self, walk, listKey, done](const Answer &answer) {
            walk->requests += answer.requests;
            walk->throttled += answer.throttled;
            if (!answer.error.isEmpty())
                return done(walk->items, answer.error, walk->requests, walk->throttled);
            const QJsonArray list = answer.object.value(listKey).toArray();
            for (const QJsonValue &value : list)
                walk->items.append(value.toObject());
            const QString next = answer.object.value(QLatin1String("nextToken")).toString();
            if (next.isEmpty())
                return done(walk->items, {}, walk->requests, walk->throttled);
            (*self)(next);
        });
    };
    (*step)(QString());
}

void SsoPortalClient::listAccounts(const QString &accessToken, QObject *context, AccountsCallback callback)
{
    readPages(QStringLiteral("/assignment/accounts"), {}, QStringLiteral("accountList"), accessToken, context,
              [callback = std::move(callback)](const QList<QJsonObject> &items, const QString &error,
                                               int requests, int throttled) {
                  Listing<Account> listing;
                  for (const QJsonObject &item : items)
                      listing.items.append({item.value(QLatin1String("accountId")).toString(),
                                            item.value(QLatin1String("accountName")).toString(),
                                            item.value(QLatin1String("emailAddress")).toString()});
                  listing.error = error;
                  listing.requests = requests;
                  listing.throttled = throttled;
                  callback(listing);
              });
}

void SsoPortalClient::listAccountRoles(const QString &accessToken, const QString &accountId, QObject *context,
                                       RolesCallback callback)
{
    readPages(QStringLiteral("/assignment/roles"), {{QStringLiteral("account_id"), accountId}},
              QStringLiteral("roleList"), accessToken, context,
              [callback = std::move(callback)](const QList<QJsonObject> &items, const QString &error,
                                               int requests, int throttled) {
                  Listing<Role> listing;
                  for (const QJsonObject &item : items)
                      listing.items.append({item.value(QLatin1String("roleName")).toString(),
                                            item.value(QLatin1String("accountId")).toString()});
                  listing.error = error;
                  listing.requests = requests;
                  listing.throttled = throttled;
                  callback(listing);
              });
}

void SsoPortalClient::getRoleCredentials(const QString &accessToken, const QString &accountId,
                                         const QString &roleName, QObject *context,
                                         CredentialsCallback callback)
{
    get(QStringLiteral("/federation/credentials"),
        {{QStringLiteral("account_id"), accountId}, {QStringLiteral("role_name"), roleName}}, accessToken,
        context, [accountId, roleName, callback = std::move(callback)](const Answer &answer) {
            RoleCredentials result;
            result.requests = answer.requests;
            result.throttled = answer.throttled;
            if (!answer.error.isEmpty()) {
                result.loginExpired = answer.status == 401;
                result.refused = answer.status == 403;
                result.error = answer.status == 403
                    ? tr("IAM Identity Center does not give you role %1 in account %2 (%3). Choose "
                         "another role for this account.").arg(roleName, accountId, answer.error)
                    : answer.error;
                return callback(result);
            }
            if (const std::optional<aws::Credentials> credentials = aws::SsoCredentialSource::parseRoleCredentials(answer.object))
                result.credentials = *credentials;
            else
                result.error = tr("IAM Identity Center answered without usable role credentials "
                                  "for account %1, role %2.").arg(accountId, roleName);
            callback(result);
        });
}

} // namespace flowdesk::fleet
