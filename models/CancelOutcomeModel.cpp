#include "CancelOutcomeModel.h"

#include "DisplayFormat.h"
#include "ModelRoles.h"

#include <QLocale>

namespace flowdesk::models {

using appflow::ExecutionStatus;

namespace {

bool isFinal(ExecutionStatus status)
{
    return status == ExecutionStatus::Canceled || status == ExecutionStatus::Successful
        || status == ExecutionStatus::Error;
}

bool isCancelling(ExecutionStatus status)
{
    return status == ExecutionStatus::CancelStarted || status == ExecutionStatus::Canceled;
}

QString timeText(const QDateTime &time)
{
    // Every row of one answer carries the same "as of" time, and signalChanges() formats each
    // cell before and after: remember the last one. QLocale's long time format names the zone,
    // which costs a time-zone lookup (a stat() of /etc/localtime) per call.
    thread_local QDateTime lastTime;
    thread_local QString lastText;
    if (time != lastTime || lastTime.timeSpec() != time.timeSpec()) {
        lastText = QLocale().toString(time.toLocalTime().time(), QLocale::LongFormat);
        lastTime = time;
    }
    return lastText;
}

} // namespace

bool CancelOutcomeModel::Row::settled() const
{
    switch (result) {
    case Result::Requested:
        return false;
    case Result::CancelStarted:
    case Result::AlreadyCancelled:
        // Watched until AppFlow shows the end (a batch run may still finish its batch and end
        // Successful or Error instead of Canceled), or no longer lists the run at all.
        return statusFresh && (isFinal(status) || notFound);
    case Result::NotCancellable:
    case Result::RequestFailed:
    case Result::NoAnswer:
    case Result::NotSent:
        // Nothing more happens to these without a new request; one status read after the
        // answer says where the run really stands.
        return statusFresh;
    }
    return true;
}

bool CancelOutcomeModel::Row::retryable() const
{
    switch (result) {
    case Result::RequestFailed:
    case Result::NotSent:
        return !(statusFresh && (isFinal(status) || isCancelling(status) || notFound));
    case Result::NoAnswer:
        return statusFresh && status == ExecutionStatus::InProgress;
    default:
        return false;
    }
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

void CancelOutcomeModel::signalChanges(int row, const Row &before)
{
    // Every visible cell is a function of the row, and several depend on more than one field
    // (the result reads "Canceled" once the status is final): compare the cells, not fields.
    const Row &after = m_rows.at(row);
    int first = -1;
    for (int column = 0; column <= ColumnCount; ++column) {
        bool differs = false;
        if (column < ColumnCount) {
            for (int role : {int(Qt::DisplayRole), int(Qt::ToolTipRole), int(Roles::ToneRole)}) {
                if (cell(before, column, role) != cell(after, column, role)) {
                    differs = true;
                    break;
                }
            }
        }
        if (differs && first < 0)
            first = column;
        if (!differs && first >= 0) {
            emit dataChanged(index(row, first), index(row, column - 1));
            first = -1;
        }
    }
}

void CancelOutcomeModel::setRequested(const QString &flowName, const QString &executionId,
                                      const appflow::ExecutionRecord &latest, const QDateTime &asOf)
{
    const int row = ensureRow(flowName, executionId);
    const Row before = m_rows.at(row);
    Row &r = m_rows[row];
    r.result = Result::Requested;
    r.detail.clear();
    r.errorCode.clear();
    r.requestId.clear();
    r.earlierAttemptUnanswered = false;
    if (!latest.executionStatusText.isEmpty()) {
        r.status = latest.executionStatus;
        r.statusText = latest.executionStatusText;
        r.statusAsOf = asOf;
    }
    r.statusFresh = false;
    signalChanges(row, before);
}

void CancelOutcomeModel::setAnswer(const QString &flowName, const QString &executionId,
                                   const Answer &answer)
{
    const int row = ensureRow(flowName, executionId);
    const Row before = m_rows.at(row);
    Row &r = m_rows[row];
    r.result = answer.result;
    r.detail = answer.detail;
    r.errorCode = answer.errorCode;
    r.requestId = answer.requestId;
    r.earlierAttemptUnanswered = answer.earlierAttemptUnanswered;
    r.statusFresh = false;
    r.notFound = false;
    if (r.result == Result::NotCancellable && r.detail.isEmpty())
        r.detail = tr("AppFlow did not accept the cancel; reading the run's status to say why…");
    signalChanges(row, before);
}

void CancelOutcomeModel::updateStatus(const QString &flowName, const appflow::ExecutionRecord &record,
                                      const QDateTime &readAt)
{
    const int row = indexOf(flowName, record.executionId);
    if (row < 0)
        return;
    const Row before = m_rows.at(row);
    Row &r = m_rows[row];
    // A read that started before the newest answer says nothing about what came after it.
    if (r.result == Result::Requested)
        return;
    r.status = record.executionStatus;
    r.statusText = record.executionStatusText;
    r.statusAsOf = readAt;
    r.statusFresh = true;
    r.notFound = false;
    reclassify(r);
    signalChanges(row, before);
}

void CancelOutcomeModel::markNotFound(const QString &flowName, const QString &executionId,
                                      const QDateTime &readAt)
{
    const int row = indexOf(flowName, executionId);
    if (row < 0 || m_rows.at(row).result == Result::Requested)
        return;
    const Row before = m_rows.at(row);
    Row &r = m_rows[row];
    r.status = ExecutionStatus::Unknown;
    r.statusText.clear();
    r.statusAsOf = readAt;
    r.statusFresh = true;
    r.notFound = true;
    reclassify(r);
    signalChanges(row, before);
}

// What a fresh status says about the answer.
void CancelOutcomeModel::reclassify(Row &r)
{
    const QString status = DisplayFormat::executionStatus(r.status, r.statusText);
    switch (r.result) {
    case Result::NotCancellable:
        if (isCancelling(r.status)) {
            r.result = Result::AlreadyCancelled;
            r.detail = r.earlierAttemptUnanswered
                           ? tr("AppFlow shows it as %1: most likely an earlier attempt of this "
                                "request reached AppFlow, and its answer was lost.")
                                 .arg(status)
                           : tr("It was already being cancelled before this request.");
        } else if (r.notFound) {
            r.detail = tr("AppFlow does not list this run for this flow.");
        } else {
            r.detail = notCancellableReason(r.status);
        }
        break;
    case Result::NoAnswer:
        if (isCancelling(r.status)) {
            r.result = Result::CancelStarted;
            r.detail = tr("No answer came back (%1), but AppFlow shows the run cancelling: the "
                          "cancel started.")
                           .arg(r.errorCode);
        } else if (r.status == ExecutionStatus::InProgress) {
            r.detail = tr("No answer came back (%1) and AppFlow still shows the run in progress: "
                          "the cancel did not take effect. Retry sends it again.")
                           .arg(r.errorCode);
        } else if (isFinal(r.status)) {
            r.result = Result::NotCancellable;
            r.detail = tr("No answer came back (%1); the run has ended (%2) without being "
                          "cancelled.")
                           .arg(r.errorCode, status);
        } else if (r.notFound) {
            r.result = Result::NotCancellable;
            r.detail = tr("No answer came back (%1), and AppFlow does not list this run for this "
                          "flow.")
                           .arg(r.errorCode);
        }
        break;
    case Result::Requested:
    case Result::CancelStarted:
    case Result::AlreadyCancelled:
    case Result::RequestFailed:
    case Result::NotSent:
        break;
    }
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

int CancelOutcomeModel::retryableCount() const
{
    int n = 0;
    for (const Row &r : m_rows)
        n += r.retryable() ? 1 : 0;
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
        return tr("AppFlow would not cancel it although it shows it in progress (it may not "
                  "have started processing yet); try again in a moment.");
    case ExecutionStatus::Unknown:
        break;
    }
    return tr("AppFlow does not know this run as in progress (not started, or not a run of "
              "this flow).");
}

QString CancelOutcomeModel::resultText(const Row &r)
{
    switch (r.result) {
    case Result::Requested:
        return tr("Sending…");
    case Result::CancelStarted:
        return r.statusFresh && r.status == ExecutionStatus::Canceled ? tr("Canceled")
                                                                      : tr("Cancel started");
    case Result::AlreadyCancelled:
        return tr("Already cancelled");
    case Result::NotCancellable:
        return tr("Not cancellable");
    case Result::RequestFailed:
        return tr("Request failed");
    case Result::NoAnswer:
        return tr("No answer");
    case Result::NotSent:
        return tr("Not sent");
    }
    return {};
}

QVariant CancelOutcomeModel::cell(const Row &r, int column, int role)
{
    if (role == Roles::ToneRole) {
        if (column != ResultColumn)
            return {};
        switch (r.result) {
        case Result::NotCancellable:
            return int(Tone::Warning);
        case Result::RequestFailed:
        case Result::NoAnswer:
        case Result::NotSent:
            return int(Tone::Error);
        default:
            return {};
        }
    }
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (column) {
    case FlowColumn:
        return r.flowName;
    case ExecutionIdColumn:
        return r.executionId;
    case ResultColumn:
        return resultText(r);
    case StatusColumn: {
        const QString status = r.notFound ? tr("Not found")
                               : r.statusText.isEmpty()
                                   ? tr("Unknown")
                                   : DisplayFormat::executionStatus(r.status, r.statusText);
        if (role == Qt::ToolTipRole) {
            if (!r.statusAsOf.isValid())
                return tr("Not read since before the cancel was sent.");
            return r.statusFresh
                       ? tr("Read from AppFlow at %1.").arg(DisplayFormat::exactTime(r.statusAsOf))
                       : tr("Last read at %1, before AppFlow answered: it may have changed since.")
                             .arg(DisplayFormat::exactTime(r.statusAsOf));
        }
        if (r.statusFresh || r.statusText.isEmpty())
            return status;
        return r.statusAsOf.isValid() ? tr("%1 (last known, %2)").arg(status, timeText(r.statusAsOf))
                                      : tr("%1 (last known)").arg(status);
    }
    case DetailColumn:
        if (r.requestId.isEmpty()
            || (r.result != Result::RequestFailed && r.result != Result::NoAnswer
                && role == Qt::DisplayRole))
            return r.detail;
        return tr("%1 Request ID: %2").arg(r.detail, r.requestId);
    default:
        return {};
    }
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
    return cell(m_rows.at(index.row()), index.column(), role);
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
        return tr("Status");
    case DetailColumn:
        return tr("Details");
    default:
        return {};
    }
}

} // namespace flowdesk::models
