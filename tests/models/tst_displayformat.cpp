#include "DisplayFormat.h"

#include <QtTest>
#include <QTimeZone>

using flowdesk::models::DisplayFormat;
using flowdesk::appflow::ExecutionStatus;
using flowdesk::appflow::FlowStatus;
using flowdesk::appflow::TriggerType;

class TstDisplayFormat : public QObject
{
    Q_OBJECT

private slots:
    void durations_data()
    {
        QTest::addColumn<qint64>("ms");
        QTest::addColumn<QString>("text");
        QTest::newRow("negative") << qint64(-5000) << QStringLiteral("0 s");
        QTest::newRow("zero") << qint64(0) << QStringLiteral("0 s");
        QTest::newRow("sub-second") << qint64(999) << QStringLiteral("0 s");
        QTest::newRow("seconds") << qint64(45'000) << QStringLiteral("45 s");
        QTest::newRow("minutes") << qint64(192'000) << QStringLiteral("3 min 12 s");
        QTest::newRow("exact minute") << qint64(60'000) << QStringLiteral("1 min 0 s");
        QTest::newRow("hours") << qint64((2 * 3600 + 5 * 60 + 59) * 1000LL) << QStringLiteral("2 h 05 min");
        QTest::newRow("days") << qint64((3 * 86400 + 4 * 3600 + 30) * 1000LL) << QStringLiteral("3 d 4 h");
    }
    void durations()
    {
        QFETCH(qint64, ms);
        QFETCH(QString, text);
        QCOMPARE(DisplayFormat::duration(ms), text);
    }

    void relativeTimes_data()
    {
        QTest::addColumn<qint64>("secondsAgo");
        QTest::addColumn<QString>("text");
        QTest::newRow("now") << qint64(0) << QStringLiteral("just now");
        QTest::newRow("skew") << qint64(-30) << QStringLiteral("just now");
        QTest::newRow("seconds") << qint64(42) << QStringLiteral("42 s ago");
        QTest::newRow("minutes") << qint64(150) << QStringLiteral("2 min ago");
        QTest::newRow("hours") << qint64(5 * 3600 + 59 * 60) << QStringLiteral("5 h ago");
        QTest::newRow("days") << qint64(6 * 86400) << QStringLiteral("6 d ago");
    }
    void relativeTimes()
    {
        QFETCH(qint64, secondsAgo);
        QFETCH(QString, text);
        const QDateTime now(QDate(2024, 5, 1), QTime(12, 0), Qt::UTC);
        QCOMPARE(DisplayFormat::relativeTime(now.addSecs(-secondsAgo), now, QLocale::c()), text);
    }

    void oldOrFutureTimesShowTheDate()
    {
        const QDateTime now(QDate(2024, 5, 1), QTime(12, 0), Qt::UTC);
        const QLocale c = QLocale::c();
        const QDateTime old = now.addDays(-8);
        QCOMPARE(DisplayFormat::relativeTime(old, now, c), c.toString(old.toLocalTime(), QLocale::ShortFormat));
        const QDateTime future = now.addSecs(600);
        QCOMPARE(DisplayFormat::relativeTime(future, now, c), c.toString(future.toLocalTime(), QLocale::ShortFormat));
        QCOMPARE(DisplayFormat::relativeTime(QDateTime(), now, c), QStringLiteral("\u2014"));
    }

    void exactTimeNamesLocalAndUtc()
    {
        const QDateTime time(QDate(2024, 5, 1), QTime(12, 3, 4, 123), Qt::UTC);
        const QString text = DisplayFormat::exactTime(time);
        QVERIFY2(text.endsWith(QStringLiteral("(2024-05-01T12:03:04.123Z)")), qPrintable(text));
        QVERIFY2(text.startsWith(time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"))), qPrintable(text));
        QCOMPARE(DisplayFormat::exactTime(QDateTime()), QStringLiteral("\u2014"));
        const QDateTime local = time.toLocalTime();
        QVERIFY2(text.contains(local.timeZone().displayName(local, QTimeZone::OffsetName)), qPrintable(text));
    }

    void utcOffsetNamesAsQTimeZoneDoes()
    {
        QCOMPARE(DisplayFormat::utcOffsetName(0), QStringLiteral("UTC+00:00"));
        QCOMPARE(DisplayFormat::utcOffsetName(2 * 3600), QStringLiteral("UTC+02:00"));
        QCOMPARE(DisplayFormat::utcOffsetName(-(3 * 3600 + 30 * 60)), QStringLiteral("UTC-03:30"));
        QCOMPARE(DisplayFormat::utcOffsetName(5 * 3600 + 45 * 60), QStringLiteral("UTC+05:45"));
        for (int offset : {-12 * 3600, -(9 * 3600 + 30 * 60), 0, 3600, 5 * 3600 + 30 * 60, 14 * 3600}) {
            const QTimeZone zone(offset);
            const QDateTime at(QDate(2024, 5, 1), QTime(12, 0), zone);
            QCOMPARE(DisplayFormat::utcOffsetName(offset), zone.displayName(at, QTimeZone::OffsetName));
        }
    }

    void sizesAndCounts()
    {
        const QLocale c = QLocale::c();
        QCOMPARE(DisplayFormat::dataSize(1536, c), QStringLiteral("1.50 KiB"));
        QCOMPARE(DisplayFormat::dataSize(0, c), c.formattedDataSize(0));
        QCOMPARE(DisplayFormat::dataSize(std::nullopt, c), QStringLiteral("\u2014"));
        QCOMPARE(DisplayFormat::count(1234567, QLocale(QLocale::English, QLocale::UnitedStates)),
                 QStringLiteral("1,234,567"));
        QCOMPARE(DisplayFormat::count(std::nullopt, c), QStringLiteral("\u2014"));
    }

    void statusesKeepUnknownWireText()
    {
        QCOMPARE(DisplayFormat::executionStatus(ExecutionStatus::CancelStarted, QStringLiteral("CancelStarted")),
                 QStringLiteral("Cancel started"));
        QCOMPARE(DisplayFormat::executionStatus(ExecutionStatus::Unknown, QStringLiteral("Paused")),
                 QStringLiteral("Paused"));
        QCOMPARE(DisplayFormat::executionStatus(ExecutionStatus::Unknown, QString()), QStringLiteral("\u2014"));
        QCOMPARE(DisplayFormat::flowStatus(FlowStatus::Suspended, {}), QStringLiteral("Suspended"));
        QCOMPARE(DisplayFormat::flowStatus(FlowStatus::Unknown, QStringLiteral("Archived")), QStringLiteral("Archived"));
        QCOMPARE(DisplayFormat::triggerType(TriggerType::OnDemand, {}), QStringLiteral("On demand"));
    }

    void routePrefersLabels()
    {
        flowdesk::appflow::FlowDefinition flow;
        flow.sourceConnectorType = QStringLiteral("CustomConnector");
        flow.sourceConnectorLabel = QStringLiteral("Acme");
        flow.destinationConnectorType = QStringLiteral("S3");
        QCOMPARE(DisplayFormat::route(flow), QStringLiteral("Acme \u2192 S3"));
        flow.destinationConnectorType.clear();
        QCOMPARE(DisplayFormat::route(flow), QStringLiteral("Acme \u2192 \u2014"));
    }
};

QTEST_GUILESS_MAIN(TstDisplayFormat)
#include "tst_displayformat.moc"
