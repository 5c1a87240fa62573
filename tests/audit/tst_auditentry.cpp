#include "AuditEntry.h"
#include "AuditTestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

using namespace flowdesk::audit;
using namespace flowdesk::audit::test;

class TstAuditEntry : public QObject
{
    Q_OBJECT

private slots:
    void intentAndResultRoundTrip()
    {
        const AuditEntry intent = sampleIntent();
        const AuditEntry result = sampleResult(intent);
        for (const AuditEntry &entry : {intent, result}) {
            QString why;
            const auto back = AuditEntry::fromJson(entry.toJson(), &why);
            QVERIFY2(back.has_value(), qPrintable(why));
            QCOMPARE(*back, entry);
        }
    }

    void lineFormat()
    {
        const QJsonObject json = sampleIntent().toJson();
        QCOMPARE(json.value(QStringLiteral("v")).toInt(), 1);
        QCOMPARE(json.value(QStringLiteral("type")).toString(), QStringLiteral("intent"));
        QCOMPARE(json.value(QStringLiteral("time")).toString(), QStringLiteral("2024-05-01T12:03:04.123Z"));
        QCOMPARE(json.value(QStringLiteral("executionIds")).toArray().size(), 2);
        QVERIFY(!json.contains(QStringLiteral("outcomes"))); // result members only in results

        const QJsonObject result = sampleResult(sampleIntent()).toJson();
        QCOMPARE(result.value(QStringLiteral("correlationId")), json.value(QStringLiteral("correlationId")));
        QCOMPARE(result.value(QStringLiteral("outcomes")).toArray().at(1).toObject().value(QStringLiteral("outcome")).toString(),
                 QStringLiteral("notCancellable"));
    }

    // Identity Center accounts record the role taken; other entries have no "role" member, so
    // lines written before it existed read back the same.
    void roleIsWrittenOnlyWhenKnown()
    {
        AuditEntry intent = sampleIntent();
        QVERIFY(!intent.toJson().contains(QStringLiteral("role")));
        intent.account = QStringLiteral("100005000001");
        intent.role = QStringLiteral("FlowdeskOperator");
        const QJsonObject json = intent.toJson();
        QCOMPARE(json.value(QStringLiteral("role")).toString(), QStringLiteral("FlowdeskOperator"));
        QString why;
        const auto back = AuditEntry::fromJson(json, &why);
        QVERIFY2(back.has_value(), qPrintable(why));
        QCOMPARE(back->role, QStringLiteral("FlowdeskOperator"));
        QCOMPARE(*back, intent);
    }

    void allActiveRunsIsWrittenAsAll()
    {
        AuditEntry entry = sampleIntent();
        entry.allActiveRuns = true;
        entry.executionIds.clear();
        QCOMPARE(entry.toJson().value(QStringLiteral("executionIds")).toString(), QStringLiteral("all"));
        const auto back = AuditEntry::fromJson(entry.toJson(), nullptr);
        QVERIFY(back && back->allActiveRuns);
    }

    void endpointNeverCarriesCredentialsOrQuery()
    {
        AuditEntry entry = sampleIntent();
        entry.endpoint = QStringLiteral("https://AKIAEXAMPLE:secret@appflow.eu-west-1.amazonaws.com/?X-Amz-Signature=abc#x");
        const QString written = entry.toJson().value(QStringLiteral("endpoint")).toString();
        QCOMPARE(written, QStringLiteral("https://appflow.eu-west-1.amazonaws.com/"));
        const QByteArray line = QJsonDocument(entry.toJson()).toJson(QJsonDocument::Compact);
        QVERIFY(!line.contains("secret") && !line.contains("AKIA") && !line.contains("Signature"));
    }

    void newIntentAndResultShareTheCorrelationId()
    {
        const AuditEntry intent = AuditEntry::newIntent();
        QVERIFY(!intent.correlationId.isEmpty());
        QCOMPARE(intent.time.timeSpec(), Qt::UTC);
        QVERIFY(qAbs(intent.time.secsTo(QDateTime::currentDateTimeUtc())) < 5);
        QVERIFY(AuditEntry::newIntent().correlationId != intent.correlationId);
        const AuditEntry result = intent.resultFor();
        QCOMPARE(result.type, AuditEntry::Type::Result);
        QCOMPARE(result.correlationId, intent.correlationId);
    }

    void invalidObjectsAreRejectedWithAReason_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("reasonPart");
        QTest::newRow("future version") << QByteArray(R"({"v":2,"type":"intent"})") << QStringLiteral("version");
        QTest::newRow("no version") << QByteArray(R"({"type":"intent"})") << QStringLiteral("version");
        QTest::newRow("bad type") << QByteArray(R"({"v":1,"type":"oops","time":"2024-05-01T12:00:00.000Z","correlationId":"c"})")
                                  << QStringLiteral("type");
        QTest::newRow("bad time") << QByteArray(R"({"v":1,"type":"intent","time":"yesterday","correlationId":"c"})")
                                  << QStringLiteral("time");
        QTest::newRow("no correlation") << QByteArray(R"({"v":1,"type":"intent","time":"2024-05-01T12:00:00.000Z"})")
                                        << QStringLiteral("correlation");
        QTest::newRow("ids not a list") << QByteArray(R"({"v":1,"type":"intent","time":"2024-05-01T12:00:00.000Z","correlationId":"c","executionIds":5})")
                                        << QStringLiteral("executionIds");
        QTest::newRow("flow not text") << QByteArray(R"({"v":1,"type":"intent","time":"2024-05-01T12:00:00.000Z","correlationId":"c","flow":[]})")
                                       << QStringLiteral("flow");
        QTest::newRow("bad outcome") << QByteArray(R"({"v":1,"type":"result","time":"2024-05-01T12:00:00.000Z","correlationId":"c","outcomes":[{"outcome":"maybe"}]})")
                                     << QStringLiteral("outcome");
    }
    void invalidObjectsAreRejectedWithAReason()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, reasonPart);
        QString why;
        QVERIFY(!AuditEntry::fromJson(QJsonDocument::fromJson(json).object(), &why));
        QVERIFY2(why.contains(reasonPart), qPrintable(why));
    }
};

QTEST_GUILESS_MAIN(TstAuditEntry)
#include "tst_auditentry.moc"
