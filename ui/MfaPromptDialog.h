#pragma once

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace flowdesk {

// Asks for the one-time code of an MFA device, for assuming a role of an AWS CLI profile
// (mfa_serial). Open it with open(); it deletes itself on close. OK accepts exactly six digits
// (spaces a user pastes, as in "123 456", are ignored) and otherwise says what is wrong under
// the field and stays open. codeEntered() is emitted once: with the code, or empty when the
// user cancelled or closed the dialog.
class MfaPromptDialog : public QDialog
{
    Q_OBJECT

public:
    MfaPromptDialog(const QString &serialNumber, const QString &roleArn,
                    const QString &profileName, QWidget *parent = nullptr);

    // The digits typed so far, spaces removed.
    QString code() const;

public slots:
    void accept() override;
    void done(int result) override;

signals:
    void codeEntered(const QString &code);

private:
    void showProblem(const QString &problem);

    QLineEdit *m_codeLineEdit = nullptr;
    QLabel *m_errorLabel = nullptr;
    QDialogButtonBox *m_buttonBox = nullptr;
    bool m_answered = false;
};

} // namespace flowdesk
