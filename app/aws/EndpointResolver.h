#pragma once

#include <QCoreApplication>

#include "AwsConfig.h"

#include <QProcessEnvironment>
#include <QUrl>

#include <optional>

namespace flowdesk::aws {

// The services Flowdesk talks to, each with its endpoint override names:
// AppFlow: AWS_ENDPOINT_URL_APPFLOW / [services] appflow; STS: AWS_ENDPOINT_URL_STS / sts;
// IAM Identity Center portal: AWS_ENDPOINT_URL_SSO / sso; its OIDC service (token renewal):
// AWS_ENDPOINT_URL_SSO_OIDC / sso_oidc.
enum class AwsService { AppFlow, Sts, Sso, SsoOidc };

struct EndpointResult {
    QUrl url;
    QString signingRegion;
    QString source; // "default", "AWS_ENDPOINT_URL_APPFLOW", "profile prod services", …
    QString error;
    bool ok() const { return error.isEmpty() && url.isValid(); }
};

struct EndpointRequest {
    AwsService service = AwsService::AppFlow;
    QString region;                 // already resolved (RegionResolver); may be empty for STS
    QUrl explicitUrl;               // chosen in the UI / on the command line / by a test
    std::optional<bool> useFips;    // chosen; else AWS_USE_FIPS_ENDPOINT, else the profile
    const AwsProfile *profile = nullptr;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
};

// Where requests go, in the precedence the AWS CLI uses for endpoint overrides:
// explicit > AWS_ENDPOINT_URL_<SERVICE> > AWS_ENDPOINT_URL > the profile's [services] section
// (`<service> =\n  endpoint_url = …`) > the profile's endpoint_url > the default host
// (https://appflow.<region>.amazonaws.com, the FIPS host when asked and available).
// AWS_IGNORE_CONFIGURED_ENDPOINT_URLS / ignore_configure_endpoint_urls turn off all but the
// explicit one. Plain http:// is accepted only for loopback hosts (the simulator).
class EndpointResolver
{
    Q_DECLARE_TR_FUNCTIONS(EndpointResolver)

public:
    static EndpointResult resolve(const EndpointRequest &request);

    // Empty when `url` is acceptable as an endpoint; otherwise why not. `origin` names where it
    // was configured.
    static QString checkUrl(const QUrl &url, const QString &origin);
    // The same for what the user typed or configured: an invalid value is quoted as written
    // (QUrl forgets it) with what is wrong with it.
    static QString checkUrlText(const QString &text, const QString &origin);
    static bool isLoopbackHost(const QString &host);
    static QString serviceKey(AwsService service); // "appflow", "sts", "sso"
};

} // namespace flowdesk::aws
