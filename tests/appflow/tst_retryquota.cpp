// The retry token bucket on its own.
#include "RetryQuota.h"

#include <QtTest>

using flowdesk::appflow::RetryQuota;

class TstRetryQuota : public QObject
{
    Q_OBJECT

private slots:
    void acquireAndRelease()
    {
        RetryQuota quota(10);
        QCOMPARE(quota.available(), 10);
        QVERIFY(quota.acquire(5));
        QVERIFY(quota.acquire(5));
        QVERIFY(!quota.acquire(1));
        QCOMPARE(quota.available(), 0);
        quota.release(3);
        QCOMPARE(quota.available(), 3);
        QVERIFY(!quota.acquire(5));
        QCOMPARE(quota.available(), 3); // a failed acquire takes nothing
        quota.release(100);
        QCOMPARE(quota.available(), 10);
        quota.release(-5);
        QCOMPARE(quota.available(), 10);
    }

    void defaults()
    {
        RetryQuota quota;
        QCOMPARE(quota.capacity(), 500);
        // 500 / 5: a dead endpoint gets at most 100 retries before they stop.
        int retries = 0;
        while (quota.acquire(RetryQuota::retryCost))
            ++retries;
        QCOMPARE(retries, 100);
    }
};

QTEST_GUILESS_MAIN(TstRetryQuota)
#include "tst_retryquota.moc"
