// flowdesk-sigv4-suite: runs the SigV4 test vectors found under the given folders through
// flowdesk_aws's signer and reports, per case, which step (canonical request, string to sign,
// signature, Authorization / presigned query) differs from the expected files.

#include "BotocoreCaseLoader.h"
#include "CaseFinder.h"
#include "CaseRunner.h"
#include "CrtCaseLoader.h"
#include "DerivedCaseLoader.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

using namespace flowdesk::aws::suite;

namespace {

std::optional<SuiteCase> loadCase(const CaseLocation &location, const SuiteDefaults &defaults,
                                  QString *error)
{
    switch (location.format) {
    case CaseLocation::Format::AwsCrt:
        return CrtCaseLoader::load(location.directory, location.name, error);
    case CaseLocation::Format::Derived:
        return DerivedCaseLoader::load(location.directory, location.name, defaults, error);
    case CaseLocation::Format::Botocore:
        return BotocoreCaseLoader::load(location.directory, location.baseName, location.name,
                                        defaults, error);
    }
    return std::nullopt;
}

QString formatName(CaseLocation::Format format)
{
    switch (format) {
    case CaseLocation::Format::AwsCrt:
        return QStringLiteral("aws-c-auth");
    case CaseLocation::Format::Derived:
        return QStringLiteral("derived");
    case CaseLocation::Format::Botocore:
        return QStringLiteral("botocore");
    }
    return {};
}

QString stepName(const StepCheck &check)
{
    return check.variant.isEmpty() ? check.step : check.variant + u' ' + check.step;
}

const char description[] = R"(Runs AWS Signature Version 4 test vectors through Flowdesk's signer.

Every folder given is searched recursively. A case is recognised by its files:
  aws-c-auth  request.txt + context.json + header-*.txt / query-*.txt
              (aws-c-auth tests/aws-signing-test-suite/v4)
  botocore    <name>.req + <name>.creq + <name>.sts + <name>.authz
              (botocore tests/unit/auth/aws4_testsuite)
  derived     request.txt + header-*.txt / query-*.txt without context.json
              (smithy-rs extras): time, region and service come from the expected
              string to sign, the access key ID from the expected Credential.
Formats without credentials are signed with the secret given by --secret-access-key
(default: the suites' published example key).

Request-line paths are taken raw, exactly as written, and encoded once by the signer.

Header signing runs when a case has header files (always for botocore), query
(presigned URL) signing when it has query files. The canonical request, string to
sign, signature and Authorization header / presigned query are compared separately.

Counting: a CASE counts once. A case with both header and query files passes only if
every step of both variants matches; otherwise one FAIL line names the first step that
differs (with a hint where) and lists the other differing steps.

The last line is "N passed, M failed". Exit status: 0 when every case passed, 1 when
any failed, 2 when a folder is unusable or no case was found.)";

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("flowdesk-sigv4-suite"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FLOWDESK_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QString::fromUtf8(description));
    parser.addHelpOption();
    const QCommandLineOption verboseOption({QStringLiteral("v"), QStringLiteral("verbose")},
                                           QStringLiteral("Print every case and each step."));
    const QCommandLineOption secretOption(
        QStringLiteral("secret-access-key"),
        QStringLiteral("Secret for formats that do not store one (default: the suites' example "
                       "key)."),
        QStringLiteral("key"));
    parser.addOption(verboseOption);
    parser.addOption(secretOption);
    parser.addPositionalArgument(QStringLiteral("DIR"),
                                 QStringLiteral("Folders to search for cases."),
                                 QStringLiteral("DIR..."));
    parser.process(app);

    QTextStream out(stdout);
    QTextStream err(stderr);
    const QStringList roots = parser.positionalArguments();
    if (roots.isEmpty()) {
        err << "flowdesk-sigv4-suite: give at least one folder of test cases (see --help)\n";
        return 2;
    }
    SuiteDefaults defaults;
    if (parser.isSet(secretOption))
        defaults.secretAccessKey = parser.value(secretOption);
    const bool verbose = parser.isSet(verboseOption);

    int passed = 0;
    int failed = 0;
    bool unusableFolder = false;
    for (const QString &root : roots) {
        QString findError;
        const QList<CaseLocation> locations = CaseFinder::find(root, &findError);
        if (!findError.isEmpty()) {
            err << "flowdesk-sigv4-suite: " << findError << '\n';
            unusableFolder = true;
            continue;
        }
        for (const CaseLocation &location : locations) {
            if (verbose)
                out << "case " << location.name << " (" << formatName(location.format) << ")\n";
            QString loadError;
            const std::optional<SuiteCase> suiteCase = loadCase(location, defaults, &loadError);
            if (!suiteCase) {
                out << "FAIL " << location.name << ": cannot load the case: " << loadError
                    << '\n';
                ++failed;
                continue;
            }
            const QList<StepCheck> checks = CaseRunner::run(*suiteCase);
            QStringList failedSteps;
            const StepCheck *firstFailure = nullptr;
            for (const StepCheck &check : checks) {
                if (verbose)
                    out << "  " << stepName(check) << ": " << (check.passed ? "ok" : "DIFFERS")
                        << (check.passed ? QString() : u" (" + check.hint + u')') << '\n';
                if (!check.passed) {
                    if (!firstFailure)
                        firstFailure = &check;
                    else
                        failedSteps << stepName(check);
                }
            }
            if (!firstFailure) {
                ++passed;
                continue;
            }
            ++failed;
            out << "FAIL " << location.name << " (" << formatName(location.format) << "): "
                << stepName(*firstFailure) << " differs: " << firstFailure->hint;
            if (!failedSteps.isEmpty())
                out << "; also differs: " << failedSteps.join(QStringLiteral(", "));
            out << '\n';
        }
    }

    if (passed + failed == 0 && !unusableFolder)
        err << "flowdesk-sigv4-suite: no test case found under " << roots.join(u' ') << '\n';
    out << passed << " passed, " << failed << " failed\n";
    out.flush();
    if (unusableFolder || passed + failed == 0)
        return 2;
    return failed > 0 ? 1 : 0;
}
