#pragma once

#include "CredentialSource.h"

#include <QList>
#include <QPointer>
#include <QProcessEnvironment>

#include <chrono>

class QProcess;
class QTimer;

namespace flowdesk::aws {

// credential_process: runs the configured command (asynchronously, through QProcess) and reads
// the AWS JSON contract from its standard output:
//   {"Version": 1, "AccessKeyId": "…", "SecretAccessKey": "…", "SessionToken": "…",
//    "Expiration": "ISO 8601"}
// A command that fails shows its exit code and standard error; one that hangs is killed after
// the timeout, one that prints more than 1 MiB is killed at that point; output that is not the
// contract is named as such. Standard output is never put
// into a message or log (it holds the secret). No caching here: wrap in CachingCredentialSource.
class ProcessCredentialSource : public CredentialSource
{
    Q_OBJECT

public:
    ProcessCredentialSource(const QString &command, const QString &profileName,
                            QObject *parent = nullptr);

    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }
    // The environment the command runs in (default: this process's).
    void setEnvironment(const QProcessEnvironment &environment) { m_environment = environment; }

    void requestCredentials(QObject *context, Callback callback) override;
    QString description() const override;

    // Parses the contract; exposed for tests. `origin` names the command in messages.
    static CredentialsResult parseOutput(const QByteArray &output, const QString &origin);

private:
    void start();
    void finish(const CredentialsResult &result);
    QString origin() const;
    // Reads what standard output has; false once it is beyond the limit.
    bool drainOutput(QProcess *process);
    void drainErrorOutput(QProcess *process);
    // Kills the run and forgets it (the QProcess deletes itself once gone).
    void stop(QProcess *process);
    void stopForTooMuchOutput(QProcess *process);

    QString m_command;
    QString m_profileName;
    std::chrono::milliseconds m_timeout{std::chrono::seconds(60)};
    QProcessEnvironment m_environment = QProcessEnvironment::systemEnvironment();
    QPointer<QProcess> m_process;
    QTimer *m_timer = nullptr;
    QByteArray m_output;    // standard output so far, at most the limit + 1 byte
    QByteArray m_errorTail; // the end of standard error
    QList<Callback> m_waiting;
};

} // namespace flowdesk::aws
