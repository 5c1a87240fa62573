#pragma once

#include <QMap>
#include <QString>
#include <QStringList>

namespace flowdesk::sim {

// One end of a flow, in the simulator's own terms (AppFlowJson turns it into the wire shapes).
struct ConnectorSpec {
    QString connectorType;        // wire ConnectorType: "Salesforce", "S3", "Servicenow", …
    QString connectorProfileName; // empty for S3
    QString object;               // the entity (Account, tickets, …); Redshift/Snowflake table
    QString bucketName;           // S3 bucket, or the intermediate bucket of Redshift/Snowflake
    QString bucketPrefix;
    QString dataTransferApi;      // Salesforce only: AUTOMATIC, BULKV2 or REST_SYNC
};

// How the runs of a flow behave: each new run varies around these numbers.
struct RunProfile {
    double durationSeconds = 600;    // simulated seconds from start to natural end
    qint64 records = 20000;          // records a run processes
    qint64 bytesPerRecord = 900;
    double errorRate = 0.1;          // share of runs that end in Error
    double batchSeconds = 120;       // batch length for batch-API transfers
    QString errorMessage;            // executionMessage of failed runs (a default when empty)
};

// The static definition of a flow, as a scenario describes it.
struct FlowSpec {
    QString flowName;
    QString description;
    QString flowStatus = QStringLiteral("Active");   // initial status
    QString flowStatusMessage;
    QString triggerType = QStringLiteral("OnDemand"); // Scheduled, Event, OnDemand
    QString scheduleExpression;                       // Scheduled: "rate(1hours)"
    double triggerIntervalSeconds = 0;                // Scheduled: period; Event: mean gap
    ConnectorSpec source;
    ConnectorSpec destination;
    double createdAt = 0;                             // epoch seconds
    double lastUpdatedAt = 0;
    QString createdBy;
    QString lastUpdatedBy;
    QMap<QString, QString> tags;
    QString kmsArn;
    QStringList fields;                               // projected source fields (tasks)
    RunProfile runProfile;

    // Salesforce on either end with Bulk API 2.0, or AUTOMATIC on a transfer large enough for
    // AppFlow to pick Bulk API 2.0 (one million records or more).
    bool usesBatchApi(qint64 records) const
    {
        for (const ConnectorSpec *end : {&source, &destination}) {
            if (end->connectorType != QLatin1String("Salesforce"))
                continue;
            if (end->dataTransferApi == QLatin1String("BULKV2"))
                return true;
            if (end->dataTransferApi == QLatin1String("AUTOMATIC") && records >= 1000000)
                return true;
        }
        return false;
    }
};

} // namespace flowdesk::sim
