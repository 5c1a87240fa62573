#pragma once

#include "AppFlowTypes.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLocale>
#include <QString>

#include <optional>

namespace flowdesk::models {

// How Flowdesk writes times, durations, sizes and statuses for people. One place, so the
// tables, the details pane and the cancel confirmation say "3 min 12 s" the same way.
// Every function is pure: "now" is passed in, never read from the system clock here.
class DisplayFormat
{
    Q_DECLARE_TR_FUNCTIONS(DisplayFormat)

public:
    // Shown for a value the service did not send (or that is not known yet).
    static QString absent();

    // "45 s", "3 min 12 s", "2 h 05 min", "3 d 4 h". Negative input (clock skew) shows as 0 s.
    static QString duration(qint64 milliseconds);
    // "1.50 MiB" through QLocale::formattedDataSize; absent() for no value.
    static QString dataSize(std::optional<qint64> bytes, const QLocale &locale);
    // "1,234" with the locale's grouping; absent() for no value.
    static QString count(std::optional<qint64> value, const QLocale &locale);
    // "just now", "45 s ago", "2 min ago", "3 h ago", "4 d ago"; older than a week, or further
    // in the future than a minute of clock skew, the locale's short date and time.
    static QString relativeTime(const QDateTime &time, const QDateTime &now, const QLocale &locale);
    // The exact instant for tooltips: local time with milliseconds and offset, then UTC.
    // "2024-05-01 14:03:04.123 UTC+02:00 (2024-05-01T12:03:04.123Z)".
    static QString exactTime(const QDateTime &time);
    // "UTC+02:00", "UTC-03:30", "UTC+00:00".
    static QString utcOffsetName(int secondsAheadOfUtc);

    static QString executionStatus(appflow::ExecutionStatus status, const QString &wireText);
    static QString flowStatus(appflow::FlowStatus status, const QString &wireText);
    static QString triggerType(appflow::TriggerType type, const QString &wireText);
    // "Salesforce → S3"; a connector's label (custom connectors) wins over its type.
    static QString route(const appflow::FlowDefinition &flow);
};

} // namespace flowdesk::models
