// What a credential_process prints: ProcessCredentialSource::parseOutput, the JSON
// (Version 1, AccessKeyId, SecretAccessKey, SessionToken, Expiration) the AWS CLI defines.

#include "FuzzSupport.h"

#include <ProcessCredentialSource.h>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using flowdesk::aws::ProcessCredentialSource;
    const flowdesk::aws::CredentialsResult result = ProcessCredentialSource::parseOutput(
        flowdesk::fuzz::bytes(data, size), QStringLiteral("credential_process of profile 'fuzz'"));
    (void)result.ok();
    (void)result.credentials.isTemporary();
    return 0;
}
