#include "Terminal.h"

#include <QByteArray>

#include <cerrno>
#include <unistd.h>

namespace flowdesk::cli::Terminal {

bool isTerminal(int fd)
{
    return ::isatty(fd) == 1;
}

Line readLine()
{
    Line line;
    QByteArray bytes;
    for (;;) {
        char c = 0;
        const ssize_t n = ::read(STDIN_FILENO, &c, 1);
        if (n < 0 && errno == EINTR) {
            line.interrupted = true; // the SIGINT handler is installed without SA_RESTART
            return line;
        }
        if (n <= 0) {
            line.endOfInput = true;
            break;
        }
        if (c == '\n')
            break;
        if (bytes.size() >= 4096) // a confirmation is a word, not a file
            continue;
        bytes.append(c);
    }
    if (bytes.endsWith('\r'))
        bytes.chop(1);
    line.text = QString::fromUtf8(bytes);
    return line;
}

} // namespace flowdesk::cli::Terminal
