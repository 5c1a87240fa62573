#pragma once

#include <QString>
#include <QStringList>

namespace flowdesk {

// What the user asked for on the command line, parsed before any window exists so that
// --help and --version work without a display.
struct CommandLineRequest {
    enum class Action { RunGui, PrintAndExit };
    Action action = Action::RunGui;
    QString output;   // text for PrintAndExit
    int exitCode = 0; // for PrintAndExit
};

CommandLineRequest parseCommandLine(const QStringList &arguments);

// "Flowdesk 0.1.0 (Qt 6.4.2, Debug build)": shared by --version and the About dialog.
QString versionText();

} // namespace flowdesk
