#include "InterruptWatcher.h"

#include <QSocketNotifier>

#include <csignal>
#include <fcntl.h>
#include <unistd.h>

namespace flowdesk::cli {

namespace {
int s_pipe[2] = {-1, -1};
}

void InterruptWatcher::handle(int signalNumber)
{
    const char byte = char(signalNumber);
    const int savedErrno = errno;
    [[maybe_unused]] const ssize_t written = ::write(s_pipe[1], &byte, 1);
    errno = savedErrno;
}

InterruptWatcher::InterruptWatcher(QObject *parent)
    : QObject(parent)
{
    if (::pipe2(s_pipe, O_CLOEXEC | O_NONBLOCK) != 0)
        return; // no pipe, no watcher: Ctrl-C then ends the process the default way
    m_notifier = new QSocketNotifier(s_pipe[0], QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &InterruptWatcher::readPipe);
    struct sigaction action = {};
    action.sa_handler = &InterruptWatcher::handle;
    sigemptyset(&action.sa_mask);
    // No SA_RESTART: a blocking read of the confirmation prompt returns EINTR, so Ctrl-C there
    // ends the program instead of waiting for Enter.
    action.sa_flags = 0;
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
}

InterruptWatcher::~InterruptWatcher()
{
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    if (s_pipe[0] >= 0) {
        ::close(s_pipe[0]);
        ::close(s_pipe[1]);
        s_pipe[0] = s_pipe[1] = -1;
    }
}

void InterruptWatcher::readPipe()
{
    char bytes[16];
    const ssize_t n = ::read(s_pipe[0], bytes, sizeof bytes);
    for (ssize_t i = 0; i < n; ++i) {
        ++m_count;
        emit interrupted(int(bytes[i]));
    }
}

} // namespace flowdesk::cli
