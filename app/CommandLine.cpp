#include "CommandLine.h"

#include <EndpointResolver.h>
#include <RegionResolver.h>

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdlib>

namespace flowdesk {

namespace {

// The translation context of the command line's texts (free functions): lupdate reads Name::tr("...") calls, not a
// home-made tr() helper.
class CommandLine
{
    Q_DECLARE_TR_FUNCTIONS(CommandLine)
};

CommandLineRequest usageError(const QString &message, const QCommandLineParser &parser)
{
    CommandLineRequest request;
    request.action = CommandLineRequest::Action::PrintAndExit;
    request.output = QStringLiteral("flowdesk: ") + message + u'\n' + parser.helpText();
    request.exitCode = 2;
    return request;
}

} // namespace

QString versionText()
{
    return QCoreApplication::applicationName() + u' ' + QCoreApplication::applicationVersion()
        + QStringLiteral(" (Qt %1, %2 build)")
              .arg(QString::fromLatin1(qVersion()), QStringLiteral(FLOWDESK_BUILD_TYPE));
}

namespace {

// Flowdesk's own options (help and --help-all are Qt's, added by addTo()).
struct FlowdeskOptions {
    QCommandLineOption version{QStringList{QStringLiteral("v"), QStringLiteral("version")},
                               CommandLine::tr("Print the version and exit.")};
    QCommandLineOption demo{QStringLiteral("demo"),
                            CommandLine::tr("Use the built-in AppFlow simulator (no AWS account needed).")};
    QCommandLineOption profile{QStringLiteral("profile"), CommandLine::tr("Use this AWS CLI profile."), CommandLine::tr("NAME")};
    QCommandLineOption region{QStringLiteral("region"), CommandLine::tr("Use this AWS region (e.g. eu-west-1)."),
                              CommandLine::tr("REGION")};
    QCommandLineOption endpoint{QStringLiteral("endpoint-url"),
                                CommandLine::tr("Send AppFlow requests to this URL (http:// only to loopback)."), CommandLine::tr("URL")};
    QCommandLineOption probe{QStringLiteral("startup-probe"),
                             CommandLine::tr("Print the time from start to the first populated flow list (benchmarks).")};

    // One description for parsing and for --help-all.
    void addTo(QCommandLineParser &parser) const
    {
        parser.setApplicationDescription(CommandLine::tr(
            "Administer Amazon AppFlow flows and their runs.\n\n"
            "Without options Flowdesk connects with your AWS CLI configuration (AWS_PROFILE, "
            "~/.aws/config, ~/.aws/credentials, environment variables); when none is found it opens "
            "the built-in demo simulator."));
        parser.addHelpOption(); // -h, --help, -? and --help-all (which adds Qt's own options)
        parser.addOptions({version, demo, profile, region, endpoint, probe});
    }
};

} // namespace

void showHelpWithQtOptionsAndExit(const QStringList &arguments)
{
    // QCommandLineParser writes the options of the application object that exists (with a
    // QApplication: -style, -platform, -reverse, …) only from process(); it exits there.
    QCommandLineParser parser;
    FlowdeskOptions().addTo(parser);
    parser.process(QStringList{arguments.value(0, QStringLiteral("flowdesk")), QStringLiteral("--help-all")});
    std::exit(EXIT_SUCCESS); // not reached: process() exits after printing
}

CommandLineRequest parseCommandLine(const QStringList &arguments)
{
    QCommandLineParser parser;
    const FlowdeskOptions options;
    options.addTo(parser);

    CommandLineRequest request;
    if (!parser.parse(arguments))
        return usageError(parser.errorText(), parser);
    if (parser.isSet(QStringLiteral("help-all"))) {
        request.action = CommandLineRequest::Action::PrintHelpAll;
        return request;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        request.action = CommandLineRequest::Action::PrintAndExit;
        request.output = parser.helpText();
        return request;
    }
    if (parser.isSet(options.version)) {
        request.action = CommandLineRequest::Action::PrintAndExit;
        request.output = versionText() + u'\n';
        return request;
    }
    if (!parser.positionalArguments().isEmpty())
        return usageError(CommandLine::tr("unexpected argument \"%1\".").arg(parser.positionalArguments().first()), parser);

    request.demo = parser.isSet(options.demo);
    request.profile = parser.value(options.profile).trimmed();
    request.region = parser.value(options.region).trimmed();
    request.startupProbe = parser.isSet(options.probe);
    if (parser.isSet(options.profile) && request.profile.isEmpty())
        return usageError(CommandLine::tr("--profile needs a profile name."), parser);
    if (request.demo && (!request.profile.isEmpty() || parser.isSet(options.endpoint)))
        return usageError(CommandLine::tr("--demo cannot be combined with --profile or --endpoint-url."), parser);
    if (!request.region.isEmpty() && !aws::RegionResolver::isValidRegionName(request.region))
        return usageError(CommandLine::tr("\"%1\" is not a valid AWS region name (for example eu-west-1).")
                              .arg(request.region),
                          parser);
    if (parser.isSet(options.endpoint)) {
        request.endpoint = QUrl(parser.value(options.endpoint), QUrl::StrictMode);
        const QString problem = aws::EndpointResolver::checkUrlText(parser.value(options.endpoint),
                                                                    CommandLine::tr("--endpoint-url"));
        if (!problem.isEmpty())
            return usageError(problem, parser);
    }
    return request;
}

} // namespace flowdesk
