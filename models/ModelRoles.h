#pragma once

#include <Qt>

namespace flowdesk::models {

// Item data roles every Flowdesk model answers, beyond Qt's standard ones.
// Qt::DisplayRole is formatted for people ("3 min 12 s", "1.50 MiB", "2 min ago", "—");
// SortRole carries the raw value behind it so proxies sort numbers as numbers and times as
// times. An absent value is an invalid QVariant there, which QSortFilterProxyModel orders
// after every present value in ascending order.
namespace Roles {
enum : int {
    SortRole = Qt::UserRole + 1, // raw value of the cell: qint64, QString or an enum's int
    IdRole,                      // QString: the row's key (flow name or execution ID)
    StatusRole,                  // the row's status enum (appflow::FlowStatus / ExecutionStatus)
    ActiveRole,                  // bool: a run in progress or cancelling / a flow with such runs
    FlowNameRole,                // QString: the flow the row belongs to
    ToneRole,                    // int (Tone): what the cell's text means, for its colour
    GroupKeyRole,                // QString: what groups rows by this column (an account's ID)
    GroupLabelRole,              // QString: that group's words ("Sales (123456789012)")
};
} // namespace Roles

// What a cell says beyond its words, so that views colour it from their palette (light or
// dark) while models stay free of QtGui: flowdesk-cli uses the same models without a display.
enum class Tone : int { Neutral, Warning, Error };

} // namespace flowdesk::models
