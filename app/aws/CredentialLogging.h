#pragma once

#include <QLoggingCategory>

namespace flowdesk::aws {

// The "flowdesk.aws" category for credential, profile and endpoint code. Only ever log access
// key IDs, profile names, file names and URLs — never a secret key, session token or SSO token.
Q_DECLARE_LOGGING_CATEGORY(lcAwsCredentials)

} // namespace flowdesk::aws
