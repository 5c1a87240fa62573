#include "SsoRoutes.h"

#include "AppFlowRoutes.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QUrlQuery>

namespace flowdesk::sim {

namespace {

HttpReply fail(int status, const char *code, const QString &message)
{
    // restJson1 like AppFlow: the same error framing applies.
    return AppFlowRoutes::error(status, QString::fromLatin1(code), message);
}

HttpReply json(const QJsonObject &object)
{
    return HttpReply::withBody(200, QByteArrayLiteral("application/json"),
                               QJsonDocument(object).toJson(QJsonDocument::Compact));
}

} // namespace

SsoRoutes::SsoRoutes(CredentialStore &store, const SsoTokenRegistry &tokens, int credentialSeconds,
                     const QList<SsoAccount> &accounts)
    : m_store(store), m_tokens(tokens), m_credentialSeconds(credentialSeconds), m_accounts(accounts)
{
    for (qsizetype i = 0; i < m_accounts.size(); ++i)
        m_accountIndex.insert(m_accounts.at(i).accountId, i);
}

QString SsoRoutes::operationOf(const HttpRequest &request)
{
    if (request.path == "/federation/credentials")
        return QStringLiteral("GetRoleCredentials");
    if (request.path == "/assignment/accounts")
        return QStringLiteral("ListAccounts");
    if (request.path == "/assignment/roles")
        return QStringLiteral("ListAccountRoles");
    if (request.path == "/logout")
        return QStringLiteral("Logout");
    return {};
}

bool SsoRoutes::matches(const HttpRequest &request)
{
    return !operationOf(request).isEmpty();
}

std::optional<int> SsoRoutes::pageSize(const HttpRequest &request, int fallback)
{
    const QUrlQuery query(QString::fromUtf8(request.query));
    if (!query.hasQueryItem(QStringLiteral("max_result")))
        return fallback;
    bool ok = false;
    const int size = query.queryItemValue(QStringLiteral("max_result")).toInt(&ok);
    if (!ok || size < 1 || size > 100)
        return std::nullopt;
    return size;
}

HttpReply SsoRoutes::handle(const HttpRequest &request, const QDateTime &now)
{
    const QString operation = operationOf(request);
    const QByteArray method = operation == u"Logout" ? QByteArrayLiteral("POST") : QByteArrayLiteral("GET");
    if (request.method != method)
        return fail(405, "MethodNotAllowedException", QStringLiteral("Use %1.").arg(QString::fromLatin1(method)));
    const QByteArray token = request.header(QByteArrayLiteral("x-amz-sso_bearer_token"));
    if (!m_tokens.acceptsAccessToken(QString::fromUtf8(token)))
        return fail(401, "UnauthorizedException", QStringLiteral("Session token not found or invalid"));
    if (operation == u"ListAccounts")
        return listAccounts(request);
    if (operation == u"ListAccountRoles")
        return listAccountRoles(request);
    if (operation == u"Logout")
        return HttpReply::withBody(200, QByteArrayLiteral("application/json"), QByteArray());
    return roleCredentials(request, now);
}

HttpReply SsoRoutes::listAccounts(const HttpRequest &request)
{
    const std::optional<int> size = pageSize(request, 20);
    if (!size)
        return fail(400, "InvalidRequestException", QStringLiteral("max_result must be between 1 and 100"));
    const QUrlQuery query(QString::fromUtf8(request.query));
    qsizetype first = 0;
    const QString next = query.queryItemValue(QStringLiteral("next_token"), QUrl::FullyDecoded);
    if (!next.isEmpty()) {
        const auto position = m_pages.find(next, QStringLiteral("ListAccounts"));
        if (!position)
            return fail(400, "InvalidRequestException", QStringLiteral("Invalid next_token"));
        first = position->index;
    }
    QJsonArray list;
    const qsizetype end = std::min<qsizetype>(m_accounts.size(), first + *size);
    for (qsizetype i = first; i < end; ++i) {
        const SsoAccount &account = m_accounts.at(i);
        list.append(QJsonObject{{QStringLiteral("accountId"), account.accountId},
                                {QStringLiteral("accountName"), account.accountName},
                                {QStringLiteral("emailAddress"), account.emailAddress}});
    }
    QJsonObject answer{{QStringLiteral("accountList"), list}};
    if (end < m_accounts.size())
        answer.insert(QStringLiteral("nextToken"), m_pages.issue({QStringLiteral("ListAccounts"), end}));
    return json(answer);
}

HttpReply SsoRoutes::listAccountRoles(const HttpRequest &request)
{
    const std::optional<int> size = pageSize(request, 20);
    if (!size)
        return fail(400, "InvalidRequestException", QStringLiteral("max_result must be between 1 and 100"));
    const QUrlQuery query(QString::fromUtf8(request.query));
    const QString accountId = query.queryItemValue(QStringLiteral("account_id"), QUrl::FullyDecoded);
    if (accountId.isEmpty())
        return fail(400, "InvalidRequestException", QStringLiteral("account_id is required"));
    const auto found = m_accountIndex.constFind(accountId);
    if (found == m_accountIndex.cend())
        return fail(404, "ResourceNotFoundException", QStringLiteral("No account %1 is assigned").arg(accountId));
    const SsoAccount &account = m_accounts.at(*found);
    const QString scope = QStringLiteral("ListAccountRoles:") + accountId;
    qsizetype first = 0;
    const QString next = query.queryItemValue(QStringLiteral("next_token"), QUrl::FullyDecoded);
    if (!next.isEmpty()) {
        const auto position = m_pages.find(next, scope);
        if (!position)
            return fail(400, "InvalidRequestException", QStringLiteral("Invalid next_token"));
        first = position->index;
    }
    QJsonArray list;
    const qsizetype end = std::min<qsizetype>(account.roles.size(), first + *size);
    for (qsizetype i = first; i < end; ++i)
        list.append(QJsonObject{{QStringLiteral("roleName"), account.roles.at(i)},
                                {QStringLiteral("accountId"), accountId}});
    QJsonObject answer{{QStringLiteral("roleList"), list}};
    if (end < account.roles.size())
        answer.insert(QStringLiteral("nextToken"), m_pages.issue({scope, end}));
    return json(answer);
}

HttpReply SsoRoutes::roleCredentials(const HttpRequest &request, const QDateTime &now)
{
    const QUrlQuery query(QString::fromUtf8(request.query));
    const QString accountId = query.queryItemValue(QStringLiteral("account_id"), QUrl::FullyDecoded);
    const QString roleName = query.queryItemValue(QStringLiteral("role_name"), QUrl::FullyDecoded);
    if (accountId.isEmpty() || roleName.isEmpty())
        return fail(400, "InvalidRequestException",
                    QStringLiteral("account_id and role_name are required"));
    static const QRegularExpression accountPattern(QStringLiteral("^\\d{12}$"));
    if (!accountPattern.match(accountId).hasMatch())
        return fail(400, "InvalidRequestException",
                    QStringLiteral("account_id must be a 12-digit AWS account ID"));
    if (m_accounts.isEmpty()) {
        // No directory: any account, and any role but one named "...denied...".
        if (roleName.contains(QLatin1String("denied"), Qt::CaseInsensitive))
            return fail(403, "ForbiddenException", QStringLiteral("No access"));
    } else {
        // Only assigned roles; "AppFlowDenied" is assigned (its credentials are issued) but
        // has no AppFlow rights: AppFlow refuses its calls with AccessDeniedException.
        const auto found = m_accountIndex.constFind(accountId);
        if (found == m_accountIndex.cend() || !m_accounts.at(*found).roles.contains(roleName))
            return fail(403, "ForbiddenException", QStringLiteral("No access"));
    }

    const QString principal = QStringLiteral("arn:aws:sts::%1:assumed-role/AWSReservedSSO_%2/sso-user")
                                  .arg(accountId, roleName);
    const aws::Credentials credentials = m_store.issue(principal, m_credentialSeconds, now);
    const QJsonObject roleCredentials{
        {QStringLiteral("accessKeyId"), credentials.accessKeyId},
        {QStringLiteral("secretAccessKey"), credentials.secretAccessKey},
        {QStringLiteral("sessionToken"), credentials.sessionToken},
        {QStringLiteral("expiration"), credentials.expiration.toMSecsSinceEpoch()}};
    return HttpReply::withBody(
        200, QByteArrayLiteral("application/json"),
        QJsonDocument(QJsonObject{{QStringLiteral("roleCredentials"), roleCredentials}})
            .toJson(QJsonDocument::Compact));
}

} // namespace flowdesk::sim
