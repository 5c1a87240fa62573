#include "RetrySettings.h"

#include "AwsConfig.h"

#include <QDir>

namespace flowdesk::aws {

namespace {

// Where a setting came from, for messages: the variable, or the profile and its file.
struct Found {
    QString value;
    QString where;
};

Found lookUp(const QProcessEnvironment &environment, const QString &variable,
             const AwsProfile *profile, const QString &key)
{
    const QString fromEnvironment = environment.value(variable).trimmed();
    if (!fromEnvironment.isEmpty())
        return {fromEnvironment, variable};
    if (profile && profile->has(key))
        return {profile->value(key).trimmed(),
                RetrySettings::tr("profile '%1' (%2)").arg(profile->name, QDir::toNativeSeparators(profile->fileOf(key)))};
    return {};
}

} // namespace

RetrySettings RetrySettings::resolve(const QProcessEnvironment &environment, const AwsProfile *profile)
{
    RetrySettings settings;
    const Found mode = lookUp(environment, QStringLiteral("AWS_RETRY_MODE"), profile,
                              QStringLiteral("retry_mode"));
    if (!mode.value.isEmpty()) {
        settings.modeSource = mode.where;
        const QString value = mode.value.toLower();
        if (value == u"adaptive") {
            settings.mode = Mode::Adaptive;
        } else if (value == u"legacy") {
            settings.note = tr("retry_mode legacy (%1) is not supported; Flowdesk uses standard, "
                               "as the AWS CLI v2 does by default.").arg(mode.where);
        } else if (value != u"standard") {
            settings.error = tr("The retry mode '%1' in %2 is not valid: use standard or adaptive.")
                                 .arg(mode.value, mode.where);
            return settings;
        }
    }
    const Found attempts = lookUp(environment, QStringLiteral("AWS_MAX_ATTEMPTS"), profile,
                                  QStringLiteral("max_attempts"));
    if (!attempts.value.isEmpty()) {
        bool number = false;
        const int value = attempts.value.toInt(&number);
        // At least 1 (no retry); more than 50 would keep a read going for many minutes.
        if (!number || value < 1 || value > 50) {
            settings.error = tr("max_attempts '%1' in %2 is not valid: use a whole number from 1 to 50.")
                                 .arg(attempts.value, attempts.where);
            return settings;
        }
        settings.maxAttempts = value;
    }
    return settings;
}

} // namespace flowdesk::aws
