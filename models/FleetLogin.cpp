#include "FleetLogin.h"

#include <AwsConfig.h>
#include <RegionResolver.h>

#include <QSet>
#include <QUrl>

namespace flowdesk::models {

QString FleetLogin::label() const
{
    switch (kind) {
    case Kind::Session: return tr("sso-session %1").arg(name);
    case Kind::LegacyProfile: return tr("profile %1 (%2)").arg(name, startUrl);
    case Kind::StartUrl: return startUrl;
    case Kind::Demo: break;
    }
    return tr("demo fleet");
}

QList<FleetLogin> FleetLogin::fromConfig(const aws::AwsConfig &config)
{
    QList<FleetLogin> logins;
    for (const QString &session : config.ssoSessionNames())
        logins.append({Kind::Session, session, {}, {}});
    QSet<QString> startUrls;
    for (const QString &name : config.profileNames()) {
        const std::optional<aws::AwsProfile> profile = config.profile(name);
        if (!profile || profile->has(QStringLiteral("sso_session")) || !profile->has(QStringLiteral("sso_start_url")))
            continue;
        const QString startUrl = profile->value(QStringLiteral("sso_start_url"));
        if (startUrls.contains(startUrl))
            continue;
        startUrls.insert(startUrl);
        logins.append({Kind::LegacyProfile, name, startUrl, profile->value(QStringLiteral("sso_region"))});
    }
    return logins;
}

QString FleetLogin::checkStartUrl(const QString &startUrl, const QString &region)
{
    const QUrl url(startUrl.trimmed(), QUrl::StrictMode);
    if (startUrl.trimmed().isEmpty())
        return tr("Enter the AWS access portal URL, e.g. https://my-company.awsapps.com/start.");
    if (!url.isValid() || url.scheme() != u"https" || url.host().isEmpty())
        return tr("\"%1\" is not an https:// address. The AWS access portal URL looks like "
                  "https://my-company.awsapps.com/start.").arg(startUrl.trimmed());
    if (!aws::RegionResolver::isValidRegionName(region.trimmed()))
        return tr("\"%1\" is not a region name. Enter the region of your IAM Identity Center, e.g. us-east-1.")
            .arg(region.trimmed());
    return {};
}

} // namespace flowdesk::models
