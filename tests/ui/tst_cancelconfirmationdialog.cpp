// The confirmation is the product's safety net: every fact the user must read is checked here.
#include "CancelConfirmationDialog.h"
#include "Translations.h"

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QtTest>

using flowdesk::CancelConfirmationDialog;
using flowdesk::CancelPlan;
namespace appflow = flowdesk::appflow;

namespace {

appflow::ExecutionRecord run(const QString &id, qint64 records, qint64 bytes)
{
    appflow::ExecutionRecord record;
    record.executionId = id;
    record.executionStatus = appflow::ExecutionStatus::InProgress;
    record.executionStatusText = QStringLiteral("InProgress");
    record.executionResult.recordsProcessed = records;
    record.executionResult.bytesProcessed = bytes;
    return record;
}

CancelPlan::FlowRuns flow(const QString &name, appflow::TriggerType trigger,
                          QStringList batchUses, QList<appflow::ExecutionRecord> runs)
{
    CancelPlan::FlowRuns flowRuns;
    flowRuns.flowName = name;
    flowRuns.triggerType = trigger;
    flowRuns.descriptionKnown = true;
    flowRuns.batchApiUses = std::move(batchUses);
    flowRuns.runs = std::move(runs);
    return flowRuns;
}

QString labelText(QWidget &dialog, const char *name)
{
    auto *label = dialog.findChild<QLabel *>(QLatin1String(name));
    return label ? label->text() : QString();
}

} // namespace

class TstCancelConfirmationDialog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { flowdesk::installTranslations(); }

    void cleanup()
    {
        // Dialogs delete themselves on close (WA_DeleteOnClose) from the event loop.
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    }

    // Issue #16 finding: one run was "these runs".
    void oneRunIsThisRun()
    {
        CancelPlan plan;
        plan.flows << flow(QStringLiteral("zendesk-tickets"), appflow::TriggerType::Scheduled, {},
                           {run(QStringLiteral("exec-1"), 1200, 2048)});
        auto *dialog = new CancelConfirmationDialog(plan);
        dialog->open();
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        const QString charges = labelText(*dialog, "chargesWarningLabel");
        QVERIFY2(charges.contains(QStringLiteral("the data this run has already processed")), qPrintable(charges));
        QVERIFY2(labelText(*dialog, "titleLabel").contains(QStringLiteral("Cancel 1 run ")),
                 qPrintable(labelText(*dialog, "titleLabel")));
        delete dialog;
    }

    void showsEveryWarningAndTheRuns()
    {
        CancelPlan plan;
        plan.flows << flow(QStringLiteral("zendesk-tickets"), appflow::TriggerType::Scheduled, {},
                           {run(QStringLiteral("exec-1"), 1200, 2048),
                            run(QStringLiteral("exec-2"), 800, 1024)});
        plan.flows.last().connectionLabel = QStringLiteral("profile prod · eu-west-1");
        auto *dialog = new CancelConfirmationDialog(plan);
        dialog->open();
        QVERIFY(QTest::qWaitForWindowExposed(dialog));

        QVERIFY(labelText(*dialog, "titleLabel").contains(QStringLiteral("Cancel 2 runs")));
        QVERIFY(labelText(*dialog, "titleLabel").contains(QStringLiteral("zendesk-tickets")));
        QVERIFY(labelText(*dialog, "connectionLabel").contains(QStringLiteral("eu-west-1")));
        QVERIFY2(labelText(*dialog, "chargesWarningLabel").contains(QStringLiteral("charged for the data these 2 runs")),
                 qPrintable(labelText(*dialog, "chargesWarningLabel")));
        QVERIFY(labelText(*dialog, "dataStaysWarningLabel").contains(QStringLiteral("stays there")));
        QVERIFY(labelText(*dialog, "irreversibleWarningLabel").contains(QStringLiteral("cannot be undone")));
        QVERIFY(labelText(*dialog, "scheduledWarningLabel").contains(QStringLiteral("not affected")));
        // No batch API here: the batch warning must not cry wolf.
        QVERIFY(!dialog->findChild<QLabel *>(QStringLiteral("batchWarningLabel")));
        QVERIFY(!dialog->findChild<QLabel *>(QStringLiteral("batchUnknownWarningLabel")));

        auto *table = dialog->findChild<QTableWidget *>(QStringLiteral("runsTable"));
        QVERIFY(table);
        QCOMPARE(table->rowCount(), 2);
        QCOMPARE(table->item(0, 1)->text(), QStringLiteral("exec-1"));
        QVERIFY(table->isColumnHidden(4)); // one connection: named above, not per row
        const QString total = labelText(*dialog, "totalLabel");
        QVERIFY2(total.contains(QLocale().toString(2000)), qPrintable(total));
        QVERIFY2(total.contains(QLocale().formattedDataSize(3072)), qPrintable(total));

        // Scheduled flow: deactivation is offered, off by default.
        auto *deactivate = dialog->findChild<QCheckBox *>(QStringLiteral("deactivateCheckBox"));
        QVERIFY(deactivate);
        QVERIFY(!deactivate->isChecked());

        auto *keep = dialog->findChild<QPushButton *>(QStringLiteral("keepRunsButton"));
        auto *confirm = dialog->findChild<QPushButton *>(QStringLiteral("cancelRunsButton"));
        QVERIFY(keep && confirm);
        QCOMPARE(confirm->text(), QStringLiteral("Cancel 2 runs"));
        QCOMPARE(keep->text(), QStringLiteral("Keep runs"));
        QVERIFY(keep->isDefault());
        QVERIFY(keep->hasFocus());
        dialog->close();
    }

    // "All active runs" across two accounts: both are named, each run says which it is in,
    // and the title says the cancel spans connections.
    void runsOfSeveralConnectionsNameEveryConnection()
    {
        CancelPlan plan;
        plan.scope = CancelPlan::Scope::AllActiveAcrossFlows;
        plan.requireTypedConfirmation = false;
        plan.flows << flow(QStringLiteral("orders-sync"), appflow::TriggerType::OnDemand, {},
                           {run(QStringLiteral("exec-p"), 10, 10)});
        plan.flows.last().connectionLabel = QStringLiteral("profile prod · eu-west-1");
        plan.flows.last().connectionName = QStringLiteral("prod · eu-west-1");
        plan.flows << flow(QStringLiteral("orders-sync"), appflow::TriggerType::OnDemand, {},
                           {run(QStringLiteral("exec-s"), 10, 10)});
        plan.flows.last().connectionLabel = QStringLiteral("profile staging · us-east-1");
        plan.flows.last().connectionName = QStringLiteral("staging · us-east-1");
        auto *dialog = new CancelConfirmationDialog(plan);
        dialog->open();
        QVERIFY(QTest::qWaitForWindowExposed(dialog));

        QVERIFY(labelText(*dialog, "titleLabel").contains(QStringLiteral("of 2 connections")));
        const QString connections = labelText(*dialog, "connectionLabel");
        QVERIFY2(connections.contains(QStringLiteral("profile prod")), qPrintable(connections));
        QVERIFY2(connections.contains(QStringLiteral("profile staging")), qPrintable(connections));
        auto *table = dialog->findChild<QTableWidget *>(QStringLiteral("runsTable"));
        QVERIFY(table);
        QVERIFY(!table->isColumnHidden(4));
        QCOMPARE(table->item(0, 4)->text(), QStringLiteral("prod · eu-west-1"));
        QCOMPARE(table->item(1, 4)->text(), QStringLiteral("staging · us-east-1"));
        dialog->reject();
    }

    void enterOnAFreshDialogKeepsTheRuns()
    {
        CancelPlan plan;
        plan.flows << flow(QStringLiteral("s3-to-redshift"), appflow::TriggerType::OnDemand, {},
                           {run(QStringLiteral("e"), 1, 1)});
        QPointer<CancelConfirmationDialog> dialog = new CancelConfirmationDialog(plan);
        QSignalSpy confirmed(dialog.data(), &CancelConfirmationDialog::cancelConfirmed);
        QSignalSpy rejected(dialog.data(), &QDialog::rejected);
        dialog->open();
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        // On-demand flows have no schedule to stop.
        QVERIFY(!dialog->findChild<QCheckBox *>(QStringLiteral("deactivateCheckBox")));
        QTest::keyClick(dialog->focusWidget(), Qt::Key_Return);
        QTRY_COMPARE(rejected.count(), 1);
        QCOMPARE(confirmed.count(), 0);
        QTRY_VERIFY(dialog.isNull()); // WA_DeleteOnClose
    }

    void batchFlowIsNamedOnlyForBatchFlows()
    {
        CancelPlan plan;
        plan.flows << flow(QStringLiteral("salesforce-accounts"), appflow::TriggerType::Scheduled,
                           {QStringLiteral("Salesforce source uses Bulk API 2.0 (BULKV2)")},
                           {run(QStringLiteral("a"), 1, 1)})
                   << flow(QStringLiteral("slack-messages"), appflow::TriggerType::OnDemand, {},
                           {run(QStringLiteral("b"), 1, 1)});
        auto *dialog = new CancelConfirmationDialog(plan);
        dialog->open();
        const QString batch = labelText(*dialog, "batchWarningLabel");
        QVERIFY2(batch.contains(QStringLiteral("salesforce-accounts")), qPrintable(batch));
        QVERIFY(!batch.contains(QStringLiteral("slack-messages")));
        QVERIFY(batch.contains(QStringLiteral("billed")));
        QVERIFY(labelText(*dialog, "titleLabel").contains(QStringLiteral("2 flows")));
        dialog->close();
    }

    void unknownDescriptionSaysItCouldNotCheck()
    {
        CancelPlan plan;
        CancelPlan::FlowRuns unknown = flow(QStringLiteral("servicenow-incidents"),
                                            appflow::TriggerType::Event, {},
                                            {run(QStringLiteral("x"), 5, 5)});
        unknown.descriptionKnown = false;
        plan.flows << unknown;
        auto *dialog = new CancelConfirmationDialog(plan);
        dialog->open();
        QVERIFY(labelText(*dialog, "batchUnknownWarningLabel").contains(QStringLiteral("servicenow-incidents")));
        dialog->close();
    }

    void cancelAllNeedsTheTypedFlowName()
    {
        CancelPlan plan;
        plan.scope = CancelPlan::Scope::AllActiveOfFlow;
        plan.flows << flow(QStringLiteral("zendesk-tickets"), appflow::TriggerType::Scheduled, {},
                           {run(QStringLiteral("1"), 1, 1), run(QStringLiteral("2"), 1, 1)});
        QPointer<CancelConfirmationDialog> dialog = new CancelConfirmationDialog(plan);
        QSignalSpy confirmed(dialog.data(), &CancelConfirmationDialog::cancelConfirmed);
        dialog->open();
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        auto *confirm = dialog->findChild<QPushButton *>(QStringLiteral("cancelRunsButton"));
        auto *edit = dialog->findChild<QLineEdit *>(QStringLiteral("confirmationEdit"));
        QVERIFY(confirm && edit);
        QVERIFY(!confirm->isEnabled());
        QTest::mouseClick(confirm, Qt::LeftButton); // disabled: nothing happens
        QCOMPARE(confirmed.count(), 0);

        QTest::keyClicks(edit, QStringLiteral("zendesk-ticket"));
        QVERIFY(!confirm->isEnabled());
        QTest::keyClicks(edit, QStringLiteral("s"));
        QVERIFY(confirm->isEnabled());

        dialog->findChild<QCheckBox *>(QStringLiteral("deactivateCheckBox"))->setChecked(true);
        QTest::mouseClick(confirm, Qt::LeftButton);
        QCOMPARE(confirmed.count(), 1);
        QCOMPARE(confirmed.first().first().toBool(), true);
        QTRY_VERIFY(dialog.isNull());
    }

    void typedConfirmationCanBeSwitchedOff()
    {
        CancelPlan plan;
        plan.scope = CancelPlan::Scope::AllActiveAcrossFlows;
        plan.requireTypedConfirmation = false;
        plan.flows << flow(QStringLiteral("a-flow"), appflow::TriggerType::OnDemand, {},
                           {run(QStringLiteral("1"), 1, 1)});
        auto *dialog = new CancelConfirmationDialog(plan);
        dialog->open();
        QVERIFY(!dialog->findChild<QLineEdit *>(QStringLiteral("confirmationEdit")));
        QVERIFY(dialog->findChild<QPushButton *>(QStringLiteral("cancelRunsButton"))->isEnabled());
        dialog->close();
    }

    // Keep runs stays the default and has the focus, but Enter on the confirm button the user
    // moved to presses that button (it used to press Keep runs, silently keeping the runs);
    // back on Keep runs, Enter keeps them again.
    void enterOnTheFocusedConfirmButtonCancels()
    {
        CancelPlan plan;
        plan.flows << flow(QStringLiteral("s3-to-redshift"), appflow::TriggerType::OnDemand, {},
                           {run(QStringLiteral("e1"), 1, 1), run(QStringLiteral("e2"), 1, 1)});
        QPointer<CancelConfirmationDialog> dialog = new CancelConfirmationDialog(plan);
        QSignalSpy confirmed(dialog.data(), &CancelConfirmationDialog::cancelConfirmed);
        QSignalSpy rejected(dialog.data(), &QDialog::rejected);
        dialog->open();
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        auto *keep = dialog->findChild<QPushButton *>(QStringLiteral("keepRunsButton"));
        auto *confirm = dialog->findChild<QPushButton *>(QStringLiteral("cancelRunsButton"));
        QCOMPARE(confirm->text(), QStringLiteral("Cancel 2 runs"));
        QCOMPARE(dialog->focusWidget(), keep);
        QVERIFY(keep->isDefault());
        for (int i = 0; i < 10 && dialog->focusWidget() != confirm; ++i)
            QTest::keyClick(dialog->focusWidget(), Qt::Key_Tab);
        QCOMPARE(dialog->focusWidget(), confirm);
        QVERIFY(confirm->isDefault()); // drawn as the button Enter presses
        QVERIFY(!keep->isDefault());
        for (int i = 0; i < 10 && dialog->focusWidget() != keep; ++i)
            QTest::keyClick(dialog->focusWidget(), Qt::Key_Tab);
        QCOMPARE(dialog->focusWidget(), keep);
        QVERIFY(keep->isDefault());
        QVERIFY(!confirm->isDefault());
        for (int i = 0; i < 10 && dialog->focusWidget() != confirm; ++i)
            QTest::keyClick(dialog->focusWidget(), Qt::Key_Tab);
        QTest::keyClick(confirm, Qt::Key_Return);
        QCOMPARE(confirmed.count(), 1);
        QCOMPARE(rejected.count(), 0);
        QTRY_VERIFY(dialog.isNull());
    }

    // The typed-name field has the focus when shown; its placeholder does not spell the name
    // (the label above does). Enter with a wrong name does nothing (no cancel, no close); Enter
    // with the name typed confirms: typing it is the confirmation.
    void enterWithTheTypedNameConfirms()
    {
        CancelPlan plan;
        plan.scope = CancelPlan::Scope::AllActiveOfFlow;
        plan.flows << flow(QStringLiteral("zendesk-tickets"), appflow::TriggerType::OnDemand, {},
                           {run(QStringLiteral("1"), 1, 1), run(QStringLiteral("2"), 1, 1)});
        QPointer<CancelConfirmationDialog> dialog = new CancelConfirmationDialog(plan);
        QSignalSpy confirmed(dialog.data(), &CancelConfirmationDialog::cancelConfirmed);
        QSignalSpy rejected(dialog.data(), &QDialog::rejected);
        dialog->open();
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        auto *edit = dialog->findChild<QLineEdit *>(QStringLiteral("confirmationEdit"));
        QVERIFY(edit);
        QCOMPARE(dialog->focusWidget(), edit);
        QVERIFY(!edit->placeholderText().isEmpty());
        QVERIFY2(!edit->placeholderText().contains(QStringLiteral("zendesk-tickets")),
                 qPrintable(edit->placeholderText()));
        QVERIFY(labelText(*dialog, "confirmationPromptLabel").contains(QStringLiteral("zendesk-tickets")));
        QVERIFY(dialog->findChild<QPushButton *>(QStringLiteral("keepRunsButton"))->isDefault());

        QTest::keyClicks(edit, QStringLiteral("zendesk"));
        QTest::keyClick(edit, Qt::Key_Return);
        QTest::qWait(50);
        QCOMPARE(confirmed.count(), 0);
        QCOMPARE(rejected.count(), 0);
        QVERIFY(dialog && dialog->isVisible());
        QCOMPARE(dialog->focusWidget(), edit);

        QTest::keyClicks(edit, QStringLiteral("-tickets"));
        QTest::keyClick(edit, Qt::Key_Return);
        QCOMPARE(confirmed.count(), 1);
        QCOMPARE(rejected.count(), 0);
        QTRY_VERIFY(dialog.isNull());
    }

    // Across flows the word to type is fixed; it is not the placeholder either.
    void typedWordAcrossFlowsIsNotThePlaceholder()
    {
        CancelPlan plan;
        plan.scope = CancelPlan::Scope::AllActiveAcrossFlows;
        plan.flows << flow(QStringLiteral("a-flow"), appflow::TriggerType::OnDemand, {},
                           {run(QStringLiteral("1"), 1, 1)})
                   << flow(QStringLiteral("b-flow"), appflow::TriggerType::OnDemand, {},
                           {run(QStringLiteral("2"), 1, 1)});
        QPointer<CancelConfirmationDialog> dialog = new CancelConfirmationDialog(plan);
        QSignalSpy confirmed(dialog.data(), &CancelConfirmationDialog::cancelConfirmed);
        dialog->open();
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        auto *edit = dialog->findChild<QLineEdit *>(QStringLiteral("confirmationEdit"));
        QCOMPARE(dialog->focusWidget(), edit);
        QVERIFY(!edit->placeholderText().isEmpty());
        QVERIFY(edit->placeholderText() != dialog->confirmationWord());
        QTest::keyClicks(edit, dialog->confirmationWord());
        QTest::keyClick(edit, Qt::Key_Enter);
        QCOMPARE(confirmed.count(), 1);
        QTRY_VERIFY(dialog.isNull());
    }
};

QTEST_MAIN(TstCancelConfirmationDialog)
#include "tst_cancelconfirmationdialog.moc"
