#pragma once

namespace flowdesk {

// Flowdesk holds AWS secret keys and session tokens in memory. A core dump would write them to
// disk, and a same-user debugger could read them, so both are switched off before anything else
// happens. Failure is not fatal: the app still works, it is only less protected.
void disableCoreDumps();

} // namespace flowdesk
