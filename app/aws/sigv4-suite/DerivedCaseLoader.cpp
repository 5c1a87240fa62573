#include "DerivedCaseLoader.h"

#include "CaseFiles.h"
#include "RequestText.h"

namespace flowdesk::aws::suite {

namespace {

QByteArray queryParameter(const QByteArray &query, const QByteArray &name)
{
    for (const QByteArray &pair : query.split('&')) {
        if (pair.startsWith(QByteArray(name + '=')))
            return QByteArray::fromPercentEncoding(pair.mid(name.size() + 1));
    }
    return {};
}

} // namespace

std::optional<SuiteCase> DerivedCaseLoader::load(const QString &directory, const QString &name,
                                                 const SuiteDefaults &defaults, QString *error)
{
    const CaseFiles files(directory);
    const auto requestBytes = files.raw(QStringLiteral("request.txt"), error);
    if (!requestBytes)
        return std::nullopt;
    QString requestError;
    const auto request = RequestText::parse(*requestBytes, &requestError);
    if (!request) {
        *error = QStringLiteral("request.txt: %1").arg(requestError);
        return std::nullopt;
    }

    SuiteCase suiteCase;
    suiteCase.name = name;
    suiteCase.format = QStringLiteral("derived");
    suiteCase.request = *request;
    suiteCase.header = files.expected(QStringLiteral("header"));
    suiteCase.query = files.expected(QStringLiteral("query"));

    const QByteArray stringToSign = !suiteCase.header.stringToSign.isEmpty()
                                        ? suiteCase.header.stringToSign
                                        : suiteCase.query.stringToSign;
    const auto scope = CaseFiles::scopeOf(stringToSign, error);
    if (!scope)
        return std::nullopt;
    suiteCase.time = scope->time;
    suiteCase.region = scope->region;
    suiteCase.service = scope->service;

    QByteArray accessKeyId = CaseFiles::accessKeyIdOf(suiteCase.header.authorization);
    if (accessKeyId.isEmpty()) {
        const QByteArray credential =
            queryParameter(suiteCase.query.presignedQuery, "X-Amz-Credential");
        accessKeyId = credential.left(credential.indexOf('/'));
    }
    suiteCase.credentials.accessKeyId =
        accessKeyId.isEmpty() ? defaults.accessKeyId : QString::fromUtf8(accessKeyId);
    suiteCase.credentials.secretAccessKey = defaults.secretAccessKey;

    const QByteArray canonicalRequest = !suiteCase.header.canonicalRequest.isEmpty()
                                            ? suiteCase.header.canonicalRequest
                                            : suiteCase.query.canonicalRequest;
    QByteArray token = CaseFiles::securityTokenOf(canonicalRequest);
    if (token.isEmpty()) {
        const auto signedRequest = RequestText::parse(files.text(QStringLiteral(
                                                          "header-signed-request.txt")),
                                                      &requestError);
        if (signedRequest)
            token = RequestText::headerValues(signedRequest->headers, "X-Amz-Security-Token")
                        .value(0)
                        .trimmed();
        if (token.isEmpty())
            token = queryParameter(suiteCase.query.presignedQuery, "X-Amz-Security-Token");
        suiteCase.options.omitSessionToken = !token.isEmpty();
    }
    suiteCase.credentials.sessionToken = QString::fromUtf8(token);

    const QByteArray expires = queryParameter(suiteCase.query.presignedQuery, "X-Amz-Expires");
    suiteCase.expiresSeconds = expires.isEmpty() ? 3600 : expires.toInt();
    return suiteCase;
}

} // namespace flowdesk::aws::suite
