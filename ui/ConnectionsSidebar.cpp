#include "ConnectionsSidebar.h"

#include "ConnectionCatalogTree.h"

#include <ConnectionCatalogLoader.h>
#include <StoredAccounts.h>

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace flowdesk {

using Kind = models::ConnectionInfo::Kind;

ConnectionsSidebar::ConnectionsSidebar(QWidget *parent)
    : QWidget(parent)
    , m_loader(new models::ConnectionCatalogLoader(this))
    , m_tree(new ConnectionCatalogTree(this))
    , m_regionComboBox(new QComboBox(this))
    , m_noteLabel(new QLabel(this))
    , m_openButton(new QPushButton(tr("&Open"), this))
    , m_moreButton(new QPushButton(tr("More…"), this))
{
    setObjectName(QStringLiteral("connectionsSidebar"));
    m_tree->setObjectName(QStringLiteral("sidebarEntriesTree"));
    m_tree->setAccessibleDescription(tr("AWS CLI profiles, Flowdesk accounts and the demo; Enter opens the selected one in a new tab"));
    m_tree->setHeaderHidden(true);
    m_tree->setColumnHidden(1, true); // the region picker below says it
    m_regionComboBox->setObjectName(QStringLiteral("sidebarRegionComboBox"));
    m_regionComboBox->setAccessibleDescription(tr("The AWS region the connection opens in"));
    m_regionComboBox->setAccessibleName(tr("Region"));
    m_regionComboBox->addItems(models::ConnectionCatalog::appFlowRegions());
    // Until an entry or the last opened connection says otherwise.
    m_regionComboBox->setCurrentText(models::ConnectionChoice::preferredRegion({}));
    m_noteLabel->setObjectName(QStringLiteral("sidebarNoteLabel"));
    m_noteLabel->setWordWrap(true);
    m_noteLabel->setForegroundRole(QPalette::PlaceholderText);
    m_openButton->setObjectName(QStringLiteral("sidebarOpenButton"));
    m_openButton->setToolTip(tr("Open this connection in a new tab"));
    m_moreButton->setObjectName(QStringLiteral("sidebarMoreButton"));
    m_moreButton->setToolTip(tr("Endpoint override, adding and editing accounts (Ctrl+O)"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_tree, 1);
    auto *form = new QFormLayout;
    form->setContentsMargins(0, 0, 0, 0);
    auto *regionLabel = new QLabel(tr("&Region:"), this);
    regionLabel->setBuddy(m_regionComboBox);
    form->addRow(regionLabel, m_regionComboBox);
    layout->addLayout(form);
    layout->addWidget(m_noteLabel);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_openButton, 1);
    buttons->addWidget(m_moreButton);
    layout->addLayout(buttons);

    connect(m_tree, &QTreeWidget::currentItemChanged, this, &ConnectionsSidebar::entryChanged);
    connect(m_tree, &QTreeWidget::itemActivated, this, &ConnectionsSidebar::openCurrent);
    connect(m_openButton, &QPushButton::clicked, this, &ConnectionsSidebar::openCurrent);
    connect(m_moreButton, &QPushButton::clicked, this, [this] {
        const models::ConnectionCatalogEntry *entry = m_tree->currentEntry();
        emit moreRequested(entry ? entry->kind : Kind::Profile, entry ? entry->name : QString());
    });
    connect(m_loader, &models::ConnectionCatalogLoader::loaded, this,
            &ConnectionsSidebar::showCatalog);
    // The window opens at once: the demo is listed and the profiles say they are loading
    // until the check of every profile (which can take most of a second) is done.
    models::ConnectionCatalog loading;
    loading.addDemoEntry();
    m_tree->setCatalog(std::move(loading), true);
    reload();
    entryChanged();
}

void ConnectionsSidebar::setStoredAccounts(aws::StoredAccounts *accounts)
{
    if (m_accounts)
        disconnect(m_accounts, nullptr, this, nullptr);
    m_accounts = accounts;
    if (m_accounts)
        connect(m_accounts, &aws::StoredAccounts::accountsChanged, this, &ConnectionsSidebar::reload);
    reload();
}

void ConnectionsSidebar::setOpenConnections(const QList<std::pair<Kind, QString>> &open)
{
    m_tree->markOpen(open);
}

void ConnectionsSidebar::setLastChoices(const QList<models::ConnectionChoice> &choices)
{
    m_tree->setLastChoices(choices);
    m_regionComboBox->setCurrentText(models::ConnectionChoice::preferredRegion(choices));
    entryChanged();
}

void ConnectionsSidebar::reload()
{
    // Started when control returns to the event loop, so that the reloads of one start-up
    // (construction, then setStoredAccounts) read the files once, not once each.
    if (m_reloadPending)
        return;
    m_reloadPending = true;
    QMetaObject::invokeMethod(this, [this] {
        m_reloadPending = false;
        m_loader->load(QProcessEnvironment::systemEnvironment(),
                       m_accounts ? m_accounts->accounts() : QList<aws::StoredAccount>());
    }, Qt::QueuedConnection);
}

bool ConnectionsSidebar::isLoading() const
{
    return m_reloadPending || m_loader->isLoading();
}

void ConnectionsSidebar::showCatalog(models::ConnectionCatalog catalog)
{
    catalog.addDemoEntry();
    m_tree->setCatalog(std::move(catalog)); // keeps the selection (the user may have chosen)
    if (!m_defaultSelected) {
        m_defaultSelected = true;
        if (!m_tree->currentEntry())
            m_tree->selectDefaultEntry();
    }
    entryChanged();
    emit catalogLoaded();
}

// The region follows the entry (as in the dialog): the one it was last opened in, else its
// default; an entry without an AppFlow region keeps the last choice and says so. An endpoint
// other than the usual one is named, so nobody is surprised where Open goes.
void ConnectionsSidebar::entryChanged()
{
    const models::ConnectionCatalogEntry *entry = m_tree->currentEntry();
    m_openButton->setEnabled(entry && !entry->isBroken());
    if (!entry) {
        m_noteLabel->clear();
        return;
    }
    if (entry->isBroken()) {
        m_noteLabel->setText(entry->note);
        return;
    }
    const std::optional<models::ConnectionChoice> last = m_tree->currentLastChoice();
    const QString region = last ? last->region : entry->region;
    QStringList notes;
    if (models::ConnectionCatalog::isAppFlowRegion(region))
        m_regionComboBox->setCurrentText(region);
    else
        notes << (region.isEmpty()
                      ? tr("No default region is configured: %1 is used unless you choose another.")
                            .arg(m_regionComboBox->currentText())
                      : tr("%1 has no AppFlow: %2 is used unless you choose another.")
                            .arg(region, m_regionComboBox->currentText()));
    if (last && !last->endpoint.isEmpty())
        notes << tr("Endpoint: %1, as when last opened (More… to change it).")
                     .arg(last->endpoint.toString());
    else if (entry->kind == Kind::StoredAccount && !entry->endpoint.isEmpty())
        notes << tr("Endpoint: %1, the account's own.").arg(entry->endpoint.toString());
    m_noteLabel->setText(notes.join(u'\n'));
}

std::optional<models::ConnectionChoice> ConnectionsSidebar::choice() const
{
    const models::ConnectionCatalogEntry *entry = m_tree->currentEntry();
    if (!entry || entry->isBroken())
        return std::nullopt;
    models::ConnectionChoice choice;
    choice.kind = entry->kind;
    choice.name = entry->name;
    choice.region = m_regionComboBox->currentText();
    // The endpoint it was last opened with (a connection from --endpoint-url stays there), else
    // none: the usual resolution (a stored account's own endpoint applies by itself).
    if (const std::optional<models::ConnectionChoice> last = m_tree->currentLastChoice())
        choice.endpoint = last->endpoint;
    return choice;
}

void ConnectionsSidebar::openCurrent()
{
    if (const auto chosen = choice())
        emit connectionChosen(*chosen);
}

} // namespace flowdesk
