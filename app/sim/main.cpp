// flowdesk-sim: the AppFlow simulator as a command-line tool. Everything but argument handling
// and the first stdout line lives in flowdesk_sim.

#include "Simulator.h"
#include "SimulatorCommandLine.h"

#include <QCoreApplication>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("flowdesk-sim"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FLOWDESK_VERSION));

    using flowdesk::sim::SimulatorCommandLine;
    const SimulatorCommandLine::Parsed parsed = SimulatorCommandLine::parse(
        QCoreApplication::arguments(), qEnvironmentVariable("FLOWDESK_SIM_SECRET_ACCESS_KEY"));
    switch (parsed.outcome) {
    case SimulatorCommandLine::Outcome::ShowHelp:
        std::fputs(parsed.helpText.toLocal8Bit().constData(), stdout);
        return 0;
    case SimulatorCommandLine::Outcome::ShowVersion:
        std::printf("flowdesk-sim %s\n", FLOWDESK_VERSION);
        return 0;
    case SimulatorCommandLine::Outcome::Error:
        std::fprintf(stderr, "flowdesk-sim: %s\n", parsed.error.toLocal8Bit().constData());
        return 2;
    case SimulatorCommandLine::Outcome::Run:
        break;
    }

    flowdesk::sim::Simulator simulator(parsed.config);
    if (!simulator.listen(parsed.address, parsed.port)) {
        std::fprintf(stderr, "flowdesk-sim: %s\n", simulator.errorString().toLocal8Bit().constData());
        return 1;
    }
    // Tests and scripts read this line to find the port: print it whole and flush at once.
    std::printf("flowdesk-sim listening on %s\n",
                simulator.url().toString().toLocal8Bit().constData());
    std::fflush(stdout);
    return app.exec();
}
