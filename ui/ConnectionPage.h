#pragma once

#include "AppFlowTypes.h"
#include "Preferences.h"

#include <QHash>
#include <QPointer>
#include <QWidget>

#include <optional>

class QAction;
class QCheckBox;
class QLabel;
class QLineEdit;
class QSettings;
class QSplitter;
class QTextBrowser;
class QTabWidget;
class QTreeView;

namespace flowdesk {

namespace models {
class Connection;
class RefreshController;
class FlowFilterProxyModel;
class RunFilterProxyModel;
} // namespace models

class CancelOutcomeView;

// One open connection in the main window: its flows on the left, the runs of the selected flow
// and that run's details on the right. It owns the connection, the RefreshController that keeps
// the connection's models current, and remembers what it learnt about flows (DescribeFlow).
//
// It knows nothing of cancelling or of other connections: the window's actions ask it what is
// selected and act on it.
class ConnectionPage : public QWidget
{
    Q_OBJECT

public:
    // Takes ownership of `connection`. Nothing is fetched until refresh() is called.
    ConnectionPage(models::Connection *connection, const Preferences &preferences,
                   QWidget *parent = nullptr);
    ~ConnectionPage() override;

    models::Connection *connection() const { return m_connection; }
    models::RefreshController *refreshController() const { return m_refresh; }
    QTreeView *flowsView() const { return m_flowsView; }
    QTreeView *runsView() const { return m_runsView; }
    // "prod-ops · eu-west-1": what the tab and the Connection column say. The window makes it
    // unique among the open connections (setDisplayName) when two would read the same.
    QString shortName() const { return m_displayName; }
    QString baseName() const;
    void setDisplayName(const QString &name);

    void setPreferences(const Preferences &preferences);
    // The window's actions, offered in the views' context menus.
    void setContextActions(const QList<QAction *> &flowActions, const QList<QAction *> &runActions);

    QString currentFlowName() const;
    std::optional<appflow::FlowDefinition> flowDefinition(const QString &flowName) const;
    // The selected runs of the runs view that are still in progress.
    QList<appflow::ExecutionRecord> selectedInProgressRuns() const;
    // In-progress runs of `flowName` (every flow when empty), from the active-runs model.
    QList<appflow::ExecutionRecord> inProgressRunsOf(const QString &flowName) const;
    bool hasInProgressRuns(const QString &flowName) const; // the same, without copying

    // The newest status known for a run (active-runs model, else the runs view).
    std::optional<appflow::ExecutionRecord> latestRecord(const QString &flowName,
                                                         const QString &executionId) const;

    // DescribeFlow answers, asked once per flow and remembered while the connection is open.
    std::optional<appflow::FlowDescription> description(const QString &flowName) const;
    void rememberDescription(const QString &flowName, const appflow::FlowDescription &description);

    // Cancel windows that watch runs of this connection: closing the connection closes them,
    // and is refused while one of them still has requests in flight.
    void addOutcomeView(CancelOutcomeView *view);
    bool cancelRequestsInFlight() const;
    bool hasOpenOutcomeWindows() const;
    void closeOutcomeViews();

    // Splitter sizes and column layout, shared by every connection page.
    void restoreLayout(const QSettings &settings, const QString &flowToSelect);
    void saveLayout(QSettings &settings) const;

signals:
    // Selection, current flow or statuses changed: what the window's actions can do may differ.
    void stateChanged();
    void currentFlowChanged(const QString &flowName);

protected:
    void showEvent(QShowEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    QWidget *createFlowsPane();
    QWidget *createRunsPane();
    void connectModels();
    void onCurrentFlowChanged();
    void updateRunsTitle();
    void showRunDetails();
    void selectFlowAfterListing();
    // First layout without saved settings: the flow names as wide as they are (within bounds)
    // and the flows pane wide enough for Flow, Active runs and Status, so a small screen still
    // shows what matters in an incident.
    void fitFlowNameColumn();
    void fitSplitToFlows();

    models::Connection *m_connection;
    models::RefreshController *m_refresh;
    models::FlowFilterProxyModel *m_flowProxy;
    models::RunFilterProxyModel *m_runProxy;
    QHash<QString, appflow::FlowDescription> m_descriptions;
    QList<QPointer<CancelOutcomeView>> m_outcomeViews;
    QString m_flowToSelect;
    QString m_displayName;

    QSplitter *m_splitter = nullptr;
    QSplitter *m_runsSplitter = nullptr;
    QLineEdit *m_flowFilterEdit = nullptr;
    QTreeView *m_flowsView = nullptr;
    QLabel *m_runsTitleLabel = nullptr;
    QCheckBox *m_activeOnlyCheckBox = nullptr;
    QTreeView *m_runsView = nullptr;
    QTabWidget *m_runsTabs = nullptr;
    QTextBrowser *m_detailsBrowser = nullptr;
    bool m_fitFlowNames = false; // no saved flows header: fit the Flow column once names are in
    bool m_fitSplit = false;     // no saved split, and the user has not moved it yet
};

// A table and a TimelineView of the same model and selection, as two tabs.
QTabWidget *tableWithTimeline(QTreeView *table, int startColumn, int endColumn, QWidget *parent);

// The look every table in the window shares (sortable, row selection, movable columns).
void configureRunTableView(QTreeView *view, const QString &objectName, const QString &accessibleName,
                           const QString &accessibleDescription);

// First-time column widths: `widths`, but never narrower than a column's own header needs or,
// for status badges, than the longest status, so that longer words (German, the pseudo-locale)
// are not cut off. Needs the view's model and delegates set.
void setInitialColumnWidths(QTreeView *view, const QList<int> &widths);

} // namespace flowdesk
