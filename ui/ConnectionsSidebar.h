#pragma once

#include <ConnectionChoice.h>

#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;

namespace flowdesk {

namespace aws {
class StoredAccounts;
}
namespace models {
class ConnectionCatalog;
class ConnectionCatalogLoader;
}
class ConnectionCatalogTree;

// The Connections sidebar: every AWS CLI profile, the environment's keys, Flowdesk's own
// accounts and the demo, always in view, with a region picker that follows the selected entry.
// Double-click (or Open) opens the entry in the picked region in a new tab; the open ones are
// shown in bold. An entry opened before in this session reopens with the endpoint it had, and
// says so. Changing endpoint overrides and editing accounts live in the full Open connection
// dialog ("More…").
class ConnectionsSidebar : public QWidget
{
    Q_OBJECT

public:
    explicit ConnectionsSidebar(QWidget *parent = nullptr);

    // May be null (no stored accounts listed). Must outlive the sidebar.
    void setStoredAccounts(aws::StoredAccounts *accounts);
    void setOpenConnections(const QList<std::pair<models::ConnectionInfo::Kind, QString>> &open);
    // How entries were last opened in this session: opening one again keeps its endpoint
    // (e.g. --endpoint-url) and starts from its region; the note under the picker names it.
    void setLastChoices(const QList<models::ConnectionChoice> &choices);
    // Reads the AWS CLI files and stored accounts again, off the UI thread: the entries shown
    // stay until the new list is in (catalogLoaded()).
    void reload();
    // True until the list asked for last is shown.
    bool isLoading() const;

    ConnectionCatalogTree *tree() const { return m_tree; }
    // What Open would emit now; nullopt when nothing usable is selected.
    std::optional<models::ConnectionChoice> choice() const;

signals:
    void connectionChosen(const flowdesk::models::ConnectionChoice &choice);
    // "More…": the full dialog, on this entry when one is selected.
    void moreRequested(models::ConnectionInfo::Kind kind, const QString &name);
    // The list read by the last reload() (or at construction) is shown.
    void catalogLoaded();

private:
    void showCatalog(models::ConnectionCatalog catalog);
    void entryChanged();
    void openCurrent();

    aws::StoredAccounts *m_accounts = nullptr;
    models::ConnectionCatalogLoader *m_loader;
    bool m_defaultSelected = false; // the default entry is selected once, when first listed
    bool m_reloadPending = false;
    ConnectionCatalogTree *m_tree;
    QComboBox *m_regionComboBox;
    QLabel *m_noteLabel;
    QPushButton *m_openButton;
    QPushButton *m_moreButton;
};

} // namespace flowdesk
