// flowdesk-cli: Flowdesk's core for runbooks and scripts (QtCore + QtNetwork, no display).

#include "CliCommand.h"
#include "CliRequest.h"
#include "InterruptWatcher.h"
#include "Terminal.h"

#include <AuditLog.h>
#include <AwsConfig.h>
#include <Connection.h>
#include <ConnectionOpener.h>
#include <StoredAccounts.h>
#include <Translations.h>

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QSettings>
#include <QTextStream>
#include <QTimer>

#include <memory>
#include <unistd.h>

using namespace flowdesk;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    // The app's identity first, to find the files the CLI shares with it: the settings (stored
    // accounts) and the audit log (so History shows the CLI's cancels). Then the CLI's own name,
    // which the audit entries it writes carry in "via".
    QCoreApplication::setOrganizationName(QStringLiteral("Flowdesk"));
    QCoreApplication::setOrganizationDomain(QStringLiteral("flowdesk.invalid"));
    QCoreApplication::setApplicationName(QStringLiteral("Flowdesk"));
    const QString auditLogPath = audit::AuditLog::defaultFilePath();
    QSettings appSettings;
    QCoreApplication::setApplicationName(QStringLiteral("flowdesk-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FLOWDESK_VERSION));
    // The app's language (FLOWDESK_LANGUAGE, Preferences → Language, else the locale), which
    // also gives English its plural forms ("1 run", not "1 run(s)").
    Q_INIT_RESOURCE(flowdesk); // the translations live in a static library
    installTranslations(startupUiLanguage(appSettings));

    // The core's request log is for the app's console and for debugging; on a runbook's
    // stderr it would bury the facts and errors. QT_LOGGING_RULES turns it back on.
    if (!qEnvironmentVariableIsSet("QT_LOGGING_RULES"))
        QLoggingCategory::setFilterRules(QStringLiteral("flowdesk.*.debug=false\nflowdesk.*.info=false\nflowdesk.*.warning=false"));

    QTextStream out(stdout);
    QTextStream err(stderr);
    const cli::CliRequest request = cli::parseCliCommandLine(QCoreApplication::arguments());
    if (request.printAndExit) {
        (request.exitCode == cli::ExitCode::Done ? out : err) << request.text;
        return request.exitCode;
    }

    cli::InterruptWatcher interrupts;
    cli::CliContext context;
    context.request = request;
    context.auditLogPath = auditLogPath;
    context.out = &out;
    context.err = &err;
    context.stdinIsTerminal = cli::Terminal::isTerminal(STDIN_FILENO);
    context.stderrIsTerminal = cli::Terminal::isTerminal(STDERR_FILENO);

    aws::StoredAccounts accounts(&appSettings);
    std::unique_ptr<models::Connection> connection;
    if (request.command != cli::CliRequest::Command::History) {
        const QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        // MFA profiles need a prompt the CLI does not have (nullptr): the chain says so.
        const ConnectionOpener opener(ConnectionServices{&accounts, nullptr, environment});
        const ConnectionAttempt attempt = request.account.isEmpty()
            ? opener.openProfile(request.profile, request.region, request.endpoint)
            : opener.openStoredAccount(request.account, request.region, request.endpoint);
        if (!attempt.connection) {
            err << "flowdesk-cli: " << attempt.error << '\n';
            // A profile that does not exist is a configuration error (2), like a bad region;
            // a profile whose credentials cannot be had is a credentials problem (3).
            const bool unknownProfile = !request.profile.isEmpty()
                && !aws::AwsConfig::load(environment).profileNames().contains(request.profile);
            return attempt.credentialsProblem && !unknownProfile ? cli::ExitCode::Credentials
                                                                 : cli::ExitCode::Usage;
        }
        connection.reset(attempt.connection);
        context.connection = connection.get();
    }

    cli::CliCommand *command = cli::CliCommand::create(context, &app);
    QObject::connect(command, &cli::CliCommand::finished, &app, [](int exitCode) {
        QCoreApplication::exit(exitCode);
    });
    QObject::connect(&interrupts, &cli::InterruptWatcher::interrupted, command, [command, &interrupts] {
        if (interrupts.count() >= 3) // the cancel's second Ctrl-C already asked to quit: go now
            QCoreApplication::exit(cli::ExitCode::Interrupted);
        else
            command->interrupt();
    });
    QTimer::singleShot(0, command, &cli::CliCommand::start);
    const int exitCode = QCoreApplication::exec();
    delete command; // before the connection its calls use
    return exitCode;
}
