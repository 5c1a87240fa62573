#include "SimRequestLog.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace flowdesk::soak {

SimRequestLog::SimRequestLog(QString path)
    : m_path(std::move(path))
{ }

qint64 SimRequestLog::mark() const
{
    return QFileInfo(m_path).size();
}

QList<SimRequestLog::Entry> SimRequestLog::entries(qint64 from, qint64 to) const
{
    QList<Entry> result;
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly) || !file.seek(from))
        return result;
    const QByteArray text = to < 0 ? file.readAll() : file.read(qMax<qint64>(0, to - from));
    for (const QByteArray &line : text.split('\n')) {
        if (line.isEmpty())
            continue;
        const QJsonObject object = QJsonDocument::fromJson(line).object();
        Entry entry;
        entry.time = QDateTime::fromString(object.value(QLatin1String("time")).toString(),
                                           Qt::ISODateWithMs);
        entry.operation = object.value(QLatin1String("operation")).toString();
        entry.flowName = object.value(QLatin1String("flowName")).toString();
        entry.status = object.value(QLatin1String("status")).toInt();
        entry.errorCode = object.value(QLatin1String("errorCode")).toString();
        result.append(entry);
    }
    // Lines are written when the answer goes out: sort by arrival (latencies differ).
    std::stable_sort(result.begin(), result.end(),
                     [](const Entry &a, const Entry &b) { return a.time < b.time; });
    return result;
}

} // namespace flowdesk::soak
