#pragma once

#include <QLoggingCategory>

namespace flowdesk::appflow {

// "flowdesk.appflow": requests, responses, retries, queueing. Never headers or bodies that could
// carry secrets; only operation, status, request ID, timings and error codes.
Q_DECLARE_LOGGING_CATEGORY(lcAppFlow)
// "flowdesk.aws": what the client signs with (access key ID, scope, signed header names) —
// never the secret key, the session token or the Authorization header.
Q_DECLARE_LOGGING_CATEGORY(lcAppFlowSigning)

} // namespace flowdesk::appflow
