#include "RequestLog.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace flowdesk::sim {

bool RequestLog::open(const QString &path, QString *error)
{
    m_file.setFileName(path);
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Text)) {
        *error = QStringLiteral("cannot open request log %1: %2").arg(path, m_file.errorString());
        return false;
    }
    return true;
}

void RequestLog::write(const Entry &entry)
{
    if (!m_file.isOpen())
        return;
    QJsonObject line{{QStringLiteral("time"), entry.time.toUTC().toString(Qt::ISODateWithMs)},
                     {QStringLiteral("operation"), entry.operation},
                     {QStringLiteral("status"), entry.status},
                     {QStringLiteral("latencyMs"), qRound(entry.latencyMs * 1000) / 1000.0}};
    if (!entry.accessKeyId.isEmpty())
        line.insert(QStringLiteral("accessKeyId"), entry.accessKeyId);
    if (!entry.flowName.isEmpty())
        line.insert(QStringLiteral("flowName"), entry.flowName);
    if (!entry.errorCode.isEmpty())
        line.insert(QStringLiteral("errorCode"), entry.errorCode);
    m_file.write(QJsonDocument(line).toJson(QJsonDocument::Compact) + '\n');
    m_file.flush();
}

} // namespace flowdesk::sim
