#pragma once

#include "CredentialSource.h"

#include <QPointer>

namespace flowdesk::aws {

// Wraps a CredentialSource callback so that it is dropped once `context` is destroyed, which
// is the CredentialSource contract ("unless `context` is destroyed first"). A null context
// means the caller guards lifetime itself.
inline CredentialSource::Callback guardedCallback(QObject *context,
                                                  CredentialSource::Callback callback)
{
    if (!context)
        return callback;
    return [guard = QPointer<QObject>(context), callback = std::move(callback)](
               const CredentialsResult &result) {
        if (guard)
            callback(result);
    };
}

inline CredentialsResult credentialsError(const QString &message)
{
    CredentialsResult result;
    result.error = message;
    return result;
}

} // namespace flowdesk::aws
