#pragma once

#include "HttpResponse.h"

#include <QByteArray>
#include <QDateTime>

#include <optional>

namespace flowdesk::appflow {

// Corrects the signing time when the local clock is off. SigV4 signatures are only accepted
// within minutes of the service's time, so a machine whose clock drifted gets "Signature
// expired" on every request; the response's Date header tells how far off it is. One per client
// (like the SDKs), so a correction learned by one request applies to the next ones.
class ClockSkew
{
public:
    // The time to sign with: local time plus the learned offset.
    QDateTime correct(const QDateTime &localNow) const { return localNow.addMSecs(m_offsetMs); }

    // Learns the offset from the response's Date header, as seen at `localNow`. False when the
    // header is missing or unreadable (then nothing changes).
    bool learnFrom(const HttpResponse &response, const QDateTime &localNow);

    qint64 offsetMs() const { return m_offsetMs; }

    // IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT") and RFC 2822 dates; UTC.
    static std::optional<QDateTime> parseHttpDate(const QByteArray &text);

private:
    qint64 m_offsetMs = 0;
};

} // namespace flowdesk::appflow
