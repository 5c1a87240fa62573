#pragma once

#include "AppFlowTypes.h"
#include "CancelPlan.h"
#include "Preferences.h"

#include <QHash>
#include <QMainWindow>
#include <QPointer>

class QAction;
class QLabel;
class QLineEdit;
class QCheckBox;
class QProgressBar;
class QSplitter;
class QTabWidget;
class QTextBrowser;
class QToolButton;
class QTreeView;

namespace flowdesk {

namespace appflow {
class AppFlowError;
}
namespace models {
class Connection;
class RefreshController;
class FlowFilterProxyModel;
class RunFilterProxyModel;
class SortProxyModel;
} // namespace models

class MessageBar;
class CancelOutcomeView;
class HistoryWindow;

// The window an ops engineer lives in during an incident: flows on the left, the runs of the
// selected flow (with details) and every active run on the right, a message bar for errors, and
// a status bar that always says which account and region this is.
//
// It owns no network code: a RefreshController keeps the models current, a CancelController
// (one per confirmed cancel, owned by its outcome view) carries out cancels.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Shows `connection` (takes ownership). A null connection shows the empty state.
    void setConnection(models::Connection *connection);
    models::Connection *connection() const { return m_connection; }
    models::RefreshController *refreshController() const { return m_refresh; }

    void setPreferences(const Preferences &preferences);
    // Where cancels are audited (tests point it at a temporary file).
    void setAuditLogPath(const QString &path) { m_auditLogPath = path; }
    QString auditLogPath() const { return m_auditLogPath; }

    MessageBar *messageBar() const { return m_messageBar; }
    // The most recent outcome view (tests).
    CancelOutcomeView *lastOutcomeView() const;

    // Shows a message that is not an AWS error (start-up notes, demo mode…).
    void showInfo(const QString &text, const QString &hint = {});

protected:
    void changeEvent(QEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    enum class View { Runs, ActiveRuns };

    void createActions();
    void createMenus();
    void createToolBar();
    QWidget *createFlowsPane();
    QWidget *createRunsPane();
    QWidget *createActiveRunsPane();
    void createStatusBar();
    void configureView(QTreeView *view, const QString &objectName, const QString &accessibleName);

    void currentFlowChanged();
    void currentRunChanged();
    void updateActions();
    void updateStatusBar();
    void showError(const appflow::AppFlowError &error, const QString &operation,
                   const QString &flowName);

    View currentView() const;
    QTreeView *currentRunsView() const;
    // The selected runs of the visible runs view that are still in progress.
    QList<QPair<QString, appflow::ExecutionRecord>> selectedInProgressRuns() const;
    QList<appflow::ExecutionRecord> inProgressRunsOf(const QString &flowName) const;
    std::optional<appflow::ExecutionRecord> latestRecord(const QString &flowName,
                                                         const QString &executionId) const;
    QString currentFlowName() const;
    std::optional<appflow::FlowDefinition> flowDefinition(const QString &flowName) const;

    void cancelSelectedRuns();
    void cancelAllOfCurrentFlow();
    void cancelAllActiveRuns();
    void prepareCancel(CancelPlan plan);
    void openConfirmation(const CancelPlan &plan);
    void executeCancel(const CancelPlan &plan, bool deactivate);
    void showHistory();
    void deactivateCurrentFlow();
    void startRunOfCurrentFlow();

    void restoreSettings();
    void restoreHeaders();
    void saveSettings() const;

    models::Connection *m_connection = nullptr;
    models::RefreshController *m_refresh = nullptr;
    models::FlowFilterProxyModel *m_flowProxy = nullptr;
    models::RunFilterProxyModel *m_runProxy = nullptr;
    models::RunFilterProxyModel *m_activeProxy = nullptr;
    QHash<QString, appflow::FlowDescription> m_descriptions; // DescribeFlow answers, per flow
    Preferences m_preferences;
    QString m_auditLogPath;
    QString m_flowToRestore;

    MessageBar *m_messageBar = nullptr;
    QLineEdit *m_flowFilterEdit = nullptr;
    QTreeView *m_flowsView = nullptr;
    QTreeView *m_runsView = nullptr;
    QTreeView *m_activeRunsView = nullptr;
    QCheckBox *m_activeOnlyCheckBox = nullptr;
    QLabel *m_runsTitleLabel = nullptr;
    QTextBrowser *m_detailsBrowser = nullptr;
    QTabWidget *m_tabs = nullptr;
    QSplitter *m_mainSplitter = nullptr;
    QSplitter *m_runsSplitter = nullptr;
    QLabel *m_connectionLabel = nullptr;
    QLabel *m_demoBadge = nullptr;
    QLabel *m_refreshedLabel = nullptr;
    QProgressBar *m_progressBar = nullptr;
    QToolButton *m_stopButton = nullptr;
    QPointer<CancelOutcomeView> m_lastOutcomeView;
    HistoryWindow *m_historyWindow = nullptr;

    QAction *m_refreshAction = nullptr;
    QAction *m_stopAction = nullptr;
    QAction *m_cancelSelectedAction = nullptr;
    QAction *m_cancelFlowAction = nullptr;
    QAction *m_cancelAllAction = nullptr;
    QAction *m_deactivateAction = nullptr;
    QAction *m_startAction = nullptr;
    QAction *m_historyAction = nullptr;
    QAction *m_preferencesAction = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_aboutAction = nullptr;
};

} // namespace flowdesk
