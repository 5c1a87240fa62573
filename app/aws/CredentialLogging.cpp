#include "CredentialLogging.h"

namespace flowdesk::aws {

Q_LOGGING_CATEGORY(lcAwsCredentials, "flowdesk.aws", QtInfoMsg)

} // namespace flowdesk::aws
