#pragma once

#include "SuiteCase.h"

#include <optional>

namespace flowdesk::aws::suite {

// request.txt with header-*/query-* files but no context.json (smithy-rs keeps its migrated
// double-url-encode vector this way). The parameters come from the expected files themselves:
// time and scope (region, service) from the string to sign, the access key ID from the signed
// request's Credential, a session token from the canonical request (or, when only the signed
// request carries it, as an unsigned token), the secret from SuiteDefaults. Paths are
// normalized and no body header is signed, the settings of every non-S3 service.
class DerivedCaseLoader
{
public:
    static std::optional<SuiteCase> load(const QString &directory, const QString &name,
                                         const SuiteDefaults &defaults, QString *error);
};

} // namespace flowdesk::aws::suite
