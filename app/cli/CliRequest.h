#pragma once

#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace flowdesk::cli {

// flowdesk-cli's exit codes (the man page documents them; scripts depend on them).
namespace ExitCode {
enum : int {
    Done = 0,
    Incomplete = 1,    // some runs not cancellable, a request failed, or a listing is partial
    Usage = 2,         // bad flag, unknown profile, invalid region/endpoint, unknown flow
    Credentials = 3,   // no usable credentials, or AWS rejected them
    Unavailable = 4,   // throttled or service unavailable after every retry
    Interrupted = 130, // Ctrl-C (128 + SIGINT, as shells report it)
};
} // namespace ExitCode

enum class OutputFormat { Table, Json, Csv };

// What the command line asked for, parsed and checked before anything is opened or sent.
struct CliRequest {
    enum class Command { Flows, Runs, Active, Cancel, Watch, History };

    // Set when the answer is known without running a command: --help, --version, usage errors.
    bool printAndExit = false;
    QString text;     // what to print then (stdout for 0, stderr otherwise)
    int exitCode = ExitCode::Done;

    Command command = Command::Flows;

    // Where and as whom (as the app's --profile / --region / --endpoint-url).
    QString profile;
    QString account; // one of Flowdesk's own accounts (secret in the keychain)
    QString region;
    QUrl endpoint;
    OutputFormat output = OutputFormat::Table;

    // Command arguments and options.
    QString flowName;     // runs, cancel, watch; history --flow
    QStringList runIds;   // cancel, watch
    QString filter;       // flows --filter
    bool activeOnly = false;             // runs --active
    std::optional<qint64> sinceSeconds;     // runs/history --since: started at most this long ago
    std::optional<qint64> olderThanSeconds; // runs/cancel --older-than: started longer ago
    std::optional<int> limit;            // runs --limit
    bool all = false;        // cancel --all
    bool allFlows = false;   // cancel --all-flows: every flow's runs (with --all or --older-than)
    bool deactivate = false; // cancel --deactivate
    bool yes = false;        // cancel --yes
    bool dryRun = false;     // cancel --dry-run
    bool noWait = false;     // cancel --no-wait: report once answered, not once every run is final
};

// arguments: QCoreApplication::arguments() (program name first).
CliRequest parseCliCommandLine(const QStringList &arguments);

// "90s", "15m", "2h", "1d", "1h30m" → seconds; nullopt when not such a duration.
std::optional<qint64> parseDuration(const QString &text);

QString cliUsageText();

} // namespace flowdesk::cli
