#include "ScenarioGenerator.h"

#include <QRandomGenerator>

#include <array>

namespace flowdesk::sim {
namespace {

struct Template {
    const char *prefix;
    const char *sourceType;
    const char *sourceObject;
    const char *sourceApi;
    const char *destinationType;
    const char *destinationObject;
};

constexpr std::array<Template, 8> kTemplates{{
    {"sf-accounts-to-s3", "Salesforce", "Account", "AUTOMATIC", "S3", ""},
    {"sf-opportunities-bulk", "Salesforce", "Opportunity", "BULKV2", "Redshift", "opportunities"},
    {"zendesk-tickets-to-s3", "Zendesk", "tickets", "", "S3", ""},
    {"servicenow-incidents", "Servicenow", "incident", "", "Snowflake", "INCIDENTS"},
    {"slack-channel-archive", "Slack", "conversations", "", "S3", ""},
    {"s3-leads-to-salesforce", "S3", "", "", "Salesforce", "Lead"},
    {"sf-contacts-to-snowflake", "Salesforce", "Contact", "REST_SYNC", "Snowflake", "CONTACTS"},
    {"zendesk-users-to-redshift", "Zendesk", "users", "", "Redshift", "zendesk_users"},
}};

ConnectorSpec connector(const char *type, const char *object, const char *api, const QString &flow)
{
    ConnectorSpec spec;
    spec.connectorType = QString::fromLatin1(type);
    spec.object = QString::fromLatin1(object);
    spec.dataTransferApi = QString::fromLatin1(api);
    if (spec.connectorType == QLatin1String("S3")) {
        spec.bucketName = QStringLiteral("flowdesk-sim-data");
        spec.bucketPrefix = flow;
    } else {
        spec.connectorProfileName = spec.connectorType.toLower() + QStringLiteral("-prod");
        if (spec.connectorType == QLatin1String("Redshift")
            || spec.connectorType == QLatin1String("Snowflake"))
            spec.bucketName = QStringLiteral("flowdesk-sim-staging");
    }
    return spec;
}

} // namespace

Scenario ScenarioGenerator::generate(int flowCount, int runsPerFlow, quint32 seed, double now, int phase,
                                     int activePercent)
{
    QRandomGenerator rng(seed);
    Scenario scenario;
    scenario.flows.reserve(flowCount);
    for (int i = 0; i < flowCount; ++i) {
        const Template &shape = kTemplates.at(static_cast<std::size_t>(i) % kTemplates.size());
        ScenarioFlow flow;
        FlowSpec &spec = flow.spec;
        spec.flowName = QStringLiteral("%1-%2")
                            .arg(QString::fromLatin1(shape.prefix))
                            .arg(i + 1, 4, 10, QLatin1Char('0'));
        spec.description = QStringLiteral("Generated flow %1").arg(i + 1);
        spec.source = connector(shape.sourceType, shape.sourceObject, shape.sourceApi, spec.flowName);
        spec.destination =
            connector(shape.destinationType, shape.destinationObject, "", spec.flowName);
        switch (i % 3) {
        case 0:
            spec.triggerType = QStringLiteral("Scheduled");
            spec.scheduleExpression = QStringLiteral("rate(1hours)");
            spec.triggerIntervalSeconds = 3600;
            break;
        case 1:
            spec.triggerType = QStringLiteral("OnDemand");
            break;
        default:
            spec.triggerType = QStringLiteral("Event");
            spec.triggerIntervalSeconds = 2 * 3600;
            break;
        }
        spec.flowStatus = (i + phase) % 17 == 5 ? QStringLiteral("Suspended") : QStringLiteral("Active");
        spec.createdAt = now - (30 + rng.bounded(300)) * 86400.0;
        spec.lastUpdatedAt = spec.createdAt + rng.bounded(20) * 86400.0;
        spec.createdBy = QStringLiteral("arn:aws:iam::123456789012:user/ops-admin");
        spec.lastUpdatedBy = spec.createdBy;
        spec.fields = {QStringLiteral("Id"), QStringLiteral("Name"),
                       QStringLiteral("LastModifiedDate")};
        spec.runProfile.durationSeconds = 300 + rng.bounded(1500);
        spec.runProfile.records = 1000 + rng.bounded(200000);
        spec.runProfile.errorRate = 0.08;

        double ago = 0;
        // Every flow where the running count of activePercent % crosses a whole number: an
        // even spread. The offset keeps the default (10 %) on the flows it always was (i % 10 == 3),
        // which the layout tests and benchmarks know.
        const int slot = i + phase + 7;
        if ((slot * activePercent) / 100 > ((slot - 1) * activePercent) / 100) {
            HistoryEntry running;
            running.status = QStringLiteral("InProgress");
            running.startedSecondsAgo = 60 + rng.bounded(240);
            flow.history.append(running);
            ago = running.startedSecondsAgo;
        }
        const double gap = spec.triggerIntervalSeconds > 0 ? spec.triggerIntervalSeconds : 4 * 3600;
        while (flow.history.size() < runsPerFlow) {
            ago += gap * (0.7 + 0.6 * rng.generateDouble());
            HistoryEntry entry;
            entry.startedSecondsAgo = ago;
            const double pick = rng.generateDouble();
            entry.status = pick < 0.08 ? QStringLiteral("Error")
                         : pick < 0.11 ? QStringLiteral("Canceled")
                                       : QStringLiteral("Successful");
            flow.history.append(entry);
        }
        scenario.flows.append(flow);
    }
    return scenario;
}

} // namespace flowdesk::sim
