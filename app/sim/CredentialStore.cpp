#include "CredentialStore.h"

#include <QRandomGenerator>

namespace flowdesk::sim {
namespace {

QString randomFrom(const char *alphabet, int alphabetSize, int length)
{
    QString text;
    text.reserve(length);
    for (int i = 0; i < length; ++i)
        text.append(QLatin1Char(alphabet[QRandomGenerator::system()->bounded(alphabetSize)]));
    return text;
}

} // namespace

CredentialStore::CredentialStore(const aws::Credentials &longTerm, const QString &principalArn)
{
    m_entries.insert(longTerm.accessKeyId, Entry{longTerm, principalArn});
}

std::optional<CredentialStore::Entry> CredentialStore::find(const QString &accessKeyId) const
{
    const auto it = m_entries.constFind(accessKeyId);
    if (it == m_entries.constEnd())
        return std::nullopt;
    return *it;
}

aws::Credentials CredentialStore::issue(const QString &principalArn, int lifetimeSeconds,
                                        const QDateTime &now)
{
    aws::Credentials credentials;
    do {
        credentials.accessKeyId = randomAccessKeyId(QStringLiteral("ASIA"));
    } while (m_entries.contains(credentials.accessKeyId));
    credentials.secretAccessKey = randomSecretAccessKey();
    // Real session tokens are long opaque base64 blobs; clients must cope with their size.
    credentials.sessionToken = QStringLiteral("FwoGZXIvYXdzE")
        + randomFrom("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", 64, 343);
    // Whole seconds, as STS reports them.
    credentials.expiration =
        QDateTime::fromSecsSinceEpoch(now.toSecsSinceEpoch() + lifetimeSeconds, Qt::UTC);
    m_entries.insert(credentials.accessKeyId, Entry{credentials, principalArn});
    return credentials;
}

QString CredentialStore::randomSecretAccessKey()
{
    return randomFrom("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", 64, 40);
}

QString CredentialStore::randomAccessKeyId(const QString &prefix)
{
    return prefix + randomFrom("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 32, 16);
}

} // namespace flowdesk::sim
