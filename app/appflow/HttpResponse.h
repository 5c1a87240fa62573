#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>

namespace flowdesk::appflow {

// What came back over HTTP for one attempt, independent of QNetworkReply so that error and
// response parsing can be tested on plain data.
struct HttpResponse {
    int status = 0;          // 0: no HTTP response at all
    QByteArray reasonPhrase; // "Bad Gateway"
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    // Set by the exchange on the answer it delivers: an earlier attempt of the same request was
    // sent and got no answer, so AppFlow may have acted on the request twice.
    bool earlierAttemptMayHaveArrived = false;

    // Case-insensitive, first match; empty when absent.
    QByteArray header(QByteArrayView name) const
    {
        for (const auto &[key, value] : headers) {
            if (key.compare(name, Qt::CaseInsensitive) == 0)
                return value;
        }
        return {};
    }
    bool hasHeader(QByteArrayView name) const
    {
        for (const auto &pair : headers) {
            if (pair.first.compare(name, Qt::CaseInsensitive) == 0)
                return true;
        }
        return false;
    }
};

} // namespace flowdesk::appflow
