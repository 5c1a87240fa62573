#pragma once

#include "CancelPlan.h"

#include <QPointer>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QNetworkAccessManager;
class QPushButton;
class QSortFilterProxyModel;
class QTimer;
class QTreeView;

namespace flowdesk {

namespace aws {
class SsoDeviceLogin;
}
namespace models {
class FleetController;
class GroupingProxyModel;
}

// The Fleet tab of one IAM Identity Center login: which accounts × regions are read and how
// each went (errors in place), every active run of the fleet with its Account and Region
// (filterable, sortable), and a cancel across accounts — the same confirmation as anywhere,
// one CancelController and results window per account × region, each audited with the
// account ID, role and region. Accounts and regions are chosen in FleetAccountsDialog and
// remembered per login.
class FleetPage : public QWidget
{
    Q_OBJECT

public:
    // Takes ownership of `fleet`.
    FleetPage(models::FleetController *fleet, QWidget *parent = nullptr);
    ~FleetPage() override;

    models::FleetController *fleet() const { return m_fleet; }
    QString title() const;
    void setAuditLogPath(const QString &path) { m_auditLogPath = path; }

    QTreeView *regionsView() const { return m_regionsView; }
    QTreeView *runsView() const { return m_runsView; }
    // How "Active runs across the fleet" is laid out: one line per account (the default, so
    // thousands of runs in hundreds of accounts fold into a line each), per region, per flow
    // name, or a flat list. Remembered for every fleet.
    enum class Grouping { Account, Region, Flow, None };
    Q_ENUM(Grouping)
    void setGrouping(Grouping grouping);
    Grouping grouping() const;
    QComboBox *groupingBox() const { return m_groupBy; }
    QLineEdit *filterEdit() const { return m_filter; }
    QPushButton *cancelButton() const { return m_cancelButton; }
    // While runs are active, the fleet's active runs are read again this often (tab shown).
    static constexpr int kAutoRefreshSeconds = 60;
    QTimer *autoRefreshTimer() const { return m_autoRefresh; }
    // A cancel of this fleet still has requests in flight: closing the tab must wait.
    bool cancelsInFlight() const;
    QList<class CancelOutcomeView *> outcomeViews() const;

    // Chooses accounts and regions (the dialog), then scans.
    void chooseAccounts();
    // Scans what was chosen last time (or opens the chooser when nothing was).
    void start();
    // The plan for the selected in-progress runs, grouped per account × region × flow.
    CancelPlan selectedPlan();
    void cancelSelected();

signals:
    void info(const QString &text);

private:
    void updateStatus();
    void updateButtons();
    void restoreChoice();
    void saveChoice() const;
    void signIn();
    void execute(const CancelPlan &plan);
    // The rows of FleetRunsModel the user selected; a selected group stands for all its rows.
    QList<int> selectedRunRows() const;
    bool anyGroupFolded() const;
    void onGroupsInserted(int first, int last);
    QString settingsGroup() const;

    models::FleetController *m_fleet;
    QString m_auditLogPath;
    QLabel *m_status = nullptr;
    QPushButton *m_chooseButton = nullptr;
    QPushButton *m_refreshButton = nullptr;
    QPushButton *m_signInButton = nullptr;
    QPushButton *m_cancelButton = nullptr;
    QLineEdit *m_filter = nullptr;
    QTreeView *m_regionsView = nullptr;
    QTreeView *m_runsView = nullptr;
    QSortFilterProxyModel *m_regionsProxy = nullptr;
    QSortFilterProxyModel *m_runsProxy = nullptr;
    models::GroupingProxyModel *m_runsGrouped = nullptr;
    QComboBox *m_groupBy = nullptr;
    QPushButton *m_expandButton = nullptr;
    QNetworkAccessManager *m_network = nullptr;
    QPointer<aws::SsoDeviceLogin> m_deviceLogin;
    // While runs are active the fleet is read again every kAutoRefreshSeconds, the active
    // runs only (FleetController::refreshActive), and only while the tab is shown.
    QTimer *m_autoRefresh = nullptr;
    // The results windows of this fleet's cancels: they use its connections, so they close
    // with the tab (before the connections go).
    QList<QPointer<class CancelOutcomeView>> m_outcomeViews;
};

} // namespace flowdesk
