#pragma once

#include <QString>

#include <functional>

namespace flowdesk::aws {

// Asks the user for a one-time MFA code when assuming a role whose profile has mfa_serial.
// The UI implements it (a small dialog); tests answer directly. Implementations must call
// `callback` exactly once, later or immediately: with the code, or with an empty string when
// the user cancelled.
class MfaPrompter
{
public:
    using Callback = std::function<void(const QString &code)>;

    virtual ~MfaPrompter() = default;

    // `serialNumber`: the mfa_serial (device ARN or serial); `roleArn` and `profileName` say
    // what the code is for, so the prompt can name them.
    virtual void requestMfaCode(const QString &serialNumber, const QString &roleArn,
                                const QString &profileName, Callback callback) = 0;
};

} // namespace flowdesk::aws
