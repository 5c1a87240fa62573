#pragma once

// Test helpers shared by the model tests: builders for AppFlow records and a recorder of every
// structural and data signal a model emits, so a test can compare the exact sequence.

#include "AppFlowTypes.h"

#include <QAbstractItemModel>
#include <QDateTime>
#include <QStringList>

#include <optional>

namespace flowdesk::models::test {

// The fixed "now" of every model test: 2024-05-01 12:00:00 UTC.
inline QDateTime testNow()
{
    return QDateTime(QDate(2024, 5, 1), QTime(12, 0), Qt::UTC);
}

inline appflow::ExecutionRecord makeRun(const QString &id,
                                        appflow::ExecutionStatus status = appflow::ExecutionStatus::InProgress,
                                        std::optional<qint64> bytes = std::nullopt,
                                        int startedMinutesAgo = 10)
{
    appflow::ExecutionRecord run;
    run.executionId = id;
    run.executionStatus = status;
    run.startedAt = testNow().addSecs(-60 * startedMinutesAgo);
    run.lastUpdatedAt = testNow().addSecs(-60);
    run.executionResult.bytesProcessed = bytes;
    run.executionResult.bytesWritten = bytes;
    run.executionResult.recordsProcessed = bytes ? std::optional<qint64>(*bytes / 100) : std::nullopt;
    return run;
}

inline appflow::FlowDefinition makeFlow(const QString &name,
                                        appflow::FlowStatus status = appflow::FlowStatus::Active,
                                        const QString &source = QStringLiteral("Salesforce"),
                                        const QString &destination = QStringLiteral("S3"))
{
    appflow::FlowDefinition flow;
    flow.flowName = name;
    flow.flowArn = QStringLiteral("arn:aws:appflow:eu-west-1:123456789012:flow/") + name;
    flow.flowStatus = status;
    flow.sourceConnectorType = source;
    flow.destinationConnectorType = destination;
    flow.triggerType = appflow::TriggerType::Scheduled;
    return flow;
}

// Records the signals of a model as short strings: "insert 3-4", "remove 1-2",
// "changed 0,1-2,3 [roles]", "reset", "layout".
class SignalLog : public QObject
{
public:
    explicit SignalLog(QAbstractItemModel *model)
    {
        connect(model, &QAbstractItemModel::rowsInserted, this,
                [this](const QModelIndex &, int first, int last) {
                    events << QStringLiteral("insert %1-%2").arg(first).arg(last);
                });
        connect(model, &QAbstractItemModel::rowsRemoved, this,
                [this](const QModelIndex &, int first, int last) {
                    events << QStringLiteral("remove %1-%2").arg(first).arg(last);
                });
        connect(model, &QAbstractItemModel::dataChanged, this,
                [this](const QModelIndex &topLeft, const QModelIndex &bottomRight,
                       const QList<int> &roles) {
                    QString event = QStringLiteral("changed %1,%2-%3,%4")
                                        .arg(topLeft.row())
                                        .arg(topLeft.column())
                                        .arg(bottomRight.row())
                                        .arg(bottomRight.column());
                    if (!roles.isEmpty()) {
                        QStringList names;
                        for (int role : roles)
                            names << QString::number(role);
                        event += QStringLiteral(" [") + names.join(u',') + u']';
                    }
                    events << event;
                });
        connect(model, &QAbstractItemModel::modelReset, this,
                [this] { events << QStringLiteral("reset"); });
        connect(model, &QAbstractItemModel::layoutChanged, this,
                [this] { events << QStringLiteral("layout"); });
        connect(model, &QAbstractItemModel::rowsMoved, this,
                [this] { events << QStringLiteral("move"); });
    }

    QStringList takeEvents()
    {
        QStringList result = events;
        events.clear();
        return result;
    }

    QStringList events;
};

} // namespace flowdesk::models::test
