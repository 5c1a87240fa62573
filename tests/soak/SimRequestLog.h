#pragma once

#include <QDateTime>
#include <QList>
#include <QString>

namespace flowdesk::soak {

// Reads the simulator's request log (SimulatorConfig::requestLogPath, one JSON object per
// answered, failed or dropped request) from a mark on: what the simulator really received in
// one phase of a round, as opposed to what the client says it sent.
class SimRequestLog
{
public:
    struct Entry {
        QDateTime time; // when the request arrived
        QString operation; // "ListFlows", "CancelFlowExecutions", …
        QString flowName;
        int status = 0; // 0: the connection was dropped without an answer
        QString errorCode;
    };

    explicit SimRequestLog(QString path);

    // The current end of the log: entries written after this are the next phase's.
    qint64 mark() const;
    // The entries between two marks (to < 0: up to the end), in arrival order.
    QList<Entry> entries(qint64 from, qint64 to = -1) const;

private:
    QString m_path;
};

} // namespace flowdesk::soak
