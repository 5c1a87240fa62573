#pragma once

#include "SuiteCase.h"

#include <QDir>
#include <QString>

#include <optional>

namespace flowdesk::aws::suite {

// The files of one case folder, and the facts the loaders pull out of expected outputs when a
// format has no parameter file (botocore, smithy-rs extras): the time and credential scope
// from a string to sign, the access key and signature from an Authorization value, a session
// token from a canonical request.
class CaseFiles
{
public:
    explicit CaseFiles(const QString &directory);

    bool exists(const QString &fileName) const;
    // The file's bytes exactly; nullopt (and `error`) when unreadable.
    std::optional<QByteArray> raw(const QString &fileName, QString *error) const;
    // The file as text (CRLF → LF, trailing newlines dropped); empty when missing.
    QByteArray text(const QString &fileName) const;

    // `prefix` "header" or "query": reads <prefix>-canonical-request.txt, -string-to-sign.txt,
    // -signature.txt and -signed-request.txt (aws-c-auth / smithy-rs layout).
    ExpectedSigning expected(const QString &prefix) const;

    struct Scope {
        QDateTime time;
        QString region;
        QString service;
    };
    // From "AWS4-HMAC-SHA256\n<amz date>\n<date>/<region>/<service>/aws4_request\n<hash>".
    static std::optional<Scope> scopeOf(const QByteArray &stringToSign, QString *error);
    static QByteArray authorizationOf(const QByteArray &signedRequest);
    static QByteArray queryOf(const QByteArray &signedRequest);
    static QByteArray signatureOf(const QByteArray &authorization);
    static QByteArray accessKeyIdOf(const QByteArray &authorization);
    // The x-amz-security-token value in a canonical request's header block, or X-Amz-Security-
    // Token in a canonical query; empty when the token was not signed.
    static QByteArray securityTokenOf(const QByteArray &canonicalRequest);

private:
    QDir m_directory;
};

} // namespace flowdesk::aws::suite
