// The IAM Identity Center token cache (~/.aws/sso/cache/<sha1>.json that `aws sso login`
// writes): SsoCredentialSource::parseTokenCache, what readToken() makes of the file.

#include "FuzzSupport.h"

#include <SsoCredentialSource.h>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using flowdesk::aws::SsoCredentialSource;
    const QByteArray input = flowdesk::fuzz::bytes(data, size);
    const SsoCredentialSource::CachedToken token = SsoCredentialSource::parseTokenCache(input);
    if (token.expiresAt.isValid())
        (void)token.expiresAt.toUTC().toString(Qt::ISODate); // as the expiry message shows it
    // The cache file name hashes whatever the profile names (session name or start URL).
    (void)SsoCredentialSource::cacheFileName(QStringLiteral("/nonexistent"),
                                             QString::fromUtf8(input.left(4096)));
    return 0;
}
