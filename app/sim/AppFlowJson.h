#pragma once

#include "FlowState.h"

#include <QJsonObject>

namespace flowdesk::sim {

// The simulator's own writer of AppFlow response shapes, straight from service-2.json: member
// names as in the model, timestamps as epoch seconds (doubles), empty members left out. It is
// deliberately separate from the client's parser so one misreading cannot hide on both sides.
namespace AppFlowJson {

QJsonObject flowDefinition(const FlowState &flow, double now);
QJsonObject describeFlow(const FlowState &flow, double now);
QJsonObject executionRecord(const FlowState &flow, const Run &run, double now);
// lastRunExecutionDetails; empty when the flow never ran.
QJsonObject executionDetails(const FlowState &flow, double now);

} // namespace AppFlowJson
} // namespace flowdesk::sim
