#pragma once

#include "AppFlowTypes.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

namespace flowdesk::models {

// The runs of a connection whose cancel AppFlow has accepted, until a read shows them past
// InProgress. AppFlow answered 200 for them, so "Cancel started" is known to be true; a read
// that still says InProgress was either sent before the cancel or is behind it, and must not
// put them back among the runs that can be cancelled (and offer a second cancel).
class CancelStartedRuns
{
public:
    void add(const QString &flowName, const QStringList &executionIds)
    {
        QSet<QString> &ids = m_ids[flowName];
        for (const QString &id : executionIds)
            ids.insert(id);
    }

    // The records as the views should show them: InProgress becomes CancelStarted for the runs
    // known to be cancelling. A run read in any other status leaves the set: AppFlow's own
    // answer is newer than what the cancel told.
    QList<appflow::ExecutionRecord> apply(const QString &flowName,
                                          QList<appflow::ExecutionRecord> records)
    {
        auto it = m_ids.find(flowName);
        if (it == m_ids.end())
            return records;
        for (appflow::ExecutionRecord &record : records) {
            if (!it->contains(record.executionId))
                continue;
            if (record.executionStatus == appflow::ExecutionStatus::InProgress) {
                record.executionStatus = appflow::ExecutionStatus::CancelStarted;
                record.executionStatusText = QStringLiteral("CancelStarted");
            } else {
                it->remove(record.executionId);
            }
        }
        if (it->isEmpty())
            m_ids.erase(it);
        return records;
    }

private:
    QHash<QString, QSet<QString>> m_ids; // flow → execution IDs
};

} // namespace flowdesk::models
