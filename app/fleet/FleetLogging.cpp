#include "FleetLogging.h"

namespace flowdesk::fleet {

Q_LOGGING_CATEGORY(lcFleet, "flowdesk.fleet", QtInfoMsg)

} // namespace flowdesk::fleet
