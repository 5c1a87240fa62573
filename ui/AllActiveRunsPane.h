#pragma once

#include "AppFlowTypes.h"

#include <QHash>
#include <QWidget>

#include <optional>

class QAbstractItemModel;
class QAction;
class QConcatenateTablesProxyModel;
class QLabel;
class QPushButton;
class QSettings;
class QTreeView;

namespace flowdesk {

namespace models {
class RunFilterProxyModel;
}

class ConnectionPage;

// "All active runs": every run in progress or being cancelled, across every flow of every open
// connection. The rows are the connections' own ActiveRunsModels, concatenated (no copy, so a
// refresh of one connection moves only its rows), sorted and filtered by one proxy.
class AllActiveRunsPane : public QWidget
{
    Q_OBJECT

public:
    struct Run {
        ConnectionPage *page = nullptr;
        QString flowName;
        appflow::ExecutionRecord record;
    };

    explicit AllActiveRunsPane(QWidget *parent = nullptr);
    ~AllActiveRunsPane() override;

    void addConnection(ConnectionPage *page);
    void removeConnection(ConnectionPage *page);

    QTreeView *view() const { return m_view; }
    // Some open connection could not read every flow: the rows are not all active runs.
    bool isPartial() const;
    // The selected rows that are still in progress, and the current row (any status).
    QList<Run> selectedInProgressRuns() const;
    std::optional<Run> currentRun() const;

    void restoreLayout(const QSettings &settings);
    void saveLayout(QSettings &settings) const;

signals:
    void stateChanged(); // selection or rows changed

private:
    std::optional<Run> runAt(const QModelIndex &proxyIndex) const;
    void updateHint();

    QConcatenateTablesProxyModel *m_concatenation;
    models::RunFilterProxyModel *m_proxy;
    QHash<const QAbstractItemModel *, ConnectionPage *> m_pages;
    QLabel *m_hintLabel;
    QPushButton *m_retryButton;
    QTreeView *m_view;
};

} // namespace flowdesk
