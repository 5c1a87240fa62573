#include "CliRequest.h"

#include <QCoreApplication>
#include <QHash>
#include <QRegularExpression>
#include <QSet>

namespace flowdesk::cli {

namespace {

// The translation context of flowdesk-cli's usage and command-line errors: lupdate reads Name::tr("...") calls, not a
// home-made tr() helper.
class CliCommandLine
{
    Q_DECLARE_TR_FUNCTIONS(CliCommandLine)
};

CliRequest usageError(const QString &message)
{
    CliRequest request;
    request.printAndExit = true;
    request.exitCode = ExitCode::Usage;
    request.text = QStringLiteral("flowdesk-cli: ") + message + u'\n'
        + CliCommandLine::tr("Run “flowdesk-cli --help\u201d for the commands and options.") + u'\n';
    return request;
}

struct CommandSpec {
    CliRequest::Command command;
    QSet<QString> options; // the command's own options (the global ones are always allowed)
};

const QHash<QString, CommandSpec> &commands()
{
    using C = CliRequest::Command;
    static const QHash<QString, CommandSpec> table{
        {QStringLiteral("flows"), {C::Flows, {QStringLiteral("filter")}}},
        {QStringLiteral("runs"),
         {C::Runs,
          {QStringLiteral("active"), QStringLiteral("since"), QStringLiteral("older-than"),
           QStringLiteral("limit")}}},
        {QStringLiteral("active"), {C::Active, {QStringLiteral("older-than")}}},
        {QStringLiteral("cancel"),
         {C::Cancel,
          {QStringLiteral("all"), QStringLiteral("all-flows"), QStringLiteral("older-than"),
           QStringLiteral("deactivate"), QStringLiteral("yes"), QStringLiteral("dry-run"),
           QStringLiteral("no-wait")}}},
        {QStringLiteral("watch"), {C::Watch, {}}},
        {QStringLiteral("history"), {C::History, {QStringLiteral("flow"), QStringLiteral("since")}}},
    };
    return table;
}

const QSet<QString> &globalOptions()
{
    static const QSet<QString> options{QStringLiteral("profile"), QStringLiteral("account"),
                                       QStringLiteral("region"), QStringLiteral("endpoint-url"),
                                       QStringLiteral("output")};
    return options;
}

// Options that take a value; the others are switches.
bool takesValue(const QString &name)
{
    static const QSet<QString> valued{QStringLiteral("profile"), QStringLiteral("account"),
                                      QStringLiteral("region"), QStringLiteral("endpoint-url"),
                                      QStringLiteral("output"), QStringLiteral("filter"),
                                      QStringLiteral("since"), QStringLiteral("older-than"),
                                      QStringLiteral("limit"), QStringLiteral("flow")};
    return valued.contains(name);
}

bool knownOption(const QString &name)
{
    if (globalOptions().contains(name))
        return true;
    for (const CommandSpec &spec : commands()) {
        if (spec.options.contains(name))
            return true;
    }
    return name == QLatin1String("help") || name == QLatin1String("version");
}

} // namespace

QString cliUsageText()
{
    return CliCommandLine::tr("Usage: flowdesk-cli [--profile P | --account NAME] [--region R] [--endpoint-url URL]\n"
                              "                    [--output table|json|csv] COMMAND\n"
                              "\n"
                              "Lists and cancels Amazon AppFlow runs with Flowdesk's core: the same credentials,\n"
                              "confirmation facts, retries and audit log as the Flowdesk app.\n"
                              "\n"
                              "Commands:\n"
                              "  flows [--filter TEXT]                     the flows, their status and last run\n"
                              "  runs FLOW [--active] [--since D] [--older-than D] [--limit N]\n"
                              "                                            a flow's runs, newest first\n"
                              "  active [--older-than D]                   every active run of every flow\n"
                              "  cancel FLOW (--all | RUN_ID... | --older-than D) [--deactivate] [--yes] [--dry-run] [--no-wait]\n"
                              "  cancel --all-flows (--all | --older-than D) [--yes] [--dry-run] [--no-wait]\n"
                              "                                            cancel runs that are in progress\n"
                              "  watch FLOW RUN_ID...                      until every run has a final status\n"
                              "  history [--flow F] [--since D]            the audit log of cancels\n"
                              "\n"
                              "D is a duration: 90s, 15m, 2h, 1d or 1h30m. Times are printed in UTC (ISO 8601).\n"
                              "Exit codes: 0 done; 1 some runs not cancelled, a request failed or a listing is\n"
                              "incomplete; 2 usage or configuration error; 3 credentials problem; 4 throttled or\n"
                              "service unavailable after retries; 130 interrupted. See flowdesk-cli(1).\n");
}

std::optional<qint64> parseDuration(const QString &text)
{
    static const QRegularExpression shape(QStringLiteral("^(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?$"));
    const QRegularExpressionMatch match = shape.match(text.trimmed().toLower());
    if (text.trimmed().isEmpty() || !match.hasMatch())
        return std::nullopt;
    const qint64 unit[] = {86400, 3600, 60, 1};
    qint64 seconds = 0;
    for (int group = 1; group <= 4; ++group) {
        const QString digits = match.captured(group);
        if (digits.isEmpty())
            continue;
        if (digits.size() > 9) // bounded: no overflow, and nobody means 30 years
            return std::nullopt;
        seconds += digits.toLongLong() * unit[group - 1];
    }
    return seconds;
}

CliRequest parseCliCommandLine(const QStringList &arguments)
{
    CliRequest request;
    QHash<QString, QString> values; // option → value ("" for switches)
    QStringList positional;
    bool onlyPositional = false;
    for (int i = 1; i < arguments.size(); ++i) {
        const QString &argument = arguments.at(i);
        if (onlyPositional || !argument.startsWith(u'-') || argument == QLatin1String("-")) {
            positional << argument;
            continue;
        }
        if (argument == QLatin1String("--")) {
            onlyPositional = true;
            continue;
        }
        QString name;
        QString value;
        bool hasInlineValue = false;
        if (argument == QLatin1String("-h"))
            name = QStringLiteral("help");
        else if (argument == QLatin1String("-y"))
            name = QStringLiteral("yes");
        else if (argument == QLatin1String("-o"))
            name = QStringLiteral("output");
        else if (argument.startsWith(QLatin1String("--"))) {
            name = argument.mid(2);
            const qsizetype equals = name.indexOf(u'=');
            if (equals >= 0) {
                value = name.mid(equals + 1);
                name.truncate(equals);
                hasInlineValue = true;
            }
        } else {
            return usageError(CliCommandLine::tr("unknown option \u201c%1\u201d.").arg(argument));
        }
        if (!knownOption(name))
            return usageError(CliCommandLine::tr("unknown option \u201c--%1\u201d.").arg(name));
        if (takesValue(name)) {
            if (!hasInlineValue) {
                if (i + 1 >= arguments.size())
                    return usageError(CliCommandLine::tr("--%1 needs a value.").arg(name));
                value = arguments.at(++i);
            }
        } else if (hasInlineValue) {
            return usageError(CliCommandLine::tr("--%1 takes no value.").arg(name));
        }
        if (values.contains(name) && takesValue(name))
            return usageError(CliCommandLine::tr("--%1 is given twice.").arg(name));
        values.insert(name, value);
    }

    if (values.contains(QStringLiteral("help"))) {
        request.printAndExit = true;
        request.text = cliUsageText();
        return request;
    }
    if (values.contains(QStringLiteral("version"))) {
        request.printAndExit = true;
        request.text = QStringLiteral("flowdesk-cli %1 (Qt %2)\n")
                           .arg(QStringLiteral(FLOWDESK_VERSION), QString::fromLatin1(qVersion()));
        return request;
    }
    if (positional.isEmpty())
        return usageError(CliCommandLine::tr("no command given (flows, runs, active, cancel, watch, history)."));

    const QString commandName = positional.takeFirst();
    const auto spec = commands().constFind(commandName);
    if (spec == commands().constEnd())
        return usageError(CliCommandLine::tr("unknown command \u201c%1\u201d (flows, runs, active, cancel, watch, "
                                             "history).").arg(commandName));
    request.command = spec->command;
    for (auto it = values.constBegin(); it != values.constEnd(); ++it) {
        if (!globalOptions().contains(it.key()) && !spec->options.contains(it.key()))
            return usageError(CliCommandLine::tr("\u201c%1\u201d does not take --%2.").arg(commandName, it.key()));
    }

    // Global options.
    request.profile = values.value(QStringLiteral("profile"));
    request.account = values.value(QStringLiteral("account"));
    request.region = values.value(QStringLiteral("region"));
    if (!request.profile.isEmpty() && !request.account.isEmpty())
        return usageError(CliCommandLine::tr("--profile and --account name two different connections: give one."));
    for (const QString &name : {QStringLiteral("profile"), QStringLiteral("account"), QStringLiteral("region")}) {
        if (values.contains(name) && values.value(name).trimmed().isEmpty())
            return usageError(CliCommandLine::tr("--%1 needs a value.").arg(name));
    }
    if (values.contains(QStringLiteral("endpoint-url"))) {
        const QString text = values.value(QStringLiteral("endpoint-url"));
        request.endpoint = QUrl(text, QUrl::StrictMode);
        if (!request.endpoint.isValid() || request.endpoint.host().isEmpty()
            || (request.endpoint.scheme() != QLatin1String("https")
                && request.endpoint.scheme() != QLatin1String("http")))
            return usageError(CliCommandLine::tr("--endpoint-url \u201c%1\u201d is not an http(s) URL with a host "
                                                 "(e.g. https://appflow.eu-west-1.amazonaws.com).").arg(text));
    }
    if (values.contains(QStringLiteral("output"))) {
        const QString format = values.value(QStringLiteral("output")).toLower();
        if (format == QLatin1String("table"))
            request.output = OutputFormat::Table;
        else if (format == QLatin1String("json"))
            request.output = OutputFormat::Json;
        else if (format == QLatin1String("csv"))
            request.output = OutputFormat::Csv;
        else
            return usageError(CliCommandLine::tr("--output \u201c%1\u201d: use table, json or csv.")
                                  .arg(values.value(QStringLiteral("output"))));
    }

    // Command options.
    auto duration = [&values](const QString &name, std::optional<qint64> *out) -> QString {
        if (!values.contains(name))
            return {};
        *out = parseDuration(values.value(name));
        if (!*out || **out <= 0)
            return CliCommandLine::tr("--%1 \u201c%2\u201d is not a duration such as 90s, 15m, 2h, 1d or 1h30m.")
                .arg(name, values.value(name));
        return {};
    };
    if (const QString error = duration(QStringLiteral("since"), &request.sinceSeconds); !error.isEmpty())
        return usageError(error);
    if (const QString error = duration(QStringLiteral("older-than"), &request.olderThanSeconds); !error.isEmpty())
        return usageError(error);
    if (values.contains(QStringLiteral("limit"))) {
        bool ok = false;
        const int limit = values.value(QStringLiteral("limit")).toInt(&ok);
        if (!ok || limit < 1)
            return usageError(CliCommandLine::tr("--limit \u201c%1\u201d is not a positive whole number.")
                                  .arg(values.value(QStringLiteral("limit"))));
        request.limit = limit;
    }
    request.filter = values.value(QStringLiteral("filter"));
    request.activeOnly = values.contains(QStringLiteral("active"));
    request.all = values.contains(QStringLiteral("all"));
    request.allFlows = values.contains(QStringLiteral("all-flows"));
    request.deactivate = values.contains(QStringLiteral("deactivate"));
    request.yes = values.contains(QStringLiteral("yes"));
    request.dryRun = values.contains(QStringLiteral("dry-run"));
    request.noWait = values.contains(QStringLiteral("no-wait"));

    using C = CliRequest::Command;
    switch (request.command) {
    case C::Flows:
    case C::Active:
        if (!positional.isEmpty())
            return usageError(CliCommandLine::tr("\u201c%1\u201d takes no arguments (got \u201c%2\u201d).")
                                  .arg(commandName, positional.first()));
        break;
    case C::History:
        request.flowName = values.value(QStringLiteral("flow"));
        if (!positional.isEmpty())
            return usageError(CliCommandLine::tr("\u201chistory\u201d takes no arguments; use --flow NAME."));
        break;
    case C::Runs:
        if (positional.size() != 1)
            return usageError(CliCommandLine::tr("\u201cruns\u201d needs one flow name: flowdesk-cli runs FLOW."));
        request.flowName = positional.first();
        break;
    case C::Watch:
        if (positional.size() < 2)
            return usageError(CliCommandLine::tr("\u201cwatch\u201d needs a flow name and at least one run ID."));
        request.flowName = positional.takeFirst();
        request.runIds = positional;
        break;
    case C::Cancel: {
        if (request.allFlows) {
            if (!positional.isEmpty())
                return usageError(CliCommandLine::tr("“cancel --all-flows\u201d takes no flow name or run IDs "
                                                     "(got \u201c%1\u201d).").arg(positional.first()));
            if (int(request.all) + int(request.olderThanSeconds.has_value()) != 1)
                return usageError(CliCommandLine::tr("“cancel --all-flows\u201d needs exactly one of --all or "
                                                     "--older-than D, to say which runs."));
            if (request.deactivate)
                return usageError(CliCommandLine::tr("--deactivate names one flow: it cannot be combined with "
                                                     "--all-flows."));
            break;
        }
        if (positional.isEmpty())
            return usageError(CliCommandLine::tr("“cancel\u201d needs a flow name: flowdesk-cli cancel FLOW "
                                                 "(--all | RUN_ID... | --older-than D)."));
        request.flowName = positional.takeFirst();
        request.runIds = positional;
        const int ways = int(request.all) + int(!request.runIds.isEmpty())
            + int(request.olderThanSeconds.has_value());
        if (ways != 1)
            return usageError(CliCommandLine::tr("“cancel\u201d needs exactly one of --all, run IDs or "
                                                 "--older-than D, to say which runs."));
        if (request.runIds.size() > 1000)
            return usageError(CliCommandLine::tr("at most 1,000 run IDs can be cancelled at once."));
        break;
    }
    }
    return request;
}

} // namespace flowdesk::cli
