#include "CommandLine.h"

#include <EndpointResolver.h>
#include <RegionResolver.h>

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdlib>

namespace flowdesk {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("CommandLine", text);
}

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
                               tr("Print the version and exit.")};
    QCommandLineOption demo{QStringLiteral("demo"),
                            tr("Use the built-in AppFlow simulator (no AWS account needed).")};
    QCommandLineOption profile{QStringLiteral("profile"), tr("Use this AWS CLI profile."), tr("NAME")};
    QCommandLineOption region{QStringLiteral("region"), tr("Use this AWS region (e.g. eu-west-1)."),
                              tr("REGION")};
    QCommandLineOption endpoint{QStringLiteral("endpoint-url"),
                                tr("Send AppFlow requests to this URL (http:// only to loopback)."), tr("URL")};
    QCommandLineOption probe{QStringLiteral("startup-probe"),
                             tr("Print the time from start to the first populated flow list (benchmarks).")};

    // One description for parsing and for --help-all.
    void addTo(QCommandLineParser &parser) const
    {
        parser.setApplicationDescription(tr(
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
        return usageError(tr("unexpected argument \"%1\".").arg(parser.positionalArguments().first()), parser);

    request.demo = parser.isSet(options.demo);
    request.profile = parser.value(options.profile).trimmed();
    request.region = parser.value(options.region).trimmed();
    request.startupProbe = parser.isSet(options.probe);
    if (parser.isSet(options.profile) && request.profile.isEmpty())
        return usageError(tr("--profile needs a profile name."), parser);
    if (request.demo && (!request.profile.isEmpty() || parser.isSet(options.endpoint)))
        return usageError(tr("--demo cannot be combined with --profile or --endpoint-url."), parser);
    if (!request.region.isEmpty() && !aws::RegionResolver::isValidRegionName(request.region))
        return usageError(tr("\"%1\" is not a valid AWS region name (for example eu-west-1).")
                              .arg(request.region),
                          parser);
    if (parser.isSet(options.endpoint)) {
        request.endpoint = QUrl(parser.value(options.endpoint), QUrl::StrictMode);
        const QString problem = aws::EndpointResolver::checkUrlText(parser.value(options.endpoint),
                                                                    tr("--endpoint-url"));
        if (!problem.isEmpty())
            return usageError(problem, parser);
    }
    return request;
}

} // namespace flowdesk
