#include "HistoryWindow.h"
#include "ScreenFit.h"

#include "AuditCsvExporter.h"
#include "AuditEntryModel.h"
#include "AuditLogReader.h"
#include "MessageBoxes.h"
#include "ModelRoles.h"
#include "SortProxyModel.h"

#include <QAction>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QRegularExpression>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStyle>
#include <QTableView>
#include <QVBoxLayout>

#include <utility>

namespace flowdesk {

using audit::AuditEntry;

namespace {

// Line numbers named in the status line; the tooltip names every damaged line with its reason.
constexpr qsizetype maxLineNumbersShown = 10;
// Widest a column gets when sized to its contents: long IDs and errors elide (tooltips have
// them whole) instead of pushing the outcome off the screen.
constexpr int maxInitialColumnWidth = 320;

} // namespace

HistoryWindow::HistoryWindow(QString logFilePath, QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_logFilePath(std::move(logFilePath))
    , m_lastExportDirectory(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
{
    setObjectName(QStringLiteral("historyWindow"));
    setWindowTitle(tr("Cancel History"));
    setAccessibleName(tr("Cancel history"));
    ScreenFit::resizeWithin(this, QSize(1100, 520));
    createWidgets();
    reload();
}

void HistoryWindow::createWidgets()
{
    m_model = new AuditEntryModel(this);
    m_proxy = new models::SortProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterRole(models::Roles::FlowNameRole);

    auto *flowLabel = new QLabel(tr("&Flow:"), this);
    m_flowComboBox = new QComboBox(this);
    m_flowComboBox->setObjectName(QStringLiteral("flowFilterComboBox"));
    m_flowComboBox->setAccessibleDescription(tr("Show the cancels of one flow only"));
    m_flowComboBox->setAccessibleName(tr("Show the cancels of flow"));
    m_flowComboBox->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_flowComboBox->setMinimumContentsLength(16);
    flowLabel->setBuddy(m_flowComboBox);
    connect(m_flowComboBox, &QComboBox::currentIndexChanged, this, &HistoryWindow::applyFlowFilter);

    m_reloadButton = new QPushButton(tr("&Reload"), this);
    m_reloadButton->setObjectName(QStringLiteral("reloadButton"));
    m_reloadButton->setToolTip(tr("Read the audit log file again (F5)"));
    m_reloadButton->setShortcut(QKeySequence::Refresh);
    connect(m_reloadButton, &QPushButton::clicked, this, &HistoryWindow::reload);

    m_exportButton = new QPushButton(tr("&Export CSV…"), this);
    m_exportButton->setObjectName(QStringLiteral("exportCsvButton"));
    m_exportButton->setAccessibleName(tr("Export CSV"));
    m_exportButton->setToolTip(tr("Save the entries shown (all columns, oldest first) as a CSV file"));
    connect(m_exportButton, &QPushButton::clicked, this, &HistoryWindow::exportCsv);

    auto *toolbar = new QHBoxLayout;
    toolbar->addWidget(flowLabel);
    toolbar->addWidget(m_flowComboBox);
    toolbar->addStretch();
    toolbar->addWidget(m_reloadButton);
    toolbar->addWidget(m_exportButton);

    m_tableView = new QTableView(this);
    m_tableView->setObjectName(QStringLiteral("historyTableView"));
    m_tableView->setAccessibleName(tr("Cancel history entries"));
    m_tableView->setModel(m_proxy);
    m_tableView->setSortingEnabled(true);
    m_tableView->sortByColumn(AuditEntryModel::TimeColumn, Qt::DescendingOrder);
    m_tableView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tableView->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_tableView->setAlternatingRowColors(true);
    m_tableView->setWordWrap(false);
    m_tableView->setTextElideMode(Qt::ElideRight);
    m_tableView->verticalHeader()->hide();
    // One line per entry, and fixed heights so thousands of rows cost nothing to lay out.
    m_tableView->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_tableView->verticalHeader()->setDefaultSectionSize(m_tableView->fontMetrics().height() + 8);
    m_tableView->horizontalHeader()->setStretchLastSection(true);
    m_tableView->horizontalHeader()->setHighlightSections(false);

    // Copy puts the selected entries on the clipboard as CSV with a header row, complete
    // (every run ID and request ID, not the shortened cells): ready for a spreadsheet or a
    // support ticket.
    auto *copyAction = new QAction(tr("Copy"), m_tableView);
    copyAction->setShortcut(QKeySequence::Copy);
    copyAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(copyAction, &QAction::triggered, this, &HistoryWindow::copySelection);
    m_tableView->addAction(copyAction);
    m_tableView->setContextMenuPolicy(Qt::ActionsContextMenu);

    m_emptyStateLabel = new QLabel(this);
    m_emptyStateLabel->setObjectName(QStringLiteral("emptyStateLabel"));
    m_emptyStateLabel->setAlignment(Qt::AlignCenter);
    m_emptyStateLabel->setWordWrap(true);
    m_emptyStateLabel->setTextFormat(Qt::RichText);
    m_emptyStateLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_emptyStateLabel->setContentsMargins(24, 24, 24, 24);

    m_stack = new QStackedWidget(this);
    m_stack->setObjectName(QStringLiteral("historyStackedWidget"));
    m_stack->addWidget(m_tableView);
    m_stack->addWidget(m_emptyStateLabel);

    m_statusLabel = new QLabel(this);
    m_statusLabel->setObjectName(QStringLiteral("statusLabel"));
    m_statusLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);


    m_logFileLabel = new QLabel(this);
    m_logFileLabel->setObjectName(QStringLiteral("logFileLabel"));
    m_logFileLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_logFileLabel->setText(tr("Log file: %1").arg(QDir::toNativeSeparators(m_logFilePath)));
    m_logFileLabel->setForegroundRole(QPalette::PlaceholderText);

    auto *statusRow = new QHBoxLayout;
    statusRow->addWidget(m_statusLabel);
    statusRow->addStretch();
    statusRow->addWidget(m_logFileLabel);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(toolbar);
    layout->addWidget(m_stack, 1);
    layout->addWidget(createDamagedLinesWidget());
    layout->addLayout(statusRow);
}

void HistoryWindow::reload()
{
    audit::AuditLogReader reader(m_logFilePath);
    m_loadError = reader.load() ? QString() : reader.errorString();
    m_exportMessage.clear();

    const QString previousFlow = selectedFlow();
    m_model->setEntries(reader.entries());

    {
        const QSignalBlocker blocker(m_flowComboBox);
        m_flowComboBox->clear();
        m_flowComboBox->addItem(tr("All flows"), QString());
        for (const QString &flow : reader.flowNames())
            m_flowComboBox->addItem(flow, flow);
        // The flow shown before, if it is still in the log; otherwise every flow.
        const int previous = previousFlow.isNull() ? 0 : m_flowComboBox->findData(previousFlow);
        m_flowComboBox->setCurrentIndex(qMax(0, previous));
    }

    const QList<audit::AuditLogReader::SkippedLine> &skipped = reader.skippedLines();
    if (skipped.isEmpty()) {
        m_damagedLinesWidget->hide();
        m_damagedLinesLabel->clear();
    } else {
        QStringList numbers;
        QStringList reasons;
        for (const auto &line : skipped) {
            if (numbers.size() < maxLineNumbersShown)
                numbers << QString::number(line.lineNumber);
            reasons << tr("Line %1: %2").arg(line.lineNumber).arg(line.reason);
        }
        if (skipped.size() > maxLineNumbersShown)
            numbers << QStringLiteral("…");
        m_damagedLinesLabel->setText(
            tr("%n damaged line(s) skipped (line(s) %1). Every other line was read.", nullptr,
               static_cast<int>(skipped.size()))
                .arg(numbers.join(QStringLiteral(", "))));
        m_damagedLinesLabel->setToolTip(reasons.join(u'\n'));
        m_damagedLinesWidget->show();
    }

    applyFlowFilter();
    if (!m_columnsSized && m_model->rowCount() > 0) {
        // Once, so a reload keeps the widths the user chose.
        sizeColumns();
        m_columnsSized = true;
    }
}

void HistoryWindow::sizeColumns()
{
    m_tableView->resizeColumnsToContents();
    QHeaderView *header = m_tableView->horizontalHeader();
    for (int column = 0; column < header->count(); ++column)
        header->resizeSection(column, qMin(header->sectionSize(column), maxInitialColumnWidth));
}

QWidget *HistoryWindow::createDamagedLinesWidget()
{
    m_damagedLinesWidget = new QWidget(this);
    m_damagedLinesWidget->setObjectName(QStringLiteral("damagedLinesWidget"));
    auto *icon = new QLabel(m_damagedLinesWidget);
    const int iconSize = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning, nullptr, this)
                        .pixmap(iconSize, iconSize));
    m_damagedLinesLabel = new QLabel(m_damagedLinesWidget);
    m_damagedLinesLabel->setObjectName(QStringLiteral("damagedLinesLabel"));
    m_damagedLinesLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_damagedLinesLabel->setWordWrap(true);
    auto *layout = new QHBoxLayout(m_damagedLinesWidget);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(icon, 0, Qt::AlignTop);
    layout->addWidget(m_damagedLinesLabel, 1);
    m_damagedLinesWidget->hide();
    return m_damagedLinesWidget;
}

QString HistoryWindow::selectedFlow() const
{
    return m_flowComboBox->currentData().toString();
}

void HistoryWindow::applyFlowFilter()
{
    const QString flow = selectedFlow();
    m_proxy->setFilterRegularExpression(
        flow.isEmpty() ? QRegularExpression()
                       : QRegularExpression(QRegularExpression::anchoredPattern(
                           QRegularExpression::escape(flow))));
    m_exportMessage.clear();
    updateStatus();
}

void HistoryWindow::updateStatus()
{
    const int total = m_model->rowCount();
    const int shown = m_proxy->rowCount();

    if (!m_loadError.isEmpty()) {
        m_emptyStateLabel->setText(
            QStringLiteral("<p><b>") + tr("The cancel history cannot be shown.").toHtmlEscaped()
            + QStringLiteral("</b></p><p>") + m_loadError.toHtmlEscaped()
            + QStringLiteral("</p><p>")
            + tr("Check that the file is readable by you, then press Reload.").toHtmlEscaped()
            + QStringLiteral("</p>"));
        m_stack->setCurrentWidget(m_emptyStateLabel);
    } else if (total == 0) {
        m_emptyStateLabel->setText(
            QStringLiteral("<p><b>") + tr("No cancels recorded yet").toHtmlEscaped()
            + QStringLiteral("</b></p><p>")
            + tr("Every cancel you confirm in Flowdesk is written here before its request is "
                 "sent, and again with its result.")
                  .toHtmlEscaped()
            + QStringLiteral("</p>"));
        m_stack->setCurrentWidget(m_emptyStateLabel);
    } else {
        m_stack->setCurrentWidget(m_tableView);
    }

    QString status;
    if (!m_loadError.isEmpty())
        status = tr("Not loaded.");
    else if (shown == total)
        status = tr("%n entry(s) loaded.", nullptr, total);
    else
        status = tr("Showing %1 of %n entry(s).", nullptr, total).arg(shown);
    if (!m_exportMessage.isEmpty())
        status += u' ' + m_exportMessage;
    m_statusLabel->setText(status);
    m_exportButton->setEnabled(shown > 0);
}

void HistoryWindow::exportCsv()
{
    // open(), not the static getSaveFileName(): no nested event loop, and tests can find the
    // dialog by its object name and answer it.
    auto *dialog = new QFileDialog(this, tr("Export Cancel History"));
    dialog->setObjectName(QStringLiteral("exportFileDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setFileMode(QFileDialog::AnyFile);
    dialog->setNameFilters({tr("CSV files (*.csv)"), tr("All files (*)")});
    dialog->setDefaultSuffix(QStringLiteral("csv"));
    dialog->setDirectory(m_lastExportDirectory);
    const QString flow = selectedFlow();
    dialog->selectFile(flow.isEmpty() ? QStringLiteral("flowdesk-cancel-history.csv")
                                      : QStringLiteral("flowdesk-cancel-history-") + flow
                                            + QStringLiteral(".csv"));
    connect(dialog, &QFileDialog::fileSelected, this, &HistoryWindow::writeCsv);
    dialog->open();
}

void HistoryWindow::writeCsv(const QString &path)
{
    m_lastExportDirectory = QFileInfo(path).absolutePath();
    // What the table shows, in file order (oldest first), as the log itself reads.
    const QString flow = selectedFlow();
    QList<AuditEntry> entries;
    for (const AuditEntry &entry : m_model->entries()) {
        if (flow.isEmpty() || entry.flowName == flow)
            entries.append(entry);
    }
    QString error;
    if (!audit::AuditCsvExporter::writeFile(entries, path, &error)) {
        MessageBoxes::warning(this, tr("Export Failed"),
                              error + u' ' + tr("Choose another folder or file name."));
        return;
    }
    m_exportMessage = tr("Exported to %1.").arg(QDir::toNativeSeparators(path));
    updateStatus();
    emit exported(path);
}

void HistoryWindow::copySelection() const
{
    QModelIndexList rows = m_tableView->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return;
    // File order, like the export, whatever the view's sort.
    QList<int> sourceRows;
    for (const QModelIndex &index : std::as_const(rows))
        sourceRows << m_proxy->mapToSource(index).row();
    std::sort(sourceRows.begin(), sourceRows.end());
    QList<AuditEntry> entries;
    for (int row : std::as_const(sourceRows))
        entries << m_model->entryAt(row);
    QGuiApplication::clipboard()->setText(
        QString::fromUtf8(audit::AuditCsvExporter::toCsv(entries)));
}

} // namespace flowdesk
