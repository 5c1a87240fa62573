#include "ModelRoles.h"
#include "ModelTestSupport.h"
#include "RunFilterProxyModel.h"
#include "RunListModel.h"

#include <QAbstractItemModelTester>
#include <QItemSelectionModel>
#include <QSignalSpy>
#include <QtTest>

using namespace flowdesk::models;
using namespace flowdesk::models::test;
using flowdesk::appflow::ExecutionRecord;
using flowdesk::appflow::ExecutionStatus;

namespace {

QList<ExecutionRecord> runs(int count)
{
    QList<ExecutionRecord> result;
    for (int i = 0; i < count; ++i)
        result << makeRun(QStringLiteral("r%1").arg(i), ExecutionStatus::InProgress, 1000 * (i + 1));
    return result;
}

QStringList idsOf(const QModelIndexList &indexes)
{
    QStringList ids;
    for (const QModelIndex &index : indexes)
        ids << index.data(Roles::IdRole).toString();
    ids.sort();
    return ids;
}

} // namespace

class TstRunListModel : public QObject
{
    Q_OBJECT

private:
    // Every model in this file is checked by Qt's own tester for the whole test.
    struct Fixture {
        Fixture()
        {
            model.setClock([] { return testNow(); });
            model.setFlowName(QStringLiteral("orders"));
        }
        RunListModel model;
        QAbstractItemModelTester tester{&model, QAbstractItemModelTester::FailureReportingMode::QtTest};
        SignalLog log{&model};
    };

private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void firstMergeInsertsOneBatch()
    {
        Fixture f;
        const MergeResult result = f.model.merge(runs(5));
        QCOMPARE(f.log.takeEvents(), QStringList{QStringLiteral("insert 0-4")});
        QCOMPARE(result.inserted, 5);
        QCOMPARE(f.model.rowCount(), 5);
        QCOMPARE(f.model.executionIds(),
                 (QStringList{QStringLiteral("r0"), QStringLiteral("r1"), QStringLiteral("r2"),
                              QStringLiteral("r3"), QStringLiteral("r4")}));
        QCOMPARE(f.model.indexOfId(QStringLiteral("r3")), 3);
        QCOMPARE(f.model.indexOfId(QStringLiteral("nope")), -1);
    }

    void sameDataSignalsNothing()
    {
        Fixture f;
        f.model.merge(runs(5));
        f.log.takeEvents();
        const MergeResult result = f.model.merge(runs(5));
        QCOMPARE(f.log.takeEvents(), QStringList());
        QCOMPARE(result.updated + result.inserted + result.removed, 0);
    }

    void onlyChangedCellsAreSignalled()
    {
        Fixture f;
        f.model.merge(runs(6));
        QSignalSpy changed(&f.model, &QAbstractItemModel::dataChanged);
        QSignalSpy reset(&f.model, &QAbstractItemModel::modelReset);

        QList<ExecutionRecord> next = runs(6);
        next[1].executionResult.bytesWritten = 1;                    // column 7
        next[2].executionResult.bytesProcessed = 99;                 // column 6, on two
        next[3].executionResult.bytesProcessed = 98;                 // consecutive rows
        next[4].executionStatus = ExecutionStatus::Successful;       // status, and the duration
        next[5].executionResult.errorInfo = flowdesk::appflow::ErrorInfo{3, QStringLiteral("boom")};
        const MergeResult result = f.model.merge(next);

        QCOMPARE(result.updated, 5);
        const QList<std::pair<QPoint, QPoint>> expected{
            {{7, 1}, {7, 1}}, // (column, row)
            {{6, 2}, {6, 3}},
            {{1, 4}, {1, 4}},
            {{4, 4}, {4, 4}},
            {{8, 5}, {8, 5}},
        };
        QCOMPARE(changed.count(), expected.size());
        for (qsizetype i = 0; i < expected.size(); ++i) {
            const auto topLeft = changed.at(i).at(0).toModelIndex();
            const auto bottomRight = changed.at(i).at(1).toModelIndex();
            QCOMPARE(QPoint(topLeft.column(), topLeft.row()), expected.at(i).first);
            QCOMPARE(QPoint(bottomRight.column(), bottomRight.row()), expected.at(i).second);
        }
        QCOMPARE(reset.count(), 0);
        QCOMPARE(f.model.record(4).executionStatus, ExecutionStatus::Successful);
        QCOMPARE(f.model.index(5, RunListModel::ErrorColumn).data().toString(), QStringLiteral("boom"));
    }

    void vanishedRowsLeaveInDescendingContiguousRanges()
    {
        Fixture f;
        f.model.merge(runs(10));
        f.log.takeEvents();
        QList<ExecutionRecord> next = runs(10);
        for (int gone : {8, 7, 5, 2, 1})
            next.removeAt(gone);
        const MergeResult result = f.model.merge(next);
        QCOMPARE(f.log.takeEvents(),
                 (QStringList{QStringLiteral("remove 7-8"), QStringLiteral("remove 5-5"),
                              QStringLiteral("remove 1-2")}));
        QCOMPARE(result.removed, 5);
        QCOMPARE(f.model.executionIds(),
                 (QStringList{QStringLiteral("r0"), QStringLiteral("r3"), QStringLiteral("r4"),
                              QStringLiteral("r6"), QStringLiteral("r9")}));
        for (int row = 0; row < f.model.rowCount(); ++row)
            QCOMPARE(f.model.indexOfId(f.model.record(row).executionId), row);
    }

    void newRowsAreAppendedInOneBatchInIncomingOrder()
    {
        Fixture f;
        f.model.merge(runs(3));
        f.log.takeEvents();
        QList<ExecutionRecord> next = runs(3);
        next.insert(0, makeRun(QStringLiteral("n1")));
        next.insert(2, makeRun(QStringLiteral("n2")));
        next.append(makeRun(QStringLiteral("n3")));
        next.append(makeRun(QStringLiteral("n1"))); // a duplicate: the first one wins
        f.model.merge(next);
        QCOMPARE(f.log.takeEvents(), QStringList{QStringLiteral("insert 3-5")});
        QCOMPARE(f.model.executionIds(),
                 (QStringList{QStringLiteral("r0"), QStringLiteral("r1"), QStringLiteral("r2"),
                              QStringLiteral("n1"), QStringLiteral("n2"), QStringLiteral("n3")}));
    }

    void removedSlotsAreReusedWithoutMixingRows()
    {
        Fixture f;
        f.model.merge(runs(4));
        f.model.merge({makeRun(QStringLiteral("r3"))});
        QList<ExecutionRecord> next{makeRun(QStringLiteral("r3")), makeRun(QStringLiteral("x1"), ExecutionStatus::Error, 5),
                                    makeRun(QStringLiteral("x2"), ExecutionStatus::Successful, 7)};
        f.model.merge(next);
        QCOMPARE(f.model.executionIds(),
                 (QStringList{QStringLiteral("r3"), QStringLiteral("x1"), QStringLiteral("x2")}));
        QCOMPARE(f.model.record(1).executionStatus, ExecutionStatus::Error);
        QCOMPARE(f.model.record(2).executionResult.bytesProcessed, std::optional<qint64>(7));
        QCOMPARE(f.model.indexOfId(QStringLiteral("x2")), 2);
    }

    void selectionAndCurrentSurviveARefresh()
    {
        Fixture f;
        RunFilterProxyModel proxy;
        proxy.setSourceModel(&f.model);
        QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.sort(RunListModel::BytesProcessedColumn, Qt::DescendingOrder);
        f.model.merge(runs(8));

        QItemSelectionModel sourceSelection(&f.model);
        const auto selectSource = [&](const QString &id, QItemSelectionModel::SelectionFlags flags) {
            sourceSelection.select(f.model.index(f.model.indexOfId(id), 0),
                                   flags | QItemSelectionModel::Rows);
        };
        selectSource(QStringLiteral("r1"), QItemSelectionModel::Select);
        selectSource(QStringLiteral("r3"), QItemSelectionModel::Select);
        selectSource(QStringLiteral("r6"), QItemSelectionModel::Select);
        sourceSelection.setCurrentIndex(f.model.index(f.model.indexOfId(QStringLiteral("r3")), 2),
                                        QItemSelectionModel::NoUpdate);

        QItemSelectionModel proxySelection(&proxy);
        const auto proxyIndex = [&](const QString &id, int column = 0) {
            return proxy.mapFromSource(f.model.index(f.model.indexOfId(id), column));
        };
        for (const char *id : {"r2", "r4", "r6"})
            proxySelection.select(proxyIndex(QString::fromLatin1(id)),
                                  QItemSelectionModel::Select | QItemSelectionModel::Rows);
        proxySelection.setCurrentIndex(proxyIndex(QStringLiteral("r4"), 1),
                                       QItemSelectionModel::NoUpdate);
        QSignalSpy proxyReset(&proxy, &QAbstractItemModel::modelReset);

        // Remove one unselected and one selected row, change a selected row so that it sorts to
        // the top of the proxy, add two.
        QList<ExecutionRecord> next = runs(8);
        next.removeAt(6);
        next.removeAt(0);
        next[2].executionResult.bytesProcessed = 1'000'000; // r3
        next << makeRun(QStringLiteral("r8"), ExecutionStatus::InProgress, 5)
             << makeRun(QStringLiteral("r9"), ExecutionStatus::InProgress, 6);
        f.model.merge(next);

        QVERIFY(!f.log.events.contains(QStringLiteral("reset")));
        QCOMPARE(proxyReset.count(), 0);
        QCOMPARE(idsOf(sourceSelection.selectedRows()), (QStringList{QStringLiteral("r1"), QStringLiteral("r3")}));
        QCOMPARE(sourceSelection.currentIndex(), f.model.index(f.model.indexOfId(QStringLiteral("r3")), 2));
        QCOMPARE(idsOf(proxySelection.selectedRows()), (QStringList{QStringLiteral("r2"), QStringLiteral("r4")}));
        QCOMPARE(proxySelection.currentIndex(), proxyIndex(QStringLiteral("r4"), 1));
        QCOMPARE(proxy.index(0, 0).data(Roles::IdRole).toString(), QStringLiteral("r3"));
    }

    void formatsForPeopleAndSortsOnRawValues()
    {
        Fixture f;
        ExecutionRecord run = makeRun(QStringLiteral("e1"));
        run.startedAt = testNow().addSecs(-192);
        run.lastUpdatedAt = testNow().addSecs(-45);
        run.dataPullStartTime = testNow().addSecs(-3600);
        run.dataPullEndTime = testNow().addSecs(-200);
        run.executionResult.bytesProcessed = 1'572'864;
        run.executionResult.bytesWritten = std::nullopt;
        run.executionResult.recordsProcessed = 15'728;
        f.model.merge({run});
        const auto cell = [&](RunListModel::Column column, int role = Qt::DisplayRole) {
            return f.model.index(0, column).data(role);
        };
        QCOMPARE(cell(RunListModel::ExecutionIdColumn).toString(), QStringLiteral("e1"));
        QCOMPARE(cell(RunListModel::StatusColumn).toString(), QStringLiteral("In progress"));
        QCOMPARE(cell(RunListModel::StartedColumn).toString(), QStringLiteral("3 min ago"));
        QCOMPARE(cell(RunListModel::LastUpdatedColumn).toString(), QStringLiteral("45 s ago"));
        QCOMPARE(cell(RunListModel::DurationColumn).toString(), QStringLiteral("3 min 12 s"));
        QCOMPARE(cell(RunListModel::RecordsColumn).toString(), QLocale::c().toString(15728));
        QCOMPARE(cell(RunListModel::BytesProcessedColumn).toString(), QStringLiteral("1.50 MiB"));
        QCOMPARE(cell(RunListModel::BytesWrittenColumn).toString(), QStringLiteral("\u2014"));
        QCOMPARE(cell(RunListModel::ErrorColumn).toString(), QStringLiteral("\u2014"));

        QCOMPARE(cell(RunListModel::BytesProcessedColumn, Roles::SortRole), QVariant(qint64(1'572'864)));
        QVERIFY(!cell(RunListModel::BytesWrittenColumn, Roles::SortRole).isValid());
        QCOMPARE(cell(RunListModel::DurationColumn, Roles::SortRole), QVariant(qint64(192'000)));
        QCOMPARE(cell(RunListModel::StartedColumn, Roles::SortRole),
                 QVariant(testNow().addSecs(-192).toMSecsSinceEpoch()));

        const QString startedTip = cell(RunListModel::StartedColumn, Qt::ToolTipRole).toString();
        QVERIFY2(startedTip.contains(QStringLiteral("2024-05-01T11:56:48.000Z")), qPrintable(startedTip));
        QVERIFY2(startedTip.contains(QStringLiteral("2024-05-01T11:00:00.000Z")), qPrintable(startedTip));
        QCOMPARE(cell(RunListModel::BytesProcessedColumn, Qt::ToolTipRole).toString(),
                 QStringLiteral("%1 bytes").arg(QLocale::c().toString(1572864)));

        const auto right = Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter);
        QCOMPARE(cell(RunListModel::RecordsColumn, Qt::TextAlignmentRole).value<Qt::Alignment>(), right);
        // Qt 6.4's delegates read the alignment with toInt().
        QCOMPARE(cell(RunListModel::RecordsColumn, Qt::TextAlignmentRole).toInt(), int(right));
        QCOMPARE(cell(RunListModel::DurationColumn, Qt::TextAlignmentRole).value<Qt::Alignment>(), right);
        QVERIFY(!cell(RunListModel::ExecutionIdColumn, Qt::TextAlignmentRole).isValid());

        QCOMPARE(cell(RunListModel::ErrorColumn, Roles::StatusRole).value<ExecutionStatus>(),
                 ExecutionStatus::InProgress);
        QCOMPARE(cell(RunListModel::ErrorColumn, Roles::ActiveRole).toBool(), true);
        QCOMPARE(cell(RunListModel::ErrorColumn, Roles::IdRole).toString(), QStringLiteral("e1"));
        QCOMPARE(cell(RunListModel::ErrorColumn, Roles::FlowNameRole).toString(), QStringLiteral("orders"));
        QCOMPARE(f.model.headerData(RunListModel::BytesWrittenColumn, Qt::Horizontal).toString(),
                 QStringLiteral("Bytes written"));
    }

    void finishedRunsLastUntilTheirLastUpdate()
    {
        Fixture f;
        ExecutionRecord run = makeRun(QStringLiteral("done"), ExecutionStatus::Error);
        run.startedAt = testNow().addSecs(-7200);
        run.lastUpdatedAt = testNow().addSecs(-7200 + 300);
        run.executionResult.errorInfo = flowdesk::appflow::ErrorInfo{12, QStringLiteral("Access\n denied")};
        f.model.merge({run});
        QCOMPARE(f.model.index(0, RunListModel::DurationColumn).data().toString(), QStringLiteral("5 min 0 s"));
        QCOMPARE(f.model.index(0, RunListModel::StartedColumn).data().toString(), QStringLiteral("2 h ago"));
        QCOMPARE(f.model.index(0, RunListModel::ErrorColumn).data().toString(), QStringLiteral("Access denied"));
        const QString tip = f.model.index(0, RunListModel::ErrorColumn).data(Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains(QStringLiteral("Access\n denied")) && tip.contains(QStringLiteral("12 records failed")),
                 qPrintable(tip));
        QCOMPARE(f.model.index(0, 0).data(Roles::ActiveRole).toBool(), false);
        QCOMPARE(f.model.activeRunCount(), 0);
    }

    void timeColumnsFollowTheInjectedClock()
    {
        Fixture f;
        QDateTime now = testNow();
        f.model.setClock([&now] { return now; });
        f.model.merge({makeRun(QStringLiteral("a")), makeRun(QStringLiteral("b"))});
        QCOMPARE(f.model.index(0, RunListModel::DurationColumn).data().toString(), QStringLiteral("10 min 0 s"));
        f.log.takeEvents();

        now = now.addSecs(61);
        f.model.refreshTimeColumns();
        QCOMPARE(f.log.takeEvents(),
                 QStringList{QStringLiteral("changed 0,2-1,4 [0,%1]").arg(Roles::SortRole)});
        QCOMPARE(f.model.index(0, RunListModel::DurationColumn).data().toString(), QStringLiteral("11 min 1 s"));
        QCOMPARE(f.model.index(0, RunListModel::LastUpdatedColumn).data().toString(), QStringLiteral("2 min ago"));
    }

    void switchingFlowsRemovesRowsWithoutAReset()
    {
        Fixture f;
        f.model.merge(runs(3));
        f.log.takeEvents();
        f.model.setFlowName(QStringLiteral("orders"));
        QCOMPARE(f.log.takeEvents(), QStringList());
        f.model.setFlowName(QStringLiteral("invoices"));
        QCOMPARE(f.log.takeEvents(), QStringList{QStringLiteral("remove 0-2")});
        QCOMPARE(f.model.flowName(), QStringLiteral("invoices"));
        f.model.merge(runs(2));
        QCOMPARE(f.model.index(1, 0).data(Roles::FlowNameRole).toString(), QStringLiteral("invoices"));
    }
};

QTEST_GUILESS_MAIN(TstRunListModel)
#include "tst_runlistmodel.moc"
