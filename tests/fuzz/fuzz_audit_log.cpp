// The audit log (JSON Lines, possibly torn by a crash or damaged): AuditLogReader::parse, what
// load() does with the file's bytes, then what History and the recovery ask of it. An entry
// the reader accepted must survive its own round trip through toJson()/fromJson().

#include "FuzzSupport.h"

#include <AuditLogReader.h>

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace flowdesk::audit;
    AuditLogReader reader{QString()};
    reader.parse(flowdesk::fuzz::bytes(data, size));
    const QStringList flows = reader.flowNames();
    if (!flows.isEmpty())
        (void)reader.entriesForFlow(flows.constFirst());
    (void)reader.unansweredIntents();
    for (const AuditEntry &entry : reader.entries()) {
        QString why;
        if (!AuditEntry::fromJson(entry.toJson(), &why))
            std::abort(); // the reader accepted what the writer's own format rejects
    }
    return 0;
}
