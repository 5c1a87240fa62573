#pragma once

#include <FleetController.h>

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QTableWidget;

namespace flowdesk {

// Which accounts of the fleet to read, which role to take in each, and which regions: the
// accounts as the portal lists them (name, ID, e-mail, roles), searchable by name or ID.
// Accounts whose roles could not be listed say so and cannot be chosen.
class FleetAccountsDialog : public QDialog
{
    Q_OBJECT

public:
    FleetAccountsDialog(const QList<models::FleetController::Account> &accounts,
                        const QList<fleet::FleetAccountChoice> &chosen, const QStringList &regions,
                        QWidget *parent = nullptr);

    QList<fleet::FleetAccountChoice> chosenAccounts() const;
    QStringList chosenRegions() const;

    QTableWidget *table() const { return m_table; }
    QLineEdit *searchEdit() const { return m_search; }
    QLineEdit *regionsEdit() const { return m_regions; }

    // "us-east-1, eu-west-1" → the names; empty with *error when one is not a region name.
    static QStringList parseRegions(const QString &text, QString *error);

private:
    void applySearch(const QString &text);
    void updateOk();

    QList<models::FleetController::Account> m_accounts;
    QLineEdit *m_search = nullptr;
    QTableWidget *m_table = nullptr;
    QLineEdit *m_regions = nullptr;
    QLabel *m_problem = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace flowdesk
