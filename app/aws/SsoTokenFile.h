#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QString>

#include <optional>

namespace flowdesk::aws {

// What an IAM Identity Center token cache file (~/.aws/sso/cache/<sha1>.json) holds. `aws sso
// login` writes the access token and, for sso-session logins, the client registration and a
// refresh token that CreateToken (grantType=refresh_token) trades for a new access token.
struct SsoToken {
    QString startUrl;
    QString region;
    QString accessToken;
    QDateTime expiresAt;              // invalid when absent or unreadable
    QString clientId;
    QString clientSecret;
    QString registrationExpiresAt;    // as written: copied back unchanged on refresh
    QString refreshToken;

    // The fields a refresh needs are present and the client registration has not expired
    // (botocore SSOTokenProvider._refresh_access_token skips the refresh otherwise).
    bool canRefresh(const QDateTime &now) const;
};

// Reads and writes token cache files in the format botocore (and so the AWS CLI v2) uses, so
// that a token Flowdesk refreshed keeps working for the CLI and the other way round.
class SsoTokenFile
{
    Q_DECLARE_TR_FUNCTIONS(SsoTokenFile)

public:
    // Null when the text is not a JSON object with an accessToken. CLI v1's "…UTC" expiry is read.
    static std::optional<SsoToken> parse(const QByteArray &json);

    // botocore tokens.py: json.dumps of {startUrl, region, accessToken, expiresAt, clientId,
    // clientSecret, registrationExpiresAt[, refreshToken]} in that order, with Python's default
    // separators (", ", ": "), ASCII only, expiresAt as "%Y-%m-%dT%H:%M:%SZ".
    static QByteArray serialize(const SsoToken &token);

    // Replaces `path` atomically (a temporary file in the same folder, fsync'd, renamed over
    // it, owner-only permissions) as botocore's JSONFileCache does. Empty on success, else what
    // went wrong.
    static QString write(const QString &path, const SsoToken &token);

    // An ISO 8601 time as botocore writes and reads it ("2026-01-31T12:00:00Z", with or without
    // fractions or an offset, and CLI v1's "2026-01-31T12:00:00UTC").
    static QDateTime parseTime(const QString &text);
};

} // namespace flowdesk::aws
