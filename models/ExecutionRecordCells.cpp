#include "ExecutionRecordCells.h"

#include "DisplayFormat.h"
#include "ModelRoles.h"

namespace flowdesk::models {

using appflow::ErrorInfo;
using appflow::ExecutionRecord;

namespace {

QVariant raw(std::optional<qint64> value)
{
    return value ? QVariant(*value) : QVariant();
}

QVariant rawTime(const QDateTime &time)
{
    return time.isValid() ? QVariant(time.toMSecsSinceEpoch()) : QVariant();
}

bool sameErrorInfo(const std::optional<ErrorInfo> &a, const std::optional<ErrorInfo> &b)
{
    if (a.has_value() != b.has_value())
        return false;
    return !a || (a->putFailuresCount == b->putFailuresCount
                  && a->executionMessage == b->executionMessage);
}

QString errorText(const ExecutionRecord &run)
{
    const auto &info = run.executionResult.errorInfo;
    return info ? info->executionMessage : QString();
}

QVariant display(const ExecutionRecord &run, ExecutionRecordCells::Field field,
                 const QDateTime &now, const QLocale &locale)
{
    using F = ExecutionRecordCells;
    const auto &result = run.executionResult;
    switch (field) {
    case F::ExecutionId: return run.executionId;
    case F::Status: return DisplayFormat::executionStatus(run.executionStatus, run.executionStatusText);
    case F::Started: return DisplayFormat::relativeTime(run.startedAt, now, locale);
    case F::LastUpdated: return DisplayFormat::relativeTime(run.lastUpdatedAt, now, locale);
    case F::Duration: {
        const auto ms = F::durationMs(run, now);
        return ms ? DisplayFormat::duration(*ms) : DisplayFormat::absent();
    }
    case F::Records: return DisplayFormat::count(result.recordsProcessed, locale);
    case F::BytesProcessed: return DisplayFormat::dataSize(result.bytesProcessed, locale);
    case F::BytesWritten: return DisplayFormat::dataSize(result.bytesWritten, locale);
    case F::Error: {
        // One line in the table; the whole message is in the tooltip and the details pane.
        const QString message = errorText(run).simplified();
        return message.isEmpty() ? DisplayFormat::absent() : message;
    }
    case F::FieldCount: break;
    }
    return {};
}

QVariant sortValue(const ExecutionRecord &run, ExecutionRecordCells::Field field,
                   const QDateTime &now)
{
    using F = ExecutionRecordCells;
    const auto &result = run.executionResult;
    switch (field) {
    case F::ExecutionId: return run.executionId;
    case F::Status: return static_cast<int>(run.executionStatus);
    case F::Started: return rawTime(run.startedAt);
    case F::LastUpdated: return rawTime(run.lastUpdatedAt);
    case F::Duration: return raw(F::durationMs(run, now));
    case F::Records: return raw(result.recordsProcessed);
    case F::BytesProcessed: return raw(result.bytesProcessed);
    case F::BytesWritten: return raw(result.bytesWritten);
    case F::Error: {
        const QString message = errorText(run);
        return message.isEmpty() ? QVariant() : QVariant(message);
    }
    case F::FieldCount: break;
    }
    return {};
}

QVariant toolTip(const ExecutionRecord &run, ExecutionRecordCells::Field field,
                 const QLocale &locale)
{
    using F = ExecutionRecordCells;
    const auto &result = run.executionResult;
    switch (field) {
    case F::ExecutionId: return run.executionId;
    case F::Status:
        return run.executionStatusText.isEmpty() ? QVariant() : QVariant(run.executionStatusText);
    case F::Started: {
        QString text = ExecutionRecordCells::tr("Started %1").arg(DisplayFormat::exactTime(run.startedAt));
        if (run.dataPullStartTime.isValid() || run.dataPullEndTime.isValid())
            text += u'\n'
                + ExecutionRecordCells::tr("Data pulled from %1 to %2")
                      .arg(DisplayFormat::exactTime(run.dataPullStartTime),
                           DisplayFormat::exactTime(run.dataPullEndTime));
        return text;
    }
    case F::LastUpdated:
        return ExecutionRecordCells::tr("Last updated %1").arg(DisplayFormat::exactTime(run.lastUpdatedAt));
    case F::Duration: return {};
    case F::Records: {
        QStringList lines;
        if (result.recordsProcessed)
            lines << ExecutionRecordCells::tr("%1 records processed").arg(locale.toString(*result.recordsProcessed));
        if (result.numParallelProcesses)
            lines << ExecutionRecordCells::tr("%1 parallel processes").arg(locale.toString(*result.numParallelProcesses));
        if (result.maxPageSize)
            lines << ExecutionRecordCells::tr("Page size up to %1 records").arg(locale.toString(*result.maxPageSize));
        return lines.isEmpty() ? QVariant() : QVariant(lines.join(u'\n'));
    }
    case F::BytesProcessed:
    case F::BytesWritten: {
        const auto bytes = field == F::BytesProcessed ? result.bytesProcessed : result.bytesWritten;
        return bytes ? QVariant(ExecutionRecordCells::tr("%1 bytes").arg(locale.toString(*bytes))) : QVariant();
    }
    case F::Error: {
        const auto &info = result.errorInfo;
        if (!info)
            return {};
        QString text = info->executionMessage;
        if (info->putFailuresCount)
            text += u'\n' + ExecutionRecordCells::tr("%1 records failed to write").arg(locale.toString(*info->putFailuresCount));
        return text;
    }
    case F::FieldCount: break;
    }
    return {};
}

} // namespace

QVariant ExecutionRecordCells::data(const ExecutionRecord &run, Field field, int role,
                                    const QDateTime &now, const QLocale &locale)
{
    switch (role) {
    case Qt::DisplayRole: return display(run, field, now, locale);
    case Roles::SortRole: return sortValue(run, field, now);
    case Qt::ToolTipRole: return toolTip(run, field, locale);
    case Qt::TextAlignmentRole:
        return isNumeric(field) ? QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter))
                                : QVariant();
    case Roles::IdRole: return run.executionId;
    case Roles::StatusRole: return QVariant::fromValue(run.executionStatus);
    case Roles::ActiveRole: return appflow::isActive(run.executionStatus);
    default: return {};
    }
}

QString ExecutionRecordCells::header(Field field)
{
    switch (field) {
    case ExecutionId: return tr("Execution ID");
    case Status: return tr("Status");
    case Started: return tr("Started");
    case LastUpdated: return tr("Last updated");
    case Duration: return tr("Duration");
    case Records: return tr("Records");
    case BytesProcessed: return tr("Bytes processed");
    case BytesWritten: return tr("Bytes written");
    case Error: return tr("Error");
    case FieldCount: break;
    }
    return {};
}

ExecutionRecordCells::FieldMask ExecutionRecordCells::changedFields(const ExecutionRecord &before,
                                                                    const ExecutionRecord &after,
                                                                    const QDateTime &now)
{
    const auto &a = before.executionResult;
    const auto &b = after.executionResult;
    FieldMask mask = 0;
    const auto mark = [&mask](bool changed, Field field) {
        if (changed)
            mask |= FieldMask{1} << field;
    };
    mark(before.executionId != after.executionId, ExecutionId);
    mark(before.executionStatus != after.executionStatus
             || before.executionStatusText != after.executionStatusText,
         Status);
    mark(before.startedAt != after.startedAt || before.dataPullStartTime != after.dataPullStartTime
             || before.dataPullEndTime != after.dataPullEndTime,
         Started);
    mark(before.lastUpdatedAt != after.lastUpdatedAt, LastUpdated);
    mark(durationMs(before, now) != durationMs(after, now), Duration);
    mark(a.recordsProcessed != b.recordsProcessed || a.numParallelProcesses != b.numParallelProcesses
             || a.maxPageSize != b.maxPageSize,
         Records);
    mark(a.bytesProcessed != b.bytesProcessed, BytesProcessed);
    mark(a.bytesWritten != b.bytesWritten, BytesWritten);
    mark(!sameErrorInfo(a.errorInfo, b.errorInfo), Error);
    return mask;
}

std::optional<qint64> ExecutionRecordCells::durationMs(const ExecutionRecord &run,
                                                       const QDateTime &now)
{
    if (!run.startedAt.isValid())
        return std::nullopt;
    if (appflow::isActive(run.executionStatus))
        return run.startedAt.msecsTo(now);
    if (!run.lastUpdatedAt.isValid())
        return std::nullopt;
    return run.startedAt.msecsTo(run.lastUpdatedAt);
}

bool ExecutionRecordCells::isNumeric(Field field)
{
    return field == Duration || field == Records || field == BytesProcessed || field == BytesWritten;
}

} // namespace flowdesk::models
