#pragma once

#include "ConnectionCatalog.h"

#include <QFutureWatcher>
#include <QObject>

namespace flowdesk::models {

// Loads a ConnectionCatalog on QThreadPool's global pool and delivers it on the thread this
// object lives in (by the watcher's queued signal): checking every AWS CLI profile takes most of
// a second with tens of thousands of them, which the UI thread must not wait for. A load
// started while another runs supersedes it (the older one stops at its next profile and is
// never delivered); destroying the loader stops and drops a load still running.
class ConnectionCatalogLoader : public QObject
{
    Q_OBJECT

public:
    explicit ConnectionCatalogLoader(QObject *parent = nullptr);
    ~ConnectionCatalogLoader() override;

    // `accounts` is the stored accounts' list as read now (StoredAccounts stays on its thread).
    void load(const QProcessEnvironment &environment, QList<aws::StoredAccount> accounts);
    bool isLoading() const { return m_watcher != nullptr; }

signals:
    void loaded(const flowdesk::models::ConnectionCatalog &catalog);

private:
    QFutureWatcher<ConnectionCatalog> *m_watcher = nullptr;
};

} // namespace flowdesk::models
