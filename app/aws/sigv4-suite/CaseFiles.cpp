#include "CaseFiles.h"

#include "RequestText.h"

#include <QFile>

namespace flowdesk::aws::suite {

CaseFiles::CaseFiles(const QString &directory)
    : m_directory(directory)
{
}

bool CaseFiles::exists(const QString &fileName) const
{
    return m_directory.exists(fileName);
}

std::optional<QByteArray> CaseFiles::raw(const QString &fileName, QString *error) const
{
    QFile file(m_directory.filePath(fileName));
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1: %2").arg(fileName, file.errorString());
        return std::nullopt;
    }
    return file.readAll();
}

QByteArray CaseFiles::text(const QString &fileName) const
{
    QString ignored;
    return RequestText::normalizedText(raw(fileName, &ignored).value_or(QByteArray()));
}

ExpectedSigning CaseFiles::expected(const QString &prefix) const
{
    ExpectedSigning expected;
    expected.canonicalRequest = text(prefix + u"-canonical-request.txt");
    expected.stringToSign = text(prefix + u"-string-to-sign.txt");
    expected.signature = text(prefix + u"-signature.txt").trimmed();
    const QByteArray signedRequest = text(prefix + u"-signed-request.txt");
    if (prefix == u"header") {
        expected.authorization = authorizationOf(signedRequest);
        if (expected.signature.isEmpty())
            expected.signature = signatureOf(expected.authorization);
    } else {
        expected.presignedQuery = queryOf(signedRequest);
    }
    expected.present = !expected.canonicalRequest.isEmpty() || !expected.stringToSign.isEmpty()
                    || !expected.signature.isEmpty();
    return expected;
}

std::optional<CaseFiles::Scope> CaseFiles::scopeOf(const QByteArray &stringToSign, QString *error)
{
    const QList<QByteArray> lines = stringToSign.split('\n');
    const QList<QByteArray> scope = lines.value(2).split('/');
    Scope result;
    result.time = sigv4::parseAmzDate(lines.value(1));
    if (lines.size() < 4 || !result.time.isValid() || scope.size() != 4) {
        *error = QStringLiteral("cannot take the time and credential scope from the expected "
                                "string to sign (lines 2 and 3)");
        return std::nullopt;
    }
    result.region = QString::fromUtf8(scope[1]);
    result.service = QString::fromUtf8(scope[2]);
    return result;
}

QByteArray CaseFiles::authorizationOf(const QByteArray &signedRequest)
{
    QString ignored;
    const auto request = RequestText::parse(signedRequest, &ignored);
    if (!request)
        return {};
    return RequestText::headerValues(request->headers, "Authorization").value(0).trimmed();
}

QByteArray CaseFiles::queryOf(const QByteArray &signedRequest)
{
    QString ignored;
    const auto request = RequestText::parse(signedRequest, &ignored);
    return request ? request->query : QByteArray();
}

QByteArray CaseFiles::signatureOf(const QByteArray &authorization)
{
    const qsizetype at = authorization.indexOf("Signature=");
    return at < 0 ? QByteArray() : authorization.mid(at + 10).trimmed();
}

QByteArray CaseFiles::accessKeyIdOf(const QByteArray &authorization)
{
    const qsizetype at = authorization.indexOf("Credential=");
    if (at < 0)
        return {};
    const QByteArray credential = authorization.mid(at + 11);
    return credential.left(credential.indexOf('/'));
}

QByteArray CaseFiles::securityTokenOf(const QByteArray &canonicalRequest)
{
    const QList<QByteArray> lines = canonicalRequest.split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith("x-amz-security-token:"))
            return line.mid(21).trimmed();
    }
    // Query signing puts the token into the canonical query (line 3), percent-encoded.
    for (const QByteArray &pair : lines.value(2).split('&')) {
        if (pair.startsWith("X-Amz-Security-Token="))
            return QByteArray::fromPercentEncoding(pair.mid(21));
    }
    return {};
}

} // namespace flowdesk::aws::suite
