#include "StoredAccounts.h"

#include "CredentialLogging.h"
#include "EndpointResolver.h"
#include "GuardedCallback.h"
#include "KeychainJob.h"
#include "RegionResolver.h"

#include <QPointer>
#include <QRegularExpression>
#include <QSettings>

#include <memory>

namespace flowdesk::aws {

namespace {

const QString kGroup = QStringLiteral("accounts");

// One keychain step of a sequence: the job to run and whether "not found" counts as success.
struct Step {
    std::function<KeychainJob *()> job;
    std::function<void(const KeychainResult &)> onResult; // optional: sees the result
};

// Runs keychain jobs one after another; stops at the first failure. `finished` gets "" or the
// keychain's message. Reads may answer NotFound, which is passed to onResult, not a failure.
void runSteps(QObject *owner, std::shared_ptr<QList<Step>> steps, qsizetype index,
              std::function<void(const QString &)> finished)
{
    if (index >= steps->size()) {
        finished({});
        return;
    }
    KeychainJob *job = (*steps)[index].job();
    if (!job) { // a step may decide at run time that there is nothing to do
        runSteps(owner, steps, index + 1, std::move(finished));
        return;
    }
    QPointer<QObject> guard(owner);
    QObject::connect(job, &KeychainJob::finished, owner,
                     [owner, guard, steps, index, finished](const KeychainResult &result) {
                         if (!guard)
                             return;
                         if (!result.ok() && result.status != KeychainResult::Status::NotFound) {
                             finished(result.errorMessage);
                             return;
                         }
                         if ((*steps)[index].onResult)
                             (*steps)[index].onResult(result);
                         runSteps(owner, steps, index + 1, finished);
                     });
    job->start();
}

StoredAccounts::Done guardedDone(QObject *context, StoredAccounts::Done done)
{
    if (!context)
        return done;
    return [guard = QPointer<QObject>(context), done = std::move(done)](const QString &error) {
        if (guard)
            done(error);
    };
}

// The credential source for one stored account.
class StoredAccountCredentialSource : public CredentialSource
{
public:
    StoredAccountCredentialSource(const QString &service, const StoredAccount &account,
                                  QObject *parent)
        : CredentialSource(parent)
        , m_service(service)
        , m_account(account)
    {
    }

    void requestCredentials(QObject *context, Callback callback) override
    {
        if (m_cached.isValid()) {
            guardedCallback(context, std::move(callback))(CredentialsResult{m_cached, {}});
            return;
        }
        m_waiting.append(guardedCallback(context, std::move(callback)));
        if (m_reading)
            return;
        m_reading = true;

        auto secret = std::make_shared<KeychainResult>();
        auto token = std::make_shared<KeychainResult>();
        auto steps = std::make_shared<QList<Step>>();
        steps->append({[this] { return KeychainJob::read(m_service,
                                    StoredAccounts::secretKeyEntry(m_account.name), this); },
                       [secret](const KeychainResult &r) { *secret = r; }});
        steps->append({[this] { return KeychainJob::read(m_service,
                                    StoredAccounts::sessionTokenEntry(m_account.name), this); },
                       [token](const KeychainResult &r) { *token = r; }});
        runSteps(this, steps, 0, [this, secret, token](const QString &error) {
            m_reading = false;
            CredentialsResult result;
            if (!error.isEmpty()) {
                result.error = StoredAccounts::tr("The keychain could not give the secret key of account "
                                                  "'%1': %2").arg(m_account.name, error);
            } else if (secret->status == KeychainResult::Status::NotFound) {
                result.error = StoredAccounts::tr("The secret access key of account '%1' is not in the "
                                                  "keychain (it may have been deleted there). Edit the account "
                                                  "and enter the key again.").arg(m_account.name);
            } else {
                result.credentials.accessKeyId = m_account.accessKeyId;
                result.credentials.secretAccessKey = QString::fromUtf8(secret->secret);
                if (token->ok())
                    result.credentials.sessionToken = QString::fromUtf8(token->secret);
                m_cached = result.credentials;
            }
            secret->secret.fill('\0');
            token->secret.fill('\0');
            const QList<Callback> waiting = std::exchange(m_waiting, {});
            for (const Callback &callback : waiting)
                callback(result);
        });
    }

    void invalidate() override { m_cached = {}; }
    QString description() const override { return StoredAccounts::tr("account %1").arg(m_account.name); }

private:
    QString m_service;
    StoredAccount m_account;
    Credentials m_cached;
    bool m_reading = false;
    QList<Callback> m_waiting;
};

// What createCredentialSource() gives for a name that is not stored: every request fails
// with a message (an empty result would leave the caller without one).
class MissingAccountSource : public CredentialSource
{
public:
    MissingAccountSource(const QString &name, QObject *parent)
        : CredentialSource(parent)
        , m_name(name)
    {
    }
    void requestCredentials(QObject *context, Callback callback) override
    {
        guardedCallback(context, std::move(callback))(credentialsError(
            StoredAccounts::tr("There is no stored account '%1'. Add it under Accounts, or choose another.")
                .arg(m_name)));
    }
    QString description() const override { return StoredAccounts::tr("account %1").arg(m_name); }

private:
    QString m_name;
};

} // namespace

StoredAccounts::StoredAccounts(QSettings *settings, const QString &keychainService,
                               QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_service(keychainService)
{
    Q_ASSERT(settings);
}

QString StoredAccounts::validateName(const QString &name)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9 _.@+-]{0,63}$"));
    if (name.trimmed().isEmpty())
        return tr("Give the account a name.");
    if (!pattern.match(name).hasMatch() || name != name.trimmed())
        return tr("\"%1\" cannot name an account: use up to 64 letters, digits, spaces and "
                  "_ . @ + -, starting with a letter or digit.").arg(name);
    return {};
}

QString StoredAccounts::secretKeyEntry(const QString &name)
{
    return QStringLiteral("account/") + name + QStringLiteral("/secretAccessKey");
}

QString StoredAccounts::sessionTokenEntry(const QString &name)
{
    return QStringLiteral("account/") + name + QStringLiteral("/sessionToken");
}

QList<StoredAccount> StoredAccounts::accounts() const
{
    QList<StoredAccount> result;
    m_settings->beginGroup(kGroup);
    const QStringList names = m_settings->childGroups();
    m_settings->endGroup();
    for (const QString &name : names) {
        if (auto a = account(name))
            result.append(*a);
    }
    return result;
}

std::optional<StoredAccount> StoredAccounts::account(const QString &name) const
{
    if (!validateName(name).isEmpty())
        return std::nullopt;
    m_settings->beginGroup(kGroup + u'/' + name);
    StoredAccount a;
    a.name = name;
    a.accessKeyId = m_settings->value(QStringLiteral("accessKeyId")).toString();
    a.region = m_settings->value(QStringLiteral("region")).toString();
    a.hasSessionToken = m_settings->value(QStringLiteral("hasSessionToken")).toBool();
    a.endpoint = QUrl(m_settings->value(QStringLiteral("endpoint")).toString());
    m_settings->endGroup();
    if (a.accessKeyId.isEmpty())
        return std::nullopt;
    return a;
}

void StoredAccounts::writeSettings(const StoredAccount &account)
{
    // Only non-secret fields: this file is plain text on disk.
    m_settings->beginGroup(kGroup + u'/' + account.name);
    m_settings->setValue(QStringLiteral("accessKeyId"), account.accessKeyId);
    if (account.region.isEmpty())
        m_settings->remove(QStringLiteral("region"));
    else
        m_settings->setValue(QStringLiteral("region"), account.region);
    m_settings->setValue(QStringLiteral("hasSessionToken"), account.hasSessionToken);
    if (account.endpoint.isEmpty())
        m_settings->remove(QStringLiteral("endpoint"));
    else
        m_settings->setValue(QStringLiteral("endpoint"), account.endpoint.toString());
    m_settings->endGroup();
    m_settings->sync();
}

namespace {

QString validateAccount(const StoredAccount &account)
{
    QString error = StoredAccounts::validateName(account.name);
    if (!error.isEmpty())
        return error;
    static const QRegularExpression keyId(QStringLiteral("^[A-Z0-9]{16,128}$"));
    if (!keyId.match(account.accessKeyId).hasMatch())
        return StoredAccounts::tr("The access key ID should be 16 or more capital letters and "
                                  "digits, like AKIAIOSFODNN7EXAMPLE.");
    if (!account.region.isEmpty() && !RegionResolver::isValidRegionName(account.region))
        return StoredAccounts::tr("\"%1\" is not a region name such as eu-west-1.")
            .arg(account.region);
    if (!account.endpoint.isEmpty())
        return EndpointResolver::checkUrl(account.endpoint,
                                          StoredAccounts::tr("account %1").arg(account.name));
    return {};
}

} // namespace

void StoredAccounts::save(const StoredAccount &account, const QString &secretAccessKey,
                          const QString &sessionToken, QObject *context, Done done)
{
    edit(account.name, account, secretAccessKey, sessionToken, context, std::move(done));
}

void StoredAccounts::edit(const QString &oldName, const StoredAccount &input,
                          const std::optional<QString> &secretAccessKey,
                          const std::optional<QString> &sessionToken, QObject *context, Done done)
{
    Done finish = guardedDone(context, std::move(done));
    const QString invalid = validateAccount(input);
    if (!invalid.isEmpty()) {
        finish(invalid);
        return;
    }
    const bool renaming = oldName != input.name;
    const std::optional<StoredAccount> existing = account(oldName);
    if (renaming && !existing) {
        finish(tr("There is no stored account '%1' to change.").arg(oldName));
        return;
    }
    if (renaming && account(input.name)) {
        finish(tr("An account named '%1' already exists.").arg(input.name));
        return;
    }
    if (!existing && (!secretAccessKey || secretAccessKey->isEmpty())) {
        finish(tr("Enter the secret access key of account '%1'.").arg(input.name));
        return;
    }
    if (secretAccessKey && secretAccessKey->isEmpty()) {
        finish(tr("The secret access key cannot be empty."));
        return;
    }

    // Secrets travel through shared buffers that are wiped when the sequence ends.
    struct Secrets {
        QByteArray secret;
        QByteArray token;
        bool haveSecret = false;
        bool haveToken = false;
        bool tokenKnown = false;
        ~Secrets() { secret.fill('\0'); token.fill('\0'); }
    };
    auto secrets = std::make_shared<Secrets>();
    if (secretAccessKey) {
        secrets->secret = secretAccessKey->toUtf8();
        secrets->haveSecret = true;
    }
    if (sessionToken) {
        secrets->token = sessionToken->toUtf8();
        secrets->haveToken = !sessionToken->isEmpty();
        secrets->tokenKnown = true;
    }

    const QString service = m_service;
    const QString oldSecretKey = secretKeyEntry(oldName);
    const QString oldTokenKey = sessionTokenEntry(oldName);
    const QString newSecretKey = secretKeyEntry(input.name);
    const QString newTokenKey = sessionTokenEntry(input.name);
    auto steps = std::make_shared<QList<Step>>();

    // A rename without new secrets moves the stored ones: read them first.
    if (renaming && !secrets->haveSecret)
        steps->append({[=, this] { return KeychainJob::read(service, oldSecretKey, this); },
                       [secrets](const KeychainResult &r) {
                           secrets->secret = r.secret;
                           secrets->haveSecret = r.ok();
                       }});
    if (renaming && !secrets->tokenKnown)
        steps->append({[=, this] { return KeychainJob::read(service, oldTokenKey, this); },
                       [secrets](const KeychainResult &r) {
                           secrets->token = r.secret;
                           secrets->haveToken = r.ok();
                           secrets->tokenKnown = true;
                       }});
    steps->append({[=, this]() -> KeychainJob * {
                       if (!secrets->haveSecret)
                           return nullptr;
                       return KeychainJob::write(service, newSecretKey, secrets->secret, this);
                   },
                   {}});
    steps->append({[=, this]() -> KeychainJob * {
                       if (!secrets->tokenKnown || (renaming && !secrets->haveSecret))
                           return nullptr;
                       return secrets->haveToken
                           ? KeychainJob::write(service, newTokenKey, secrets->token, this)
                           : KeychainJob::remove(service, newTokenKey, this);
                   },
                   {}});
    if (renaming) {
        // Only once the secret exists under the new name: a failed move loses nothing.
        steps->append({[=, this]() -> KeychainJob * {
                           return secrets->haveSecret
                               ? KeychainJob::remove(service, oldSecretKey, this)
                               : nullptr;
                       },
                       {}});
        steps->append({[=, this]() -> KeychainJob * {
                           return secrets->haveSecret
                               ? KeychainJob::remove(service, oldTokenKey, this)
                               : nullptr;
                       },
                       {}});
    }

    const bool previousToken = existing && existing->hasSessionToken;
    runSteps(this, steps, 0, [this, input, oldName, renaming, secrets, previousToken,
                              finish](const QString &error) {
        if (!error.isEmpty()) {
            qCWarning(lcAwsCredentials).noquote()
                << "storing account" << input.name << "failed:" << error;
            finish(tr("Account '%1' was not saved: %2").arg(input.name, error));
            return;
        }
        if (renaming && !secrets->haveSecret) {
            finish(tr("Account '%1' has no secret key in the keychain to move; enter it again.")
                       .arg(oldName));
            return;
        }
        StoredAccount stored = input;
        stored.hasSessionToken = secrets->tokenKnown ? secrets->haveToken : previousToken;
        if (renaming)
            m_settings->remove(kGroup + u'/' + oldName);
        writeSettings(stored);
        qCInfo(lcAwsCredentials) << "stored account" << stored.name << "key"
                                 << stored.accessKeyId;
        emit accountsChanged();
        finish({});
    });
}

void StoredAccounts::remove(const QString &name, QObject *context, Done done)
{
    Done finish = guardedDone(context, std::move(done));
    if (!account(name)) {
        finish(tr("There is no stored account '%1'.").arg(name));
        return;
    }
    const QString service = m_service;
    auto steps = std::make_shared<QList<Step>>();
    steps->append({[=, this] { return KeychainJob::remove(service, secretKeyEntry(name), this); }, {}});
    steps->append({[=, this] { return KeychainJob::remove(service, sessionTokenEntry(name), this); }, {}});
    runSteps(this, steps, 0, [this, name, finish](const QString &error) {
        if (!error.isEmpty()) {
            // Keep the account listed so the user can retry once the keychain works again.
            finish(tr("Account '%1' was not removed: its secrets could not be deleted from the "
                      "keychain: %2").arg(name, error));
            return;
        }
        m_settings->remove(kGroup + u'/' + name);
        m_settings->sync();
        qCInfo(lcAwsCredentials) << "removed account" << name;
        emit accountsChanged();
        finish({});
    });
}

CredentialSource *StoredAccounts::createCredentialSource(const QString &name,
                                                         QObject *parent) const
{
    const std::optional<StoredAccount> stored = account(name);
    if (!stored)
        return new MissingAccountSource(name, parent);
    return new StoredAccountCredentialSource(m_service, *stored, parent);
}

} // namespace flowdesk::aws
