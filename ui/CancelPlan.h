#pragma once

#include "AppFlowTypes.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace flowdesk {

// What the user is about to cancel, as shown by the confirmation dialog: the runs grouped by
// flow, with what DescribeFlow told us about each flow's use of a batch API.
struct CancelPlan {
    enum class Scope {
        SelectedRuns,         // the runs the user selected
        AllActiveOfFlow,      // CancelFlowExecutions without executionIds, one flow
        AllActiveAcrossFlows  // the same, for every flow with active runs
    };

    struct FlowRuns {
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
    QString connectionLabel; // "profile prod-ops · eu-west-1 · appflow.eu-west-1.amazonaws.com"
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
};

} // namespace flowdesk
