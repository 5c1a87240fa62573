#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>

namespace flowdesk::aws {

// The outcome of one keychain operation. NotFound is not an error: it means "nothing stored".
struct KeychainResult {
    enum class Status { Ok, NotFound, NoBackend, Failed };
    Status status = Status::Failed;
    QByteArray secret;    // filled by a successful read
    QString errorMessage; // for NoBackend and Failed: what is wrong and what to do

    bool ok() const { return status == Status::Ok; }
};

// One asynchronous read, write or delete in the OS keychain (Secret Service on Linux, Keychain
// on macOS, Credential Manager on Windows) through QtKeychain. Create it, connect finished(),
// call start(); it deletes itself after finished() has been emitted. Nothing here blocks and
// QtKeychain's plain-text fallback is never allowed: a secret either reaches the keychain or the
// caller gets an error.
class KeychainJob : public QObject
{
    Q_OBJECT

public:
    enum class Operation { Read, Write, Delete };

    // service: the keychain "service" attribute, e.g. "Flowdesk". key: namespaced entry name,
    // e.g. "account/prod-ops/secretAccessKey".
    static KeychainJob *read(const QString &service, const QString &key, QObject *parent = nullptr);
    static KeychainJob *write(const QString &service, const QString &key, const QByteArray &secret,
                              QObject *parent = nullptr);
    static KeychainJob *remove(const QString &service, const QString &key, QObject *parent = nullptr);

    Operation operation() const { return m_operation; }
    QString key() const { return m_key; }

    void start();

signals:
    void finished(const flowdesk::aws::KeychainResult &result);

private:
    KeychainJob(Operation operation, const QString &service, const QString &key,
                const QByteArray &secret, QObject *parent);
    void attempt();

    // The Secret Service is often D-Bus activated on first use and can answer "no backend"
    // while it starts; one retry after a short pause (as Nextcloud does) rides over that.
    static constexpr int kNoBackendRetryMs = 1000;

    Operation m_operation;
    QString m_service;
    QString m_key;
    QByteArray m_secret;
    bool m_retried = false;
};

} // namespace flowdesk::aws
