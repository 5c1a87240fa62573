#pragma once

#include <QString>
#include <QStringList>
#include <QUrl>

namespace flowdesk {

// What the user asked for on the command line, parsed before any window exists so that
// --help, --version and bad values work without a display.
struct CommandLineRequest {
    // PrintHelpAll: call showHelpWithQtOptionsAndExit() once the application object exists.
    enum class Action { RunGui, PrintAndExit, PrintHelpAll };
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

// arguments: QCoreApplication::arguments(), i.e. with the options Qt itself took (-style,
// -platform, …) already removed when a QApplication was made first.
CommandLineRequest parseCommandLine(const QStringList &arguments);

// --help-all: Flowdesk's options and those of the Qt application object that exists; exits 0.
[[noreturn]] void showHelpWithQtOptionsAndExit(const QStringList &arguments);

// "Flowdesk 0.1.0 (Qt 6.4.2, Debug build)": shared by --version and the About dialog.
QString versionText();

} // namespace flowdesk
