// flowdesk-sim's command line (SimulatorCommandLine::parse: --port, --flows, --seed, rates,
// --deny OP:FLOW, --scenario…).
// Input: one argument per line; "flowdesk-sim" is put in front as the program name.

#include "FuzzSupport.h"

#include <SimulatorCommandLine.h>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using flowdesk::sim::SimulatorCommandLine;
    QStringList arguments = flowdesk::fuzz::argumentLines(flowdesk::fuzz::bytes(data, size));
    arguments.prepend(QStringLiteral("flowdesk-sim"));
    (void)SimulatorCommandLine::parse(arguments);
    return 0;
}
