#pragma once

#include <QString>
#include <QStringList>
#include <QUrl>

namespace flowdesk {

// What the user asked for on the command line, parsed before any window exists so that
// --help, --version and bad values work without a display.
struct CommandLineRequest {
    enum class Action { RunGui, PrintAndExit };
    Action action = Action::RunGui;
    QString output;   // text for PrintAndExit
    int exitCode = 0; // for PrintAndExit: 0, or 2 for invalid usage

    // RunGui: which connection to open.
    bool demo = false;
    QString profile;
    QString region;
    QUrl endpoint;
    // Prints "startup-probe: first populated paint after N ms" once the flow list is shown.
    bool startupProbe = false;

    bool connectionChosen() const { return demo || !profile.isEmpty() || !region.isEmpty() || !endpoint.isEmpty(); }
};

CommandLineRequest parseCommandLine(const QStringList &arguments);

// "Flowdesk 0.1.0 (Qt 6.4.2, Debug build)": shared by --version and the About dialog.
QString versionText();

} // namespace flowdesk
