#include "KeychainJob.h"

#include <qt6keychain/keychain.h>

#include <QTimer>

namespace flowdesk::aws {

namespace {

KeychainResult resultOf(const QKeychain::Job &job)
{
    KeychainResult result;
    switch (job.error()) {
    case QKeychain::NoError:
        result.status = KeychainResult::Status::Ok;
        break;
    case QKeychain::EntryNotFound:
        result.status = KeychainResult::Status::NotFound;
        break;
    case QKeychain::NoBackendAvailable:
        result.status = KeychainResult::Status::NoBackend;
        result.errorMessage = KeychainJob::tr(
            "No keychain service is available to store secrets (%1). On Linux, Flowdesk needs a "
            "Secret Service provider such as gnome-keyring or KWallet running in your session.")
                                  .arg(job.errorString());
        break;
    case QKeychain::AccessDeniedByUser:
    case QKeychain::AccessDenied:
        result.status = KeychainResult::Status::Failed;
        result.errorMessage = KeychainJob::tr(
            "The keychain refused access to \"%1\" (%2). Unlock your keyring and try again.")
                                  .arg(job.key(), job.errorString());
        break;
    default:
        result.status = KeychainResult::Status::Failed;
        result.errorMessage = KeychainJob::tr("The keychain failed for \"%1\": %2.")
                                  .arg(job.key(), job.errorString());
#if defined(Q_OS_UNIX) && !defined(Q_OS_MACOS)
        // Mostly "Could not connect": no session bus, or nothing serves the Secret Service on
        // it. Say what is needed; the raw text alone does not.
        result.errorMessage += u' '
            + KeychainJob::tr("Flowdesk keeps secrets in the system keychain: it needs a Secret "
                              "Service provider such as gnome-keyring or KWallet running and "
                              "unlocked in your desktop session.");
#endif
        break;
    }
    return result;
}

} // namespace

KeychainJob::KeychainJob(Operation operation, const QString &service, const QString &key,
                         const QByteArray &secret, QObject *parent)
    : QObject(parent)
    , m_operation(operation)
    , m_service(service)
    , m_key(key)
    , m_secret(secret)
{
}

KeychainJob *KeychainJob::read(const QString &service, const QString &key, QObject *parent)
{
    return new KeychainJob(Operation::Read, service, key, {}, parent);
}

KeychainJob *KeychainJob::write(const QString &service, const QString &key,
                                const QByteArray &secret, QObject *parent)
{
    return new KeychainJob(Operation::Write, service, key, secret, parent);
}

KeychainJob *KeychainJob::remove(const QString &service, const QString &key, QObject *parent)
{
    return new KeychainJob(Operation::Delete, service, key, {}, parent);
}

void KeychainJob::start()
{
    attempt();
}

void KeychainJob::attempt()
{
    QKeychain::Job *job = nullptr;
    switch (m_operation) {
    case Operation::Read:
        job = new QKeychain::ReadPasswordJob(m_service, this);
        break;
    case Operation::Write: {
        auto *write = new QKeychain::WritePasswordJob(m_service, this);
        write->setBinaryData(m_secret);
        job = write;
        break;
    }
    case Operation::Delete:
        job = new QKeychain::DeletePasswordJob(m_service, this);
        break;
    }
    job->setKey(m_key);
    job->setAutoDelete(false); // we own it through QObject parenting
    job->setInsecureFallback(false);

    connect(job, &QKeychain::Job::finished, this, [this](QKeychain::Job *done) {
        done->deleteLater();
        KeychainResult result = resultOf(*done);
        if (result.status == KeychainResult::Status::NoBackend && !m_retried) {
            m_retried = true;
            QTimer::singleShot(kNoBackendRetryMs, this, &KeychainJob::attempt);
            return;
        }
        if (result.ok() && m_operation == Operation::Read)
            result.secret = static_cast<QKeychain::ReadPasswordJob *>(done)->binaryData();
        // Deleting what is not there leaves the keychain as the caller wanted it.
        if (m_operation == Operation::Delete && result.status == KeychainResult::Status::NotFound)
            result.status = KeychainResult::Status::Ok;
        m_secret.fill('\0');
        m_secret.clear();
        emit finished(result);
        deleteLater();
    });
    job->start();
}

} // namespace flowdesk::aws
