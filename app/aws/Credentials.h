#pragma once

#include <QDateTime>
#include <QString>

#include <chrono>

namespace flowdesk::aws {

// One set of AWS credentials. Temporary credentials carry a session token and an expiry.
// Never log or print an instance: only accessKeyId is safe to show.
struct Credentials {
    QString accessKeyId;
    QString secretAccessKey;
    QString sessionToken;  // empty for long-term keys
    QDateTime expiration;  // invalid for long-term keys (never expire)

    bool isValid() const { return !accessKeyId.isEmpty() && !secretAccessKey.isEmpty(); }
    bool isTemporary() const { return !sessionToken.isEmpty(); }
    // True when the credentials expire within `margin` of `now` (false for long-term keys).
    bool expiresWithin(std::chrono::seconds margin, const QDateTime &now) const
    {
        return expiration.isValid() && now.addSecs(margin.count()) >= expiration;
    }
};

} // namespace flowdesk::aws
