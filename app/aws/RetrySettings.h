#pragma once

#include <QCoreApplication>
#include <QProcessEnvironment>
#include <QString>

namespace flowdesk::aws {

struct AwsProfile;

// How the AWS SDKs are told to retry, read as botocore reads it: AWS_RETRY_MODE, then the
// profile's `retry_mode`; AWS_MAX_ATTEMPTS, then the profile's `max_attempts`.
//   standard  3 attempts, exponential backoff with jitter, retry quota (the default here, as
//             in the AWS CLI v2);
//   adaptive  standard plus a client-side rate limiter that slows down after throttling;
//   legacy    botocore's old mode: Flowdesk does not have it and uses standard (said in
//             `note`), as the AWS CLI v2 has made standard its default.
struct RetrySettings {
    Q_DECLARE_TR_FUNCTIONS(flowdesk::aws::RetrySettings)

public:
    enum class Mode { Standard, Adaptive };
    Mode mode = Mode::Standard;
    int maxAttempts = 0;   // 0: the mode's default (3)
    QString modeSource;    // "AWS_RETRY_MODE", "profile prod (~/.aws/config)" or empty
    QString note;          // something the user may want to know (legacy → standard)
    QString error;         // a value that is not valid: what, where, and what is expected
    bool ok() const { return error.isEmpty(); }

    static RetrySettings resolve(const QProcessEnvironment &environment, const AwsProfile *profile);
};

} // namespace flowdesk::aws
