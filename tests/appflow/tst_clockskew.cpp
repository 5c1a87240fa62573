// Clock-skew correction from the HTTP Date header.
#include "ClockSkew.h"

#include <QtTest>

using flowdesk::appflow::ClockSkew;
using flowdesk::appflow::HttpResponse;
using namespace Qt::StringLiterals;

class TstClockSkew : public QObject
{
    Q_OBJECT

private slots:
    void parsesHttpDates()
    {
        const QDateTime expected(QDate(1994, 11, 6), QTime(8, 49, 37), Qt::UTC);
        QCOMPARE(ClockSkew::parseHttpDate("Sun, 06 Nov 1994 08:49:37 GMT"), expected);
        QCOMPARE(ClockSkew::parseHttpDate("Sun, 06 Nov 1994 08:49:37 +0000"), expected);
        QVERIFY(!ClockSkew::parseHttpDate(""));
        QVERIFY(!ClockSkew::parseHttpDate("yesterday"));
    }

    void learnsOffset()
    {
        ClockSkew skew;
        const QDateTime local(QDate(2024, 5, 1), QTime(12, 0, 0), Qt::UTC);
        QCOMPARE(skew.correct(local), local);
        HttpResponse response;
        response.headers = {{"date", "Wed, 01 May 2024 13:00:05 GMT"}};
        QVERIFY(skew.learnFrom(response, local));
        QCOMPARE(skew.offsetMs(), 3605000);
        QCOMPARE(skew.correct(local.addSecs(10)), local.addSecs(3615));

        HttpResponse noDate;
        QVERIFY(!skew.learnFrom(noDate, local));
        QCOMPARE(skew.offsetMs(), 3605000); // unchanged
    }
};

QTEST_GUILESS_MAIN(TstClockSkew)
#include "tst_clockskew.moc"
