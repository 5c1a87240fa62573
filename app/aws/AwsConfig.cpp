#include "AwsConfig.h"

#include "AwsIniFileCache.h"
#include "CredentialLogging.h"

#include <QDir>

namespace flowdesk::aws {

AwsConfig AwsConfig::load(const QProcessEnvironment &environment)
{
    AwsConfig config;
    config.m_environment = environment;
    config.m_home = environment.value(QStringLiteral("HOME"));
    if (config.m_home.isEmpty())
        config.m_home = environment.value(QStringLiteral("USERPROFILE"));
    if (config.m_home.isEmpty())
        config.m_home = QDir::homePath();

    QString configPath = environment.value(QStringLiteral("AWS_CONFIG_FILE"));
    if (configPath.isEmpty())
        configPath = QStringLiteral("~/.aws/config");
    QString credentialsPath = environment.value(QStringLiteral("AWS_SHARED_CREDENTIALS_FILE"));
    if (credentialsPath.isEmpty())
        credentialsPath = QStringLiteral("~/.aws/credentials");

    // Parsed once per version of each file, however many connections and checks ask.
    config.m_config
        = AwsIniFileCache::load(config.expandHome(configPath), AwsIniFile::Kind::Config);
    config.m_credentials = AwsIniFileCache::load(config.expandHome(credentialsPath),
                                                 AwsIniFile::Kind::Credentials);

    QStringList errors;
    if (!config.m_config.isValid())
        errors << config.m_config.errorString();
    if (!config.m_credentials.isValid())
        errors << config.m_credentials.errorString();
    config.m_error = errors.join(u'\n');
    qCDebug(lcAwsCredentials) << "AWS config" << config.m_config.fileName()
                              << (config.m_config.exists() ? "found" : "absent") << "credentials"
                              << config.m_credentials.fileName()
                              << (config.m_credentials.exists() ? "found" : "absent");
    return config;
}

QString AwsConfig::expandHome(const QString &path) const
{
    if (path == u"~")
        return m_home;
    if (path.startsWith(QStringLiteral("~/")))
        return m_home + path.mid(1);
    return path;
}

QString AwsConfig::defaultProfileName() const
{
    for (const char *variable : {"AWS_PROFILE", "AWS_DEFAULT_PROFILE"}) {
        const QString value = m_environment.value(QLatin1String(variable)).trimmed();
        if (!value.isEmpty())
            return value;
    }
    return QStringLiteral("default");
}

QStringList AwsConfig::profileNames() const
{
    QStringList names = m_config.names(QStringLiteral("profile"));
    for (const QString &name : m_credentials.names(QStringLiteral("profile"))) {
        if (!m_config.section(QStringLiteral("profile"), name)) // a hash lookup, not a scan
            names.append(name);
    }
    return names;
}

std::optional<AwsProfile> AwsConfig::profile(const QString &name) const
{
    const AwsIniSection *fromConfig = m_config.section(QStringLiteral("profile"), name);
    const AwsIniSection *fromCredentials = m_credentials.section(QStringLiteral("profile"), name);
    if (!fromConfig && !fromCredentials)
        return std::nullopt;

    AwsProfile profile;
    profile.name = name;
    for (const auto &[section, path] : {std::pair{fromConfig, m_config.fileName()},
                                        std::pair{fromCredentials, m_credentials.fileName()}}) {
        if (!section)
            continue;
        for (auto it = section->values.cbegin(); it != section->values.cend(); ++it) {
            profile.values.insert(it.key(), it.value());
            profile.origin.insert(it.key(), path);
        }
    }
    const QString servicesName = profile.value(QStringLiteral("services"));
    if (!servicesName.isEmpty()) {
        if (const AwsIniSection *services = m_config.section(QStringLiteral("services"),
                                                             servicesName))
            profile.services = services->subSections;
    }
    return profile;
}

QStringList AwsConfig::ssoSessionNames() const
{
    QStringList names;
    for (const AwsIniSection &section : m_config.sections()) {
        if (section.kind == u"sso-session" && !names.contains(section.name))
            names.append(section.name);
    }
    return names;
}

const AwsIniSection *AwsConfig::ssoSession(const QString &name) const
{
    return m_config.section(QStringLiteral("sso-session"), name);
}

} // namespace flowdesk::aws
