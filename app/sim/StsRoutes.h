#pragma once

#include "AuthVerifier.h"
#include "CredentialStore.h"
#include "HttpMessages.h"

#include <QDateTime>
#include <QString>

namespace flowdesk::sim {

// AWS STS over its query protocol (POST / with a form body, XML answers): AssumeRole, which
// issues temporary credentials this simulator then accepts, and GetCallerIdentity. A role ARN
// containing "mfa" requires SerialNumber and TokenCode "123456"; one containing "denied" is
// refused with AccessDenied, so clients can rehearse both.
class StsRoutes
{
public:
    struct Settings {
        QString accountId;
        int temporaryCredentialSeconds = 3600;
    };

    StsRoutes(CredentialStore &store, const Settings &settings);

    static bool matches(const HttpRequest &request);
    // The Action of a form body ("AssumeRole"), for the request log.
    static QString actionOf(const QByteArray &body);

    HttpReply handle(const HttpRequest &request, const AuthVerifier::Result &auth,
                     const QDateTime &now, const QString &requestId);
    static HttpReply authError(const AuthVerifier::Result &auth, const QString &requestId);
    static HttpReply error(int status, const QString &code, const QString &message,
                           const QString &requestId);

private:
    HttpReply assumeRole(const QHash<QString, QString> &form, const AuthVerifier::Result &auth,
                         const QDateTime &now, const QString &requestId);
    HttpReply callerIdentity(const AuthVerifier::Result &auth, const QString &requestId);

    CredentialStore &m_store;
    Settings m_settings;
};

} // namespace flowdesk::sim
