#pragma once

#include <StoredAccounts.h>

#include <QDialog>
#include <QHash>
#include <QPointer>

#include <optional>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace flowdesk {

// "Add account" / "Edit account": an account Flowdesk stores itself (name, access key ID,
// secret access key, optional session token, default region, optional endpoint override).
// Open it with open(); it deletes itself on close.
//
// Each field is checked where it is typed (when it loses focus, and again on Test and Save),
// and the problem is said under it. "Test connection" makes a real ListFlows call with the
// typed keys (asynchronously, with a busy indicator) and shows AWS's answer in place. Save is
// offered after a successful test, or when "Save without testing" is ticked; it goes through
// StoredAccounts (secret and token to the keychain, the rest to QSettings), then emits
// accountSaved() and closes. When editing, an empty secret field keeps the stored secret (and,
// with it, the stored session token).
class AccountDialog : public QDialog
{
    Q_OBJECT

public:
    // Add: `accounts` must outlive the dialog.
    explicit AccountDialog(aws::StoredAccounts *accounts, QWidget *parent = nullptr);
    // Edit `account` (as listed by accounts->account()).
    AccountDialog(aws::StoredAccounts *accounts, const aws::StoredAccount &account,
                  QWidget *parent = nullptr);
    ~AccountDialog() override;

    bool isEditing() const { return m_original.has_value(); }

    // The default region offered when adding (e.g. AWS_REGION); ignored unless AppFlow has it.
    void setSuggestedRegion(const QString &region);

    // Starts the ListFlows test with what the fields hold (the Test button does this).
    void testConnection();

public slots:
    void accept() override; // Save

signals:
    void accountSaved(const QString &name);

private:
    enum class Field { Name, AccessKeyId, Secret, SessionToken, Region, Endpoint };

    void build();
    QLineEdit *addLineEdit(const char *objectName, const QString &accessibleName);
    void fillFrom(const aws::StoredAccount &account);

    // Empty, or what is wrong with `field` as typed.
    QString problem(Field field) const;
    // Shows each field's problem; true when none has one. Focuses the first bad field.
    bool validateAll();
    bool validate(const QList<Field> &fields);
    QWidget *widgetOf(Field field) const;
    void showProblem(Field field, const QString &text);
    // Warnings that do not block (e.g. an unusual access key ID prefix).
    QString accessKeyWarning() const;

    QUrl endpointUrl() const;
    QString region() const;
    bool keepsStoredSecret() const;
    void credentialsChanged();
    void setStatus(const QString &text, bool ok);
    void setBusy(bool busy, const QString &what = {});
    void updateButtons();
    // Grows or shrinks the dialog to fit the messages shown (they wrap, so the layout alone
    // cannot tell the window how tall it must be).
    void fitHeight();

    aws::StoredAccounts *m_accounts;
    std::optional<aws::StoredAccount> m_original;
    QPointer<QObject> m_testContext; // owns the test's client and credentials; deleting aborts
    bool m_tested = false;
    bool m_saving = false;
    bool m_testing = false;

    QFormLayout *m_form = nullptr;
    QLineEdit *m_nameLineEdit = nullptr;
    QLineEdit *m_accessKeyIdLineEdit = nullptr;
    QLineEdit *m_secretLineEdit = nullptr;
    QLineEdit *m_sessionTokenLineEdit = nullptr;
    QComboBox *m_regionComboBox = nullptr;
    QLineEdit *m_endpointLineEdit = nullptr;
    QHash<int, QLabel *> m_errorLabels;
    QLabel *m_accessKeyWarningLabel = nullptr;
    QPushButton *m_testButton = nullptr;
    QProgressBar *m_testProgressBar = nullptr;
    QLabel *m_statusLabel = nullptr; // the test's answer, or why saving failed
    QCheckBox *m_saveUntestedCheckBox = nullptr;
    QDialogButtonBox *m_buttonBox = nullptr;
};

} // namespace flowdesk
