#include "ActiveRunsModel.h"
#include "ModelRoles.h"
#include "ModelTestSupport.h"
#include "RunFilterProxyModel.h"

#include <QAbstractItemModelTester>
#include <QItemSelectionModel>
#include <QtTest>

using namespace flowdesk::models;
using namespace flowdesk::models::test;
using flowdesk::appflow::ExecutionRecord;
using flowdesk::appflow::ExecutionStatus;

namespace {

const QString orders = QStringLiteral("orders");
const QString invoices = QStringLiteral("invoices");

QStringList rowKeys(const ActiveRunsModel &model)
{
    QStringList keys;
    for (int row = 0; row < model.rowCount(); ++row)
        keys << model.run(row).flowName + u'/' + model.run(row).record.executionId;
    return keys;
}

} // namespace

class TstActiveRunsModel : public QObject
{
    Q_OBJECT

private:
    struct Fixture {
        Fixture() { model.setClock([] { return testNow(); }); }
        ActiveRunsModel model;
        QAbstractItemModelTester tester{&model, QAbstractItemModelTester::FailureReportingMode::QtTest};
        SignalLog log{&model};
    };

private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void keepsOnlyActiveRuns()
    {
        Fixture f;
        f.model.mergeFlow(orders, {makeRun(QStringLiteral("a"), ExecutionStatus::InProgress),
                                   makeRun(QStringLiteral("b"), ExecutionStatus::Successful),
                                   makeRun(QStringLiteral("c"), ExecutionStatus::CancelStarted),
                                   makeRun(QStringLiteral("d"), ExecutionStatus::Canceled),
                                   makeRun(QStringLiteral("e"), ExecutionStatus::Error)});
        QCOMPARE(f.log.takeEvents(), QStringList{QStringLiteral("insert 0-1")});
        QCOMPARE(rowKeys(f.model), (QStringList{QStringLiteral("orders/a"), QStringLiteral("orders/c")}));
        QCOMPARE(f.model.index(1, ActiveRunsModel::StatusColumn).data().toString(), QStringLiteral("Cancel started"));
    }

    // "All active runs" spans connections: every row says which one, and renaming the
    // connection touches only that column.
    void connectionColumnNamesTheConnection()
    {
        Fixture f;
        f.model.mergeFlow(orders, {makeRun(QStringLiteral("a"), ExecutionStatus::InProgress),
                                   makeRun(QStringLiteral("b"), ExecutionStatus::InProgress)});
        f.log.takeEvents();
        f.model.setConnectionName(QStringLiteral("prod · eu-west-1"));
        QCOMPARE(f.log.takeEvents(), QStringList{QStringLiteral("changed 0,7-1,7 [0,3,257]")});
        QCOMPARE(f.model.index(1, ActiveRunsModel::ConnectionColumn).data().toString(),
                 QStringLiteral("prod · eu-west-1"));
        QCOMPARE(f.model.headerData(ActiveRunsModel::ConnectionColumn, Qt::Horizontal).toString(),
                 QStringLiteral("Connection"));
        f.model.setConnectionName(QStringLiteral("prod · eu-west-1"));
        QVERIFY(f.log.takeEvents().isEmpty()); // unchanged: no signal
    }

    void aFlowsMergeLeavesOtherFlowsAlone()
    {
        Fixture f;
        f.model.mergeFlow(orders, {makeRun(QStringLiteral("a")), makeRun(QStringLiteral("b"))});
        f.model.mergeFlow(invoices, {makeRun(QStringLiteral("x")), makeRun(QStringLiteral("y"))});
        f.model.mergeFlow(orders, {makeRun(QStringLiteral("a")), makeRun(QStringLiteral("b")),
                                   makeRun(QStringLiteral("c"))});
        QCOMPARE(f.log.takeEvents(), (QStringList{QStringLiteral("insert 0-1"), QStringLiteral("insert 2-3"),
                                                  QStringLiteral("insert 4-4")}));

        // "a" finished, "b" vanished from the list, "d" started: invoices must not move.
        f.model.mergeFlow(orders, {makeRun(QStringLiteral("a"), ExecutionStatus::Successful),
                                   makeRun(QStringLiteral("c")), makeRun(QStringLiteral("d"))});
        QCOMPARE(f.log.takeEvents(), (QStringList{QStringLiteral("remove 0-1"), QStringLiteral("insert 3-3")}));
        QCOMPARE(rowKeys(f.model), (QStringList{QStringLiteral("invoices/x"), QStringLiteral("invoices/y"),
                                                QStringLiteral("orders/c"), QStringLiteral("orders/d")}));
        QCOMPARE(f.model.activeRunCount(orders), 2);
        QCOMPARE(f.model.flowNames(), (QStringList{invoices, orders}));

        f.model.removeFlow(invoices);
        QCOMPARE(f.log.takeEvents(), QStringList{QStringLiteral("remove 0-1")});
        QCOMPARE(f.model.activeRunCount(invoices), 0);
        f.model.clear();
        QCOMPARE(f.log.takeEvents(), QStringList{QStringLiteral("remove 0-1")});
        QVERIFY(!f.log.events.contains(QStringLiteral("reset")));
    }

    void theSameExecutionIdInTwoFlowsIsTwoRows()
    {
        Fixture f;
        f.model.mergeFlow(orders, {makeRun(QStringLiteral("same"))});
        f.model.mergeFlow(invoices, {makeRun(QStringLiteral("same"))});
        QCOMPARE(f.model.rowCount(), 2);
        QCOMPARE(f.model.indexOfId(orders, QStringLiteral("same")), 0);
        QCOMPARE(f.model.indexOfId(invoices, QStringLiteral("same")), 1);
        f.model.removeFlow(orders);
        QCOMPARE(f.model.indexOfId(invoices, QStringLiteral("same")), 0);
        QCOMPARE(f.model.indexOfId(orders, QStringLiteral("same")), -1);
    }

    void onlyShownColumnsAreSignalled()
    {
        Fixture f;
        f.model.mergeFlow(orders, {makeRun(QStringLiteral("a"), ExecutionStatus::InProgress, 100)});
        f.log.takeEvents();
        ExecutionRecord run = makeRun(QStringLiteral("a"), ExecutionStatus::InProgress, 100);
        run.executionResult.bytesWritten = 5; // not a column here
        run.lastUpdatedAt = testNow();        // nor this
        f.model.mergeFlow(orders, {run});
        QCOMPARE(f.log.takeEvents(), QStringList());

        run.executionResult.bytesProcessed = 2048;
        run.executionStatus = ExecutionStatus::CancelStarted;
        f.model.mergeFlow(orders, {run});
        QCOMPARE(f.log.takeEvents(), (QStringList{QStringLiteral("changed 0,2-0,2"), QStringLiteral("changed 0,6-0,6")}));
        QCOMPARE(f.model.index(0, ActiveRunsModel::BytesColumn).data().toString(), QStringLiteral("2.00 KiB"));
    }

    void cellsAndRoles()
    {
        Fixture f;
        f.model.mergeFlow(orders, {makeRun(QStringLiteral("a"), ExecutionStatus::InProgress, 1000, 65)});
        const auto cell = [&](ActiveRunsModel::Column column, int role = Qt::DisplayRole) {
            return f.model.index(0, column).data(role);
        };
        QCOMPARE(cell(ActiveRunsModel::FlowColumn).toString(), orders);
        QCOMPARE(cell(ActiveRunsModel::FlowColumn, Roles::SortRole).toString(), orders);
        QCOMPARE(cell(ActiveRunsModel::FlowColumn, Roles::IdRole).toString(), QStringLiteral("a"));
        QCOMPARE(cell(ActiveRunsModel::FlowColumn, Roles::ActiveRole).toBool(), true);
        QCOMPARE(cell(ActiveRunsModel::BytesColumn, Roles::FlowNameRole).toString(), orders);
        QCOMPARE(cell(ActiveRunsModel::ExecutionIdColumn).toString(), QStringLiteral("a"));
        QCOMPARE(cell(ActiveRunsModel::StartedColumn).toString(), QStringLiteral("1 h ago"));
        QCOMPARE(cell(ActiveRunsModel::DurationColumn).toString(), QStringLiteral("1 h 05 min"));
        QCOMPARE(cell(ActiveRunsModel::RecordsColumn).toString(), QStringLiteral("10"));
        QCOMPARE(cell(ActiveRunsModel::BytesColumn).toString(), QStringLiteral("1000 bytes"));
        QCOMPARE(cell(ActiveRunsModel::BytesColumn, Roles::SortRole), QVariant(qint64(1000)));
        QCOMPARE(f.model.headerData(ActiveRunsModel::BytesColumn, Qt::Horizontal).toString(), QStringLiteral("Bytes"));
        QCOMPARE(f.model.headerData(ActiveRunsModel::FlowColumn, Qt::Horizontal).toString(), QStringLiteral("Flow"));
    }

    void selectionSurvivesFlowByFlowRefreshes()
    {
        Fixture f;
        RunFilterProxyModel proxy;
        proxy.setSourceModel(&f.model);
        QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.sort(ActiveRunsModel::FlowColumn);
        f.model.mergeFlow(orders, {makeRun(QStringLiteral("a")), makeRun(QStringLiteral("b"))});
        f.model.mergeFlow(invoices, {makeRun(QStringLiteral("x")), makeRun(QStringLiteral("y"))});

        QItemSelectionModel selection(&proxy);
        const auto proxyIndex = [&](const QString &flow, const QString &id) {
            return proxy.mapFromSource(f.model.index(f.model.indexOfId(flow, id), 0));
        };
        selection.select(proxyIndex(orders, QStringLiteral("b")), QItemSelectionModel::Select | QItemSelectionModel::Rows);
        selection.select(proxyIndex(invoices, QStringLiteral("y")), QItemSelectionModel::Select | QItemSelectionModel::Rows);
        selection.setCurrentIndex(proxyIndex(invoices, QStringLiteral("y")), QItemSelectionModel::NoUpdate);

        f.model.mergeFlow(orders, {makeRun(QStringLiteral("b"), ExecutionStatus::CancelStarted),
                                   makeRun(QStringLiteral("c"))});
        f.model.mergeFlow(invoices, {makeRun(QStringLiteral("y")), makeRun(QStringLiteral("z"))});

        QStringList selected;
        for (const QModelIndex &index : selection.selectedRows())
            selected << index.data(Roles::FlowNameRole).toString() + u'/' + index.data(Roles::IdRole).toString();
        selected.sort();
        QCOMPARE(selected, (QStringList{QStringLiteral("invoices/y"), QStringLiteral("orders/b")}));
        QCOMPARE(selection.currentIndex(), proxyIndex(invoices, QStringLiteral("y")));
        QVERIFY(!f.log.events.contains(QStringLiteral("reset")));
    }
};

QTEST_GUILESS_MAIN(TstActiveRunsModel)
#include "tst_activerunsmodel.moc"
