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
class ConnectionCatalogTree;

// The Connections sidebar: every AWS CLI profile, the environment's keys, Flowdesk's own
// accounts and the demo, always in view, with a region picker that follows the selected entry.
// Double-click (or Open) opens the entry in the picked region in a new tab; the open ones are
// shown in bold. Endpoint overrides and account editing live in the full Open connection
// dialog ("More…").
class ConnectionsSidebar : public QWidget
{
    Q_OBJECT

public:
    explicit ConnectionsSidebar(QWidget *parent = nullptr);

    // May be null (no stored accounts listed). Must outlive the sidebar.
    void setStoredAccounts(aws::StoredAccounts *accounts);
    void setOpenConnections(const QList<std::pair<models::ConnectionInfo::Kind, QString>> &open);
    // Reads the AWS CLI files and stored accounts again.
    void reload();

    ConnectionCatalogTree *tree() const { return m_tree; }
    // What Open would emit now; nullopt when nothing usable is selected.
    std::optional<models::ConnectionChoice> choice() const;

signals:
    void connectionChosen(const flowdesk::models::ConnectionChoice &choice);
    // "More…": the full dialog, on this entry when one is selected.
    void moreRequested(models::ConnectionInfo::Kind kind, const QString &name);

private:
    void entryChanged();
    void openCurrent();

    aws::StoredAccounts *m_accounts = nullptr;
    ConnectionCatalogTree *m_tree;
    QComboBox *m_regionComboBox;
    QLabel *m_noteLabel;
    QPushButton *m_openButton;
    QPushButton *m_moreButton;
};

} // namespace flowdesk
