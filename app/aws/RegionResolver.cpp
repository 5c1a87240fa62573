#include "RegionResolver.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace flowdesk::aws {

namespace {
} // namespace

bool RegionResolver::isValidRegionName(const QString &region)
{
    static const QRegularExpression pattern(QStringLiteral("^[a-z0-9]+(-[a-z0-9]+)+$"));
    return pattern.match(region).hasMatch();
}

RegionResult RegionResolver::resolve(const QString &chosen, const QProcessEnvironment &environment,
                                     const AwsProfile *profile)
{
    RegionResult result;
    if (!chosen.trimmed().isEmpty()) {
        result.region = chosen.trimmed();
        result.source = tr("chosen region");
    } else if (!environment.value(QStringLiteral("AWS_REGION")).trimmed().isEmpty()) {
        result.region = environment.value(QStringLiteral("AWS_REGION")).trimmed();
        result.source = QStringLiteral("AWS_REGION");
    } else if (!environment.value(QStringLiteral("AWS_DEFAULT_REGION")).trimmed().isEmpty()) {
        result.region = environment.value(QStringLiteral("AWS_DEFAULT_REGION")).trimmed();
        result.source = QStringLiteral("AWS_DEFAULT_REGION");
    } else if (profile && profile->has(QStringLiteral("region"))) {
        result.region = profile->value(QStringLiteral("region"));
        result.source = tr("profile %1").arg(profile->name);
    } else {
        result.error = profile
            ? tr("No AWS region is set. Choose one in Flowdesk, set AWS_REGION, or add "
                 "\"region = us-east-1\" (for example) to profile '%1' in ~/.aws/config.")
                  .arg(profile->name)
            : tr("No AWS region is set. Choose one in Flowdesk or set AWS_REGION.");
        return result;
    }
    if (!isValidRegionName(result.region))
        result.error = tr("\"%1\" (from %2) is not a valid AWS region name such as "
                          "\"eu-west-1\".").arg(result.region, result.source);
    return result;
}

} // namespace flowdesk::aws
