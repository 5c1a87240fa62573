#pragma once

// A simulator running in-process on loopback with a small, known scenario, plus a Connection to
// it through the real signer, client and network stack. Shared by the models and UI tests.

#include "Connection.h"
#include "ConnectionFactory.h"

#include <Simulator.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <memory>

namespace flowdesk::test {

// orders-sync        OnDemand, S3 → Redshift: 3 runs in progress (long), 2 successful, 1 error
// sf-bulk-accounts   Scheduled, Salesforce (Bulk API 2.0) → S3: 2 runs in progress
// zendesk-tickets    Event, Zendesk → S3: 1 successful run, nothing active
inline QJsonObject testScenario()
{
    auto run = [](const char *status, double startedMinutesAgo, double durationMinutes) {
        return QJsonObject{{QStringLiteral("status"), QLatin1String(status)},
                           {QStringLiteral("startedMinutesAgo"), startedMinutesAgo},
                           {QStringLiteral("durationMinutes"), durationMinutes},
                           {QStringLiteral("records"), 5000}};
    };
    QJsonArray flows;
    flows.append(QJsonObject{
        {QStringLiteral("flowName"), QStringLiteral("orders-sync")},
        {QStringLiteral("flowStatus"), QStringLiteral("Active")},
        {QStringLiteral("triggerType"), QStringLiteral("OnDemand")},
        {QStringLiteral("source"), QJsonObject{{QStringLiteral("connectorType"), QStringLiteral("S3")},
                                               {QStringLiteral("bucketName"), QStringLiteral("orders")}}},
        {QStringLiteral("destination"), QJsonObject{{QStringLiteral("connectorType"), QStringLiteral("Redshift")},
                                                    {QStringLiteral("object"), QStringLiteral("orders")}}},
        {QStringLiteral("history"), QJsonArray{run("InProgress", 3, 6000), run("InProgress", 5, 6000),
                                                run("InProgress", 7, 6000), run("Successful", 60, 10),
                                                run("Successful", 120, 10), run("Error", 180, 10)}}});
    flows.append(QJsonObject{
        {QStringLiteral("flowName"), QStringLiteral("sf-bulk-accounts")},
        {QStringLiteral("flowStatus"), QStringLiteral("Active")},
        {QStringLiteral("triggerType"), QStringLiteral("Scheduled")},
        {QStringLiteral("scheduleExpression"), QStringLiteral("rate(1days)")},
        {QStringLiteral("source"), QJsonObject{{QStringLiteral("connectorType"), QStringLiteral("Salesforce")},
                                               {QStringLiteral("object"), QStringLiteral("Account")},
                                               {QStringLiteral("dataTransferApi"), QStringLiteral("BULKV2")}}},
        {QStringLiteral("destination"), QJsonObject{{QStringLiteral("connectorType"), QStringLiteral("S3")},
                                                    {QStringLiteral("bucketName"), QStringLiteral("crm")}}},
        {QStringLiteral("runProfile"), QJsonObject{{QStringLiteral("batchMinutes"), 1}}},
        {QStringLiteral("history"), QJsonArray{run("InProgress", 2, 6000), run("InProgress", 4, 6000)}}});
    flows.append(QJsonObject{
        {QStringLiteral("flowName"), QStringLiteral("zendesk-tickets")},
        {QStringLiteral("flowStatus"), QStringLiteral("Active")},
        {QStringLiteral("triggerType"), QStringLiteral("Event")},
        {QStringLiteral("source"), QJsonObject{{QStringLiteral("connectorType"), QStringLiteral("Zendesk")},
                                               {QStringLiteral("object"), QStringLiteral("tickets")}}},
        {QStringLiteral("destination"), QJsonObject{{QStringLiteral("connectorType"), QStringLiteral("S3")},
                                                    {QStringLiteral("bucketName"), QStringLiteral("support")}}},
        {QStringLiteral("history"), QJsonArray{run("Successful", 30, 5)}}});
    return QJsonObject{{QStringLiteral("flows"), flows}};
}

class SimulatorFixture
{
public:
    // speed: simulated seconds per real second (cancels settle in 10 simulated seconds).
    // seed: another seed gives other run IDs (two "accounts" side by side).
    explicit SimulatorFixture(double speed = 100, const QStringList &deny = {}, quint32 seed = 1)
    {
        QFile file(m_dir.filePath(QStringLiteral("scenario.json")));
        if (file.open(QIODevice::WriteOnly))
            file.write(QJsonDocument(testScenario()).toJson());
        file.close();
        sim::SimulatorConfig config;
        config.secretAccessKey = QStringLiteral("test-secret-%1").arg(quintptr(this));
        config.scenario = file.fileName();
        config.speed = speed;
        config.deny = deny;
        config.seed = seed;
        m_simulator = std::make_unique<sim::Simulator>(config);
        m_listening = m_simulator->listen();
    }

    bool ok() const { return m_listening; }
    QString error() const { return m_simulator->errorString(); }
    sim::Simulator &simulator() { return *m_simulator; }
    QString auditLogPath() const { return m_dir.filePath(QStringLiteral("audit-log.jsonl")); }
    QString path(const QString &name) const { return m_dir.filePath(name); }

    // A new connection to the simulator; the caller owns it.
    models::Connection *connect() const { return ConnectionFactory::connectTo(m_simulator.get()); }

    // IDs of the simulator's runs of `flow` in `status`, newest first.
    QStringList idsWithStatus(const QString &flow, const QString &status) const
    {
        QStringList ids;
        for (const QString &id : m_simulator->executionIds(flow)) {
            if (m_simulator->executionStatus(flow, id) == status)
                ids << id;
        }
        return ids;
    }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<sim::Simulator> m_simulator;
    bool m_listening = false;
};

} // namespace flowdesk::test
