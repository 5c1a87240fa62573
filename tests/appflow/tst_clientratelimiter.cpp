// The adaptive retry mode's rate limiter (ClientRateLimiter and its parts) against botocore's own
// implementation: the table below was printed by tests/appflow/adaptive_table_from_botocore.py,
// which drives botocore.retries.adaptive.ClientRateLimiter (with its CubicCalculator,
// RateClocker and TokenBucket) through the same steps with a fixed clock. botocore is the
// arbiter; if the two disagree, this code is wrong.
#include <ClientRateLimiter.h>

#include <QtTest>

using namespace flowdesk::appflow;

class TstClientRateLimiter : public QObject
{
    Q_OBJECT

private slots:
    // botocore's tests/unit/retries/test_throttling.py, hand-verified values.
    void cubicZeroPointAndThrottle()
    {
        CubicRateCalculator cubic(10, 0);
        QVERIFY(qAbs(cubic.zeroPoint() - 1.9574338205844317) < 1e-12);
        QVERIFY(cubic.successReceived(cubic.zeroPoint() / 2) <= 10);
        QVERIFY(qAbs(cubic.successReceived(cubic.zeroPoint()) - 10) < 1e-9);
        QVERIFY(cubic.successReceived(cubic.zeroPoint() * 1.1) >= 10);
        QVERIFY(qAbs(cubic.errorReceived(8, 1) - 8 * 0.7) < 1e-12);
        QCOMPARE(cubic.maxRate(), 8.0);
        QVERIFY(qAbs(cubic.zeroPoint() - 1.8171205928321397) < 1e-12);
        QCOMPARE(cubic.lastFailure(), 1.0);
        // Right after the throttle the rate restarts at β × the rate then.
        QVERIFY(qAbs(cubic.successReceived(1) - 8 * 0.7) < 1e-9);
    }

    void bucketNeverBelowItsMinimumRateOrOneToken()
    {
        SendTokenBucket bucket(1, 0);
        QCOMPARE(bucket.available(), 0.0); // starts empty
        bucket.setMaxRate(0.1, 0);
        QCOMPARE(bucket.maxRate(), SendTokenBucket::kMinRate);
        QCOMPARE(bucket.capacity(), 1.0);
        QCOMPARE(bucket.tryAcquire(0), 2.0);  // one token at 0.5/s
        QCOMPARE(bucket.tryAcquire(2), 0.0);
        bucket.setMaxRate(10, 2);
        QCOMPARE(bucket.capacity(), 10.0);
        QVERIFY(qAbs(bucket.tryAcquire(2.05) - 0.05) < 1e-12); // half a token there: 0.05 s more
        QCOMPARE(bucket.tryAcquire(2.1), 0.0);
    }

    void throttleBeforeTheFirstMeasurement()
    {
        // A new client meets a bucket of 20/s with a burst of 20: twenty answers, then a
        // throttle, all inside the meter's first half second. botocore would go on at its
        // 0.5/s floor (measured rate 0); here the 20 accepted answers over (at least) a second
        // stand in: 20 × β = 14/s, and CUBIC climbs back from there.
        ClientRateLimiter limiter(10.0);
        for (int i = 0; i < 30; ++i)
            QCOMPARE(limiter.acquireDelay(10.0 + i * 0.002), 0.0);
        for (int i = 0; i < 20; ++i)
            limiter.recordResponse(false, 10.05 + i * 0.001);
        QVERIFY(!limiter.enabled());
        limiter.recordResponse(true, 10.1);
        QVERIFY(limiter.enabled());
        QVERIFY2(qAbs(limiter.sendRate() - 14.0) < 1e-9, qPrintable(QString::number(limiter.sendRate())));
        QVERIFY2(qAbs(limiter.cubic().maxRate() - 20.0) < 1e-9, qPrintable(QString::number(limiter.cubic().maxRate())));
        // More throttles in the same half second: each takes β of the rate then, never the floor.
        limiter.recordResponse(true, 10.2);
        QVERIFY2(qAbs(limiter.sendRate() - 9.8) < 1e-9, qPrintable(QString::number(limiter.sendRate())));
        // The first bucket ends: from now on the measured rate is botocore's.
        limiter.recordResponse(false, 10.6);
        QVERIFY(limiter.measuredRate() > 0);
        QVERIFY(limiter.sendRate() <= SendTokenBucket::kMinRate + 2 * limiter.measuredRate());
    }

    void oneDecreasePerCongestionEvent()
    {
        // Ten requests in flight meet an empty bucket together: one decrease, not ten.
        ClientRateLimiter limiter(0.0);
        for (int i = 0; i < 40; ++i) {
            QCOMPARE(limiter.acquireDelay(i * 0.05), 0.0);
            limiter.recordResponse(false, i * 0.05 + 0.05, i * 0.05);
        }
        QVERIFY(limiter.measuredRate() > 0);
        limiter.recordResponse(true, 2.06, 2.0);
        const double afterFirst = limiter.sendRate();
        QVERIFY2(qAbs(afterFirst - SendTokenBucket::kMinRate) > 1, qPrintable(QString::number(afterFirst)));
        for (int i = 1; i < 10; ++i)
            limiter.recordResponse(true, 2.06 + i * 0.001, 2.0 + i * 0.001); // all sent before the decrease
        QCOMPARE(limiter.sendRate(), afterFirst);
        // A request sent after the decrease and throttled is a new event: the rate goes down again.
        limiter.recordResponse(true, 2.3, 2.2);
        QVERIFY(limiter.sendRate() < afterFirst);
        // Without send times (botocore's call), every throttle decreases.
        ClientRateLimiter botocore(0.0);
        for (int i = 0; i < 40; ++i) {
            botocore.acquireDelay(i * 0.05);
            botocore.recordResponse(false, i * 0.05 + 0.05);
        }
        botocore.recordResponse(true, 2.06);
        const double once = botocore.sendRate();
        botocore.recordResponse(true, 2.061);
        QVERIFY(botocore.sendRate() < once);
    }

    void followsBotocore_data()
    {
        QTest::addColumn<QString>("step");
        QTest::addColumn<double>("measured");
        QTest::addColumn<bool>("enabled");
        QTest::addColumn<double>("rate");
        QTest::addColumn<double>("available");
        QTest::addColumn<QString>("wait");
        // step, measured send rate, limiter on, bucket rate, tokens, wait before a send
        QTest::newRow("0.1:send")<< "0.1:send" << 0.0 << false << 1.0 << 0.0 << "0";
        QTest::newRow("0.2:ok")<< "0.2:ok" << 0.0 << false << 0.5 << 0.2 << "";
        QTest::newRow("0.6:ok")<< "0.6:ok" << 3.2 << false << 0.5 << 0.4 << "";
        QTest::newRow("1.0:ok")<< "1.0:ok" << 2.24 << false << 0.5 << 0.6 << "";
        QTest::newRow("1.2:ok")<< "1.2:ok" << 2.24 << false << 0.6912 << 0.7 << "";
        QTest::newRow("1.6:ok")<< "1.6:ok" << 3.648 << false << 1.6384 << 0.97648 << "";
        QTest::newRow("2.0:ok")<< "2.0:ok" << 2.3296 << false << 3.2 << 1.63184 << "";
        QTest::newRow("2.2:thr")<< "2.2:thr" << 2.3296 << true << 1.63072 << 1.63072 << "";
        QTest::newRow("2.3:send")<< "2.3:send" << 2.3296 << true << 1.63072 << 0.63072 << "0";
        QTest::newRow("2.4:send")<< "2.4:send" << 2.3296 << true << 1.63072 << 0.793792 << "0.126452119";
        QTest::newRow("2.5:ok")<< "2.5:ok" << 3.66592 << true << 2.03367469 << 0.956864 << "";
        QTest::newRow("3.0:ok")<< "3.0:ok" << 2.333184 << true << 2.30314036 << 1.97370135 << "";
        QTest::newRow("3.2:send")<< "3.2:send" << 2.333184 << true << 2.30314036 << 1.30314036 << "0";
        QTest::newRow("3.5:thr")<< "3.5:thr" << 2.0666368 << true << 1.44664576 << 1.44664576 << "";
        QTest::newRow("4.0:send")<< "4.0:send" << 2.0666368 << true << 1.44664576 << 0.44664576 << "0";
        QTest::newRow("4.1:ok")<< "4.1:ok" << 2.01332736 << true << 1.99740569 << 0.591310336 << "";
        QTest::newRow("5.0:ok")<< "5.0:ok" << 1.20266547 << true << 2.08273748 << 1.99740569 << "";
        QTest::newRow("6.0:ok")<< "6.0:ok" << 1.04053309 << true << 2.08106619 << 2.08106619 << "";
        QTest::newRow("7.5:ok")<< "7.5:ok" << 0.741439952 << true << 1.4828799 << 1.4828799 << "";
        QTest::newRow("8.0:send")<< "8.0:send" << 0.741439952 << true << 1.4828799 << 0.482879904 << "0";
        QTest::newRow("8.1:send")<< "8.1:send" << 0.741439952 << true << 1.4828799 << 0.631167895 << "0.248726889";
        QTest::newRow("10.0:ok")<< "10.0:ok" << 0.46828799 << true << 0.936575981 << 1.0 << "";
        QTest::newRow("12.0:ok")<< "12.0:ok" << 0.493657598 << true << 0.987315196 << 1.0 << "";
        QTest::newRow("12.5:thr")<< "12.5:thr" << 1.69873152 << true << 0.691120637 << 1.0 << "";
        QTest::newRow("13.0:send")<< "13.0:send" << 1.69873152 << true << 0.691120637 << 0.0 << "0";
        QTest::newRow("13.05:send")<< "13.05:send" << 1.69873152 << true << 0.691120637 << 0.0345560319 << "1.39692539";
    }

    void followsBotocore()
    {
        // The steps run in order, on one limiter: each row sees the state the earlier rows left.
        static ClientRateLimiter limiter(0);
        QFETCH(QString, step);
        QFETCH(double, measured);
        QFETCH(bool, enabled);
        QFETCH(double, rate);
        QFETCH(double, available);
        QFETCH(QString, wait);

        const double now = step.section(u':', 0, 0).toDouble();
        const QString what = step.section(u':', 1);
        QString waited;
        if (what == u"send")
            waited = QString::number(limiter.acquireDelay(now), 'g', 9);
        else
            limiter.recordResponse(what == u"thr", now);
        const auto near = [](double a, double b) { return qAbs(a - b) <= 1e-7 * qMax(1.0, qAbs(b)); };
        QVERIFY2(near(limiter.measuredRate(), measured), qPrintable(QString::number(limiter.measuredRate(), 'g', 12)));
        QCOMPARE(limiter.enabled(), enabled);
        QVERIFY2(near(limiter.sendRate(), rate), qPrintable(QString::number(limiter.sendRate(), 'g', 12)));
        QVERIFY2(near(limiter.bucket().available(), available),
                 qPrintable(QString::number(limiter.bucket().available(), 'g', 12)));
        if (!wait.isEmpty())
            QVERIFY2(near(waited.toDouble(), wait.toDouble()), qPrintable(waited));
    }
};

QTEST_APPLESS_MAIN(TstClientRateLimiter)
#include "tst_clientratelimiter.moc"
