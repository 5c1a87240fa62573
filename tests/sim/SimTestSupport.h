#pragma once

// Shared by the simulator's black-box tests: a client that signs requests with the project's
// real signer (flowdesk_aws) and sends them over real HTTP, with knobs to break the signature in
// each way a verifier must catch.

#include <AwsHttp.h>
#include <Credentials.h>
#include <SigV4.h>

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <functional>

namespace flowdesk::sim::test {

struct Response {
    int status = 0;
    QByteArray body;
    QByteArray errorType;   // X-Amzn-ErrorType
    QByteArray requestId;   // x-amzn-RequestId
    QNetworkReply::NetworkError networkError = QNetworkReply::NoError;
    qint64 elapsedMs = 0;

    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QString message() const { return json().value(QLatin1String("message")).toString(); }
};

// How to sign (or mis-sign) one request.
struct Signing {
    aws::Credentials credentials;
    QString region = QStringLiteral("us-east-1");
    QString service = QStringLiteral("appflow");
    qint64 clockOffsetSeconds = 0;              // sign as if the client clock were off
    bool sign = true;                           // false: no Authorization at all
    std::function<void(aws::sigv4::Request &)> afterSigning;  // tamper with the signed request
};

inline Response send(QNetworkAccessManager &network, const QUrl &base, const QByteArray &method,
                     const QByteArray &pathAndQuery, const QByteArray &body,
                     const QByteArray &contentType, const Signing &signing,
                     const QList<QPair<QByteArray, QByteArray>> &extraHeaders = {})
{
    QUrl url = base;
    const qsizetype question = pathAndQuery.indexOf('?');
    url.setPath(QString::fromUtf8(question < 0 ? pathAndQuery : pathAndQuery.left(question)));
    if (question >= 0)
        url.setQuery(QString::fromUtf8(pathAndQuery.mid(question + 1)));

    aws::sigv4::Request request;
    request.method = method;
    request.path = url.path(QUrl::FullyEncoded).toUtf8();
    request.query = url.query(QUrl::FullyEncoded).toUtf8();
    request.body = body;
    request.headers.append({QByteArrayLiteral("Host"), aws::hostHeaderFor(url)});
    if (!contentType.isEmpty())
        request.headers.append({QByteArrayLiteral("Content-Type"), contentType});
    for (const auto &header : extraHeaders)
        request.headers.append(header);
    if (signing.sign) {
        const QDateTime now = QDateTime::currentDateTimeUtc().addSecs(signing.clockOffsetSeconds);
        aws::sigv4::signHeaders(request, signing.credentials, signing.region, signing.service, now);
    }
    if (signing.afterSigning)
        signing.afterSigning(request);

    QNetworkRequest networkRequest(url);
    for (const auto &header : request.headers)
        networkRequest.setRawHeader(header.first, header.second);
    QElapsedTimer timer;
    timer.start();
    QNetworkReply *reply = network.sendCustomRequest(networkRequest, request.method, request.body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!finished.wait(20000))
        qWarning("request to %s did not finish", url.toEncoded().constData());
    Response response;
    response.elapsedMs = timer.elapsed();
    response.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    response.body = reply->readAll();
    response.errorType = reply->rawHeader("X-Amzn-ErrorType");
    response.requestId = reply->rawHeader("x-amzn-RequestId");
    response.networkError = reply->error();
    reply->deleteLater();
    return response;
}

// A client for one simulator: AppFlow calls signed for service "appflow".
class AppFlowCaller
{
public:
    AppFlowCaller(const QUrl &base, const aws::Credentials &credentials)
        : m_base(base)
    {
        m_signing.credentials = credentials;
    }

    Signing &signing() { return m_signing; }

    Response call(const QByteArray &path, const QJsonObject &input)
    {
        return send(m_network, m_base, "POST", path,
                    QJsonDocument(input).toJson(QJsonDocument::Compact), "application/json",
                    m_signing);
    }
    Response call(const QByteArray &path, const QJsonObject &input, const Signing &signing)
    {
        return send(m_network, m_base, "POST", path,
                    QJsonDocument(input).toJson(QJsonDocument::Compact), "application/json",
                    signing);
    }
    Response raw(const QByteArray &method, const QByteArray &path, const QByteArray &body,
                 const QByteArray &contentType, const Signing &signing,
                 const QList<QPair<QByteArray, QByteArray>> &extraHeaders = {})
    {
        return send(m_network, m_base, method, path, body, contentType, signing, extraHeaders);
    }

    // Every record of a flow, paging with maxResults.
    QJsonArray allRecords(const QString &flowName, int pageSize = 100)
    {
        QJsonArray all;
        QString token;
        do {
            QJsonObject input{{QStringLiteral("flowName"), flowName},
                              {QStringLiteral("maxResults"), pageSize}};
            if (!token.isEmpty())
                input.insert(QStringLiteral("nextToken"), token);
            const Response response = call("/describe-flow-execution-records", input);
            if (response.status != 200)
                return all;
            for (const QJsonValue &record :
                 response.json().value(QLatin1String("flowExecutions")).toArray())
                all.append(record);
            token = response.json().value(QLatin1String("nextToken")).toString();
        } while (!token.isEmpty());
        return all;
    }

    QJsonObject record(const QString &flowName, const QString &executionId)
    {
        for (const QJsonValue &record : allRecords(flowName)) {
            if (record.toObject().value(QLatin1String("executionId")).toString() == executionId)
                return record.toObject();
        }
        return {};
    }

private:
    QUrl m_base;
    Signing m_signing;
    QNetworkAccessManager m_network;
};

inline aws::Credentials testCredentials()
{
    return {QStringLiteral("AKIASIMTEST000000001"), QStringLiteral("sim/test/secret/0123456789abcdefghijklmn"),
            {}, {}};
}

// Writes `json` as a scenario file in `dir` and returns its path.
inline QString writeScenario(const QTemporaryDir &dir, const QByteArray &json)
{
    const QString path = dir.filePath(QStringLiteral("scenario.json"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return {};
    file.write(json);
    return path;
}

} // namespace flowdesk::sim::test
