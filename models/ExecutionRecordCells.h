#pragma once

#include "AppFlowTypes.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLocale>
#include <QVariant>

#include <cstdint>
#include <optional>

namespace flowdesk::models {

// The cells of one run (an ExecutionRecord), shared by RunListModel and ActiveRunsModel so both
// tables show, sort and compare a run the same way. Each model maps its columns to Fields.
class ExecutionRecordCells
{
    Q_DECLARE_TR_FUNCTIONS(ExecutionRecordCells)

public:
    enum Field {
        ExecutionId,
        Status,
        Started,
        LastUpdated,
        Duration,
        Records,
        BytesProcessed,
        BytesWritten,
        Error,
        FieldCount
    };
    using FieldMask = std::uint32_t;

    // The cell's data for the roles in ModelRoles.h and Qt's display, tooltip and alignment
    // roles. Row-level roles (IdRole, StatusRole, ActiveRole) are answered for every field.
    static QVariant data(const appflow::ExecutionRecord &run, Field field, int role,
                         const QDateTime &now, const QLocale &locale);
    static QString header(Field field);
    // Fields whose data differs between two versions of a run, at the same "now".
    static FieldMask changedFields(const appflow::ExecutionRecord &before,
                                   const appflow::ExecutionRecord &after, const QDateTime &now);
    // How long the run has been going: until now while it is active, until its last update
    // once it has ended; nothing when the service has not sent the times.
    static std::optional<qint64> durationMs(const appflow::ExecutionRecord &run,
                                            const QDateTime &now);
    static bool isNumeric(Field field);
};

} // namespace flowdesk::models
