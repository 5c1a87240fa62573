#pragma once

#include <QString>

namespace flowdesk::cli {

// The few terminal facts the CLI needs, in one place.
namespace Terminal {

bool isTerminal(int fd);

// One line typed on stdin, without its newline. `interrupted`: Ctrl-C while waiting;
// `endOfInput`: stdin closed before a line ended.
struct Line {
    QString text;
    bool interrupted = false;
    bool endOfInput = false;
};
// Blocks: used only for the confirmation prompt, before anything is sent.
Line readLine();

} // namespace Terminal

} // namespace flowdesk::cli
