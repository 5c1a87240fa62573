#include "ProcessHardening.h"

#if defined(Q_OS_LINUX) || defined(__linux__)
#include <sys/prctl.h>
#include <sys/resource.h>
#endif

namespace flowdesk {

void disableCoreDumps()
{
#if defined(__linux__)
    rlimit noCore{0, 0};
    setrlimit(RLIMIT_CORE, &noCore);
    // Also makes /proc/<pid>/mem unreadable for other processes of the same user.
    prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
#endif
}

} // namespace flowdesk
