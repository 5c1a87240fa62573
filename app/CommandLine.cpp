#include "CommandLine.h"

#include <EndpointResolver.h>
#include <RegionResolver.h>

#include <QCommandLineParser>
#include <QCoreApplication>

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

CommandLineRequest parseCommandLine(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr(
        "Administer Amazon AppFlow flows and their runs.\n\n"
        "Without options Flowdesk connects with your AWS CLI configuration (AWS_PROFILE, "
        "~/.aws/config, ~/.aws/credentials, environment variables); when none is found it opens "
        "the built-in demo simulator."));
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption versionOption(QStringList{QStringLiteral("v"), QStringLiteral("version")},
                                           tr("Print the version and exit."));
    const QCommandLineOption demoOption(QStringLiteral("demo"),
                                        tr("Use the built-in AppFlow simulator (no AWS account needed)."));
    const QCommandLineOption profileOption(QStringLiteral("profile"),
                                           tr("Use this AWS CLI profile."), tr("NAME"));
    const QCommandLineOption regionOption(QStringLiteral("region"),
                                          tr("Use this AWS region (e.g. eu-west-1)."), tr("REGION"));
    const QCommandLineOption endpointOption(QStringLiteral("endpoint-url"),
                                            tr("Send AppFlow requests to this URL (http:// only to loopback)."),
                                            tr("URL"));
    const QCommandLineOption probeOption(QStringLiteral("startup-probe"),
                                         tr("Print the time from start to the first populated flow list (benchmarks)."));
    parser.addOptions({versionOption, demoOption, profileOption, regionOption, endpointOption, probeOption});

    CommandLineRequest request;
    if (!parser.parse(arguments))
        return usageError(parser.errorText(), parser);
    if (parser.isSet(helpOption)) {
        request.action = CommandLineRequest::Action::PrintAndExit;
        request.output = parser.helpText();
        return request;
    }
    if (parser.isSet(versionOption)) {
        request.action = CommandLineRequest::Action::PrintAndExit;
        request.output = versionText() + u'\n';
        return request;
    }
    if (!parser.positionalArguments().isEmpty())
        return usageError(tr("unexpected argument \"%1\".").arg(parser.positionalArguments().first()), parser);

    request.demo = parser.isSet(demoOption);
    request.profile = parser.value(profileOption).trimmed();
    request.region = parser.value(regionOption).trimmed();
    request.startupProbe = parser.isSet(probeOption);
    if (parser.isSet(profileOption) && request.profile.isEmpty())
        return usageError(tr("--profile needs a profile name."), parser);
    if (request.demo && (!request.profile.isEmpty() || parser.isSet(endpointOption)))
        return usageError(tr("--demo cannot be combined with --profile or --endpoint-url."), parser);
    if (!request.region.isEmpty() && !aws::RegionResolver::isValidRegionName(request.region))
        return usageError(tr("\"%1\" is not a valid AWS region name (for example eu-west-1).")
                              .arg(request.region),
                          parser);
    if (parser.isSet(endpointOption)) {
        request.endpoint = QUrl(parser.value(endpointOption), QUrl::StrictMode);
        const QString problem = aws::EndpointResolver::checkUrl(request.endpoint, tr("--endpoint-url"));
        if (!problem.isEmpty())
            return usageError(problem, parser);
    }
    return request;
}

} // namespace flowdesk
