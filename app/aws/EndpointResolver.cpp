#include "EndpointResolver.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QRegularExpression>

namespace flowdesk::aws {

namespace {

bool isTrue(const QString &value)
{
    return value.trimmed().compare(QLatin1String("true"), Qt::CaseInsensitive) == 0;
}

QString envSuffix(AwsService service)
{
    switch (service) {
    case AwsService::AppFlow:
        return QStringLiteral("APPFLOW");
    case AwsService::Sts:
        return QStringLiteral("STS");
    case AwsService::Sso:
        return QStringLiteral("SSO");
    case AwsService::SsoOidc:
        return QStringLiteral("SSO_OIDC");
    }
    return {};
}

QString displayName(AwsService service)
{
    switch (service) {
    case AwsService::AppFlow:
        return QStringLiteral("AppFlow");
    case AwsService::Sts:
        return QStringLiteral("STS");
    case AwsService::Sso:
        return QStringLiteral("IAM Identity Center");
    case AwsService::SsoOidc:
        return QStringLiteral("IAM Identity Center OIDC");
    }
    return {};
}

QString dnsSuffix(const QString &region)
{
    return region.startsWith(QLatin1String("cn-")) ? QStringLiteral("amazonaws.com.cn")
                                                   : QStringLiteral("amazonaws.com");
}

// Regions where AppFlow has a FIPS endpoint: botocore endpoints.json lists these four in the
// aws partition (../shared/reference/appflow/endpoints-appflow.json, "fipsVariants"); the rule
// set's tests add GovCloud.
bool appFlowHasFips(const QString &region)
{
    static const QStringList regions{QStringLiteral("us-east-1"), QStringLiteral("us-east-2"),
                                     QStringLiteral("us-west-1"), QStringLiteral("us-west-2"),
                                     QStringLiteral("us-gov-east-1"),
                                     QStringLiteral("us-gov-west-1")};
    return regions.contains(region);
}

struct Override {
    QString value;
    QString origin;
};

Override configuredOverride(const EndpointRequest &request)
{
    const QProcessEnvironment &env = request.environment;
    const QString specific = QStringLiteral("AWS_ENDPOINT_URL_") + envSuffix(request.service);
    if (!env.value(specific).trimmed().isEmpty())
        return {env.value(specific).trimmed(), specific};
    if (!env.value(QStringLiteral("AWS_ENDPOINT_URL")).trimmed().isEmpty())
        return {env.value(QStringLiteral("AWS_ENDPOINT_URL")).trimmed(),
                QStringLiteral("AWS_ENDPOINT_URL")};
    if (const AwsProfile *profile = request.profile) {
        const QString key = EndpointResolver::serviceKey(request.service);
        const QString fromServices
            = profile->services.value(key).value(QStringLiteral("endpoint_url")).trimmed();
        if (!fromServices.isEmpty())
            return {fromServices,
                    EndpointResolver::tr("[services %1] %2 endpoint_url of profile '%3'")
                        .arg(profile->value(QStringLiteral("services")), key, profile->name)};
        if (profile->has(QStringLiteral("endpoint_url")))
            return {profile->value(QStringLiteral("endpoint_url")),
                    EndpointResolver::tr("endpoint_url of profile '%1'").arg(profile->name)};
    }
    return {};
}

} // namespace

QString EndpointResolver::serviceKey(AwsService service)
{
    return envSuffix(service).toLower();
}

bool EndpointResolver::isLoopbackHost(const QString &host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    QHostAddress address;
    return address.setAddress(host) && address.isLoopback();
}

QString EndpointResolver::checkUrl(const QUrl &url, const QString &origin)
{
    const QString shown = url.toDisplayString(QUrl::RemoveUserInfo);
    if (!url.isValid() || url.host().isEmpty())
        return tr("The endpoint \"%1\" (from %2) is not a valid URL; use e.g. "
                  "https://appflow.eu-west-1.amazonaws.com.").arg(shown, origin);
    if (!url.userInfo().isEmpty())
        return tr("The endpoint \"%1\" (from %2) contains a user name or password; remove it.")
            .arg(shown, origin);
    const QString scheme = url.scheme().toLower();
    if (scheme == u"https")
        return {};
    if (scheme == u"http") {
        if (isLoopbackHost(url.host()))
            return {};
        return tr("Refusing the endpoint \"%1\" (from %2): plain http:// would send signed "
                  "requests unencrypted over the network. Use https://, or http:// only to a "
                  "loopback address such as 127.0.0.1 or localhost (the simulator).")
            .arg(shown, origin);
    }
    return tr("The endpoint \"%1\" (from %2) must start with https:// (or http:// for a loopback "
              "address).").arg(shown, origin);
}

QString EndpointResolver::checkUrlText(const QString &text, const QString &origin)
{
    const QString value = text.trimmed();
    const QUrl url(value, QUrl::StrictMode);
    if (url.isValid() && !url.host().isEmpty())
        return checkUrl(url, origin);
    // Scheme, then the authority (userinfo@host:port), as RFC 3986 splits a URL.
    static const QRegularExpression shape(
        QStringLiteral(R"(^([A-Za-z][A-Za-z0-9+.\-]*)://(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)(?::([^/?#]*))?)"));
    const QRegularExpressionMatch parts = shape.match(value);
    QString problem;
    if (value.isEmpty())
        problem = tr("it is empty");
    else if (!parts.hasMatch())
        problem = tr("it does not start with https:// and a host name");
    else if (parts.captured(2).isEmpty())
        problem = tr("it names no host");
    else if (parts.capturedLength(3) > 0) {
        bool isNumber = false;
        const int port = parts.captured(3).toInt(&isNumber);
        if (!isNumber || port < 1 || port > 65535)
            problem = tr("its port \"%1\" is not a number from 1 to 65535").arg(parts.captured(3));
    }
    if (problem.isEmpty())
        problem = tr("it is not a valid URL (%1)").arg(url.errorString());
    return tr("The endpoint \"%1\" (from %2) cannot be used: %3. Use e.g. "
              "https://appflow.eu-west-1.amazonaws.com.")
        .arg(value, origin, problem);
}

EndpointResult EndpointResolver::resolve(const EndpointRequest &request)
{
    EndpointResult result;
    const AwsService service = request.service;
    const QProcessEnvironment &env = request.environment;
    const AwsProfile *profile = request.profile;

    bool useFips = false;
    if (request.useFips)
        useFips = *request.useFips;
    else if (env.contains(QStringLiteral("AWS_USE_FIPS_ENDPOINT")))
        useFips = isTrue(env.value(QStringLiteral("AWS_USE_FIPS_ENDPOINT")));
    else if (profile)
        useFips = isTrue(profile->value(QStringLiteral("use_fips_endpoint")));

    const bool ignoreConfigured
        = isTrue(env.value(QStringLiteral("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")))
        || (profile && isTrue(profile->value(QStringLiteral("ignore_configure_endpoint_urls"))));

    // STS has a global endpoint signed for us-east-1; everything else needs a region.
    result.signingRegion = request.region;
    if (result.signingRegion.isEmpty() && service == AwsService::Sts)
        result.signingRegion = QStringLiteral("us-east-1");

    Override custom;
    if (!request.explicitUrl.isEmpty())
        custom = {request.explicitUrl.toString(), tr("the chosen endpoint")};
    else if (!ignoreConfigured)
        custom = configuredOverride(request);

    if (!custom.value.isEmpty()) {
        if (useFips && service != AwsService::Sso && service != AwsService::SsoOidc) {
            // As the service's endpoint rule set: a custom endpoint cannot also be made FIPS.
            result.error = tr("Both a custom %1 endpoint (%2) and FIPS endpoints "
                              "(use_fips_endpoint / AWS_USE_FIPS_ENDPOINT) are configured; they "
                              "cannot be combined. Remove one of them.")
                               .arg(displayName(service), custom.origin);
            return result;
        }
        const QUrl url = QUrl(custom.value, QUrl::StrictMode);
        result.error = checkUrlText(custom.value, custom.origin);
        if (!result.error.isEmpty())
            return result;
        if (result.signingRegion.isEmpty()) {
            result.error = tr("No AWS region is set for the %1 endpoint %2; requests are signed "
                              "for a region. Choose one or set AWS_REGION.")
                               .arg(displayName(service), custom.value);
            return result;
        }
        result.url = url;
        result.source = custom.origin;
        return result;
    }

    if (request.region.isEmpty() && service != AwsService::Sts) {
        result.error = tr("No AWS region is set, so there is no %1 endpoint to use. Choose a "
                          "region, set AWS_REGION, or add region to the profile.")
                           .arg(displayName(service));
        return result;
    }

    QString host;
    switch (service) {
    case AwsService::AppFlow:
        if (useFips && !appFlowHasFips(request.region)) {
            result.error = tr("AppFlow has no FIPS endpoint in %1 (it has them in us-east-1, "
                              "us-east-2, us-west-1, us-west-2 and GovCloud). Choose one of those "
                              "regions or turn off use_fips_endpoint / AWS_USE_FIPS_ENDPOINT.")
                               .arg(request.region);
            return result;
        }
        host = (useFips ? QStringLiteral("appflow-fips.") : QStringLiteral("appflow."))
            + request.region + u'.' + dnsSuffix(request.region);
        break;
    case AwsService::Sts:
        if (request.region.isEmpty())
            host = QStringLiteral("sts.amazonaws.com");
        else if (useFips && request.region.startsWith(QLatin1String("us-")))
            host = QStringLiteral("sts-fips.") + request.region + u'.' + dnsSuffix(request.region);
        else
            host = QStringLiteral("sts.") + request.region + u'.' + dnsSuffix(request.region);
        break;
    case AwsService::Sso:
        // The portal has no FIPS variant; the CLI uses this host whatever use_fips says.
        host = QStringLiteral("portal.sso.") + request.region + u'.' + dnsSuffix(request.region);
        break;
    case AwsService::SsoOidc:
        // Neither has the OIDC service: botocore's sso-oidc rule set, without FIPS.
        host = QStringLiteral("oidc.") + request.region + u'.' + dnsSuffix(request.region);
        break;
    }
    result.url.setScheme(QStringLiteral("https"));
    result.url.setHost(host);
    result.source = useFips ? tr("default FIPS endpoint") : tr("default endpoint");
    return result;
}

} // namespace flowdesk::aws
