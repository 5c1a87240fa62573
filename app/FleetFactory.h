#pragma once

#include <FleetLogin.h>

#include <QCoreApplication>
#include <QStringList>

class QNetworkAccessManager;

namespace flowdesk {

namespace models {
class FleetController;
}

struct FleetAttempt {
    models::FleetController *fleet = nullptr; // the caller owns it
    QString error;                            // why it could not be opened, and what to do
};

// Opens an IAM Identity Center login as a fleet: an [sso-session] of ~/.aws/config, a legacy
// sso_start_url profile, or a start URL and region typed in (the token `aws sso login` cached,
// or Flowdesk's own sign-in wrote, in ~/.aws/sso/cache; the portal, OIDC and AppFlow endpoints
// resolved as the AWS CLI does), or the demo fleet: the simulator with a dozen accounts in two
// regions, signed in already.
class FleetFactory
{
    Q_DECLARE_TR_FUNCTIONS(FleetFactory)

public:
    static QStringList ssoSessionNames();
    static FleetAttempt open(const models::FleetLogin &login, QNetworkAccessManager *network);
    static FleetAttempt openSession(const QString &sessionName, QNetworkAccessManager *network);
    static FleetAttempt openDemo(QNetworkAccessManager *network);

    static constexpr int kDemoAccounts = 12;
};

} // namespace flowdesk
