// The process the kill harness (tst_audit_kill) SIGKILLs at random moments: it drives the real
// CancelController, whose AuditLog writes an intent before and a result after each request,
// against an in-process simulator, and between cancels appends intents directly, printing each
// one's correlation ID only after append() returned (fsync'd): those must survive any kill.
// Usage: flowdesk-audit-kill-child AUDIT_LOG_PATH
#include "CancelController.h"
#include "SimulatorFixture.h"

#include <AuditLog.h>

#include <QCoreApplication>
#include <QTimer>

#include <cstdio>
#include <unistd.h>

using namespace flowdesk;

namespace {

void say(const QByteArray &line)
{
    // Unbuffered: what the parent reads is exactly what was said before the kill.
    const QByteArray data = line + '\n';
    [[maybe_unused]] const ssize_t written = ::write(STDOUT_FILENO, data.constData(), size_t(data.size()));
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: flowdesk-audit-kill-child AUDIT_LOG_PATH\n");
        return 2;
    }
    const QString auditPath = QString::fromLocal8Bit(argv[1]);
    test::SimulatorFixture sim(1000);
    if (!sim.ok())
        return 3;
    std::unique_ptr<models::Connection> connection(sim.connect());
    audit::AuditLog direct(auditPath);
    const QString flow = QStringLiteral("orders-sync");
    const QStringList runs = sim.simulator().executionIds(flow);

    int cycle = 0;
    std::function<void()> next = [&] {
        audit::AuditEntry intent = audit::AuditEntry::newIntent();
        intent.flowName = QStringLiteral("direct");
        intent.executionIds = {QStringLiteral("run-%1").arg(cycle)};
        if (!direct.append(intent)) {
            std::fprintf(stderr, "append failed: %s\n", qPrintable(direct.errorString()));
            QCoreApplication::exit(4);
            return;
        }
        say("synced " + intent.correlationId.toLatin1());

        auto *controller = new models::CancelController(connection->client(), connection->info(), auditPath);
        controller->setPollIntervals(10, 10);
        QObject::connect(controller, &models::CancelController::requestsDone, controller, [&, controller] {
            controller->deleteLater();
            QTimer::singleShot(0, next);
        });
        models::CancelController::Target target;
        target.flowName = flow;
        for (int i = 0; i < 2; ++i) {
            appflow::ExecutionRecord run;
            run.executionId = runs.at((cycle * 2 + i) % runs.size());
            run.executionStatus = appflow::ExecutionStatus::InProgress;
            run.executionStatusText = QStringLiteral("InProgress");
            target.runs << run;
        }
        ++cycle;
        controller->start({target});
    };
    say("ready");
    QTimer::singleShot(0, next);
    return app.exec();
}
