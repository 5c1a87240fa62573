#include "CommandLine.h"
#include "ConnectionChoice.h"
#include "ConnectionFactory.h"
#include "FleetFactory.h"
#include "ProcessHardening.h"
#include "StartupProbe.h"

#include "MainWindow.h"
#include "MessageBar.h"
#include "Preferences.h"
#include "Theme.h"
#include "Translations.h"
#include "WidgetMfaPrompter.h"

#include <StoredAccounts.h>

#include <QApplication>
#include <QNetworkAccessManager>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QIcon>
#include <QLoggingCategory>
#include <QSettings>
#include <QTextStream>

#include <cstdio>
#include <optional>
#include <cstdlib>

namespace {

void setApplicationIdentity()
{
    QCoreApplication::setApplicationName(QStringLiteral("Flowdesk"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FLOWDESK_VERSION));
    QCoreApplication::setOrganizationName(QStringLiteral("Flowdesk"));
    QCoreApplication::setOrganizationDomain(QStringLiteral("flowdesk.invalid"));
}

// Without a display Qt aborts inside the QApplication constructor with a platform-plugin
// message that does not say what to do. Say it ourselves.
bool displayAvailable()
{
#if defined(__linux__)
    return qEnvironmentVariableIsSet("QT_QPA_PLATFORM") || qEnvironmentVariableIsSet("DISPLAY")
        || qEnvironmentVariableIsSet("WAYLAND_DISPLAY");
#else
    return true;
#endif
}

// --help, --help-all, --version and usage errors end here, before any window exists.
std::optional<int> answerWithoutWindow(const flowdesk::CommandLineRequest &request)
{
    if (request.action == flowdesk::CommandLineRequest::Action::PrintHelpAll)
        flowdesk::showHelpWithQtOptionsAndExit(QCoreApplication::arguments());
    if (request.action != flowdesk::CommandLineRequest::Action::PrintAndExit)
        return std::nullopt;
    QTextStream(request.exitCode == 0 ? stdout : stderr) << request.output;
    return request.exitCode;
}

} // namespace

int main(int argc, char *argv[])
{
    QElapsedTimer sinceStart;
    sinceStart.start();
    flowdesk::disableCoreDumps();
    setApplicationIdentity();

    if (!displayAvailable()) {
        // A QCoreApplication is enough to parse options and print help; it needs no display,
        // so --help, --version and bad values work on a server too.
        QCoreApplication cli(argc, argv);
        const flowdesk::CommandLineRequest request = flowdesk::parseCommandLine(QCoreApplication::arguments());
        if (const std::optional<int> exitCode = answerWithoutWindow(request))
            return *exitCode;
        std::fputs("flowdesk: no display found (neither DISPLAY nor WAYLAND_DISPLAY is set).\n"
                   "Run it inside a desktop session, or with a virtual display:\n"
                   "    xvfb-run -a flowdesk        (or: xvfb-run -a ./dev run)\n",
                   stderr);
        return 1;
    }

    // A desktop app: warnings on stderr, per-request detail only when asked for with
    // QT_LOGGING_RULES (e.g. "flowdesk.*.info=true").
    if (!qEnvironmentVariableIsSet("QT_LOGGING_RULES"))
        QLoggingCategory::setFilterRules(QStringLiteral("flowdesk.*.info=false"));
    // QApplication first: it takes Qt's own options (-style Fusion, -platform, -reverse, …) out
    // of the arguments, so Flowdesk's parser sees only its own.
    QApplication app(argc, argv);
    const flowdesk::CommandLineRequest request = flowdesk::parseCommandLine(QCoreApplication::arguments());
    if (const std::optional<int> exitCode = answerWithoutWindow(request))
        return *exitCode;
    Q_INIT_RESOURCE(flowdesk); // the icons live in a static library
    {
        // View → Theme as chosen last time; "System" leaves the desktop's style and palette.
        flowdesk::Theme::rememberSystemLook();
        if (const auto theme = flowdesk::Theme::load(QSettings()); theme != flowdesk::Theme::Choice::System)
            flowdesk::Theme::apply(theme);
    }
    flowdesk::installTranslations();
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/flowdesk.svg")));
    {
        QSettings settings;
        flowdesk::applyProxy(flowdesk::Preferences::load(settings)); // system proxy by default
    }

    // Flowdesk's own accounts: names and key IDs in the settings file, secrets in the keychain.
    QSettings accountSettings;
    flowdesk::aws::StoredAccounts accounts(&accountSettings);
    // Asks for MFA codes of mfa_serial profiles; created before any connection that may need it.
    flowdesk::WidgetMfaPrompter mfaPrompter;
    const flowdesk::ConnectionFactory factory({&accounts, &mfaPrompter});

    // The fleets' portal and sign-in requests; declared before the window, whose Fleet tabs use it.
    QNetworkAccessManager fleetNetwork;
    flowdesk::MainWindow window;
    mfaPrompter.setParentWidget(&window);
    window.setStoredAccounts(&accounts);
    // File → Open connection: the window asks, the factory opens, the window shows the result.
    QObject::connect(&window, &flowdesk::MainWindow::connectionRequested, &window,
                     [&window, &factory](const flowdesk::models::ConnectionChoice &choice) {
                         const flowdesk::ConnectionAttempt opened = factory.open(choice);
                         if (opened.connection)
                             window.addConnection(opened.connection);
                         else
                             window.showConnectionError(opened.error);
                     });
    // File → Open IAM Identity Center fleet: an [sso-session], or the demo fleet.
    QObject::connect(&window, &flowdesk::MainWindow::fleetRequested, &window,
                     [&window, &fleetNetwork](const flowdesk::models::FleetLogin &login) {
                         const flowdesk::FleetAttempt opened = flowdesk::FleetFactory::open(login, &fleetNetwork);
                         if (opened.fleet)
                             window.addFleet(opened.fleet);
                         else
                             window.showConnectionError(opened.error);
                     });
    // No connection on the command line: reopen what was open last time, if anything.
    const QList<flowdesk::models::ConnectionChoice> reopen =
        request.demo || request.connectionChosen() ? QList<flowdesk::models::ConnectionChoice>()
                                                   : flowdesk::MainWindow::lastOpenConnections();
    for (const flowdesk::models::ConnectionChoice &choice : reopen) {
        const flowdesk::ConnectionAttempt opened = factory.open(choice);
        if (opened.connection)
            window.addConnection(opened.connection);
        else
            window.showConnectionError(opened.error);
    }
    const flowdesk::ConnectionAttempt attempt =
        reopen.isEmpty() ? factory.open(request) : flowdesk::ConnectionAttempt{};
    if (reopen.isEmpty())
        window.setConnection(attempt.connection);
    if (!attempt.error.isEmpty()) {
        flowdesk::BarMessage message;
        message.text = QCoreApplication::translate("main", "Flowdesk could not connect.");
        message.detail = attempt.error;
        message.hint = QCoreApplication::translate(
            "main", "Fix the AWS configuration named above, or start Flowdesk with --demo to try "
                    "the built-in simulator.");
        window.messageBar()->showMessage(message);
    } else if (!attempt.note.isEmpty()) {
        window.showInfo(attempt.note);
    }
    if (request.startupProbe)
        flowdesk::installStartupProbe(window, sinceStart);
    window.show();
    return app.exec();
}
