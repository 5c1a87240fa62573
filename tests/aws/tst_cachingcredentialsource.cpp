#include "CachingCredentialSource.h"
#include "CredentialTestSupport.h"

#include <QTimer>

using namespace flowdesk::aws;
using namespace std::chrono_literals;

namespace {

// The source being cached: answers a little later (like STS would), numbering each fetch in
// the access key ID so the test sees which fetch it got. Its answers are scripted per test.
class CountingSource : public CredentialSource
{
public:
    using CredentialSource::CredentialSource;

    int fetches = 0;
    int invalidations = 0;
    QDateTime nextExpiration;  // invalid: long-term keys
    QString nextError;

    void requestCredentials(QObject *context, Callback callback) override
    {
        ++fetches;
        CredentialsResult result;
        if (!nextError.isEmpty()) {
            result.error = nextError;
        } else {
            result.credentials.accessKeyId = QStringLiteral("KEY%1").arg(fetches);
            result.credentials.secretAccessKey = QStringLiteral("secret");
            if (nextExpiration.isValid()) {
                result.credentials.sessionToken = QStringLiteral("token");
                result.credentials.expiration = nextExpiration;
            }
        }
        QTimer::singleShot(5, context, [callback, result] { callback(result); });
    }
    void invalidate() override { ++invalidations; }
    QString description() const override { return QStringLiteral("counting"); }
};

} // namespace

class TstCachingCredentialSource : public QObject
{
    Q_OBJECT

private:
    QDateTime m_now = QDateTime(QDate(2030, 1, 1), QTime(12, 0), Qt::UTC);
    CountingSource *m_inner = nullptr;
    std::unique_ptr<CachingCredentialSource> m_cache;

    QString keyNow()
    {
        const auto answer = flowdesk::aws::test::fetch(m_cache.get());
        if (!answer)
            return QStringLiteral("<no answer>");
        return answer->ok() ? answer->credentials.accessKeyId : u"error: " + answer->error;
    }

private slots:
    void init()
    {
        m_inner = new CountingSource;
        m_cache = std::make_unique<CachingCredentialSource>(m_inner);
        m_cache->setClock([this] { return m_now; });
        m_cache->setRefreshMargins(15min, 5min);
    }
    void cleanup() { m_cache.reset(); }

    void longTermKeysFetchedOnce()
    {
        QCOMPARE(keyNow(), QStringLiteral("KEY1"));
        m_now = m_now.addYears(5);
        QCOMPARE(keyNow(), QStringLiteral("KEY1"));
        QCOMPARE(m_inner->fetches, 1);
        QCOMPARE(m_cache->description(), QStringLiteral("counting"));
    }

    void temporaryKeysCachedUntilAdvisoryMargin()
    {
        m_inner->nextExpiration = m_now.addSecs(3600);
        QSignalSpy refreshed(m_cache.get(), &CachingCredentialSource::refreshed);
        QCOMPARE(keyNow(), QStringLiteral("KEY1"));
        m_now = m_now.addSecs(30 * 60);
        QCOMPARE(keyNow(), QStringLiteral("KEY1"));
        QCOMPARE(m_inner->fetches, 1);
        QCOMPARE(refreshed.count(), 1);
        QCOMPARE(refreshed.first().at(0).toString(), QStringLiteral("KEY1"));
    }

    void advisoryMarginRefreshesInBackground()
    {
        m_inner->nextExpiration = m_now.addSecs(3600);
        QCOMPARE(keyNow(), QStringLiteral("KEY1"));
        m_now = m_now.addSecs(50 * 60); // 10 minutes left: advisory, not mandatory
        m_inner->nextExpiration = m_now.addSecs(3600);
        // The caller is not kept waiting: the old credentials come back at once…
        bool immediate = false;
        m_cache->requestCredentials(nullptr, [&](const CredentialsResult &r) {
            immediate = r.credentials.accessKeyId == QStringLiteral("KEY1");
        });
        QVERIFY(immediate);
        // …and the refreshed ones replace them.
        QTRY_COMPARE(m_inner->fetches, 2);
        QTRY_COMPARE(keyNow(), QStringLiteral("KEY2"));
    }

    void failedAdvisoryRefreshKeepsOldCredentials()
    {
        m_inner->nextExpiration = m_now.addSecs(3600);
        QCOMPARE(keyNow(), QStringLiteral("KEY1"));
        m_now = m_now.addSecs(50 * 60);
        m_inner->nextError = QStringLiteral("STS is down");
        QCOMPARE(keyNow(), QStringLiteral("KEY1"));
        QTRY_COMPARE(m_inner->fetches, 2);
        QCOMPARE(keyNow(), QStringLiteral("KEY1"));
    }

    void mandatoryMarginWaitsForFreshCredentials()
    {
        m_inner->nextExpiration = m_now.addSecs(3600);
        QCOMPARE(keyNow(), QStringLiteral("KEY1"));
        m_now = m_now.addSecs(57 * 60); // 3 minutes left
        m_inner->nextExpiration = m_now.addSecs(3600);
        QCOMPARE(keyNow(), QStringLiteral("KEY2"));
    }

    void expiredAndRefreshFailingIsAnError()
    {
        m_inner->nextExpiration = m_now.addSecs(3600);
        QCOMPARE(keyNow(), QStringLiteral("KEY1"));
        m_now = m_now.addSecs(2 * 3600);
        m_inner->nextError = QStringLiteral("STS is down");
        QCOMPARE(keyNow(), QStringLiteral("error: STS is down"));
    }

    void invalidateForcesAFreshFetch()
    {
        QCOMPARE(keyNow(), QStringLiteral("KEY1"));
        m_cache->invalidate();
        QCOMPARE(m_inner->invalidations, 1);
        QCOMPARE(keyNow(), QStringLiteral("KEY2"));
    }

    void invalidateDuringFetchDiscardsStaleAnswer()
    {
        QString got;
        m_cache->requestCredentials(nullptr, [&](const CredentialsResult &r) {
            got = r.credentials.accessKeyId;
        });
        m_cache->invalidate(); // the service rejected the credentials while a fetch ran
        QTRY_VERIFY(!got.isEmpty());
        QCOMPARE(got, QStringLiteral("KEY2"));
    }

    void concurrentCallersShareOneFetch()
    {
        int answers = 0;
        for (int i = 0; i < 5; ++i)
            m_cache->requestCredentials(nullptr, [&](const CredentialsResult &r) {
                if (r.ok())
                    ++answers;
            });
        QTRY_COMPARE(answers, 5);
        QCOMPARE(m_inner->fetches, 1);
    }

    void errorsAreNotCached()
    {
        m_inner->nextError = QStringLiteral("nope");
        QCOMPARE(keyNow(), QStringLiteral("error: nope"));
        m_inner->nextError.clear();
        QCOMPARE(keyNow(), QStringLiteral("KEY2"));
    }
};

QTEST_GUILESS_MAIN(TstCachingCredentialSource)
#include "tst_cachingcredentialsource.moc"
