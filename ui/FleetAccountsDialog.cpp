#include "FleetAccountsDialog.h"

#include <RegionResolver.h>

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace flowdesk {

namespace {

enum Column { NameColumn, IdColumn, EmailColumn, RoleColumn, ColumnCount };

} // namespace

FleetAccountsDialog::FleetAccountsDialog(const QList<models::FleetController::Account> &accounts,
                                         const QList<fleet::FleetAccountChoice> &chosen,
                                         const QStringList &regions, QWidget *parent)
    : QDialog(parent)
    , m_accounts(accounts)
{
    setWindowTitle(tr("Choose accounts and regions"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Flowdesk reads the active runs of the checked accounts, as the role "
                                "chosen for each, in every region below."), this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    m_search = new QLineEdit(this);
    m_search->setPlaceholderText(tr("Search by account name or ID"));
    m_search->setClearButtonEnabled(true);
    m_search->setAccessibleName(tr("Search accounts"));
    layout->addWidget(m_search);

    m_table = new QTableWidget(static_cast<int>(accounts.size()), ColumnCount, this);
    m_table->setHorizontalHeaderLabels({tr("Account"), tr("Account ID"), tr("E-mail"), tr("Role")});
    m_table->verticalHeader()->hide();
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAccessibleName(tr("Accounts"));
    m_table->setAccessibleDescription(tr("Check the accounts to read and choose the role for each."));
    for (int row = 0; row < accounts.size(); ++row) {
        const models::FleetController::Account &account = accounts.at(row);
        const auto previous = std::find_if(chosen.cbegin(), chosen.cend(), [&](const fleet::FleetAccountChoice &c) {
            return c.accountId == account.account.accountId;
        });
        auto *name = new QTableWidgetItem(account.account.accountName);
        const bool usable = !account.roles.isEmpty();
        name->setFlags(usable ? Qt::ItemIsEnabled | Qt::ItemIsUserCheckable : Qt::NoItemFlags);
        name->setCheckState(usable && (previous != chosen.cend() || chosen.isEmpty()) ? Qt::Checked : Qt::Unchecked);
        m_table->setItem(row, NameColumn, name);
        m_table->setItem(row, IdColumn, new QTableWidgetItem(account.account.accountId));
        m_table->setItem(row, EmailColumn, new QTableWidgetItem(account.account.emailAddress));
        if (!usable) {
            auto *why = new QTableWidgetItem(account.error.isEmpty() ? tr("no role") : tr("roles not listed"));
            why->setToolTip(account.error);
            m_table->setItem(row, RoleColumn, why);
            continue;
        }
        auto *roles = new QComboBox(m_table);
        roles->addItems(account.roles);
        roles->setAccessibleName(tr("Role in %1").arg(account.account.accountName));
        // Remembered choice first; else the first role that is not the read-only one.
        if (previous != chosen.cend() && account.roles.contains(previous->roleName))
            roles->setCurrentText(previous->roleName);
        m_table->setCellWidget(row, RoleColumn, roles);
    }
    m_table->horizontalHeader()->setSectionResizeMode(NameColumn, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(IdColumn, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(EmailColumn, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(RoleColumn, QHeaderView::ResizeToContents);
    layout->addWidget(m_table, 1);

    auto *form = new QFormLayout;
    m_regions = new QLineEdit(regions.join(QStringLiteral(", ")), this);
    m_regions->setPlaceholderText(QStringLiteral("us-east-1, eu-west-1"));
    m_regions->setAccessibleName(tr("Regions"));
    form->addRow(tr("&Regions:"), m_regions);
    layout->addLayout(form);
    m_problem = new QLabel(this);
    m_problem->setWordWrap(true);
    m_problem->hide();
    layout->addWidget(m_problem);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Read these"));
    m_buttons->button(QDialogButtonBox::Ok)->setAccessibleDescription(
        tr("Read the active runs of the checked accounts in these regions, and remember the choice"));
    m_buttons->button(QDialogButtonBox::Cancel)->setAccessibleDescription(tr("Keep the accounts read now"));
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_search, &QLineEdit::textChanged, this, &FleetAccountsDialog::applySearch);
    connect(m_regions, &QLineEdit::textChanged, this, &FleetAccountsDialog::updateOk);
    connect(m_table, &QTableWidget::itemChanged, this, &FleetAccountsDialog::updateOk);
    resize(760, 520);
    updateOk();
}

QStringList FleetAccountsDialog::parseRegions(const QString &text, QString *error)
{
    QStringList regions;
    for (const QString &part : text.split(u',', Qt::SkipEmptyParts)) {
        const QString region = part.trimmed();
        if (region.isEmpty())
            continue;
        if (!aws::RegionResolver::isValidRegionName(region)) {
            *error = tr("\"%1\" is not a region name such as eu-west-1.").arg(region);
            return {};
        }
        if (!regions.contains(region))
            regions.append(region);
    }
    if (regions.isEmpty())
        *error = tr("Name at least one region, such as us-east-1.");
    return regions;
}

void FleetAccountsDialog::applySearch(const QString &text)
{
    const QString needle = text.trimmed();
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const bool match = needle.isEmpty()
            || m_table->item(row, NameColumn)->text().contains(needle, Qt::CaseInsensitive)
            || m_table->item(row, IdColumn)->text().contains(needle);
        m_table->setRowHidden(row, !match);
    }
}

void FleetAccountsDialog::updateOk()
{
    QString error;
    parseRegions(m_regions->text(), &error);
    if (error.isEmpty() && chosenAccounts().isEmpty())
        error = tr("Check at least one account.");
    m_problem->setText(error);
    m_problem->setVisible(!error.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(error.isEmpty());
}

QList<fleet::FleetAccountChoice> FleetAccountsDialog::chosenAccounts() const
{
    QList<fleet::FleetAccountChoice> chosen;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        if (m_table->item(row, NameColumn)->checkState() != Qt::Checked)
            continue;
        const auto *roles = qobject_cast<const QComboBox *>(m_table->cellWidget(row, RoleColumn));
        if (!roles)
            continue;
        const auto &account = m_accounts.at(row).account;
        chosen.append({account.accountId, account.accountName, roles->currentText()});
    }
    return chosen;
}

QStringList FleetAccountsDialog::chosenRegions() const
{
    QString error;
    return parseRegions(m_regions->text(), &error);
}

} // namespace flowdesk
