#pragma once

#include <ConnectionCatalog.h>
#include <ConnectionChoice.h>

#include <QTreeWidget>

namespace flowdesk {

// What the user can connect with, grouped: AWS CLI profiles, the environment, Flowdesk's own
// accounts and the demo simulator, each with its default region; broken entries carry a
// warning icon and say why in their tooltip. Shared by the Open connection dialog and the
// Connections sidebar so both list the same things the same way.
class ConnectionCatalogTree : public QTreeWidget
{
    Q_OBJECT

public:
    explicit ConnectionCatalogTree(QWidget *parent = nullptr);

    // Shows `catalog`, keeping the selected entry when it is still listed. `profilesLoading`:
    // the AWS CLI profiles are still being read, and their group says so instead of "None found".
    void setCatalog(models::ConnectionCatalog catalog, bool profilesLoading = false);
    const models::ConnectionCatalog &catalog() const { return m_catalog; }

    // Null on a heading or placeholder row.
    const models::ConnectionCatalogEntry *currentEntry() const;
    // Selects the entry of `kind`/`name`; false when it is not listed.
    bool selectEntry(models::ConnectionInfo::Kind kind, const QString &name);
    // The profile the AWS CLI would use, else the first usable entry (never the demo: choosing
    // it is deliberate). False when nothing usable is listed.
    bool selectDefaultEntry();

    // Shows these entries in bold: the connections that are open now.
    void markOpen(const QList<std::pair<models::ConnectionInfo::Kind, QString>> &open);

    // How each entry was last opened in this session (its region and chosen endpoint, e.g.
    // --endpoint-url): reopening it must go to the same place. The entry's tooltip says where.
    void setLastChoices(const QList<models::ConnectionChoice> &choices);
    // The current entry's last choice; nullopt when it was not opened in this session.
    std::optional<models::ConnectionChoice> currentLastChoice() const;

private:
    void populate();
    void applyOpenMarks();

    models::ConnectionCatalog m_catalog;
    QList<std::pair<models::ConnectionInfo::Kind, QString>> m_open;
    QList<models::ConnectionChoice> m_lastChoices;
    bool m_loadingProfiles = false;
};

} // namespace flowdesk
