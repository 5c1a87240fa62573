#pragma once

#include <QLoggingCategory>

namespace flowdesk::fleet {

// "flowdesk.fleet": the Identity Center portal and fleet scans (never a token or a secret).
Q_DECLARE_LOGGING_CATEGORY(lcFleet)

} // namespace flowdesk::fleet
