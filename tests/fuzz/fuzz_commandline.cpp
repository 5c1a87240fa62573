// Flowdesk's command line (parseCommandLine: --profile, --region, --endpoint, --demo, --help,
// --version…), parsed before any window exists.
// Input: one argument per line; "flowdesk" is put in front as the program name.

#include "FuzzSupport.h"

#include <CommandLine.h>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QStringList arguments = flowdesk::fuzz::argumentLines(flowdesk::fuzz::bytes(data, size));
    arguments.prepend(QStringLiteral("flowdesk"));
    const flowdesk::CommandLineRequest request = flowdesk::parseCommandLine(arguments);
    (void)request.connectionChosen();
    return 0;
}
