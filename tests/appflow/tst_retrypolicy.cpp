// Standard retry mode: which errors retry, how many attempts, the jittered exponential backoff
// with its 20 s cap, and the quota that stops retries against a dead endpoint.
#include "RetryPolicy.h"

#include <QtTest>

using namespace flowdesk::appflow;
using namespace Qt::StringLiterals;
using std::chrono::milliseconds;

namespace {

AppFlowError httpError(int status, const QByteArray &type = {})
{
    HttpResponse response;
    response.status = status;
    if (!type.isEmpty())
        response.headers = {{"X-Amzn-ErrorType", type}};
    response.body = R"({"message":"m"})";
    return AppFlowError::fromHttpResponse(response, QUrl(u"http://127.0.0.1:1"_s));
}

} // namespace

class TstRetryPolicy : public QObject
{
    Q_OBJECT

private slots:
    void retryableErrors_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("type");
        QTest::addColumn<bool>("retry");
        QTest::newRow("throttling") << 429 << QByteArray("ThrottlingException") << true;
        QTest::newRow("429 bare") << 429 << QByteArray() << true;
        QTest::newRow("throttling code on 400") << 400 << QByteArray("ThrottlingException") << true;
        QTest::newRow("500") << 500 << QByteArray("InternalServerException") << true;
        QTest::newRow("502") << 502 << QByteArray() << true;
        QTest::newRow("503") << 503 << QByteArray() << true;
        QTest::newRow("504") << 504 << QByteArray() << true;
        QTest::newRow("501") << 501 << QByteArray() << false;
        QTest::newRow("validation") << 400 << QByteArray("ValidationException") << false;
        QTest::newRow("access denied") << 403 << QByteArray("AccessDeniedException") << false;
        QTest::newRow("not found") << 404 << QByteArray("ResourceNotFoundException") << false;
        QTest::newRow("conflict") << 409 << QByteArray("ConflictException") << false;
    }
    void retryableErrors()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, type);
        QFETCH(bool, retry);
        RetryPolicy policy(RetryPolicy::Options{}, [] { return 0.5; });
        RetryPolicy::Attempts attempts{1, 0};
        QCOMPARE(policy.retryDelay(httpError(status, type), attempts).has_value(), retry);
    }

    void networkAndTimeoutRetry()
    {
        RetryPolicy policy(RetryPolicy::Options{}, [] { return 0.0; });
        RetryPolicy::Attempts attempts{1, 0};
        QVERIFY(policy.retryDelay(AppFlowError::network(u"reset"_s, QUrl()), attempts));
        QCOMPARE(attempts.quotaAcquired, RetryQuota::retryCost);
        QVERIFY(policy.retryDelay(AppFlowError::timeout(1000, QUrl()), attempts));
        QCOMPARE(attempts.quotaAcquired, RetryQuota::timeoutRetryCost);
        QVERIFY(!policy.retryDelay(AppFlowError::aborted(), attempts));
        QVERIFY(!policy.retryDelay(AppFlowError::invalidRequest(u"f"_s, u"m"_s), attempts));
    }

    void atMostThreeAttempts()
    {
        RetryPolicy policy(RetryPolicy::Options{}, [] { return 0.5; });
        const AppFlowError error = httpError(503);
        RetryPolicy::Attempts attempts;
        attempts.made = 1;
        QVERIFY(policy.retryDelay(error, attempts));
        attempts.made = 2;
        QVERIFY(policy.retryDelay(error, attempts));
        attempts.made = 3;
        QVERIFY(!policy.retryDelay(error, attempts));
    }

    void backoffIsFullJitterExponentialCapped()
    {
        double random = 1.0;
        RetryPolicy policy(RetryPolicy::Options{}, [&] { return random; });
        QCOMPARE(policy.backoff(1), milliseconds(1000));
        QCOMPARE(policy.backoff(2), milliseconds(2000));
        QCOMPARE(policy.backoff(3), milliseconds(4000));
        QCOMPARE(policy.backoff(5), milliseconds(16000));
        QCOMPARE(policy.backoff(6), milliseconds(20000)); // capped
        QCOMPARE(policy.backoff(60), milliseconds(20000));
        random = 0.25;
        QCOMPARE(policy.backoff(3), milliseconds(1000));
        random = 0.0;
        QCOMPARE(policy.backoff(6), milliseconds(0));
        // Out-of-range random values are clamped rather than trusted.
        random = 7.0;
        QCOMPARE(policy.backoff(1), milliseconds(1000));
    }

    void defaultRandomStaysInRange()
    {
        RetryPolicy policy;
        for (int i = 0; i < 200; ++i) {
            const milliseconds delay = policy.backoff(2);
            QVERIFY(delay >= milliseconds(0) && delay <= milliseconds(2000));
        }
    }

    void quotaStopsRetriesAndSuccessRefills()
    {
        RetryPolicy::Options options;
        options.quotaCapacity = 12; // two ordinary retries
        RetryPolicy policy(options, [] { return 0.0; });
        const AppFlowError error = httpError(503);
        RetryPolicy::Attempts first{1, 0};
        QVERIFY(policy.retryDelay(error, first));
        RetryPolicy::Attempts second{1, 0};
        QVERIFY(policy.retryDelay(error, second));
        QCOMPARE(policy.quota().available(), 2);
        RetryPolicy::Attempts third{1, 0};
        QVERIFY(!policy.retryDelay(error, third)); // quota exhausted: fail fast
        QCOMPARE(third.quotaAcquired, 0);
        // A retried request that succeeds refunds what it took.
        policy.recordSuccess(first);
        QCOMPARE(policy.quota().available(), 7);
        // A first-try success earns one unit, never above capacity.
        policy.recordSuccess(RetryPolicy::Attempts{1, 0});
        QCOMPARE(policy.quota().available(), 8);
        for (int i = 0; i < 10; ++i)
            policy.recordSuccess(RetryPolicy::Attempts{1, 0});
        QCOMPARE(policy.quota().available(), 12);
    }
};

QTEST_GUILESS_MAIN(TstRetryPolicy)
#include "tst_retrypolicy.moc"
