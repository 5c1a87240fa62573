#include "CrtCaseLoader.h"

#include "CaseFiles.h"
#include "RequestText.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace flowdesk::aws::suite {

std::optional<SuiteCase> CrtCaseLoader::load(const QString &directory, const QString &name,
                                             QString *error)
{
    const CaseFiles files(directory);
    const auto contextBytes = files.raw(QStringLiteral("context.json"), error);
    if (!contextBytes)
        return std::nullopt;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(*contextBytes, &parseError);
    if (!document.isObject()) {
        *error = QStringLiteral("context.json is not a JSON object (%1)")
                     .arg(parseError.errorString());
        return std::nullopt;
    }
    const QJsonObject context = document.object();
    const QJsonObject credentials = context.value(u"credentials").toObject();

    SuiteCase suiteCase;
    suiteCase.name = name;
    suiteCase.format = QStringLiteral("aws-c-auth");
    suiteCase.credentials.accessKeyId = credentials.value(u"access_key_id").toString();
    suiteCase.credentials.secretAccessKey = credentials.value(u"secret_access_key").toString();
    suiteCase.credentials.sessionToken = credentials.value(u"token").toString();
    suiteCase.region = context.value(u"region").toString();
    suiteCase.service = context.value(u"service").toString();
    suiteCase.time = QDateTime::fromString(context.value(u"timestamp").toString(), Qt::ISODate);
    suiteCase.expiresSeconds = context.value(u"expiration_in_seconds").toInt(3600);
    suiteCase.options.normalizePath = context.value(u"normalize").toBool(true);
    suiteCase.options.signBodyHeader = context.value(u"sign_body").toBool(false);
    suiteCase.options.omitSessionToken = context.value(u"omit_session_token").toBool(false);
    if (!suiteCase.credentials.isValid() || suiteCase.region.isEmpty()
        || suiteCase.service.isEmpty() || !suiteCase.time.isValid()) {
        *error = QStringLiteral("context.json lacks credentials.access_key_id, "
                                "credentials.secret_access_key, region, service or a valid "
                                "ISO 8601 timestamp");
        return std::nullopt;
    }

    const auto requestBytes = files.raw(QStringLiteral("request.txt"), error);
    if (!requestBytes)
        return std::nullopt;
    QString requestError;
    const auto request = RequestText::parse(*requestBytes, &requestError);
    if (!request) {
        *error = QStringLiteral("request.txt: %1").arg(requestError);
        return std::nullopt;
    }
    suiteCase.request = *request;
    suiteCase.header = files.expected(QStringLiteral("header"));
    suiteCase.query = files.expected(QStringLiteral("query"));
    return suiteCase;
}

} // namespace flowdesk::aws::suite
