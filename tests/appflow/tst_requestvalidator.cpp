// Client-side validation against the model's constraints, with messages naming the field.
#include "RequestValidator.h"

#include <QtTest>

using flowdesk::appflow::AppFlowError;
using flowdesk::appflow::RequestValidator;
using namespace Qt::StringLiterals;

class TstRequestValidator : public QObject
{
    Q_OBJECT

private slots:
    void flowNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("valid");
        QTest::newRow("simple") << u"orders"_s << true;
        QTest::newRow("all allowed") << u"a_b-c.d!e@f#g9"_s << true;
        QTest::newRow("two chars") << u"a1"_s << true;
        QTest::newRow("one char") << u"a"_s << false;
        QTest::newRow("empty") << QString() << false;
        QTest::newRow("leading dash") << u"-orders"_s << false;
        QTest::newRow("leading underscore") << u"_orders"_s << false;
        QTest::newRow("space") << u"my flow"_s << false;
        QTest::newRow("slash") << u"a/b"_s << false;
        QTest::newRow("non-ascii letter") << u"flöw"_s << false;
        QTest::newRow("256") << QString(256, u'a') << true;
        QTest::newRow("257") << QString(257, u'a') << false;
    }
    void flowNames()
    {
        QFETCH(QString, name);
        QFETCH(bool, valid);
        const auto error = RequestValidator::flowName(name);
        QCOMPARE(!error.has_value(), valid);
        if (error) {
            QCOMPARE(error->code(), AppFlowError::Code::InvalidRequest);
            QVERIFY2(error->message().startsWith(u"flowName: "_s), qPrintable(error->message()));
            QVERIFY(!error->isRetryable());
        }
    }

    void executionIds()
    {
        QVERIFY(!RequestValidator::executionIds({}).has_value());
        QStringList hundred;
        for (int i = 0; i < 100; ++i)
            hundred << u"id-"_s + QString::number(i);
        QVERIFY(!RequestValidator::executionIds(hundred).has_value());
        auto error = RequestValidator::executionIds(hundred + QStringList{u"one-more"_s});
        QVERIFY(error);
        QVERIFY2(error->message().startsWith(u"executionIds: 101 IDs"_s), qPrintable(error->message()));
        error = RequestValidator::executionIds({u"ok"_s, u"has space"_s});
        QVERIFY(error);
        QVERIFY2(error->message().startsWith(u"executionIds[1]: "_s), qPrintable(error->message()));
        error = RequestValidator::executionIds({QString()});
        QVERIFY(error);
        QVERIFY(error->message().contains(u"empty"_s));
        QVERIFY(!RequestValidator::executionId(QString(256, u'x'), u"id"_s));
        error = RequestValidator::executionId(QString(257, u'x'), u"id"_s);
        QVERIFY(error);
        QVERIFY(error->message().contains(u"257"_s));
    }

    void maxResults()
    {
        QVERIFY(RequestValidator::maxResults(0));
        QVERIFY(!RequestValidator::maxResults(1));
        QVERIFY(!RequestValidator::maxResults(100));
        const auto error = RequestValidator::maxResults(101);
        QVERIFY(error);
        QVERIFY(error->message().startsWith(u"maxResults: 101"_s));
    }

    void nextToken()
    {
        QVERIFY(!RequestValidator::nextToken(QString(2048, u't')));
        QVERIFY(RequestValidator::nextToken(QString(2049, u't')));
        QVERIFY(RequestValidator::nextToken(u"a b"_s));
        QVERIFY(RequestValidator::nextToken(QString()));
        QVERIFY(RequestValidator::nextToken(u"x"_s, u"options.nextToken"_s) == std::nullopt);
        QVERIFY(RequestValidator::nextToken(u" "_s, u"options.nextToken"_s)->message().startsWith(u"options.nextToken: "_s));
    }

    void clientToken()
    {
        QVERIFY(!RequestValidator::clientToken(u"0b5c1c3e-2a51-4d0e-9a7a-58f7f0f2f2a1"_s));
        QVERIFY(RequestValidator::clientToken(QString()));
        QVERIFY(RequestValidator::clientToken(QString(257, u'a')));
        QVERIFY(RequestValidator::clientToken(u"tab\there"_s));
    }
};

QTEST_GUILESS_MAIN(TstRequestValidator)
#include "tst_requestvalidator.moc"
