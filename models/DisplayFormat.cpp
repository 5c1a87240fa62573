#include "DisplayFormat.h"

#include <QTimeZone>

#include <cstdlib>

namespace flowdesk::models {

using appflow::ExecutionStatus;
using appflow::FlowStatus;
using appflow::TriggerType;

QString DisplayFormat::absent()
{
    return QStringLiteral("\u2014");
}

QString DisplayFormat::duration(qint64 milliseconds)
{
    const qint64 seconds = qMax<qint64>(0, milliseconds) / 1000;
    const qint64 minutes = seconds / 60;
    const qint64 hours = minutes / 60;
    const qint64 days = hours / 24;
    if (days > 0)
        return tr("%1 d %2 h").arg(days).arg(hours % 24);
    if (hours > 0)
        return tr("%1 h %2 min").arg(hours).arg(minutes % 60, 2, 10, QLatin1Char('0'));
    if (minutes > 0)
        return tr("%1 min %2 s").arg(minutes).arg(seconds % 60);
    return tr("%1 s").arg(seconds);
}

QString DisplayFormat::dataSize(std::optional<qint64> bytes, const QLocale &locale)
{
    return bytes ? locale.formattedDataSize(*bytes) : absent();
}

QString DisplayFormat::count(std::optional<qint64> value, const QLocale &locale)
{
    return value ? locale.toString(*value) : absent();
}

QString DisplayFormat::relativeTime(const QDateTime &time, const QDateTime &now,
                                    const QLocale &locale)
{
    if (!time.isValid())
        return absent();
    const qint64 seconds = time.secsTo(now);
    // A server clock a little ahead of ours is not worth confusing anyone with.
    if (seconds < -60 || seconds >= 7 * 24 * 3600)
        return locale.toString(time.toLocalTime(), QLocale::ShortFormat);
    if (seconds < 5)
        return tr("just now");
    if (seconds < 60)
        return tr("%1 s ago").arg(seconds);
    if (seconds < 3600)
        return tr("%1 min ago").arg(seconds / 60);
    if (seconds < 24 * 3600)
        return tr("%1 h ago").arg(seconds / 3600);
    return tr("%1 d ago").arg(seconds / (24 * 3600));
}

QString DisplayFormat::exactTime(const QDateTime &time)
{
    if (!time.isValid())
        return absent();
    const QDateTime local = time.toLocalTime();
    return local.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz")) + u' '
        + utcOffsetName(local.offsetFromUtc()) + QStringLiteral(" (")
        + time.toUTC().toString(Qt::ISODateWithMs) + u')';
}

QString DisplayFormat::utcOffsetName(int secondsAheadOfUtc)
{
    // What QTimeZone::displayName(OffsetName) says, without it: with ICU that call enumerates
    // every time zone (about 1 ms each), and tooltips ask for it once per row and refresh.
    const int minutes = std::abs(secondsAheadOfUtc) / 60;
    return QStringLiteral("UTC%1%2:%3")
        .arg(QChar(secondsAheadOfUtc < 0 ? u'-' : u'+'))
        .arg(minutes / 60, 2, 10, QLatin1Char('0'))
        .arg(minutes % 60, 2, 10, QLatin1Char('0'));
}

QString DisplayFormat::executionStatus(ExecutionStatus status, const QString &wireText)
{
    switch (status) {
    case ExecutionStatus::InProgress: return tr("In progress");
    case ExecutionStatus::Successful: return tr("Successful");
    case ExecutionStatus::Error: return tr("Error");
    case ExecutionStatus::CancelStarted: return tr("Cancel started");
    case ExecutionStatus::Canceled: return tr("Canceled");
    case ExecutionStatus::Unknown: break;
    }
    // A status the service added after this build: show it as it came.
    return wireText.isEmpty() ? absent() : wireText;
}

QString DisplayFormat::flowStatus(FlowStatus status, const QString &wireText)
{
    switch (status) {
    case FlowStatus::Active: return tr("Active");
    case FlowStatus::Deprecated: return tr("Deprecated");
    case FlowStatus::Deleted: return tr("Deleted");
    case FlowStatus::Draft: return tr("Draft");
    case FlowStatus::Errored: return tr("Errored");
    case FlowStatus::Suspended: return tr("Suspended");
    case FlowStatus::Unknown: break;
    }
    return wireText.isEmpty() ? absent() : wireText;
}

QString DisplayFormat::triggerType(TriggerType type, const QString &wireText)
{
    switch (type) {
    case TriggerType::Scheduled: return tr("Scheduled");
    case TriggerType::Event: return tr("Event");
    case TriggerType::OnDemand: return tr("On demand");
    case TriggerType::Unknown: break;
    }
    return wireText.isEmpty() ? absent() : wireText;
}

QString DisplayFormat::route(const appflow::FlowDefinition &flow)
{
    const auto name = [](const QString &label, const QString &type) {
        if (!label.isEmpty())
            return label;
        return type.isEmpty() ? absent() : type;
    };
    return name(flow.sourceConnectorLabel, flow.sourceConnectorType) + QStringLiteral(" \u2192 ")
        + name(flow.destinationConnectorLabel, flow.destinationConnectorType);
}

} // namespace flowdesk::models
