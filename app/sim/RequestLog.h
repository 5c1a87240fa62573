#pragma once

#include <QDateTime>
#include <QFile>
#include <QString>

namespace flowdesk::sim {

// --log-requests: one JSON object per line and request (time, operation, access key ID, flow
// name, status, error code, latency). Never a secret, signature or session token.
class RequestLog
{
public:
    struct Entry {
        QDateTime time;
        QString operation;
        QString accessKeyId;
        QString flowName;
        int status = 0;          // 0: connection dropped without an answer
        QString errorCode;
        double latencyMs = 0;
    };

    // Opens (appends to) `path`; false with *error when it cannot.
    bool open(const QString &path, QString *error);
    void write(const Entry &entry);

private:
    QFile m_file;
};

} // namespace flowdesk::sim
