#include "ModelRoles.h"
#include "ModelTestSupport.h"
#include "RunFilterProxyModel.h"
#include "RunListModel.h"

#include <QAbstractItemModelTester>
#include <QtTest>

using namespace flowdesk::models;
using namespace flowdesk::models::test;
using flowdesk::appflow::ExecutionRecord;
using flowdesk::appflow::ExecutionStatus;

namespace {

QStringList ids(const QAbstractItemModel &model)
{
    QStringList values;
    for (int row = 0; row < model.rowCount(); ++row)
        values << model.index(row, 0).data(Roles::IdRole).toString();
    return values;
}

QList<ExecutionRecord> sample()
{
    // Sizes chosen so that their display strings sort differently from their values:
    // "900 bytes" > "2.00 KiB" > "10.00 MiB" > "1.00 GiB" as text.
    return {makeRun(QStringLiteral("kib"), ExecutionStatus::Successful, 2048),
            makeRun(QStringLiteral("gib"), ExecutionStatus::InProgress, 1024LL * 1024 * 1024),
            makeRun(QStringLiteral("b"), ExecutionStatus::CancelStarted, 900),
            makeRun(QStringLiteral("none"), ExecutionStatus::Error, std::nullopt),
            makeRun(QStringLiteral("mib"), ExecutionStatus::InProgress, 10LL * 1024 * 1024)};
}

} // namespace

class TstRunFilterProxyModel : public QObject
{
    Q_OBJECT

private:
    struct Fixture {
        Fixture()
        {
            model.setClock([] { return testNow(); });
            proxy.setSourceModel(&model);
            model.merge(sample());
        }
        RunListModel model;
        RunFilterProxyModel proxy;
        QAbstractItemModelTester modelTester{&model, QAbstractItemModelTester::FailureReportingMode::QtTest};
        QAbstractItemModelTester proxyTester{&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest};
    };

private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void sortsBytesNumericallyWithAbsentValuesLast()
    {
        Fixture f;
        f.proxy.sort(RunListModel::BytesProcessedColumn, Qt::AscendingOrder);
        QCOMPARE(ids(f.proxy), (QStringList{QStringLiteral("b"), QStringLiteral("kib"), QStringLiteral("mib"),
                                            QStringLiteral("gib"), QStringLiteral("none")}));
        f.proxy.sort(RunListModel::BytesProcessedColumn, Qt::DescendingOrder);
        QCOMPARE(ids(f.proxy), (QStringList{QStringLiteral("gib"), QStringLiteral("mib"), QStringLiteral("kib"),
                                            QStringLiteral("b"), QStringLiteral("none")}));
    }

    void sortsDurationsNumerically()
    {
        Fixture f;
        QList<ExecutionRecord> runs{makeRun(QStringLiteral("9min"), ExecutionStatus::InProgress, 1, 9),
                                    makeRun(QStringLiteral("70min"), ExecutionStatus::InProgress, 1, 70),
                                    makeRun(QStringLiteral("2min"), ExecutionStatus::InProgress, 1, 2)};
        f.model.merge(runs);
        f.proxy.sort(RunListModel::DurationColumn, Qt::AscendingOrder);
        QCOMPARE(ids(f.proxy), (QStringList{QStringLiteral("2min"), QStringLiteral("9min"), QStringLiteral("70min")}));
    }

    void activeOnlyHidesFinishedRunsAndFollowsMerges()
    {
        Fixture f;
        f.proxy.sort(RunListModel::ExecutionIdColumn);
        QVERIFY(!f.proxy.activeOnly());
        f.proxy.setActiveOnly(true);
        QCOMPARE(ids(f.proxy), (QStringList{QStringLiteral("b"), QStringLiteral("gib"), QStringLiteral("mib")}));

        QList<ExecutionRecord> next = sample();
        next[1].executionStatus = ExecutionStatus::Canceled;   // gib finished
        next[0].executionStatus = ExecutionStatus::InProgress; // kib (re)started, for the test
        f.model.merge(next);
        QCOMPARE(ids(f.proxy), (QStringList{QStringLiteral("b"), QStringLiteral("kib"), QStringLiteral("mib")}));

        f.proxy.setActiveOnly(false);
        QCOMPARE(f.proxy.rowCount(), 5);
    }
};

QTEST_GUILESS_MAIN(TstRunFilterProxyModel)
#include "tst_runfilterproxymodel.moc"
