// The AWS shared config and credentials files: AwsIniFile::parse (both kinds) and AwsConfig
// reading them from disk, merging each profile and resolving its services and sso-session
// sections, and the credential_process command split with the AWS CLI's rules.
// Input: the config file, optionally followed by a NUL byte and the credentials file.

#include "FuzzSupport.h"

#include <AwsConfig.h>
#include <AwsIniFile.h>
#include <CommandLineSplitter.h>

#include <QDir>
#include <QFile>
#include <QProcessEnvironment>
#include <QTemporaryDir>

#include <cstdlib>

namespace {

void writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(content) != content.size())
        std::abort(); // the harness itself failed: not a finding in the parser
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace flowdesk::aws;
    const QByteArray input = flowdesk::fuzz::bytes(data, size);
    const qsizetype nul = input.indexOf('\0');
    const QByteArray configText = nul < 0 ? input : input.left(nul);
    const QByteArray credentialsText = nul < 0 ? QByteArray() : input.mid(nul + 1);

    for (const auto kind : {AwsIniFile::Kind::Config, AwsIniFile::Kind::Credentials}) {
        const AwsIniFile file = AwsIniFile::parse(configText, kind, QStringLiteral("fuzz"));
        for (const AwsIniSection &section : file.sections())
            (void)file.section(section.kind, section.name);
        (void)file.names(QStringLiteral("profile"));
    }

    // On tmpfs when there is one: a disk shared with busy neighbours made each open() take
    // tens of milliseconds (6 executions a second).
    static QTemporaryDir home(QDir(QStringLiteral("/dev/shm")).exists()
                                  ? QStringLiteral("/dev/shm/flowdesk-fuzz-XXXXXX")
                                  : QDir::tempPath() + QStringLiteral("/flowdesk-fuzz-XXXXXX"));
    const QString configPath = home.filePath(QStringLiteral("config"));
    const QString credentialsPath = home.filePath(QStringLiteral("credentials"));
    writeFile(configPath, configText);
    writeFile(credentialsPath, credentialsText);
    QProcessEnvironment environment;
    environment.insert(QStringLiteral("HOME"), home.path());
    environment.insert(QStringLiteral("AWS_CONFIG_FILE"), configPath);
    environment.insert(QStringLiteral("AWS_SHARED_CREDENTIALS_FILE"), credentialsPath);
    const AwsConfig config = AwsConfig::load(environment);
    (void)config.profile(config.defaultProfileName());
    for (const QString &name : config.profileNames()) {
        const std::optional<AwsProfile> profile = config.profile(name);
        if (!profile)
            std::abort(); // listed but not found: a real inconsistency
        (void)config.ssoSession(profile->value(QStringLiteral("sso_session")));
        (void)config.expandHome(profile->value(QStringLiteral("web_identity_token_file")));
        const QString command = profile->value(QStringLiteral("credential_process"));
        if (!command.isEmpty()) {
            (void)CommandLineSplitter::splitPosix(command);
            (void)CommandLineSplitter::splitWindows(command);
        }
    }
    return 0;
}
