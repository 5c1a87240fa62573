#pragma once

#include "CredentialStore.h"
#include "HttpMessages.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

namespace flowdesk::sim {

// Checks a request's SigV4 Authorization header the way an AWS front end does, using the
// project's signer (flowdesk_aws sigv4::*) to recompute the signature. The policy — which
// scope is acceptable, how much clock skew, what each failure is called — lives here; each
// protocol (restJson AppFlow, STS query) turns a failure into its own error codes.
class AuthVerifier
{
public:
    enum class Failure {
        None,
        MissingToken,         // no Authorization header at all
        IncompleteSignature,  // malformed header, missing X-Amz-Date, Host not signed
        UnknownKey,           // unknown access key, or missing/wrong session token
        ExpiredToken,         // temporary credentials past their expiration
        WrongScope,           // region, service, terminator or date of the scope
        SignatureExpired,     // X-Amz-Date more than 5 minutes off (either way)
        SignatureMismatch,
    };

    struct Result {
        Failure failure = Failure::None;
        QString message;
        QString accessKeyId;    // as claimed (for the request log), even on failure
        QString principalArn;   // who signed, on success
        QString region;         // the region of the credential scope, on success
        bool ok() const { return failure == Failure::None; }
    };

    static constexpr qint64 kMaxSkewSeconds = 5 * 60;

    // `regions`: the regions this endpoint serves (a scope naming another is refused).
    AuthVerifier(const CredentialStore &store, const QStringList &regions);

    Result verify(const HttpRequest &request, const QString &service, const QDateTime &now) const;

    // Wording of the AWS front end, shared by every protocol.
    static QString signatureMismatchMessage();
    static QString invalidTokenMessage();
    static QString expiredTokenMessage();

private:
    const CredentialStore &m_store;
    QStringList m_regions;
};

} // namespace flowdesk::sim
