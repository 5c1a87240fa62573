#pragma once

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

// Opens an IAM Identity Center login as a fleet: an [sso-session] of ~/.aws/config (its start
// URL and region, the token `aws sso login` cached, the portal, OIDC and AppFlow endpoints
// resolved as the AWS CLI does), or the demo fleet: the simulator with a dozen accounts in two
// regions, signed in already.
class FleetFactory
{
    Q_DECLARE_TR_FUNCTIONS(FleetFactory)

public:
    static QStringList ssoSessionNames();
    static FleetAttempt openSession(const QString &sessionName, QNetworkAccessManager *network);
    static FleetAttempt openDemo(QNetworkAccessManager *network);

    static constexpr int kDemoAccounts = 12;
};

} // namespace flowdesk
