#pragma once

#include "SuiteCase.h"

#include <optional>

namespace flowdesk::aws::suite {

// botocore's aws4_testsuite format: <name>.req (unsigned, but already with X-Amz-Date),
// <name>.creq, <name>.sts, <name>.authz and optionally <name>.sreq. Like botocore's own runner
// (tests/unit/auth/test_sigv4.py) the session token is the x-amz-security-token line of the
// .creq; when only the .sreq carries a token (post-sts-header-after) it is added unsigned, which
// is what that case describes. Time, region and service come from the .sts, the access key ID
// from the .authz, the secret from SuiteDefaults; header signing only, paths normalized.
class BotocoreCaseLoader
{
public:
    static std::optional<SuiteCase> load(const QString &directory, const QString &baseName,
                                         const QString &name, const SuiteDefaults &defaults,
                                         QString *error);
};

} // namespace flowdesk::aws::suite
