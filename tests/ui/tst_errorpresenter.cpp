// The one place that words AWS errors: each code gets the hint an ops engineer needs.
#include "ErrorPresenter.h"

#include <QtTest>

using flowdesk::BarMessage;
using flowdesk::ErrorPresenter;
using flowdesk::appflow::AppFlowError;
using flowdesk::appflow::HttpResponse;

namespace {

AppFlowError serviceError(int status, const QByteArray &code, const QByteArray &message)
{
    HttpResponse response;
    response.status = status;
    response.headers = {{"X-Amzn-ErrorType", code}, {"x-amzn-RequestId", "req-1234"},
                        {"Content-Type", "application/json"}};
    response.body = "{\"message\":\"" + message + "\"}";
    return AppFlowError::fromHttpResponse(response, QUrl(QStringLiteral("https://appflow.eu-west-1.amazonaws.com")));
}

} // namespace

class TstErrorPresenter : public QObject
{
    Q_OBJECT

private slots:
    void accessDeniedNamesTheIamAction()
    {
        const BarMessage m = ErrorPresenter::present(
            serviceError(403, "AccessDeniedException", "not authorized"),
            QStringLiteral("CancelFlowExecutions"), QStringLiteral("orders"), QStringLiteral("host"));
        QCOMPARE(m.severity, BarMessage::Severity::Error);
        QCOMPARE(m.code, QStringLiteral("AccessDeniedException"));
        QCOMPARE(m.requestId, QStringLiteral("req-1234"));
        QVERIFY(m.hint.contains(QStringLiteral("appflow:CancelFlowExecutions")));
        QVERIFY(m.text.contains(QStringLiteral("orders")));
        QCOMPARE(m.detail, QStringLiteral("not authorized"));
    }

    // Issue #12, finding 3: the message describes what really happens next. The client has
    // already given up when the error reaches the bar; no "retries automatically".
    void throttlingSaysWhatHappensNext()
    {
        AppFlowError error = serviceError(429, "ThrottlingException", "Rate exceeded");
        error.setAttempts(3);
        const QDateTime next = QDateTime::currentDateTime().addSecs(40);
        BarMessage m = ErrorPresenter::present(error, QStringLiteral("ListFlows"), {},
                                               QStringLiteral("host"), next);
        QCOMPARE(m.severity, BarMessage::Severity::Warning);
        QVERIFY2(!m.hint.contains(QStringLiteral("automatically")), qPrintable(m.hint));
        QVERIFY2(m.hint.contains(QStringLiteral("tried 3 times and stopped")), qPrintable(m.hint));
        QVERIFY2(m.hint.contains(QLocale().toString(next.time(), QLocale::ShortFormat)), qPrintable(m.hint));
        QVERIFY(m.hint.contains(QStringLiteral("F5")));

        // Auto-refresh off (or nothing active): nothing will retry it, and the bar says so.
        m = ErrorPresenter::present(error, QStringLiteral("DescribeFlowExecutionRecords"),
                                    QStringLiteral("orders"), QStringLiteral("host"));
        QVERIFY2(m.hint.contains(QStringLiteral("Nothing retries it by itself")), qPrintable(m.hint));

        // A cancel: it cancelled nothing, and the way to send it again is named.
        error.setAttempts(8);
        m = ErrorPresenter::present(error, QStringLiteral("CancelFlowExecutions"),
                                    QStringLiteral("orders"), QStringLiteral("host"), next);
        QVERIFY2(m.hint.contains(QStringLiteral("cancelled nothing")), qPrintable(m.hint));
        QVERIFY(m.hint.contains(QStringLiteral("Retry")));
        QVERIFY(m.hint.contains(QStringLiteral("8 times")));
        error.setMayHaveReachedService(true);
        m = ErrorPresenter::present(error, QStringLiteral("CancelFlowExecutions"),
                                    QStringLiteral("orders"), QStringLiteral("host"));
        QVERIFY2(m.hint.contains(QStringLiteral("may or may not")), qPrintable(m.hint));
    }

    void notFoundSuggestsARefresh()
    {
        const BarMessage m = ErrorPresenter::present(
            serviceError(404, "ResourceNotFoundException", "Flow typo-flow does not exist"),
            QStringLiteral("DescribeFlow"), QStringLiteral("typo-flow"), QStringLiteral("host"));
        QVERIFY(m.hint.contains(QStringLiteral("Refresh")));
        QVERIFY(m.text.contains(QStringLiteral("typo-flow")));
    }

    void networkErrorsNameTheEndpoint()
    {
        const AppFlowError error = AppFlowError::network(QStringLiteral("Connection refused"),
                                                         QUrl(QStringLiteral("https://appflow.eu-west-1.amazonaws.com")));
        const BarMessage m = ErrorPresenter::present(error, QStringLiteral("ListFlows"), {},
                                                     QStringLiteral("appflow.eu-west-1.amazonaws.com"));
        QVERIFY(m.text.contains(QStringLiteral("appflow.eu-west-1.amazonaws.com")));
        QVERIFY(!m.hint.isEmpty());
    }

    void unknownForbiddenPointsAtCredentials()
    {
        const BarMessage m = ErrorPresenter::present(
            serviceError(403, "InvalidSignatureException", "The request signature we calculated does not match"),
            QStringLiteral("ListFlows"), {}, QStringLiteral("host"));
        QCOMPARE(m.code, QStringLiteral("InvalidSignatureException"));
        QVERIFY(m.hint.contains(QStringLiteral("clock")));
    }

    void everyCodeSaysWhatFailed()
    {
        // No code may produce an empty message: the bar must always say something useful.
        for (const QByteArray code : {"ValidationException", "InternalServerException", "ConflictException",
                                      "UnsupportedOperationException", "ServiceQuotaExceededException",
                                      "ConnectorServerException", "SomethingNewException"}) {
            const BarMessage m = ErrorPresenter::present(serviceError(400, code, "x"),
                                                         QStringLiteral("StopFlow"), QStringLiteral("f"), {});
            QVERIFY2(m.text.contains(QStringLiteral("Deactivating")), code.constData());
            QCOMPARE(m.code, QString::fromLatin1(code));
        }
    }
};

QTEST_GUILESS_MAIN(TstErrorPresenter)
#include "tst_errorpresenter.moc"
