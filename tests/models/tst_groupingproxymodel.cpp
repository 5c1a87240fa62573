// GroupingProxyModel over the fleet's runs as the Fleet tab stacks them: FleetRunsModel →
// SortProxyModel (sort, filter) → grouped by account. QAbstractItemModelTester watches every
// signal; the tests check the tree, and that merges, sorting and filtering keep the user's
// selection and expanded groups (persistent indexes) on the same runs.
#include "ModelTestSupport.h"

#include <FleetRunsModel.h>
#include <GroupingProxyModel.h>
#include <ModelRoles.h>
#include <SortProxyModel.h>

#include <QAbstractItemModelTester>
#include <QItemSelectionModel>
#include <QSignalSpy>
#include <QTest>

using namespace flowdesk;
using namespace flowdesk::models;

namespace {

fleet::FleetRegionState region(const QString &account, const QString &name, const QString &regionName,
                               const QStringList &runs, const QString &flow = QStringLiteral("orders-sync"))
{
    fleet::FleetRegionState state;
    state.accountId = account;
    state.accountName = name;
    state.roleName = QStringLiteral("FlowdeskOperator");
    state.region = regionName;
    state.status = fleet::FleetRegionState::Status::Read;
    state.flowCount = 1;
    for (const QString &id : runs)
        state.activeRuns.append({flow, test::makeRun(id)});
    return state;
}

const QString kSales = QStringLiteral("111111111111");
const QString kBilling = QStringLiteral("222222222222");
const QString kAudit = QStringLiteral("333333333333");

} // namespace

class TestGroupingProxyModel : public QObject
{
    Q_OBJECT

    FleetRunsModel *m_runs = nullptr;
    SortProxyModel *m_sorted = nullptr;
    GroupingProxyModel *m_grouped = nullptr;
    QAbstractItemModelTester *m_tester = nullptr;

    // "label (count)" of each group, in the order shown.
    QStringList groups() const
    {
        QStringList texts;
        for (int row = 0; row < m_grouped->rowCount(); ++row)
            texts.append(m_grouped->index(row, 0).data().toString());
        return texts;
    }

    QModelIndex groupOf(const QString &accountId) const
    {
        for (int row = 0; row < m_grouped->rowCount(); ++row) {
            const QModelIndex group = m_grouped->index(row, 0);
            if (group.data(Roles::GroupKeyRole).toString() == accountId)
                return group;
        }
        return {};
    }

    QStringList runIds(const QModelIndex &group) const
    {
        QStringList ids;
        for (int row = 0; row < m_grouped->rowCount(group); ++row)
            ids.append(m_grouped->index(row, FleetRunsModel::ExecutionIdColumn, group).data().toString());
        return ids;
    }

private slots:
    void init()
    {
        m_runs = new FleetRunsModel(this);
        m_runs->setClock([] { return test::testNow(); });
        m_sorted = new SortProxyModel(this);
        m_sorted->setSourceModel(m_runs);
        m_sorted->setFilterKeyColumn(-1);
        m_grouped = new GroupingProxyModel(this);
        m_grouped->setSourceModel(m_sorted);
        m_grouped->setGroupColumn(FleetRunsModel::AccountColumn);
        m_tester = new QAbstractItemModelTester(m_grouped, QAbstractItemModelTester::FailureReportingMode::QtTest, this);
    }

    void cleanup()
    {
        delete m_tester;
        delete m_grouped;
        delete m_sorted;
        delete m_runs;
    }

    void groupsByAccountInLabelOrder()
    {
        m_runs->mergeRegion(region(kSales, QStringLiteral("Sales"), QStringLiteral("us-east-1"), {QStringLiteral("s1"), QStringLiteral("s2")}));
        m_runs->mergeRegion(region(kBilling, QStringLiteral("Billing"), QStringLiteral("us-east-1"), {QStringLiteral("b1")}));
        m_runs->mergeRegion(region(kSales, QStringLiteral("Sales"), QStringLiteral("eu-west-1"), {QStringLiteral("s3")}));
        // Two accounts may share a name: the ID keeps them apart.
        m_runs->mergeRegion(region(kAudit, QStringLiteral("Sales"), QStringLiteral("us-east-1"), {QStringLiteral("a1")}));
        QCOMPARE(groups(), (QStringList{QStringLiteral("Billing (222222222222) (1)"), QStringLiteral("Sales (111111111111) (3)"),
                                        QStringLiteral("Sales (333333333333) (1)")}));
        QCOMPARE(runIds(groupOf(kSales)).size(), 3);
        // A run maps to its source row and back.
        const QModelIndex b1 = m_grouped->index(0, FleetRunsModel::ExecutionIdColumn, groupOf(kBilling));
        QCOMPARE(b1.data().toString(), QStringLiteral("b1"));
        QCOMPARE(m_grouped->mapFromSource(m_grouped->mapToSource(b1)), b1);
        QVERIFY(m_grouped->isGroup(groupOf(kBilling)));
        QVERIFY(!m_grouped->isGroup(b1));
        QCOMPARE(m_grouped->sourceRowsOfGroup(groupOf(kSales)).size(), 3);
        // Headers are the source's, though row 0 is a group.
        QCOMPARE(m_grouped->headerData(FleetRunsModel::RegionColumn, Qt::Horizontal).toString(), QStringLiteral("Region"));
    }

    void labelFormatCountsTheRows()
    {
        m_grouped->setGroupLabelFormat([](const QString &label, int count) {
            return QStringLiteral("%1: %2 runs").arg(label).arg(count);
        });
        m_runs->mergeRegion(region(kSales, QStringLiteral("Sales"), QStringLiteral("us-east-1"), {QStringLiteral("s1"), QStringLiteral("s2")}));
        QCOMPARE(groups(), QStringList{QStringLiteral("Sales (111111111111): 2 runs")});
        QSignalSpy changed(m_grouped, &QAbstractItemModel::dataChanged);
        m_runs->mergeRegion(region(kSales, QStringLiteral("Sales"), QStringLiteral("us-east-1"),
                                   {QStringLiteral("s1"), QStringLiteral("s2"), QStringLiteral("s4")}));
        QCOMPARE(groups(), QStringList{QStringLiteral("Sales (111111111111): 3 runs")});
        bool groupRowSaid = false;
        for (const QList<QVariant> &signal : changed)
            groupRowSaid = groupRowSaid || m_grouped->isGroup(signal.at(0).toModelIndex());
        QVERIFY(groupRowSaid);
    }

    void mergeKeepsSelectionAndDropsEmptyGroups()
    {
        m_runs->mergeRegion(region(kSales, QStringLiteral("Sales"), QStringLiteral("us-east-1"), {QStringLiteral("s1"), QStringLiteral("s2")}));
        m_runs->mergeRegion(region(kBilling, QStringLiteral("Billing"), QStringLiteral("us-east-1"), {QStringLiteral("b1")}));
        QItemSelectionModel selection(m_grouped);
        const QModelIndex s2 = m_grouped->index(1, 0, groupOf(kSales));
        QCOMPARE(s2.siblingAtColumn(FleetRunsModel::ExecutionIdColumn).data().toString(), QStringLiteral("s2"));
        selection.select(s2, QItemSelectionModel::Select | QItemSelectionModel::Rows);
        const QPersistentModelIndex salesGroup(groupOf(kSales));

        // Billing's run ended (gone), a new account appears before Sales, Sales gains a run before s2.
        m_runs->mergeRegion(region(kBilling, QStringLiteral("Billing"), QStringLiteral("us-east-1"), {}));
        m_runs->mergeRegion(region(kAudit, QStringLiteral("Audit"), QStringLiteral("us-east-1"), {QStringLiteral("a1")}));
        m_runs->mergeRegion(region(kSales, QStringLiteral("Sales"), QStringLiteral("us-east-1"),
                                   {QStringLiteral("s0"), QStringLiteral("s1"), QStringLiteral("s2")}));
        QCOMPARE(groups(), (QStringList{QStringLiteral("Audit (333333333333) (1)"), QStringLiteral("Sales (111111111111) (3)")}));
        QVERIFY(!groupOf(kBilling).isValid());
        QVERIFY(salesGroup.isValid());
        QCOMPARE(salesGroup.data(Roles::GroupKeyRole).toString(), kSales);
        const QModelIndexList selected = selection.selectedRows(FleetRunsModel::ExecutionIdColumn);
        QCOMPARE(selected.size(), 1);
        QCOMPARE(selected.first().data().toString(), QStringLiteral("s2"));
    }

    void insertsAndRemovalsInTheMiddleOfASortedSource()
    {
        // Sorted by run ID, new runs land between existing ones in the source, and removed
        // ones leave gaps: every other row's place must follow.
        m_grouped->sort(FleetRunsModel::ExecutionIdColumn, Qt::AscendingOrder);
        m_runs->mergeRegion(region(kSales, QStringLiteral("Sales"), QStringLiteral("us-east-1"), {QStringLiteral("r2"), QStringLiteral("r6")}));
        m_runs->mergeRegion(region(kBilling, QStringLiteral("Billing"), QStringLiteral("us-east-1"), {QStringLiteral("r4"), QStringLiteral("r8")}));
        QItemSelectionModel selection(m_grouped);
        const QModelIndex r8 = m_grouped->index(1, FleetRunsModel::ExecutionIdColumn, groupOf(kBilling));
        QCOMPARE(r8.data().toString(), QStringLiteral("r8"));
        selection.select(r8, QItemSelectionModel::Select | QItemSelectionModel::Rows);
        m_runs->mergeRegion(region(kSales, QStringLiteral("Sales"), QStringLiteral("us-east-1"),
                                   {QStringLiteral("r1"), QStringLiteral("r2"), QStringLiteral("r5"), QStringLiteral("r6"), QStringLiteral("r9")}));
        QCOMPARE(runIds(groupOf(kSales)), (QStringList{QStringLiteral("r1"), QStringLiteral("r2"), QStringLiteral("r5"),
                                                        QStringLiteral("r6"), QStringLiteral("r9")}));
        QCOMPARE(runIds(groupOf(kBilling)), (QStringList{QStringLiteral("r4"), QStringLiteral("r8")}));
        m_runs->mergeRegion(region(kBilling, QStringLiteral("Billing"), QStringLiteral("us-east-1"),
                                   {QStringLiteral("r3"), QStringLiteral("r8")}));
        m_runs->mergeRegion(region(kSales, QStringLiteral("Sales"), QStringLiteral("us-east-1"), {QStringLiteral("r2"), QStringLiteral("r9")}));
        QCOMPARE(runIds(groupOf(kSales)), (QStringList{QStringLiteral("r2"), QStringLiteral("r9")}));
        QCOMPARE(runIds(groupOf(kBilling)), (QStringList{QStringLiteral("r3"), QStringLiteral("r8")}));
        // Every run maps to the source row that holds it.
        for (const QString &account : {kSales, kBilling}) {
            const QModelIndex group = groupOf(account);
            for (int row = 0; row < m_grouped->rowCount(group); ++row) {
                const QModelIndex cell = m_grouped->index(row, FleetRunsModel::ExecutionIdColumn, group);
                QCOMPARE(m_grouped->mapToSource(cell).data().toString(), cell.data().toString());
                QCOMPARE(m_grouped->mapFromSource(m_grouped->mapToSource(cell)), cell);
            }
        }
        const QModelIndexList selected = selection.selectedRows(FleetRunsModel::ExecutionIdColumn);
        QCOMPARE(selected.size(), 1);
        QCOMPARE(selected.first().data().toString(), QStringLiteral("r8"));
    }

    void sortingOrdersWithinGroupsAndKeepsSelection()
    {
        m_runs->mergeRegion(region(kSales, QStringLiteral("Sales"), QStringLiteral("us-east-1"),
                                   {QStringLiteral("s-b"), QStringLiteral("s-c"), QStringLiteral("s-a")}));
        m_runs->mergeRegion(region(kBilling, QStringLiteral("Billing"), QStringLiteral("us-east-1"), {QStringLiteral("b-z"), QStringLiteral("b-y")}));
        QItemSelectionModel selection(m_grouped);
        const QModelIndex group = groupOf(kSales);
        for (int row = 0; row < m_grouped->rowCount(group); ++row) {
            const QModelIndex cell = m_grouped->index(row, FleetRunsModel::ExecutionIdColumn, group);
            if (cell.data().toString() == u"s-c")
                selection.select(cell, QItemSelectionModel::Select | QItemSelectionModel::Rows);
        }
        m_grouped->sort(FleetRunsModel::ExecutionIdColumn, Qt::AscendingOrder); // through to the sorting proxy
        QCOMPARE(runIds(groupOf(kSales)), (QStringList{QStringLiteral("s-a"), QStringLiteral("s-b"), QStringLiteral("s-c")}));
        QCOMPARE(runIds(groupOf(kBilling)), (QStringList{QStringLiteral("b-y"), QStringLiteral("b-z")}));
        m_grouped->sort(FleetRunsModel::ExecutionIdColumn, Qt::DescendingOrder);
        QCOMPARE(runIds(groupOf(kSales)), (QStringList{QStringLiteral("s-c"), QStringLiteral("s-b"), QStringLiteral("s-a")}));
        // Groups stay in label order whatever the rows are sorted by.
        QCOMPARE(groupOf(kBilling).row(), 0);
        const QModelIndexList selected = selection.selectedRows(FleetRunsModel::ExecutionIdColumn);
        QCOMPARE(selected.size(), 1);
        QCOMPARE(selected.first().data().toString(), QStringLiteral("s-c"));
    }

    void filterHidesRowsAndEmptyGroups()
    {
        m_runs->mergeRegion(region(kSales, QStringLiteral("Sales"), QStringLiteral("us-east-1"), {QStringLiteral("s1")}));
        m_runs->mergeRegion(region(kSales, QStringLiteral("Sales"), QStringLiteral("eu-west-1"), {QStringLiteral("s2")}));
        m_runs->mergeRegion(region(kBilling, QStringLiteral("Billing"), QStringLiteral("us-east-1"), {QStringLiteral("b1")}));
        m_sorted->setFilterFixedString(QStringLiteral("eu-west-1"));
        QCOMPARE(groups(), QStringList{QStringLiteral("Sales (111111111111) (1)")});
        QCOMPARE(runIds(groupOf(kSales)), QStringList{QStringLiteral("s2")});
        m_sorted->setFilterFixedString(QString());
        QCOMPARE(groups().size(), 2);
        QCOMPARE(runIds(groupOf(kSales)).size(), 2);
    }

    void groupByAnotherColumn()
    {
        m_runs->mergeRegion(region(kSales, QStringLiteral("Sales"), QStringLiteral("us-east-1"), {QStringLiteral("s1")}));
        m_runs->mergeRegion(region(kSales, QStringLiteral("Sales"), QStringLiteral("eu-west-1"), {QStringLiteral("s2")}));
        m_runs->mergeRegion(region(kBilling, QStringLiteral("Billing"), QStringLiteral("us-east-1"), {QStringLiteral("b1")}));
        m_grouped->setGroupColumn(FleetRunsModel::RegionColumn);
        QCOMPARE(groups(), (QStringList{QStringLiteral("eu-west-1 (1)"), QStringLiteral("us-east-1 (2)")}));
    }

    void changedGroupValueMovesTheRow()
    {
        m_runs->mergeRegion(region(kSales, QStringLiteral(""), QStringLiteral("us-east-1"), {QStringLiteral("s1"), QStringLiteral("s2")}));
        QCOMPARE(groups(), QStringList{QStringLiteral("111111111111 (2)")});
        QItemSelectionModel selection(m_grouped);
        selection.select(m_grouped->index(1, 0, groupOf(kSales)), QItemSelectionModel::Select | QItemSelectionModel::Rows);
        // The account's name became known: the group's words change, the selection stays.
        m_runs->mergeRegion(region(kSales, QStringLiteral("Sales"), QStringLiteral("us-east-1"), {QStringLiteral("s1"), QStringLiteral("s2")}));
        QCOMPARE(groups(), QStringList{QStringLiteral("Sales (111111111111) (2)")});
        const QModelIndexList selected = selection.selectedRows(FleetRunsModel::ExecutionIdColumn);
        QCOMPARE(selected.size(), 1);
        QCOMPARE(selected.first().data().toString(), QStringLiteral("s2"));
    }

    void timeTicksAreOneSignalPerGroup()
    {
        QStringList many;
        for (int i = 0; i < 50; ++i)
            many.append(QStringLiteral("s%1").arg(i));
        m_runs->mergeRegion(region(kSales, QStringLiteral("Sales"), QStringLiteral("us-east-1"), many));
        m_runs->mergeRegion(region(kBilling, QStringLiteral("Billing"), QStringLiteral("us-east-1"), {QStringLiteral("b1")}));
        QSignalSpy changed(m_grouped, &QAbstractItemModel::dataChanged);
        m_runs->refreshTimeColumns();
        QVERIFY(!changed.isEmpty());
        QVERIFY2(changed.size() <= 2 * 2, qPrintable(QString::number(changed.size()))); // per group, per run of columns
    }
};

QTEST_GUILESS_MAIN(TestGroupingProxyModel)
#include "tst_groupingproxymodel.moc"
