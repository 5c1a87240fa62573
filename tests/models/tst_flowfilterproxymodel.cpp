#include "FlowFilterProxyModel.h"
#include "FlowListModel.h"
#include "ModelRoles.h"
#include "ModelTestSupport.h"

#include <QAbstractItemModelTester>
#include <QtTest>

using namespace flowdesk::models;
using namespace flowdesk::models::test;
using flowdesk::appflow::ExecutionDetails;
using flowdesk::appflow::FlowDefinition;

namespace {

QStringList column(const QAbstractItemModel &model, int column = 0)
{
    QStringList values;
    for (int row = 0; row < model.rowCount(); ++row)
        values << model.index(row, column).data().toString();
    return values;
}

FlowDefinition ranAt(FlowDefinition flow, qint64 secondsAgo)
{
    ExecutionDetails details;
    details.mostRecentExecutionTime = testNow().addSecs(-secondsAgo);
    flow.lastRunExecutionDetails = details;
    return flow;
}

} // namespace

class TstFlowFilterProxyModel : public QObject
{
    Q_OBJECT

private:
    struct Fixture {
        Fixture()
        {
            model.setClock([] { return testNow(); });
            proxy.setSourceModel(&model);
            FlowDefinition custom = makeFlow(QStringLiteral("zendesk-tickets"), flowdesk::appflow::FlowStatus::Active,
                                             QStringLiteral("CustomConnector"), QStringLiteral("Redshift"));
            custom.sourceConnectorLabel = QStringLiteral("AcmeTickets");
            FlowDefinition described = makeFlow(QStringLiteral("Nightly"), flowdesk::appflow::FlowStatus::Draft,
                                                QStringLiteral("Slack"), QStringLiteral("S3"));
            described.description = QStringLiteral("Exports the ORDERS channel");
            model.merge({ranAt(makeFlow(QStringLiteral("orders-to-s3")), 90),
                         ranAt(makeFlow(QStringLiteral("Invoices"), flowdesk::appflow::FlowStatus::Active,
                                        QStringLiteral("SAPOData"), QStringLiteral("S3")), 10 * 3600),
                         ranAt(custom, 600), described});
        }
        FlowListModel model;
        FlowFilterProxyModel proxy;
        QAbstractItemModelTester modelTester{&model, QAbstractItemModelTester::FailureReportingMode::QtTest};
        QAbstractItemModelTester proxyTester{&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest};
    };

private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void filtersOnNameDescriptionAndConnectorsIgnoringCase()
    {
        Fixture f;
        f.proxy.sort(FlowListModel::NameColumn);
        QCOMPARE(f.proxy.rowCount(), 4);
        f.proxy.setFilterText(QStringLiteral("ORDERS"));
        QCOMPARE(column(f.proxy), (QStringList{QStringLiteral("Nightly"), QStringLiteral("orders-to-s3")}));
        f.proxy.setFilterText(QStringLiteral("  acme "));
        QCOMPARE(column(f.proxy), QStringList{QStringLiteral("zendesk-tickets")});
        f.proxy.setFilterText(QStringLiteral("sapodata"));
        QCOMPARE(column(f.proxy), QStringList{QStringLiteral("Invoices")});
        f.proxy.setFilterText(QStringLiteral("redshift"));
        QCOMPARE(column(f.proxy), QStringList{QStringLiteral("zendesk-tickets")});
        f.proxy.setFilterText(QStringLiteral("no such thing"));
        QCOMPARE(f.proxy.rowCount(), 0);
        f.proxy.setFilterText(QString());
        QCOMPARE(f.proxy.rowCount(), 4);
        QCOMPARE(f.proxy.filterText(), QString());
    }

    void filterIsDynamicAcrossMerges()
    {
        Fixture f;
        f.proxy.setFilterText(QStringLiteral("s3"));
        const int before = f.proxy.rowCount();
        QList<FlowDefinition> next;
        for (int row = 0; row < f.model.rowCount(); ++row)
            next << f.model.flow(row);
        next << makeFlow(QStringLiteral("new-one"), flowdesk::appflow::FlowStatus::Active,
                         QStringLiteral("Marketo"), QStringLiteral("S3"))
             << makeFlow(QStringLiteral("other"), flowdesk::appflow::FlowStatus::Active,
                         QStringLiteral("Marketo"), QStringLiteral("Snowflake"));
        f.model.merge(next);
        QCOMPARE(f.proxy.rowCount(), before + 1);
    }

    void sortsNamesCaseInsensitivelyAndTimesAsTimes()
    {
        Fixture f;
        f.proxy.sort(FlowListModel::NameColumn, Qt::AscendingOrder);
        QCOMPARE(column(f.proxy), (QStringList{QStringLiteral("Invoices"), QStringLiteral("Nightly"),
                                               QStringLiteral("orders-to-s3"), QStringLiteral("zendesk-tickets")}));
        // "10 h ago" < "10 min ago" < "90 s ago" as text; as times it is the other way round.
        f.proxy.sort(FlowListModel::LastRunTimeColumn, Qt::DescendingOrder);
        QCOMPARE(column(f.proxy), (QStringList{QStringLiteral("orders-to-s3"), QStringLiteral("zendesk-tickets"),
                                               QStringLiteral("Invoices"), QStringLiteral("Nightly")}));
        QCOMPARE(column(f.proxy, FlowListModel::LastRunTimeColumn).last(), QStringLiteral("\u2014"));
    }

    void resortsWhenASortedCellChanges()
    {
        Fixture f;
        f.proxy.sort(FlowListModel::ActiveRunsColumn, Qt::DescendingOrder);
        f.model.setActiveRunCount(QStringLiteral("Nightly"), 2);
        f.model.setActiveRunCount(QStringLiteral("Invoices"), 10);
        QCOMPARE(column(f.proxy).mid(0, 2), (QStringList{QStringLiteral("Invoices"), QStringLiteral("Nightly")}));
        f.model.setActiveRunCount(QStringLiteral("Nightly"), 11);
        QCOMPARE(column(f.proxy).mid(0, 2), (QStringList{QStringLiteral("Nightly"), QStringLiteral("Invoices")}));
    }
};

QTEST_GUILESS_MAIN(TstFlowFilterProxyModel)
#include "tst_flowfilterproxymodel.moc"
