#include "CommandLine.h"

#include <QCommandLineParser>
#include <QCoreApplication>

namespace flowdesk {

QString versionText()
{
    return QCoreApplication::applicationName() + u' ' + QCoreApplication::applicationVersion()
        + QStringLiteral(" (Qt %1, %2 build)")
              .arg(QString::fromLatin1(qVersion()), QStringLiteral(FLOWDESK_BUILD_TYPE));
}

CommandLineRequest parseCommandLine(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("CommandLine", "Administer Amazon AppFlow flows and their runs."));
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption versionOption(QStringList{QStringLiteral("v"), QStringLiteral("version")},
                                           QCoreApplication::translate("CommandLine", "Print the version and exit."));
    parser.addOption(versionOption);

    CommandLineRequest request;
    if (!parser.parse(arguments)) {
        request.action = CommandLineRequest::Action::PrintAndExit;
        request.output = parser.errorText() + u'\n' + parser.helpText();
        request.exitCode = 2;
        return request;
    }
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
    return request;
}

} // namespace flowdesk
