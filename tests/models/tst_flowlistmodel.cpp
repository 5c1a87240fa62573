#include "FlowFilterProxyModel.h"
#include "FlowListModel.h"
#include "ModelRoles.h"
#include "ModelTestSupport.h"

#include <QAbstractItemModelTester>
#include <QItemSelectionModel>
#include <QSignalSpy>
#include <QtTest>

using namespace flowdesk::models;
using namespace flowdesk::models::test;
using flowdesk::appflow::ExecutionDetails;
using flowdesk::appflow::ExecutionStatus;
using flowdesk::appflow::FlowDefinition;
using flowdesk::appflow::FlowStatus;
using flowdesk::appflow::TriggerType;

namespace {

QList<FlowDefinition> flows(int count)
{
    QList<FlowDefinition> result;
    for (int i = 0; i < count; ++i)
        result << makeFlow(QStringLiteral("flow-%1").arg(i));
    return result;
}

QStringList selectedNames(const QItemSelectionModel &selection)
{
    QStringList names;
    for (const QModelIndex &index : selection.selectedRows())
        names << index.data(Roles::IdRole).toString();
    names.sort();
    return names;
}

} // namespace

class TstFlowListModel : public QObject
{
    Q_OBJECT

private:
    struct Fixture {
        Fixture() { model.setClock([] { return testNow(); }); }
        FlowListModel model;
        QAbstractItemModelTester tester{&model, QAbstractItemModelTester::FailureReportingMode::QtTest};
        SignalLog log{&model};
    };

private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void mergeInsertsUpdatesAndRemovesByName()
    {
        Fixture f;
        f.model.merge(flows(6));
        QCOMPARE(f.log.takeEvents(), QStringList{QStringLiteral("insert 0-5")});

        QList<FlowDefinition> next = flows(6);
        next.removeAt(4);
        next.removeAt(1);
        next[2].flowStatus = FlowStatus::Suspended; // flow-3
        next << makeFlow(QStringLiteral("flow-new"));
        const MergeResult result = f.model.merge(next);
        QCOMPARE(f.log.takeEvents(),
                 (QStringList{QStringLiteral("changed 3,1-3,1"), QStringLiteral("remove 4-4"),
                              QStringLiteral("remove 1-1"), QStringLiteral("insert 4-4")}));
        QCOMPARE(result.inserted, 1);
        QCOMPARE(result.updated, 1);
        QCOMPARE(result.removed, 2);
        QCOMPARE(f.model.flowNames(),
                 (QStringList{QStringLiteral("flow-0"), QStringLiteral("flow-2"), QStringLiteral("flow-3"),
                              QStringLiteral("flow-5"), QStringLiteral("flow-new")}));
        QCOMPARE(f.model.flow(f.model.indexOfId(QStringLiteral("flow-3"))).flowStatus, FlowStatus::Suspended);
    }

    void eachFieldSignalsItsOwnColumn()
    {
        Fixture f;
        f.model.merge(flows(4));
        f.log.takeEvents();
        QList<FlowDefinition> next = flows(4);
        next[0].description = QStringLiteral("nightly export");     // name tooltip
        next[1].sourceConnectorLabel = QStringLiteral("MyConnector"); // route
        next[1].triggerType = TriggerType::OnDemand;                 // trigger, beside it
        ExecutionDetails details;
        details.mostRecentExecutionStatus = ExecutionStatus::Error;
        details.mostRecentExecutionTime = testNow().addSecs(-600);
        next[3].lastRunExecutionDetails = details;                   // last run status and time
        f.model.merge(next);
        QCOMPARE(f.log.takeEvents(),
                 (QStringList{QStringLiteral("changed 0,0-0,0"), QStringLiteral("changed 1,2-1,3"),
                              QStringLiteral("changed 3,4-3,5")}));

        next[3].lastRunExecutionDetails->mostRecentExecutionTime = testNow().addSecs(-60);
        f.model.merge(next);
        QCOMPARE(f.log.takeEvents(), QStringList{QStringLiteral("changed 3,5-3,5")});
    }

    void activeRunCountSignalsOneCell()
    {
        Fixture f;
        f.model.merge(flows(3));
        f.log.takeEvents();
        const QModelIndex cell = f.model.index(1, FlowListModel::ActiveRunsColumn);
        QCOMPARE(cell.data().toString(), QStringLiteral("\u2014"));
        QVERIFY(!cell.data(Roles::SortRole).isValid());
        QCOMPARE(cell.data(Roles::ActiveRole).toBool(), false);

        f.model.setActiveRunCount(QStringLiteral("flow-1"), 3);
        QCOMPARE(f.log.takeEvents(), QStringList{QStringLiteral("changed 1,6-1,6")});
        QCOMPARE(cell.data().toString(), QStringLiteral("3"));
        QCOMPARE(cell.data(Roles::SortRole), QVariant(3));
        QCOMPARE(f.model.index(1, 0).data(Roles::ActiveRole).toBool(), true);

        f.model.setActiveRunCount(QStringLiteral("flow-1"), 3);
        QCOMPARE(f.log.takeEvents(), QStringList());
        f.model.setActiveRunCount(QStringLiteral("flow-1"), 0);
        QCOMPARE(cell.data().toString(), QStringLiteral("0"));
        // A count for a flow that is not listed yet is kept for when it appears.
        f.model.setActiveRunCount(QStringLiteral("later"), 2);
        QCOMPARE(f.log.takeEvents(), QStringList{QStringLiteral("changed 1,6-1,6")});
        QList<FlowDefinition> next = flows(3);
        next << makeFlow(QStringLiteral("later"));
        f.model.merge(next);
        QCOMPARE(f.model.index(3, FlowListModel::ActiveRunsColumn).data().toString(), QStringLiteral("2"));
    }

    void formatsForPeople()
    {
        Fixture f;
        FlowDefinition flow = makeFlow(QStringLiteral("orders"), FlowStatus::Active,
                                       QStringLiteral("Salesforce"), QStringLiteral("S3"));
        flow.destinationConnectorLabel = QStringLiteral("DataLake");
        flow.triggerType = TriggerType::Unknown;
        flow.triggerTypeText = QStringLiteral("Continuous");
        flow.description = QStringLiteral("Orders to the lake");
        ExecutionDetails details;
        details.mostRecentExecutionStatus = ExecutionStatus::CancelStarted;
        details.mostRecentExecutionTime = testNow().addSecs(-3 * 3600);
        details.mostRecentExecutionMessage = QStringLiteral("Cancelled by user");
        flow.lastRunExecutionDetails = details;
        f.model.merge({flow, makeFlow(QStringLiteral("never-ran"))});

        const auto cell = [&](int row, FlowListModel::Column column, int role = Qt::DisplayRole) {
            return f.model.index(row, column).data(role);
        };
        QCOMPARE(cell(0, FlowListModel::NameColumn).toString(), QStringLiteral("orders"));
        QCOMPARE(cell(0, FlowListModel::StatusColumn).toString(), QStringLiteral("Active"));
        QCOMPARE(cell(0, FlowListModel::TriggerColumn).toString(), QStringLiteral("Continuous"));
        QCOMPARE(cell(0, FlowListModel::RouteColumn).toString(), QStringLiteral("Salesforce \u2192 DataLake"));
        QCOMPARE(cell(0, FlowListModel::LastRunStatusColumn).toString(), QStringLiteral("Cancel started"));
        QCOMPARE(cell(0, FlowListModel::LastRunTimeColumn).toString(), QStringLiteral("3 h ago"));
        QCOMPARE(cell(0, FlowListModel::LastRunTimeColumn, Roles::SortRole),
                 QVariant(testNow().addSecs(-3 * 3600).toMSecsSinceEpoch()));
        QVERIFY(cell(0, FlowListModel::LastRunTimeColumn, Qt::ToolTipRole).toString()
                    .contains(QStringLiteral("2024-05-01T09:00:00.000Z")));
        QCOMPARE(cell(0, FlowListModel::LastRunStatusColumn, Qt::ToolTipRole).toString(),
                 QStringLiteral("Cancelled by user"));
        const QString nameTip = cell(0, FlowListModel::NameColumn, Qt::ToolTipRole).toString();
        QVERIFY2(nameTip.contains(QStringLiteral("Orders to the lake"))
                     && nameTip.contains(QStringLiteral("arn:aws:appflow:")),
                 qPrintable(nameTip));
        QCOMPARE(cell(0, FlowListModel::LastRunStatusColumn, Roles::StatusRole).value<ExecutionStatus>(),
                 ExecutionStatus::CancelStarted);
        QCOMPARE(cell(0, FlowListModel::NameColumn, Roles::StatusRole).value<FlowStatus>(), FlowStatus::Active);

        QCOMPARE(cell(1, FlowListModel::LastRunStatusColumn).toString(), QStringLiteral("\u2014"));
        QCOMPARE(cell(1, FlowListModel::LastRunTimeColumn).toString(), QStringLiteral("\u2014"));
        QVERIFY(!cell(1, FlowListModel::LastRunTimeColumn, Roles::SortRole).isValid());
        QCOMPARE(cell(1, FlowListModel::TriggerColumn).toString(), QStringLiteral("Scheduled"));
        QCOMPARE(f.model.headerData(FlowListModel::RouteColumn, Qt::Horizontal).toString(),
                 QStringLiteral("Source \u2192 destination"));
    }

    void selectionSurvivesARefreshThroughTheProxy()
    {
        Fixture f;
        FlowFilterProxyModel proxy;
        proxy.setSourceModel(&f.model);
        QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.sort(FlowListModel::NameColumn, Qt::DescendingOrder);
        f.model.merge(flows(10));

        QItemSelectionModel selection(&proxy);
        const auto proxyIndex = [&](const QString &name) {
            return proxy.mapFromSource(f.model.index(f.model.indexOfId(name), 0));
        };
        for (const char *name : {"flow-2", "flow-5", "flow-7"})
            selection.select(proxyIndex(QString::fromLatin1(name)),
                             QItemSelectionModel::Select | QItemSelectionModel::Rows);
        selection.setCurrentIndex(proxyIndex(QStringLiteral("flow-5")), QItemSelectionModel::NoUpdate);

        QList<FlowDefinition> next = flows(10);
        next.removeAt(7);                          // selected, gone
        next.removeAt(3);                          // not selected, gone
        next[4].flowStatus = FlowStatus::Errored;  // flow-5, selected and current
        next << makeFlow(QStringLiteral("flow-99")) << makeFlow(QStringLiteral("a-new-flow"));
        f.model.merge(next);

        QVERIFY(!f.log.events.contains(QStringLiteral("reset")));
        QCOMPARE(selectedNames(selection), (QStringList{QStringLiteral("flow-2"), QStringLiteral("flow-5")}));
        QCOMPARE(selection.currentIndex(), proxyIndex(QStringLiteral("flow-5")));
        QCOMPARE(proxy.index(0, 0).data().toString(), QStringLiteral("flow-99"));
    }
};

QTEST_GUILESS_MAIN(TstFlowListModel)
#include "tst_flowlistmodel.moc"
