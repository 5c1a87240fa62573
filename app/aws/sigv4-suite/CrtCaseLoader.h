#pragma once

#include "SuiteCase.h"

#include <optional>

namespace flowdesk::aws::suite {

// aws-c-auth's v4 format: every signing parameter is in context.json, the unsigned request in
// request.txt (no X-Amz-Date: the signer adds it), expected results in header-*.txt and
// query-*.txt. Mirrors aws-c-auth's own runner: normalize → normalizePath, sign_body →
// signBodyHeader, omit_session_token → omitSessionToken.
class CrtCaseLoader
{
public:
    static std::optional<SuiteCase> load(const QString &directory, const QString &name,
                                         QString *error);
};

} // namespace flowdesk::aws::suite
