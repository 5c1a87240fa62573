#pragma once

#include <QElapsedTimer>

namespace flowdesk {

class MainWindow;

// --startup-probe: what the cold-start and memory benchmarks read from the app's stdout.
//   "startup-probe: first populated paint after N ms" — process start to the flow list on screen;
//   "startup-probe: refreshed after N ms, peak RSS K KiB" — when the first full refresh (every
//   flow's runs) is in the models, with the process's peak resident set (VmHWM) at that moment.
// Then the app quits. If the refresh fails the second line still comes, with "(refresh failed)".
void installStartupProbe(MainWindow &window, const QElapsedTimer &sinceStart);

// Peak resident set size of this process in KiB (VmHWM of /proc/self/status); -1 where unknown.
qint64 peakResidentKiB();

} // namespace flowdesk
