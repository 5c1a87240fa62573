#include "ConnectionDialog.h"
#include "SemanticColors.h"
#include "ScreenFit.h"

#include "AccountDialog.h"
#include "ConnectionCatalogTree.h"
#include "MessageBoxes.h"

#include <EndpointResolver.h>
#include <StoredAccounts.h>

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStyle>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace flowdesk {

namespace {

using models::ConnectionCatalogEntry;
using Kind = models::ConnectionInfo::Kind;


} // namespace

ConnectionDialog::ConnectionDialog(aws::StoredAccounts *accounts,
                                   const QProcessEnvironment &environment, QWidget *parent)
    : QDialog(parent)
    , m_accounts(accounts)
    , m_environment(environment)
{
    Q_ASSERT(accounts);
    setObjectName(QStringLiteral("connectionDialog"));
    setWindowTitle(tr("Open connection"));
    setAttribute(Qt::WA_DeleteOnClose);

    m_entriesTreeWidget = new ConnectionCatalogTree(this);
    connect(m_entriesTreeWidget, &QTreeWidget::currentItemChanged, this,
            &ConnectionDialog::selectionChanged);
    connect(m_entriesTreeWidget, &QTreeWidget::itemActivated, this, [this] {
        if (m_buttonBox->button(QDialogButtonBox::Ok)->isEnabled())
            accept();
    });

    m_detailLabel = new QLabel(this);
    m_detailLabel->setObjectName(QStringLiteral("entryDetailLabel"));
    m_detailLabel->setWordWrap(true);
    m_detailLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_detailLabel->setMinimumHeight(m_detailLabel->fontMetrics().lineSpacing() * 2);
    m_detailLabel->setAlignment(Qt::AlignLeft | Qt::AlignTop);

    m_addAccountButton = new QPushButton(tr("&Add account…"), this);
    m_addAccountButton->setObjectName(QStringLiteral("addAccountButton"));
    m_addAccountButton->setAccessibleDescription(tr("Store a new access key in the system keychain as a Flowdesk account"));
    m_addAccountButton->setAutoDefault(false);
    m_editAccountButton = new QPushButton(tr("&Edit…"), this);
    m_editAccountButton->setObjectName(QStringLiteral("editAccountButton"));
    m_editAccountButton->setAccessibleDescription(tr("Change the selected Flowdesk account"));
    m_editAccountButton->setAutoDefault(false);
    m_removeAccountButton = new QPushButton(tr("Re&move"), this);
    m_removeAccountButton->setObjectName(QStringLiteral("removeAccountButton"));
    m_removeAccountButton->setAccessibleDescription(tr("Delete the selected Flowdesk account and its key from the keychain"));
    m_removeAccountButton->setAutoDefault(false);
    connect(m_addAccountButton, &QPushButton::clicked, this, &ConnectionDialog::addAccount);
    connect(m_editAccountButton, &QPushButton::clicked, this, &ConnectionDialog::editAccount);
    connect(m_removeAccountButton, &QPushButton::clicked, this, &ConnectionDialog::removeAccount);
    auto *accountButtons = new QVBoxLayout;
    accountButtons->addWidget(m_addAccountButton);
    accountButtons->addWidget(m_editAccountButton);
    accountButtons->addWidget(m_removeAccountButton);
    accountButtons->addStretch();

    auto *listRow = new QHBoxLayout;
    listRow->addWidget(m_entriesTreeWidget, 1);
    listRow->addLayout(accountButtons);

    m_regionComboBox = new QComboBox(this);
    m_regionComboBox->setObjectName(QStringLiteral("regionComboBox"));
    m_regionComboBox->setAccessibleDescription(tr("The AWS region the connection opens in"));
    m_regionComboBox->setAccessibleName(tr("Region"));
    m_regionComboBox->addItems(models::ConnectionCatalog::appFlowRegions());
    // Until an entry or the last opened connection says otherwise (not the list's first, af-south-1).
    m_regionComboBox->setCurrentText(models::ConnectionChoice::preferredRegion({}));
    m_regionNoteLabel = new QLabel(this);
    m_regionNoteLabel->setObjectName(QStringLiteral("regionNoteLabel"));
    m_regionNoteLabel->setForegroundRole(QPalette::PlaceholderText);
    auto *regionRow = new QHBoxLayout;
    regionRow->addWidget(m_regionComboBox);
    regionRow->addWidget(m_regionNoteLabel, 1);

    m_endpointLineEdit = new QLineEdit(this);
    m_endpointLineEdit->setObjectName(QStringLiteral("endpointLineEdit"));
    m_endpointLineEdit->setAccessibleName(tr("Endpoint override (optional)"));
    m_endpointLineEdit->setPlaceholderText(tr("Optional, e.g. http://127.0.0.1:8080 for a local simulator"));
    connect(m_endpointLineEdit, &QLineEdit::textEdited, this, [this] {
        showEndpointProblem({});
        updateButtons();
    });
    connect(m_endpointLineEdit, &QLineEdit::editingFinished, this,
            [this] { showEndpointProblem(endpointProblem()); });
    m_endpointErrorLabel = new QLabel(this);
    m_endpointErrorLabel->setObjectName(QStringLiteral("endpointErrorLabel"));
    m_endpointErrorLabel->setWordWrap(true);
    QPalette errorPalette = m_endpointErrorLabel->palette();
    errorPalette.setColor(QPalette::WindowText, SemanticColors::textOnWindow(SemanticColors::Tone::Error, errorPalette));
    m_endpointErrorLabel->setPalette(errorPalette);

    auto *form = m_form = new QFormLayout;
    auto *regionLabel = new QLabel(tr("&Region:"), this);
    regionLabel->setBuddy(m_regionComboBox); // a row holding a layout gets no buddy by itself
    form->addRow(regionLabel, regionRow);
    form->addRow(tr("E&ndpoint:"), m_endpointLineEdit);
    form->addRow(QString(), m_endpointErrorLabel);
    form->setRowVisible(m_endpointErrorLabel, false);

    m_buttonBox = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttonBox->setObjectName(QStringLiteral("connectionButtonBox"));
    m_buttonBox->button(QDialogButtonBox::Ok)->setText(tr("&Connect"));
    m_buttonBox->button(QDialogButtonBox::Ok)->setAccessibleDescription(
        tr("Open the chosen profile or account in the chosen region, in a new tab"));
    m_buttonBox->button(QDialogButtonBox::Cancel)->setAccessibleDescription(tr("Close without connecting"));
    connect(m_buttonBox, &QDialogButtonBox::accepted, this, &ConnectionDialog::accept);
    connect(m_buttonBox, &QDialogButtonBox::rejected, this, &ConnectionDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(listRow, 1);
    layout->addWidget(m_detailLabel);
    layout->addLayout(form);
    layout->addWidget(m_buttonBox);

    reload();
    if (!m_entriesTreeWidget->currentItem())
        m_entriesTreeWidget->selectDefaultEntry();
    ScreenFit::resizeWithin(this, QSize(640, 440));
    m_entriesTreeWidget->setFocus();
}

void ConnectionDialog::reload()
{
    models::ConnectionCatalog catalog = models::ConnectionCatalog::load(m_environment, m_accounts);
    catalog.addDemoEntry();
    m_entriesTreeWidget->setCatalog(std::move(catalog));
    selectionChanged();
}

bool ConnectionDialog::selectEntry(Kind kind, const QString &name)
{
    return m_entriesTreeWidget->selectEntry(kind, name);
}

void ConnectionDialog::setLastChoices(const QList<models::ConnectionChoice> &choices)
{
    m_entriesTreeWidget->setLastChoices(choices);
    m_regionComboBox->setCurrentText(models::ConnectionChoice::preferredRegion(choices));
    selectionChanged();
}

const ConnectionCatalogEntry *ConnectionDialog::currentEntry() const
{
    return m_entriesTreeWidget->currentEntry();
}

void ConnectionDialog::selectionChanged()
{
    const ConnectionCatalogEntry *entry = currentEntry();
    QPalette palette = m_detailLabel->palette();
    palette.setColor(QPalette::WindowText, entry && entry->isBroken()
                                               ? SemanticColors::textOnWindow(SemanticColors::Tone::Error, this->palette())
                                               : this->palette().color(QPalette::WindowText));
    m_detailLabel->setPalette(palette);
    if (!entry) {
        m_detailLabel->setText(tr("Choose a profile or account to connect with."));
        m_regionNoteLabel->clear();
        updateButtons();
        return;
    }
    if (entry->isBroken())
        m_detailLabel->setText(entry->note);
    else if (entry->kind == Kind::Profile)
        m_detailLabel->setText(tr("AWS CLI profile “%1”, with the credentials it is set up for "
                                  "(keys, role, IAM Identity Center or credential_process).")
                                   .arg(entry->name));
    else if (entry->kind == Kind::Environment)
        m_detailLabel->setText(tr("The keys in AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY of "
                                  "the environment Flowdesk was started in."));
    else if (entry->kind == Kind::Demo)
        m_detailLabel->setText(tr("Another in-process AppFlow simulator with demo flows, in the "
                                  "region you choose. Nothing here touches AWS."));
    else
        m_detailLabel->setText(tr("Flowdesk account “%1”; its secret key is in the system "
                                  "keychain.").arg(entry->name));

    // The region follows the entry: as it was last opened, else its default; without one
    // AppFlow offers, the region shown stays (the last opened one, or us-east-1) and the note
    // says that it is the one used.
    const std::optional<models::ConnectionChoice> last = m_entriesTreeWidget->currentLastChoice();
    if (last && models::ConnectionCatalog::isAppFlowRegion(last->region)) {
        m_regionComboBox->setCurrentText(last->region);
        m_regionNoteLabel->setText(tr("as when last opened"));
    } else if (models::ConnectionCatalog::isAppFlowRegion(entry->region)) {
        m_regionComboBox->setCurrentText(entry->region);
        m_regionNoteLabel->setText(tr("default of %1").arg(entry->regionSource));
    } else if (entry->region.isEmpty()) {
        m_regionNoteLabel->setText(tr("no default region is configured; %1 is used unless you choose "
                                      "another").arg(m_regionComboBox->currentText()));
    } else {
        m_regionNoteLabel->setText(tr("the default %1 (from %2) has no AppFlow; %3 is used unless you "
                                      "choose another")
                                       .arg(entry->region, entry->regionSource, m_regionComboBox->currentText()));
    }
    // The endpoint it was last opened with (e.g. --endpoint-url), else a stored account's own;
    // either can be changed or cleared for this connection.
    m_endpointLineEdit->setText(last && !last->endpoint.isEmpty() ? last->endpoint.toString()
                                                                  : entry->endpoint.toString());
    showEndpointProblem({});
    updateButtons();
}

QString ConnectionDialog::endpointProblem() const
{
    const QString text = m_endpointLineEdit->text().trimmed();
    if (text.isEmpty())
        return {};
    return aws::EndpointResolver::checkUrlText(text, tr("the Endpoint field"));
}

void ConnectionDialog::showEndpointProblem(const QString &problem)
{
    m_endpointErrorLabel->setText(problem);
    m_form->setRowVisible(m_endpointErrorLabel, !problem.isEmpty());
}

void ConnectionDialog::updateButtons()
{
    const ConnectionCatalogEntry *entry = currentEntry();
    const bool account = entry && entry->kind == Kind::StoredAccount;
    m_editAccountButton->setEnabled(account);
    m_removeAccountButton->setEnabled(account);
    m_buttonBox->button(QDialogButtonBox::Ok)->setEnabled(entry && !entry->isBroken());
}

std::optional<models::ConnectionChoice> ConnectionDialog::choice() const
{
    const ConnectionCatalogEntry *entry = currentEntry();
    if (!entry || entry->isBroken() || !endpointProblem().isEmpty())
        return std::nullopt;
    models::ConnectionChoice choice;
    choice.kind = entry->kind;
    choice.name = entry->name;
    choice.region = m_regionComboBox->currentText();
    const QString endpoint = m_endpointLineEdit->text().trimmed();
    choice.endpoint = endpoint.isEmpty() ? QUrl() : QUrl(endpoint, QUrl::StrictMode);
    return choice;
}

void ConnectionDialog::accept()
{
    const QString problem = endpointProblem();
    if (!problem.isEmpty()) {
        showEndpointProblem(problem);
        m_endpointLineEdit->setFocus();
        return;
    }
    const std::optional<models::ConnectionChoice> chosen = choice();
    if (!chosen)
        return;
    emit connectionChosen(*chosen);
    QDialog::accept();
}

void ConnectionDialog::addAccount()
{
    auto *dialog = new AccountDialog(m_accounts, this);
    dialog->setSuggestedRegion(m_regionComboBox->currentText());
    connect(dialog, &AccountDialog::accountSaved, this, [this](const QString &name) {
        reload();
        selectEntry(Kind::StoredAccount, name);
    });
    dialog->open();
}

void ConnectionDialog::editAccount()
{
    const ConnectionCatalogEntry *entry = currentEntry();
    if (!entry || entry->kind != Kind::StoredAccount)
        return;
    const std::optional<aws::StoredAccount> account = m_accounts->account(entry->name);
    if (!account) {
        reload(); // removed behind our back (another window)
        return;
    }
    auto *dialog = new AccountDialog(m_accounts, *account, this);
    connect(dialog, &AccountDialog::accountSaved, this, [this](const QString &name) {
        reload();
        selectEntry(Kind::StoredAccount, name);
    });
    dialog->open();
}

void ConnectionDialog::removeAccount()
{
    const ConnectionCatalogEntry *entry = currentEntry();
    if (!entry || entry->kind != Kind::StoredAccount)
        return;
    const QString name = entry->name;
    MessageBoxes::question(
        this, tr("Remove account"),
        tr("Remove the account “%1”? Its secret key and session token are deleted from the "
           "system keychain; connections open with it stay open until closed.").arg(name),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel,
        [this, name](QMessageBox::StandardButton answer) {
            if (answer != QMessageBox::Yes)
                return;
            m_removeAccountButton->setEnabled(false);
            m_accounts->remove(name, this, [this](const QString &error) {
                reload();
                if (!error.isEmpty())
                    MessageBoxes::warning(this, tr("Remove account"), error);
            });
        });
}

} // namespace flowdesk
