#pragma once

// A simulator on loopback for the STS and IAM Identity Center tests, with fresh credentials.
#include "Simulator.h"

#include <QUuid>
#include <QtTest>

#include <memory>

namespace flowdesk::aws::test {

inline std::unique_ptr<sim::Simulator> startSimulator(sim::SimulatorConfig config = {})
{
    if (config.secretAccessKey.isEmpty())
        config.secretAccessKey = QUuid::createUuid().toString(QUuid::WithoutBraces);
    auto simulator = std::make_unique<sim::Simulator>(config);
    if (!simulator->listen())
        qWarning("simulator did not start: %s", qPrintable(simulator->errorString()));
    return simulator;
}

} // namespace flowdesk::aws::test
