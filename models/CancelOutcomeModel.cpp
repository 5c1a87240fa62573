#include "CancelOutcomeModel.h"

#include "DisplayFormat.h"

#include <QBrush>
#include <QColor>

namespace flowdesk::models {

using appflow::ExecutionStatus;

bool CancelOutcomeModel::Row::settled() const
{
    switch (result) {
    case Result::NotCancellable:
    case Result::RequestFailed:
        return true;
    case Result::Requested:
        return false;
    case Result::CancelStarted:
        break;
    }
    // A cancelled batch run may still finish its batch, then end as Canceled (or, rarely,
    // Successful/Error if it completed first): any final status settles it.
    return status == ExecutionStatus::Canceled || status == ExecutionStatus::Successful
        || status == ExecutionStatus::Error;
}

CancelOutcomeModel::CancelOutcomeModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

QString CancelOutcomeModel::key(const QString &flowName, const QString &executionId)
{
    return flowName + u'\n' + executionId;
}

int CancelOutcomeModel::indexOf(const QString &flowName, const QString &executionId) const
{
    return m_rowOfKey.value(key(flowName, executionId), -1);
}

int CancelOutcomeModel::ensureRow(const QString &flowName, const QString &executionId)
{
    const int existing = indexOf(flowName, executionId);
    if (existing >= 0)
        return existing;
    const int row = int(m_rows.size());
    beginInsertRows({}, row, row);
    Row added;
    added.flowName = flowName;
    added.executionId = executionId;
    m_rows.append(added);
    m_rowOfKey.insert(key(flowName, executionId), row);
    endInsertRows();
    return row;
}

void CancelOutcomeModel::changed(int row, int firstColumn, int lastColumn)
{
    emit dataChanged(index(row, firstColumn), index(row, lastColumn));
}

void CancelOutcomeModel::setRequested(const QString &flowName, const QString &executionId,
                                      const appflow::ExecutionRecord &latest)
{
    const int row = ensureRow(flowName, executionId);
    Row &r = m_rows[row];
    r.status = latest.executionStatus;
    r.statusText = latest.executionStatusText;
    changed(row, StatusColumn, StatusColumn);
}

void CancelOutcomeModel::setResult(const QString &flowName, const QString &executionId,
                                   Result result, const QString &detail)
{
    const int row = ensureRow(flowName, executionId);
    Row &r = m_rows[row];
    r.result = result;
    r.detail = detail;
    if (result == Result::NotCancellable && detail.isEmpty())
        r.detail = notCancellableReason(r.status);
    changed(row, ResultColumn, DetailColumn);
}

void CancelOutcomeModel::updateStatus(const QString &flowName, const appflow::ExecutionRecord &record)
{
    const int row = indexOf(flowName, record.executionId);
    if (row < 0)
        return;
    Row &r = m_rows[row];
    if (r.statusText == record.executionStatusText)
        return;
    r.status = record.executionStatus;
    r.statusText = record.executionStatusText;
    // The reason for "not cancellable" follows the latest status we know.
    if (r.result == Result::NotCancellable) {
        r.detail = notCancellableReason(r.status);
        changed(row, StatusColumn, DetailColumn);
    } else {
        changed(row, StatusColumn, StatusColumn);
    }
}

void CancelOutcomeModel::markNotFound(const QString &flowName, const QString &executionId)
{
    appflow::ExecutionRecord missing;
    missing.executionId = executionId;
    missing.executionStatus = ExecutionStatus::Unknown;
    updateStatus(flowName, missing);
}

QStringList CancelOutcomeModel::watchedIds(const QString &flowName) const
{
    QStringList ids;
    for (const Row &r : m_rows) {
        if (r.flowName == flowName && r.result == Result::CancelStarted && !r.settled())
            ids << r.executionId;
    }
    return ids;
}

QStringList CancelOutcomeModel::flowNames() const
{
    QStringList names;
    for (const Row &r : m_rows) {
        if (!names.contains(r.flowName))
            names << r.flowName;
    }
    return names;
}

bool CancelOutcomeModel::allSettled() const
{
    for (const Row &r : m_rows) {
        if (!r.settled())
            return false;
    }
    return true;
}

int CancelOutcomeModel::count(Result result) const
{
    int n = 0;
    for (const Row &r : m_rows)
        n += r.result == result ? 1 : 0;
    return n;
}

QString CancelOutcomeModel::notCancellableReason(ExecutionStatus latest)
{
    switch (latest) {
    case ExecutionStatus::Successful:
        return tr("Already finished successfully.");
    case ExecutionStatus::Error:
        return tr("Already failed.");
    case ExecutionStatus::CancelStarted:
        return tr("Already being cancelled.");
    case ExecutionStatus::Canceled:
        return tr("Already cancelled.");
    case ExecutionStatus::InProgress:
        return tr("AppFlow would not cancel it yet (it may not have started processing); try "
                  "again in a moment.");
    case ExecutionStatus::Unknown:
        break;
    }
    return tr("AppFlow does not know this run as in progress (not started, or not a run of "
              "this flow).");
}

int CancelOutcomeModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int CancelOutcomeModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CancelOutcomeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &r = m_rows.at(index.row());
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
        switch (index.column()) {
        case FlowColumn:
            return r.flowName;
        case ExecutionIdColumn:
            return r.executionId;
        case ResultColumn:
            switch (r.result) {
            case Result::Requested:
                return tr("Sending…");
            case Result::CancelStarted:
                return r.settled() && r.status == ExecutionStatus::Canceled ? tr("Canceled")
                                                                            : tr("Cancel started");
            case Result::NotCancellable:
                return tr("Not cancelled");
            case Result::RequestFailed:
                return tr("Request failed");
            }
            return {};
        case StatusColumn:
            return r.statusText.isEmpty() ? QStringLiteral("\u2014")
                                          : DisplayFormat::executionStatus(r.status, r.statusText);
        case DetailColumn:
            return r.detail;
        default:
            return {};
        }
    }
    if (role == Qt::ForegroundRole && index.column() == ResultColumn) {
        switch (r.result) {
        case Result::NotCancellable:
            return QBrush(QColor(0x9a, 0x5b, 0x00));
        case Result::RequestFailed:
            return QBrush(QColor(0xb0, 0x1e, 0x1e));
        default:
            return {};
        }
    }
    return {};
}

QVariant CancelOutcomeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case FlowColumn:
        return tr("Flow");
    case ExecutionIdColumn:
        return tr("Run ID");
    case ResultColumn:
        return tr("Result");
    case StatusColumn:
        return tr("Status now");
    case DetailColumn:
        return tr("Details");
    default:
        return {};
    }
}

} // namespace flowdesk::models
