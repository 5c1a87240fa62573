#include "AppFlowLogging.h"

namespace flowdesk::appflow {

Q_LOGGING_CATEGORY(lcAppFlow, "flowdesk.appflow", QtInfoMsg)
// Same category name as the rest of flowdesk_aws uses; Qt matches categories by name, so the
// rules the user sets for "flowdesk.aws" cover the signing done here too.
Q_LOGGING_CATEGORY(lcAppFlowSigning, "flowdesk.aws", QtInfoMsg)

} // namespace flowdesk::appflow
