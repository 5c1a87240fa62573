#pragma once

#include "AwsIniFile.h"

#include <QMap>
#include <QProcessEnvironment>
#include <QString>

#include <optional>

namespace flowdesk::aws {

// One profile as the CLI sees it: the [profile x] section of the config file merged with the
// [x] section of the credentials file (the credentials file wins for keys in both).
struct AwsProfile {
    QString name;
    QMap<QString, QString> values;
    QMap<QString, QString> origin; // key → path of the file it came from, for messages
    // The sub-sections of the [services …] section this profile names with `services = …`,
    // keyed by service ("appflow", "sts", "sso").
    QMap<QString, QMap<QString, QString>> services;

    QString value(const QString &key) const { return values.value(key); }
    bool has(const QString &key) const { return !values.value(key).isEmpty(); }
    QString fileOf(const QString &key) const { return origin.value(key); }
};

// The user's AWS CLI configuration: ~/.aws/config and ~/.aws/credentials (or the files named by
// AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE), read once. The environment is injected so
// tests and the UI can resolve with something other than the process environment.
class AwsConfig
{
public:
    static AwsConfig load(const QProcessEnvironment &environment
                          = QProcessEnvironment::systemEnvironment());

    // False when either file exists but cannot be parsed; errorString() names file and line.
    bool isValid() const { return m_error.isEmpty(); }
    QString errorString() const { return m_error; }

    QString configPath() const { return m_config.fileName(); }
    QString credentialsPath() const { return m_credentials.fileName(); }
    QString homePath() const { return m_home; }
    const QProcessEnvironment &environment() const { return m_environment; }

    // The profile to use when none was chosen: AWS_PROFILE, then AWS_DEFAULT_PROFILE, then
    // "default".
    QString defaultProfileName() const;
    QStringList profileNames() const;
    std::optional<AwsProfile> profile(const QString &name) const;
    // The [sso-session name] section of the config file, nullptr when absent.
    const AwsIniSection *ssoSession(const QString &name) const;
    // The names of every [sso-session name] section, in file order.
    QStringList ssoSessionNames() const;

    // "~/x" and "~" against the home directory used for the files.
    QString expandHome(const QString &path) const;

private:
    QProcessEnvironment m_environment;
    QString m_home;
    AwsIniFile m_config;
    AwsIniFile m_credentials;
    QString m_error;
};

} // namespace flowdesk::aws
