#pragma once

#include <QObject>

class QSocketNotifier;

namespace flowdesk::cli {

// Turns SIGINT and SIGTERM into a Qt signal on the event loop (the self-pipe trick: the
// handler only writes one byte, which is async-signal-safe), so that Ctrl-C during a cancel
// can still record the answers already received before the program exits. One per process.
class InterruptWatcher : public QObject
{
    Q_OBJECT

public:
    explicit InterruptWatcher(QObject *parent = nullptr);
    ~InterruptWatcher() override;

    // How many interrupts arrived so far (the second one means "quit now").
    int count() const { return m_count; }

signals:
    void interrupted(int signalNumber);

private:
    static void handle(int signalNumber);
    void readPipe();

    QSocketNotifier *m_notifier = nullptr;
    int m_count = 0;
};

} // namespace flowdesk::cli
