#pragma once

#include <QString>
#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QStackedWidget;
class QTableView;

namespace flowdesk {

class AuditEntryModel;
namespace models { class SortProxyModel; }

// The cancel audit log, for reading: every intent and result line, newest first, filterable by
// flow and exportable as CSV. Lines the reader cannot use (corrupted, or cut short by a crash)
// are skipped and named in the status line; the rest always loads.
//
// A top-level, non-modal window (Qt::Window): open it with show() and keep it; call reload()
// when showing it again or after a cancel has been logged, so it shows the file as it is now.
// The log is read on the GUI thread: AuditLogReader is synchronous, and at the sizes the log
// reaches (thousands of lines, a few MB after years of cancels) that takes milliseconds. If a
// log ever grows to where it shows, move the read to a worker and hand the entries back.
class HistoryWindow : public QWidget
{
    Q_OBJECT

public:
    explicit HistoryWindow(QString logFilePath, QWidget *parent = nullptr);

    QString logFilePath() const { return m_logFilePath; }

public slots:
    // Re-reads the log file. Keeps the flow filter when that flow is still in the log.
    void reload();

signals:
    // A CSV file was written (after the user picked it in the export dialog).
    void exported(const QString &path);

private:
    void createWidgets();
    QWidget *createDamagedLinesWidget();
    void sizeColumns();
    void applyFlowFilter();
    void updateStatus();
    void exportCsv();
    void writeCsv(const QString &path);
    void copySelection() const;
    QString selectedFlow() const;

    QString m_logFilePath;
    QString m_loadError;
    QString m_exportMessage;
    QString m_lastExportDirectory;
    bool m_columnsSized = false;

    AuditEntryModel *m_model = nullptr;
    models::SortProxyModel *m_proxy = nullptr;
    QComboBox *m_flowComboBox = nullptr;
    QPushButton *m_reloadButton = nullptr;
    QPushButton *m_exportButton = nullptr;
    QStackedWidget *m_stack = nullptr;
    QTableView *m_tableView = nullptr;
    QLabel *m_emptyStateLabel = nullptr;
    QLabel *m_statusLabel = nullptr;
    QWidget *m_damagedLinesWidget = nullptr; // a warning icon and the label
    QLabel *m_damagedLinesLabel = nullptr;
    QLabel *m_logFileLabel = nullptr;
};

} // namespace flowdesk
