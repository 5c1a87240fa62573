#include "ConnectionCatalogTree.h"

#include <QHeaderView>
#include <QStyle>

namespace flowdesk {

namespace {
using models::ConnectionCatalogEntry;
using Kind = models::ConnectionInfo::Kind;

constexpr int kEntryIndexRole = Qt::UserRole + 1; // index into the catalog; -1 for headings

std::optional<models::ConnectionChoice> lastChoiceOf(const QList<models::ConnectionChoice> &choices,
                                                     const ConnectionCatalogEntry &entry)
{
    for (const models::ConnectionChoice &choice : choices) {
        if (choice.kind == entry.kind && choice.name == entry.name)
            return choice;
    }
    return std::nullopt;
}
} // namespace

ConnectionCatalogTree::ConnectionCatalogTree(QWidget *parent)
    : QTreeWidget(parent)
{
    setObjectName(QStringLiteral("entriesTreeWidget"));
    setAccessibleDescription(tr("AWS CLI profiles, Flowdesk accounts and the demo to connect with"));
    setAccessibleName(tr("Profiles and accounts"));
    setHeaderLabels({tr("Credentials"), tr("Default region")});
    setRootIsDecorated(false);
    setItemsExpandable(false);
    setUniformRowHeights(true);
    header()->setStretchLastSection(false);
    header()->setSectionResizeMode(0, QHeaderView::Stretch);
    header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
}

void ConnectionCatalogTree::setCatalog(models::ConnectionCatalog catalog, bool profilesLoading)
{
    m_loadingProfiles = profilesLoading;
    const ConnectionCatalogEntry *current = currentEntry();
    const std::optional<std::pair<Kind, QString>> selected =
        current ? std::optional(std::pair(current->kind, current->name)) : std::nullopt;
    m_catalog = std::move(catalog);
    populate();
    applyOpenMarks();
    if (selected)
        selectEntry(selected->first, selected->second);
    emit currentItemChanged(currentItem(), nullptr); // the entry behind the row may differ
}

void ConnectionCatalogTree::populate()
{
    const QSignalBlocker blocker(this);
    clear();
    auto heading = [this](const QString &text) {
        auto *item = new QTreeWidgetItem(this, {text});
        item->setFlags(Qt::ItemIsEnabled);
        item->setData(0, kEntryIndexRole, -1);
        QFont bold = item->font(0);
        bold.setBold(true);
        item->setFont(0, bold);
        item->setData(0, Qt::AccessibleTextRole, text);
        return item;
    };
    // Short enough for the sidebar's width; the whole sentence is the tooltip and what a
    // screen reader says.
    auto placeholder = [](QTreeWidgetItem *parent, const QString &text, const QString &detail) {
        auto *item = new QTreeWidgetItem(parent, {text});
        item->setFlags(Qt::ItemIsEnabled);
        item->setData(0, kEntryIndexRole, -1);
        item->setForeground(0, QPalette().brush(QPalette::Disabled, QPalette::Text));
        item->setToolTip(0, detail);
        item->setData(0, Qt::AccessibleDescriptionRole, detail);
    };
    const QString noAccountsYet = tr("None yet");
    const QString howToAddAccounts = tr("No Flowdesk accounts yet: Add account… (in Open connection) stores "
                                        "an access key in the system keychain.");

    QTreeWidgetItem *profiles = heading(tr("AWS CLI profiles"));
    QTreeWidgetItem *environment = nullptr;
    QTreeWidgetItem *accounts = nullptr;
    QTreeWidgetItem *demo = nullptr;
    // Asked for once: a config can hold tens of thousands of profiles.
    const QIcon brokenIcon = style()->standardIcon(QStyle::SP_MessageBoxWarning);
    const QIcon usableIcon = style()->standardIcon(QStyle::SP_DriveNetIcon);
    const QList<ConnectionCatalogEntry> &entries = m_catalog.entries();
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const ConnectionCatalogEntry &entry = entries.at(i);
        QTreeWidgetItem *parent = profiles;
        if (entry.kind == Kind::Environment) {
            if (!environment)
                environment = heading(tr("Environment"));
            parent = environment;
        } else if (entry.kind == Kind::StoredAccount) {
            if (!accounts)
                accounts = heading(tr("Flowdesk accounts"));
            parent = accounts;
        } else if (entry.kind == Kind::Demo) {
            if (!accounts) { // the accounts group keeps its place (and its "Add account" hint)
                accounts = heading(tr("Flowdesk accounts"));
                placeholder(accounts, noAccountsYet, howToAddAccounts);
            }
            demo = heading(tr("Demo"));
            parent = demo;
        }
        auto *item = new QTreeWidgetItem(parent, {entry.displayName, entry.region});
        item->setData(0, kEntryIndexRole, int(i));
        item->setIcon(0, entry.isBroken() ? brokenIcon : usableIcon);
        if (entry.isBroken())
            item->setToolTip(0, entry.note);
        if (entry.region.isEmpty())
            item->setText(1, tr("none"));
    }
    if (m_loadingProfiles)
        placeholder(profiles, tr("Loading profiles…"),
                    tr("Reading ~/.aws/config and ~/.aws/credentials and checking each profile."));
    else if (!m_catalog.configError().isEmpty())
        placeholder(profiles, m_catalog.configError(), m_catalog.configError()); // an error: in full
    else if (profiles->childCount() == 0)
        placeholder(profiles, tr("None found"), tr("No profiles in ~/.aws/config or ~/.aws/credentials."));
    if (!accounts) {
        accounts = heading(tr("Flowdesk accounts"));
        placeholder(accounts, noAccountsYet, howToAddAccounts);
    }
    expandAll();
}

bool ConnectionCatalogTree::selectEntry(Kind kind, const QString &name)
{
    for (QTreeWidgetItemIterator it(this); *it; ++it) {
        const int index = (*it)->data(0, kEntryIndexRole).toInt();
        if (index < 0)
            continue;
        const ConnectionCatalogEntry &entry = m_catalog.entries().at(index);
        if (entry.kind == kind && entry.name == name) {
            setCurrentItem(*it);
            return true;
        }
    }
    return false;
}

void ConnectionCatalogTree::markOpen(const QList<std::pair<Kind, QString>> &open)
{
    m_open = open;
    applyOpenMarks();
}

void ConnectionCatalogTree::applyOpenMarks()
{
    for (QTreeWidgetItemIterator it(this); *it; ++it) {
        const int index = (*it)->data(0, kEntryIndexRole).toInt();
        if (index < 0)
            continue;
        const ConnectionCatalogEntry &entry = m_catalog.entries().at(index);
        const bool isOpen = m_open.contains(std::pair(entry.kind, entry.name));
        QFont font = (*it)->font(0);
        font.setBold(isOpen);
        (*it)->setFont(0, font);
        (*it)->setToolTip(1, isOpen ? tr("Open in a tab") : QString());
        // Where opening it goes, when that is not the usual resolution (a broken entry's tooltip
        // says why it cannot be opened instead).
        const std::optional<models::ConnectionChoice> last = lastChoiceOf(m_lastChoices, entry);
        if (!entry.isBroken())
            (*it)->setToolTip(0, last && !last->endpoint.isEmpty()
                                     ? tr("Opens %1 in %2, as when last opened")
                                           .arg(last->endpoint.toString(), last->region)
                                     : QString());
    }
}

void ConnectionCatalogTree::setLastChoices(const QList<models::ConnectionChoice> &choices)
{
    m_lastChoices = choices;
    applyOpenMarks();
}

std::optional<models::ConnectionChoice> ConnectionCatalogTree::currentLastChoice() const
{
    const ConnectionCatalogEntry *entry = currentEntry();
    return entry ? lastChoiceOf(m_lastChoices, *entry) : std::nullopt;
}

bool ConnectionCatalogTree::selectDefaultEntry()
{
    if (!m_catalog.defaultProfileName().isEmpty()
        && selectEntry(Kind::Profile, m_catalog.defaultProfileName()))
        return true;
    for (const ConnectionCatalogEntry &entry : m_catalog.entries()) {
        if (!entry.isBroken() && entry.kind != Kind::Demo && selectEntry(entry.kind, entry.name))
            return true;
    }
    return false;
}

const ConnectionCatalogEntry *ConnectionCatalogTree::currentEntry() const
{
    const QTreeWidgetItem *item = currentItem();
    if (!item)
        return nullptr;
    const int index = item->data(0, kEntryIndexRole).toInt();
    return index >= 0 && index < m_catalog.entries().size() ? &m_catalog.entries().at(index)
                                                            : nullptr;
}

} // namespace flowdesk
