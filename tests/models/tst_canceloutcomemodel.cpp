// CancelOutcomeModel on its own: what each answer and each status read make of a row, and that
// every cell that changes is signalled (a view repaints only what it is told about).
#include "CancelOutcomeModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>

using flowdesk::appflow::ExecutionRecord;
using flowdesk::appflow::ExecutionStatus;
using flowdesk::models::CancelOutcomeModel;
using Result = CancelOutcomeModel::Result;

namespace {

const QString flow = QStringLiteral("orders");

ExecutionRecord record(const QString &id, ExecutionStatus status, const char *text)
{
    ExecutionRecord r;
    r.executionId = id;
    r.executionStatus = status;
    r.executionStatusText = QLatin1String(text);
    return r;
}

CancelOutcomeModel::Answer answer(Result result, const QString &code = {}, bool earlierUnanswered = false)
{
    CancelOutcomeModel::Answer a;
    a.result = result;
    a.errorCode = code;
    a.requestId = QStringLiteral("rid-1");
    a.earlierAttemptUnanswered = earlierUnanswered;
    return a;
}

// Whether some dataChanged signal covered (row, column).
bool signalled(const QSignalSpy &spy, int row, int column)
{
    for (const QList<QVariant> &args : spy) {
        const auto topLeft = args.at(0).value<QModelIndex>();
        const auto bottomRight = args.at(1).value<QModelIndex>();
        if (topLeft.row() <= row && row <= bottomRight.row() && topLeft.column() <= column
            && column <= bottomRight.column())
            return true;
    }
    return false;
}

} // namespace

class TstCancelOutcomeModel : public QObject
{
    Q_OBJECT

private slots:
    // Issue #12, finding 7: "Cancel started" becomes "Canceled" through the status, so the
    // Result cell must be signalled when the status changes, not only the Status cell.
    void reachingCanceledSignalsTheResultCell()
    {
        CancelOutcomeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRequested(flow, QStringLiteral("r1"), record(QStringLiteral("r1"), ExecutionStatus::InProgress, "InProgress"));
        model.setAnswer(flow, QStringLiteral("r1"), answer(Result::CancelStarted));
        QCOMPARE(model.data(model.index(0, CancelOutcomeModel::ResultColumn)).toString(), QStringLiteral("Cancel started"));
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.updateStatus(flow, record(QStringLiteral("r1"), ExecutionStatus::Canceled, "Canceled"),
                           QDateTime::currentDateTimeUtc());
        QCOMPARE(model.data(model.index(0, CancelOutcomeModel::ResultColumn)).toString(), QStringLiteral("Canceled"));
        QVERIFY(signalled(changed, 0, CancelOutcomeModel::ResultColumn));
        QVERIFY(signalled(changed, 0, CancelOutcomeModel::StatusColumn));
        QVERIFY(!signalled(changed, 0, CancelOutcomeModel::ExecutionIdColumn));
        QVERIFY(model.row(0).settled());
    }

    // Issue #12, finding 2: before a read after the answer the status is "last known", with
    // its time; nothing is settled on a status that predates the answer.
    void statusBeforeTheAnswerIsLastKnown()
    {
        CancelOutcomeModel model;
        const QDateTime asOf = QDateTime::currentDateTimeUtc().addSecs(-90);
        model.setRequested(flow, QStringLiteral("r1"), record(QStringLiteral("r1"), ExecutionStatus::InProgress, "InProgress"), asOf);
        model.setAnswer(flow, QStringLiteral("r1"), answer(Result::RequestFailed, QStringLiteral("ThrottlingException")));
        const QString status = model.data(model.index(0, CancelOutcomeModel::StatusColumn)).toString();
        QVERIFY2(status.contains(QStringLiteral("last known")), qPrintable(status));
        QVERIFY2(status.contains(QLocale().toString(asOf.toLocalTime().time(), QLocale::LongFormat)), qPrintable(status));
        QVERIFY(!model.row(0).settled());
        QVERIFY(model.row(0).retryable());
        model.updateStatus(flow, record(QStringLiteral("r1"), ExecutionStatus::InProgress, "InProgress"),
                           QDateTime::currentDateTimeUtc());
        QCOMPARE(model.data(model.index(0, CancelOutcomeModel::StatusColumn)).toString(), QStringLiteral("In progress"));
        QVERIFY(model.row(0).settled());
        QVERIFY(model.row(0).retryable());
    }

    void freshStatusDecidesWhatAnAnswerLeftOpen_data()
    {
        QTest::addColumn<int>("answered");
        QTest::addColumn<bool>("earlierUnanswered");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("statusText");
        QTest::addColumn<int>("expected");
        QTest::addColumn<bool>("retryable");
        QTest::addColumn<QString>("detailHas");
        QTest::newRow("invalid, cancelling") << int(Result::NotCancellable) << false << int(ExecutionStatus::CancelStarted) << "CancelStarted" << int(Result::AlreadyCancelled) << false << "already being cancelled";
        QTest::newRow("invalid, cancelled") << int(Result::NotCancellable) << false << int(ExecutionStatus::Canceled) << "Canceled" << int(Result::AlreadyCancelled) << false << "already being cancelled";
        QTest::newRow("invalid after a lost attempt") << int(Result::NotCancellable) << true << int(ExecutionStatus::CancelStarted) << "CancelStarted" << int(Result::AlreadyCancelled) << false << "earlier attempt";
        QTest::newRow("invalid, finished") << int(Result::NotCancellable) << false << int(ExecutionStatus::Successful) << "Successful" << int(Result::NotCancellable) << false << "finished successfully";
        QTest::newRow("no answer, cancelling") << int(Result::NoAnswer) << false << int(ExecutionStatus::CancelStarted) << "CancelStarted" << int(Result::CancelStarted) << false << "cancel started";
        QTest::newRow("no answer, running") << int(Result::NoAnswer) << false << int(ExecutionStatus::InProgress) << "InProgress" << int(Result::NoAnswer) << true << "did not take effect";
        QTest::newRow("no answer, ended") << int(Result::NoAnswer) << false << int(ExecutionStatus::Error) << "Error" << int(Result::NotCancellable) << false << "without being cancelled";
        QTest::newRow("failed, running") << int(Result::RequestFailed) << false << int(ExecutionStatus::InProgress) << "InProgress" << int(Result::RequestFailed) << true << "";
        QTest::newRow("failed, ended meanwhile") << int(Result::RequestFailed) << false << int(ExecutionStatus::Successful) << "Successful" << int(Result::RequestFailed) << false << "";
    }
    void freshStatusDecidesWhatAnAnswerLeftOpen()
    {
        QFETCH(int, answered);
        QFETCH(bool, earlierUnanswered);
        QFETCH(int, status);
        QFETCH(QString, statusText);
        QFETCH(int, expected);
        QFETCH(bool, retryable);
        QFETCH(QString, detailHas);
        CancelOutcomeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRequested(flow, QStringLiteral("r1"), record(QStringLiteral("r1"), ExecutionStatus::InProgress, "InProgress"));
        model.setAnswer(flow, QStringLiteral("r1"), answer(Result(answered), QStringLiteral("NetworkError"), earlierUnanswered));
        ExecutionRecord read = record(QStringLiteral("r1"), ExecutionStatus(status), "");
        read.executionStatusText = statusText;
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.updateStatus(flow, read, QDateTime::currentDateTimeUtc());
        QCOMPARE(int(model.row(0).result), expected);
        QCOMPARE(model.row(0).retryable(), retryable);
        QVERIFY2(model.row(0).detail.contains(detailHas), qPrintable(model.row(0).detail));
        if (expected != answered)
            QVERIFY(signalled(changed, 0, CancelOutcomeModel::ResultColumn));
    }

    // A status read that started before the newest answer (a retry is out) changes nothing.
    void readsDuringARetryAreIgnored()
    {
        CancelOutcomeModel model;
        model.setRequested(flow, QStringLiteral("r1"), record(QStringLiteral("r1"), ExecutionStatus::InProgress, "InProgress"));
        model.updateStatus(flow, record(QStringLiteral("r1"), ExecutionStatus::Canceled, "Canceled"),
                           QDateTime::currentDateTimeUtc());
        QCOMPARE(model.row(0).result, Result::Requested);
        QVERIFY(!model.row(0).statusFresh);
        QCOMPARE(model.row(0).statusText, QStringLiteral("InProgress"));
    }
};

QTEST_GUILESS_MAIN(TstCancelOutcomeModel)
#include "tst_canceloutcomemodel.moc"
