#pragma once

#include "AppFlowTypes.h"
#include "Connection.h"

#include <QList>
#include <QPointer>
#include <QString>
#include <QStringList>

namespace flowdesk {

// What the user is about to cancel, as shown by the confirmation dialog: the runs grouped by
// connection and flow, with what DescribeFlow told us about each flow's use of a batch API.
// One plan may span several open connections ("All active runs"); it is sent per connection
// and per flow.
struct CancelPlan {
    enum class Scope {
        SelectedRuns,         // the runs the user selected
        AllActiveOfFlow,      // CancelFlowExecutions without executionIds, one flow
        AllActiveAcrossFlows  // the same, for every flow with active runs
    };

    struct FlowRuns {
        // Where the flow lives; null once that connection was closed.
        QPointer<models::Connection> connection;
        QString connectionLabel; // "profile prod-ops · eu-west-1 · appflow.eu-west-1.amazonaws.com"
        QString connectionName;  // "prod-ops · eu-west-1": the table's Connection column
        QString flowName;
        appflow::TriggerType triggerType = appflow::TriggerType::Unknown;
        // False when DescribeFlow has not answered (or failed): the dialog then says it could
        // not check for a batch API rather than staying silent.
        bool descriptionKnown = false;
        QStringList batchApiUses;            // FlowDescription::batchApiUses
        QList<appflow::ExecutionRecord> runs; // in progress when the plan was made
    };

    Scope scope = Scope::SelectedRuns;
    QList<FlowRuns> flows;
    // Cancel-all asks the user to type the flow name (a preference; on by default).
    bool requireTypedConfirmation = true;

    int runCount() const
    {
        int count = 0;
        for (const FlowRuns &flow : flows)
            count += int(flow.runs.size());
        return count;
    }
    bool isCancelAll() const { return scope != Scope::SelectedRuns; }
    // The distinct connection labels, in the order the flows list them.
    QStringList connectionLabels() const
    {
        QStringList labels;
        for (const FlowRuns &flow : flows) {
            if (!labels.contains(flow.connectionLabel))
                labels << flow.connectionLabel;
        }
        labels.removeAll(QString());
        return labels;
    }
};

} // namespace flowdesk
