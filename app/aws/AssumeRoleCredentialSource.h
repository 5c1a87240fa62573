#pragma once

#include "CredentialSource.h"

#include <QList>
#include <QPointer>
#include <QUrl>

#include <chrono>

class QNetworkAccessManager;
class QNetworkReply;

namespace flowdesk::aws {

class MfaPrompter;

struct AssumeRoleParameters {
    QString profileName;     // for messages ("profile prod")
    QString roleArn;
    QString roleSessionName; // empty: "flowdesk-<epoch ms>"
    QString externalId;
    QString mfaSerial;       // non-empty: ask the MfaPrompter for a code
    int durationSeconds = 0; // 0: the role's default (one hour)
};

// STS AssumeRole: signs the request with SigV4 (service "sts") using the credentials of a
// source (another profile, the environment, …) and answers the temporary credentials STS
// returns. No caching here: the chain wraps it in a CachingCredentialSource so the role is
// assumed again shortly before the credentials expire.
class AssumeRoleCredentialSource : public CredentialSource
{
    Q_OBJECT

public:
    // Takes ownership of `sourceCredentials`. `network` and `mfaPrompter` must outlive this.
    AssumeRoleCredentialSource(const AssumeRoleParameters &parameters,
                               CredentialSource *sourceCredentials, const QUrl &stsEndpoint,
                               const QString &signingRegion, QNetworkAccessManager *network,
                               MfaPrompter *mfaPrompter = nullptr, QObject *parent = nullptr);

    void setTransferTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }

    void requestCredentials(QObject *context, Callback callback) override;
    void invalidate() override;
    QString description() const override;

    // Reads the STS XML answer (success or <ErrorResponse>); exposed for tests.
    static CredentialsResult parseResponse(int httpStatus, const QByteArray &body,
                                           const QString &what);

private:
    void start();
    void askMfaThenCall(const Credentials &source);
    void call(const Credentials &source, const QString &mfaCode);
    void finish(const CredentialsResult &result);
    QString what() const;

    AssumeRoleParameters m_parameters;
    CredentialSource *m_source;
    QUrl m_endpoint;
    QString m_region;
    QPointer<QNetworkAccessManager> m_network;
    MfaPrompter *m_mfaPrompter;
    std::chrono::milliseconds m_timeout{std::chrono::seconds(30)};
    bool m_running = false;
    QList<Callback> m_waiting;
};

} // namespace flowdesk::aws
