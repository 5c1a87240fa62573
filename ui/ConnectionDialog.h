#pragma once

#include <ConnectionCatalog.h>
#include <ConnectionChoice.h>

#include <QDialog>
#include <QProcessEnvironment>

class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace flowdesk {

namespace aws {
class StoredAccounts;
}
class ConnectionCatalogTree;

// File → Open connection…: lists what the user can connect with (ConnectionCatalog: AWS CLI
// profiles, the environment's credentials, Flowdesk's own accounts), a region picker with the
// AppFlow regions (following the selected entry's default region) and an optional endpoint
// override, checked in place. Stored accounts can be added, edited (AccountDialog) and removed
// (after a question; their keychain entries go too). OK emits connectionChosen() and closes;
// opening the connection is the receiver's job. Open it with open(); it deletes itself.
class ConnectionDialog : public QDialog
{
    Q_OBJECT

public:
    // `accounts` must outlive the dialog. `environment` is where AWS_* variables and the AWS
    // CLI files are looked up (tests pass a temporary HOME).
    explicit ConnectionDialog(aws::StoredAccounts *accounts,
                              const QProcessEnvironment &environment
                              = QProcessEnvironment::systemEnvironment(),
                              QWidget *parent = nullptr);

    // Selects the entry of `kind`/`name` (e.g. the active connection's); false when not listed.
    bool selectEntry(models::ConnectionInfo::Kind kind, const QString &name);
    // How entries were last opened in this session: selecting one fills in that region and
    // endpoint (e.g. --endpoint-url), so reopening goes to the same place unless changed.
    void setLastChoices(const QList<models::ConnectionChoice> &choices);
    // What OK would emit now; nullopt when nothing usable is selected or a field is wrong.
    std::optional<models::ConnectionChoice> choice() const;

public slots:
    void accept() override;
    // Reads the AWS files and stored accounts again, keeping the selection where possible.
    void reload();

signals:
    void connectionChosen(const flowdesk::models::ConnectionChoice &choice);

private:
    const models::ConnectionCatalogEntry *currentEntry() const;
    void selectionChanged();
    QString endpointProblem() const;
    void showEndpointProblem(const QString &problem);
    void updateButtons();
    void addAccount();
    void editAccount();
    void removeAccount();

    aws::StoredAccounts *m_accounts;
    QProcessEnvironment m_environment;

    ConnectionCatalogTree *m_entriesTreeWidget = nullptr;
    QLabel *m_detailLabel = nullptr;
    QFormLayout *m_form = nullptr;
    QComboBox *m_regionComboBox = nullptr;
    QLabel *m_regionNoteLabel = nullptr;
    QLineEdit *m_endpointLineEdit = nullptr;
    QLabel *m_endpointErrorLabel = nullptr;
    QPushButton *m_addAccountButton = nullptr;
    QPushButton *m_editAccountButton = nullptr;
    QPushButton *m_removeAccountButton = nullptr;
    QDialogButtonBox *m_buttonBox = nullptr;
};

} // namespace flowdesk
