#pragma once

#include "CancelPlan.h"

#include <QDialog>

class QCheckBox;
class QLineEdit;
class QPushButton;

namespace flowdesk {

// The one place where a user agrees to cancel runs. It says, without jargon, what cancelling
// costs and what it cannot undo, names the runs and what they have already processed, and makes
// the safe choice the default. Open it with open() (never exec(): refreshes and the message bar
// keep working behind it); it deletes itself on close.
//
// On accept it emits cancelConfirmed(); the caller must then re-read which of the runs are
// still in progress — the user may have read for a minute, and runs finish meanwhile.
class CancelConfirmationDialog : public QDialog
{
    Q_OBJECT

public:
    explicit CancelConfirmationDialog(const CancelPlan &plan, QWidget *parent = nullptr);

    const CancelPlan &plan() const { return m_plan; }
    bool deactivateRequested() const;
    // What the user has to type for a cancel-all: the flow name, or a fixed word across flows.
    QString confirmationWord() const;
    QString flowText(const CancelPlan::FlowRuns &flow) const;

signals:
    void cancelConfirmed(bool deactivateFlows);

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    QWidget *createRunsTable();
    QWidget *createWarnings();
    QWidget *createTypedConfirmation();
    void updateConfirmButton();
    QString titleText() const;

    CancelPlan m_plan;
    QCheckBox *m_deactivateCheckBox = nullptr;
    QLineEdit *m_confirmationEdit = nullptr;
    QPushButton *m_keepButton = nullptr;
    QPushButton *m_cancelRunsButton = nullptr;
};

} // namespace flowdesk
