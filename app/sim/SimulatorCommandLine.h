#pragma once

#include "SimulatorConfig.h"

#include <QHostAddress>
#include <QString>
#include <QStringList>

namespace flowdesk::sim {

// flowdesk-sim's command line → a SimulatorConfig and where to listen. Pure: no printing,
// no exiting, so tests can check every rule.
class SimulatorCommandLine
{
public:
    enum class Outcome { Run, ShowHelp, ShowVersion, Error };

    struct Parsed {
        Outcome outcome = Outcome::Run;
        SimulatorConfig config;
        QHostAddress address = QHostAddress(QHostAddress::LocalHost);
        quint16 port = 0;
        QString error;     // Outcome::Error: what is wrong and how to fix it
        QString helpText;  // Outcome::ShowHelp
    };

    // The secret used when neither --secret-access-key nor FLOWDESK_SIM_SECRET_ACCESS_KEY is
    // given. Not a secret: the simulator guards nothing.
    static QString defaultSecretAccessKey();

    // `arguments` includes the program name first, as QCoreApplication::arguments().
    // `environmentSecret` is FLOWDESK_SIM_SECRET_ACCESS_KEY (empty when unset).
    static Parsed parse(const QStringList &arguments, const QString &environmentSecret = {});
};

} // namespace flowdesk::sim
