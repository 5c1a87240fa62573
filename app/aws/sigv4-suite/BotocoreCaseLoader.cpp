#include "BotocoreCaseLoader.h"

#include "CaseFiles.h"
#include "RequestText.h"

namespace flowdesk::aws::suite {

std::optional<SuiteCase> BotocoreCaseLoader::load(const QString &directory,
                                                  const QString &baseName, const QString &name,
                                                  const SuiteDefaults &defaults, QString *error)
{
    const CaseFiles files(directory);
    const auto requestBytes = files.raw(baseName + u".req", error);
    if (!requestBytes)
        return std::nullopt;
    QString requestError;
    const auto request = RequestText::parse(*requestBytes, &requestError);
    if (!request) {
        *error = QStringLiteral("%1.req: %2").arg(baseName, requestError);
        return std::nullopt;
    }

    SuiteCase suiteCase;
    suiteCase.name = name;
    suiteCase.format = QStringLiteral("botocore");
    suiteCase.request = *request;
    suiteCase.header.canonicalRequest = files.text(baseName + u".creq");
    suiteCase.header.stringToSign = files.text(baseName + u".sts");
    suiteCase.header.authorization = files.text(baseName + u".authz").trimmed();
    suiteCase.header.signature = CaseFiles::signatureOf(suiteCase.header.authorization);
    suiteCase.header.present = true;
    if (suiteCase.header.stringToSign.isEmpty()) {
        *error = QStringLiteral("%1.sts is missing or empty: it is needed for the time and "
                                "credential scope")
                     .arg(baseName);
        return std::nullopt;
    }

    const auto scope = CaseFiles::scopeOf(suiteCase.header.stringToSign, error);
    if (!scope)
        return std::nullopt;
    suiteCase.time = scope->time;
    suiteCase.region = scope->region;
    suiteCase.service = scope->service;

    const QByteArray accessKeyId = CaseFiles::accessKeyIdOf(suiteCase.header.authorization);
    suiteCase.credentials.accessKeyId =
        accessKeyId.isEmpty() ? defaults.accessKeyId : QString::fromUtf8(accessKeyId);
    suiteCase.credentials.secretAccessKey = defaults.secretAccessKey;

    QByteArray token = CaseFiles::securityTokenOf(suiteCase.header.canonicalRequest);
    if (token.isEmpty()) {
        const auto signedRequest = RequestText::parse(files.text(baseName + u".sreq"),
                                                      &requestError);
        if (signedRequest) {
            token = RequestText::headerValues(signedRequest->headers, "X-Amz-Security-Token")
                        .value(0)
                        .trimmed();
        }
        suiteCase.options.omitSessionToken = !token.isEmpty();
    }
    suiteCase.credentials.sessionToken = QString::fromUtf8(token);
    return suiteCase;
}

} // namespace flowdesk::aws::suite
