#pragma once

#include "Credentials.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>

namespace flowdesk::aws {

// What a credential source answers: credentials, or a message that names what is wrong and
// what to do ("profile 'prod' in ~/.aws/config has no region; add region = …").
struct CredentialsResult {
    Credentials credentials;
    QString error;
    bool ok() const { return error.isEmpty() && credentials.isValid(); }
};

// Where a client gets its credentials from. Asynchronous: fetching may read the keychain,
// run credential_process or call STS. Implementations cache and refresh temporary credentials
// shortly before they expire, so callers simply ask before each request.
class CredentialSource : public QObject
{
    Q_OBJECT

public:
    using Callback = std::function<void(const CredentialsResult &)>;

    using QObject::QObject;
    ~CredentialSource() override = default;

    // Calls `callback` exactly once, on this object's thread, unless `context` is destroyed
    // first. May call it before returning when the answer is cached.
    virtual void requestCredentials(QObject *context, Callback callback) = 0;

    // The service said the credentials are expired or invalid: drop any cache so the next
    // request fetches afresh.
    virtual void invalidate() {}

    // For the status bar and errors: "profile prod-ops", "environment", "account ops-eu".
    virtual QString description() const = 0;

signals:
    // A fetch of new credentials started and ended (`error` empty when it worked). A fetch can
    // take long (credential_process, an MFA prompt, STS) and can end after whoever asked was
    // stopped: these let the app name what it waits for, and report a late failure.
    void fetchStarted(const QString &what);
    void fetchFinished(const QString &error);
};

// Credentials given explicitly (command line, tests, demo mode). Never expire.
class StaticCredentialSource : public CredentialSource
{
    Q_OBJECT

public:
    StaticCredentialSource(const Credentials &credentials, const QString &description,
                           QObject *parent = nullptr)
        : CredentialSource(parent)
        , m_credentials(credentials)
        , m_description(description)
    {
    }

    void requestCredentials(QObject *context, Callback callback) override
    {
        Q_UNUSED(context);
        callback(CredentialsResult{m_credentials, {}});
    }
    QString description() const override { return m_description; }

private:
    Credentials m_credentials;
    QString m_description;
};

} // namespace flowdesk::aws
