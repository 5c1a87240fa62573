#include "ConnectionCatalogLoader.h"

#include <QPromise>
#include <QThreadPool>

#include <memory>

namespace flowdesk::models {

ConnectionCatalogLoader::ConnectionCatalogLoader(QObject *parent)
    : QObject(parent)
{
}

ConnectionCatalogLoader::~ConnectionCatalogLoader()
{
    if (m_watcher)
        m_watcher->cancel();
}

void ConnectionCatalogLoader::load(const QProcessEnvironment &environment,
                                   QList<aws::StoredAccount> accounts)
{
    if (m_watcher) {
        // Superseded: its result is not wanted any more. The work itself finishes on its own
        // (it only reads files) and its promise, shared with the task, ends with it.
        m_watcher->disconnect(this);
        m_watcher->cancel(); // the task stops at its next profile
        m_watcher->deleteLater();
        m_watcher = nullptr;
    }
    // Shared: QThreadPool takes a copyable callable, and a QPromise cannot be copied.
    auto promise = std::make_shared<QPromise<ConnectionCatalog>>();
    auto *watcher = new QFutureWatcher<ConnectionCatalog>(this);
    m_watcher = watcher;
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        if (watcher != m_watcher)
            return;
        m_watcher = nullptr;
        watcher->deleteLater();
        if (watcher->future().resultCount() > 0)
            emit loaded(watcher->future().result());
    });
    watcher->setFuture(promise->future());
    promise->start();
    QThreadPool::globalInstance()->start(
        [promise, environment, accounts = std::move(accounts)]() mutable {
            ConnectionCatalog catalog = ConnectionCatalog::load(
                environment, std::move(accounts), [&promise] { return promise->isCanceled(); });
            if (!promise->isCanceled())
                promise->addResult(std::move(catalog));
            promise->finish();
        });
}

} // namespace flowdesk::models
