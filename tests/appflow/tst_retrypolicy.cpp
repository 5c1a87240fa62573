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

    // The standard retry mode step by step, as the AWS SDKs' "Retry Behavior 2.0" cases define
    // it: jitter fixed at 1 (so the delay is the full exponential step), base 1 s, and after
    // every answer the quota left and the delay before the next attempt ("-": none, the request
    // ends). Cases 1-6 are the SDKs' own; the rest cover timeouts (cost 10), throttling (cost 5,
    // like any retryable error), and the +1 a first-try success earns up to the capacity.
    // Each step: "answer:outcome:quota:delay-ms". Answers: ok, 500, 502, 429, timeout.
    void standardModeTable_data()
    {
        QTest::addColumn<int>("available");
        QTest::addColumn<int>("maxAttempts");
        QTest::addColumn<int>("maxBackoffMs");
        QTest::addColumn<QString>("steps");
        QTest::newRow("1 eventual success") << 500 << 3 << 20000
            << u"500:retry:495:1000 500:retry:490:2000 ok:success:495:-"_s;
        QTest::newRow("2 max attempts reached") << 500 << 3 << 20000
            << u"502:retry:495:1000 502:retry:490:2000 502:maxAttempts:490:-"_s;
        QTest::newRow("3 quota exhausted after one retry") << 5 << 3 << 20000
            << u"500:retry:0:1000 502:quotaExceeded:0:-"_s;
        QTest::newRow("4 no quota at all") << 0 << 3 << 20000
            << u"500:quotaExceeded:0:-"_s;
        QTest::newRow("5 exponential backoff") << 500 << 5 << 20000
            << u"500:retry:495:1000 500:retry:490:2000 500:retry:485:4000 500:retry:480:8000 500:maxAttempts:480:-"_s;
        QTest::newRow("6 max backoff cap") << 500 << 5 << 3000
            << u"500:retry:495:1000 500:retry:490:2000 500:retry:485:3000 500:retry:480:3000 500:maxAttempts:480:-"_s;
        QTest::newRow("20 s cap of the default") << 500 << 8 << 20000
            << u"429:retry:495:1000 429:retry:490:2000 429:retry:485:4000 429:retry:480:8000 429:retry:475:16000 429:retry:470:20000 429:retry:465:20000 ok:success:470:-"_s;
        QTest::newRow("timeouts cost 10") << 500 << 3 << 20000
            << u"timeout:retry:490:1000 timeout:retry:480:2000 ok:success:490:-"_s;
        QTest::newRow("timeout needs 10 of 5 left") << 5 << 3 << 20000
            << u"timeout:quotaExceeded:5:-"_s;
        QTest::newRow("first-try success earns 1") << 498 << 3 << 20000
            << u"ok:success:499:- ok:success:500:- ok:success:500:-"_s;
    }
    void standardModeTable()
    {
        QFETCH(int, available);
        QFETCH(int, maxAttempts);
        QFETCH(int, maxBackoffMs);
        QFETCH(QString, steps);
        RetryPolicy::Options options;
        options.maxAttempts = maxAttempts;
        options.baseDelay = milliseconds(1000);
        options.maxBackoff = milliseconds(maxBackoffMs);
        options.quotaCapacity = 500;
        options.quotaAvailable = available;
        RetryPolicy policy(options, [] { return 1.0; });
        RetryPolicy::Attempts attempts;
        int step = 0;
        for (const QString &text : steps.split(u' ')) {
            const QStringList part = text.split(u':');
            QVERIFY2(part.size() == 4, qPrintable(text));
            const QString answer = part.at(0);
            const QString outcome = part.at(1);
            const int quota = part.at(2).toInt();
            const QString where = u"step %1 (%2)"_s.arg(step++).arg(text);
            ++attempts.made; // the attempt that got this answer
            if (answer == u"ok"_s) {
                QCOMPARE(outcome, u"success"_s);
                policy.recordSuccess(attempts);
                attempts = {}; // the next step is a new request
            } else {
                const AppFlowError error = answer == u"timeout"_s
                                               ? AppFlowError::timeout(1000, QUrl())
                                               : httpError(answer.toInt());
                const auto delay = policy.retryDelay(error, attempts);
                if (outcome == u"retry"_s) {
                    QVERIFY2(delay.has_value(), qPrintable(where));
                    QCOMPARE(delay->count(), part.at(3).toLongLong());
                } else {
                    QVERIFY2(!delay.has_value(), qPrintable(where));
                    if (outcome == u"maxAttempts"_s)
                        QCOMPARE(attempts.made, maxAttempts);
                    else
                        QCOMPARE(outcome, u"quotaExceeded"_s);
                }
            }
            QVERIFY2(policy.quota().available() == quota,
                     qPrintable(where + u": quota "_s + QString::number(policy.quota().available())));
        }
    }
};

QTEST_GUILESS_MAIN(TstRetryPolicy)
#include "tst_retrypolicy.moc"
