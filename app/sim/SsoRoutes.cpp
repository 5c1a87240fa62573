#include "SsoRoutes.h"

#include "AppFlowRoutes.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QUrlQuery>

namespace flowdesk::sim {

SsoRoutes::SsoRoutes(CredentialStore &store, const SsoTokenRegistry &tokens,
                     int credentialSeconds)
    : m_store(store), m_tokens(tokens), m_credentialSeconds(credentialSeconds)
{
}

bool SsoRoutes::matches(const HttpRequest &request)
{
    return request.path == "/federation/credentials";
}

HttpReply SsoRoutes::handle(const HttpRequest &request, const QDateTime &now)
{
    // restJson1 like AppFlow: the same error framing applies.
    const auto fail = [](int status, const char *code, const QString &message) {
        return AppFlowRoutes::error(status, QString::fromLatin1(code), message);
    };
    if (request.method != "GET")
        return fail(405, "MethodNotAllowedException", QStringLiteral("Use GET."));
    const QByteArray token = request.header(QByteArrayLiteral("x-amz-sso_bearer_token"));
    if (!m_tokens.acceptsAccessToken(QString::fromUtf8(token)))
        return fail(401, "UnauthorizedException",
                    QStringLiteral("Session token not found or invalid"));
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
    if (roleName.contains(QLatin1String("denied"), Qt::CaseInsensitive))
        return fail(403, "ForbiddenException", QStringLiteral("No access"));

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
