#pragma once

#include "AppFlowTypes.h"
#include "CancelPlan.h"
#include "Connection.h"
#include "FleetLogin.h"
#include "Preferences.h"

#include <QDateTime>
#include <QMainWindow>
#include <QPointer>
#include <QTimer>
#include <QPointer>

class QMenu;
class QAction;
class QLabel;
class QProgressBar;
class QTabWidget;
class QToolButton;

namespace flowdesk {

namespace appflow {
class AppFlowError;
}
namespace aws {
class StoredAccounts;
}
namespace models {
class Connection;
class FleetController;
class RefreshController;
struct ConnectionChoice;
} // namespace models

class AllActiveRunsPane;
class FleetPage;
class ConnectionsSidebar;
class CancelOutcomeView;
class CancelWorkflow;
class ConnectionPage;
class HistoryWindow;
class MessageBar;

// The window an ops engineer lives in during an incident: one tab per open connection (its
// flows, the runs of the selected flow and their details) and an "All active runs" tab that
// spans every open connection, a message bar for errors, and a status bar that always says
// which account and region this is.
//
// It owns no network code: each ConnectionPage's RefreshController keeps its models current,
// a CancelController (one per connection of a confirmed cancel, owned by its outcome view)
// carries out cancels. Opening a connection is not its job either: it asks for one with
// connectionRequested() and is handed the result (addConnection() or showConnectionError()).
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens `connection` in a new tab and makes it current (takes ownership); a connection that
    // is already open is not opened twice: its tab becomes current. Returns its page.
    ConnectionPage *addConnection(models::Connection *connection);
    // Closes every connection, then shows `connection` (null: the empty state).
    void setConnection(models::Connection *connection);
    // Closes a connection's tab, unless one of its cancels still has requests in flight.
    // True when the tab closed now; false when it cannot close yet (a cancel is being sent) or
    // the user is asked first (its cancel result windows would close with it).
    bool closeConnection(ConnectionPage *page);
    // The page of the current tab; on "All active runs", the connection of the current row,
    // else the first page. Null without connections.
    ConnectionPage *currentPage() const;
    QList<ConnectionPage *> pages() const;
    models::Connection *connection() const;
    models::RefreshController *refreshController() const;

    // The connections that were open when the window last closed (never the demo), to reopen.
    static QList<models::ConnectionChoice> lastOpenConnections();

    // Flowdesk's own accounts, listed (and edited) in the Open connection dialog.
    void setStoredAccounts(aws::StoredAccounts *accounts);
    // The Open connection dialog, on the entry of `kind`/`name` (else the current connection's).
    void openConnectionDialog();
    // File → Open IAM Identity Center fleet: the [sso-session]s of ~/.aws/config, or the demo.
    void chooseFleet();
    void openConnectionDialogAt(models::ConnectionInfo::Kind kind, const QString &name);
    ConnectionsSidebar *connectionsSidebar() const { return m_sidebar; }
    // Opening a requested connection failed: says why in the message bar.
    void showConnectionError(const QString &error);
    // Opens an IAM Identity Center fleet in a Fleet tab (takes ownership) and starts reading it.
    FleetPage *addFleet(models::FleetController *fleet);

    void setPreferences(const Preferences &preferences);
    // Where cancels are audited (tests point it at a temporary file).
    void setAuditLogPath(const QString &path);
    QString auditLogPath() const { return m_auditLogPath; }

    MessageBar *messageBar() const { return m_messageBar; }
    AllActiveRunsPane *allActiveRunsPane() const { return m_activePane; }
    // The most recent outcome view (tests).
    CancelOutcomeView *lastOutcomeView() const;
    CancelWorkflow *cancelWorkflow() const { return m_cancels; } // tests

    // Shows a message that is not an AWS error (start-up notes, demo mode…).
    void showInfo(const QString &text, const QString &hint = {});

signals:
    // The user picked a connection in the Open connection dialog.
    void connectionRequested(const flowdesk::models::ConnectionChoice &choice);
    // File → Open IAM Identity Center fleet: an [sso-session] name, or empty for the demo fleet.
    void fleetRequested(const flowdesk::models::FleetLogin &login);

protected:
    void changeEvent(QEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    // A flow of a connection: what "this flow" means for the flow actions.
    struct FlowContext {
        ConnectionPage *page = nullptr;
        QString flowName;
    };
    // A selected run and where it lives.
    struct SelectedRun {
        ConnectionPage *page = nullptr;
        QString flowName;
        appflow::ExecutionRecord record;
    };

    void createActions();
    void createMenus();
    void createToolBar();
    void createStatusBar();
    void createConnectionsSidebar();
    void createCancelWorkflow();
    void updateSidebarMarks();

    bool allActiveTabIsCurrent() const;
    // The connections the current tab is about: the page's, or all on "All active runs".
    QList<ConnectionPage *> pagesInView() const;
    ConnectionPage *pageOf(const models::Connection *connection) const;
    FlowContext currentFlow() const;
    QList<SelectedRun> selectedInProgressRuns() const;

    void currentTabChanged();
    void updateActions();
    void updateStatusBar();
    void updateTabTitles();
    void showError(ConnectionPage *page, const appflow::AppFlowError &error,
                   const QString &operation, const QString &flowName);

    void cancelSelectedRuns();
    void cancelAllOfCurrentFlow();
    void cancelAllActiveRuns();
    static CancelPlan::FlowRuns planEntry(ConnectionPage *page, const QString &flowName);
    void prepareCancel(CancelPlan plan);
    void showHistory();
    // Intents of earlier sessions whose answer was never recorded: ask AppFlow, record, tell.
    void reconcileInterruptedCancels(ConnectionPage *page);
    void watchCredentials(ConnectionPage *page);
    // "Refreshed 14:02", "Partly refreshed 14:05 — 3 flows not read", "Refresh stopped —
    // showing data from 14:02": what the pages in view really read, and when.
    std::pair<QString, QString> refreshStateText(const QList<ConnectionPage *> &pages) const;
    void deactivateCurrentFlow();
    void startRunOfCurrentFlow();

    void removeConnection(ConnectionPage *page);
    void createThemeMenu(QMenu *viewMenu);
    void updatePaletteIcons();
    static void setWhatItDoes(QAction *action, const QString &description);
    void restoreSettings();
    void saveSettings() const;
    void rememberChoice(const models::ConnectionInfo &info);

    Preferences m_preferences;
    QString m_auditLogPath;
    // Intents written before this moment belong to earlier sessions (see CancelReconciler).
    QDateTime m_startedAt = QDateTime::currentDateTimeUtc();
    QString m_flowToRestore;
    // How each profile, environment or account was last opened in this session (region and
    // chosen endpoint, as saveSettings() stores them): the sidebar and the Open connection
    // dialog reopen it the same way, so --endpoint-url survives closing its tab.
    QList<models::ConnectionChoice> m_lastChoices;
    aws::StoredAccounts *m_accounts = nullptr;

    MessageBar *m_messageBar = nullptr;
    QString m_closeRefusalText; // the last "cannot close yet" message, while it is shown
    QTabWidget *m_tabs = nullptr;
    AllActiveRunsPane *m_activePane = nullptr;
    ConnectionsSidebar *m_sidebar = nullptr;
    QLabel *m_connectionLabel = nullptr;
    QLabel *m_demoBadge = nullptr;
    QLabel *m_refreshedLabel = nullptr;
    QProgressBar *m_progressBar = nullptr;
    QToolButton *m_stopButton = nullptr;
    // A credential fetch the pages in view wait for ("credential_process of profile X"), and
    // since when: named in the status bar, with the seconds ticking.
    struct CredentialWait {
        QPointer<ConnectionPage> page;
        QString what;
        QDateTime since;
    };
    QList<CredentialWait> m_credentialWaits;
    QTimer *m_waitTicker = nullptr;
    CancelWorkflow *m_cancels = nullptr;
    HistoryWindow *m_historyWindow = nullptr;

    QAction *m_openFleetAction = nullptr;
    QAction *m_openConnectionAction = nullptr;
    QAction *m_closeConnectionAction = nullptr;
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
