// The simulator's AWS-style rate limits (--rate-limit OP=TPS[:BURST]) as token buckets, with
// explicit times: burst, refill, per operation, per caller, the most specific rule.
#include <RateLimits.h>

#include <QtTest>

using namespace flowdesk::sim;

class TstRateLimits : public QObject
{
    Q_OBJECT

private slots:
    void burstThenRefillAtTheRate()
    {
        QString error;
        const auto limit = RateLimit::parse(QStringLiteral("ListFlows=2:3"), &error);
        QVERIFY2(limit, qPrintable(error));
        RateLimiter limiter({*limit});
        const QString account = QStringLiteral("123456789012/us-east-1");
        for (int i = 0; i < 3; ++i)
            QVERIFY(limiter.admit(account, QStringLiteral("ListFlows"), 0));
        QVERIFY(!limiter.admit(account, QStringLiteral("ListFlows"), 0));
        QVERIFY(!limiter.admit(account, QStringLiteral("ListFlows"), 0.4));  // 0.8 of a token
        QVERIFY(limiter.admit(account, QStringLiteral("ListFlows"), 0.5));   // 1.0
        QVERIFY(!limiter.admit(account, QStringLiteral("ListFlows"), 0.5));
        // A long pause refills up to the burst, not beyond.
        for (int i = 0; i < 3; ++i)
            QVERIFY(limiter.admit(account, QStringLiteral("ListFlows"), 100));
        QVERIFY(!limiter.admit(account, QStringLiteral("ListFlows"), 100));
        // Other operations have no rule; another account has its own bucket.
        QVERIFY(limiter.admit(account, QStringLiteral("DescribeFlow"), 100));
        QVERIFY(limiter.admit(QStringLiteral("210987654321/us-east-1"), QStringLiteral("ListFlows"), 100));
    }

    void starIsPerOperationAndTheOwnRuleWins()
    {
        QString error;
        RateLimiter limiter({*RateLimit::parse(QStringLiteral("*=1"), &error),
                             *RateLimit::parse(QStringLiteral("CancelFlowExecutions=5:5"), &error)});
        const QString account = QStringLiteral("a");
        QVERIFY(limiter.admit(account, QStringLiteral("ListFlows"), 0));
        QVERIFY(!limiter.admit(account, QStringLiteral("ListFlows"), 0));
        QVERIFY(limiter.admit(account, QStringLiteral("DescribeFlow"), 0)); // its own bucket
        for (int i = 0; i < 5; ++i)
            QVERIFY(limiter.admit(account, QStringLiteral("CancelFlowExecutions"), 0));
        QVERIFY(!limiter.admit(account, QStringLiteral("CancelFlowExecutions"), 0));
    }

    void badRulesSayWhatIsExpected_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("no =") << QStringLiteral("ListFlows") << QStringLiteral("OP=TPS[:BURST]");
        QTest::newRow("unknown op") << QStringLiteral("DeleteFlow=1") << QStringLiteral("\"DeleteFlow\"");
        QTest::newRow("zero") << QStringLiteral("ListFlows=0") << QStringLiteral("above 0");
        QTest::newRow("nan") << QStringLiteral("ListFlows=nan") << QStringLiteral("TPS");
        QTest::newRow("burst") << QStringLiteral("ListFlows=1:0") << QStringLiteral("BURST");
        QTest::newRow("two colons") << QStringLiteral("ListFlows=1:2:3") << QStringLiteral("':'");
    }

    void badRulesSayWhatIsExpected()
    {
        QFETCH(QString, text);
        QFETCH(QString, mentions);
        QString error;
        QVERIFY(!RateLimit::parse(text, &error));
        QVERIFY2(error.contains(mentions), qPrintable(error));
        QVERIFY2(error.contains(text), qPrintable(error));
    }
};

QTEST_APPLESS_MAIN(TstRateLimits)
#include "tst_ratelimits.moc"
