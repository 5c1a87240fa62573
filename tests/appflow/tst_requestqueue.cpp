// Bounded concurrency: at most N started, FIFO, cancel while waiting, next starts from the loop.
#include "RequestQueue.h"

#include <QtTest>

using flowdesk::appflow::RequestQueue;

class TstRequestQueue : public QObject
{
    Q_OBJECT

private slots:
    void boundsAndOrder()
    {
        RequestQueue queue(2);
        QList<int> started;
        for (int i = 0; i < 5; ++i)
            queue.enqueue([&started, i] { started << i; });
        QCOMPARE(started, (QList<int>{0, 1}));
        QCOMPARE(queue.inFlight(), 2);
        QCOMPARE(queue.waiting(), 3);

        queue.release();
        // Not from inside release(): the next one starts from the event loop.
        QCOMPARE(started.size(), 2);
        QTRY_COMPARE(started, (QList<int>{0, 1, 2}));
        QCOMPARE(queue.inFlight(), 2);
        queue.release();
        queue.release();
        QTRY_COMPARE(started, (QList<int>{0, 1, 2, 3, 4}));
        QCOMPARE(queue.waiting(), 0);
    }

    void cancelWaiting()
    {
        RequestQueue queue(1);
        QList<int> started;
        queue.enqueue([&] { started << 0; });
        const auto second = queue.enqueue([&] { started << 1; });
        queue.enqueue([&] { started << 2; });
        QVERIFY(queue.cancel(second));
        QVERIFY(!queue.cancel(second));
        queue.release();
        QTRY_COMPARE(started, (QList<int>{0, 2}));
    }

    void raisingTheLimitStartsWaiting()
    {
        RequestQueue queue(1);
        int started = 0;
        for (int i = 0; i < 4; ++i)
            queue.enqueue([&] { ++started; });
        QCOMPARE(started, 1);
        queue.setMaxInFlight(3);
        QTRY_COMPARE(started, 3);
        QCOMPARE(queue.maxInFlight(), 3);
        queue.setMaxInFlight(0); // clamped: never zero, which would stall everything
        QCOMPARE(queue.maxInFlight(), 1);
    }

    void newcomersDoNotJumpTheQueue()
    {
        RequestQueue queue(1);
        QList<int> started;
        queue.enqueue([&] { started << 0; });
        queue.enqueue([&] { started << 1; });
        queue.release();
        // A slot is free now but #1 is waiting: #2 must queue behind it.
        queue.enqueue([&] { started << 2; });
        QTRY_COMPARE(started, (QList<int>{0, 1}));
        queue.release();
        QTRY_COMPARE(started, (QList<int>{0, 1, 2}));
    }
};

QTEST_GUILESS_MAIN(TstRequestQueue)
#include "tst_requestqueue.moc"
