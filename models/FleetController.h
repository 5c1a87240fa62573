#pragma once

#include "Connection.h"
#include "FleetRegionsModel.h"
#include "FleetRunsModel.h"

#include <FleetScanner.h>
#include <SsoCredentialSource.h>
#include <SsoDeviceLogin.h>
#include <SsoPortalClient.h>

#include <QHash>
#include <QObject>
#include <QPointer>

class QNetworkAccessManager;

namespace flowdesk::aws {
class SsoCredentialSource;
}

namespace flowdesk::models {

// One IAM Identity Center login opened as a fleet: what the Fleet tab shows and acts on.
// Lists the accounts and their roles (for the chooser), scans the chosen accounts × regions
// into FleetRegionsModel and FleetRunsModel as results arrive, and gives each account × region
// a Connection (ConnectionInfo with account ID and role) for cancels, so CancelController
// writes who acted where into the audit log.
class FleetController : public QObject
{
    Q_OBJECT

public:
    struct Account {
        fleet::SsoPortalClient::Account account;
        QStringList roles;   // as the portal lists them
        QString error;       // the roles could not be listed
    };

    // Takes ownership of `login` (the session's token source) and `portal`.
    FleetController(const QString &name, aws::SsoCredentialSource *login, fleet::SsoPortalClient *portal,
                    const fleet::FleetScanner::Settings &settings, QObject *parent = nullptr);
    ~FleetController() override;

    QString name() const { return m_name; } // "sso-session corp"
    FleetRegionsModel *regions() { return &m_regions; }
    FleetRunsModel *runs() { return &m_runs; }
    fleet::FleetScanner *scanner() { return m_scanner; }
    fleet::SsoPortalClient *portal() { return m_portal; }

    // ListAccounts, then ListAccountRoles for each (the portal client paces them); accountsListed()
    // once all have answered. `error` names why the accounts could not be listed at all.
    void listAccounts();
    const QList<Account> &accounts() const { return m_accounts; }
    QString accountsError() const { return m_accountsError; }

    void setChoice(const QList<fleet::FleetAccountChoice> &accounts, const QStringList &regions);
    const QList<fleet::FleetAccountChoice> &chosenAccounts() const { return m_chosen; }
    const QStringList &chosenRegions() const { return m_chosenRegions; }
    void refresh();  // scans the chosen accounts × regions
    // What an auto-refresh does: only the flows with active runs or a new last run are read
    // again (FleetScanner::Scope::Active).
    void refreshActive();
    void stop();

    // The connection of one account × region, made on first use and kept while this lives.
    Connection *connectionFor(const QString &accountId, const QString &region);
    // "312 of 400 account-regions done" (read, or failed with a reason shown in place)
    QString progressText() const;

    // How to sign in again from Flowdesk (device authorization) when the login is missing or
    // expired: the session as ~/.aws/config names it and the OIDC endpoint.
    void setLoginHint(const aws::SsoParameters &parameters, const QUrl &oidcEndpoint, const QString &ssoRegion);
    aws::SsoDeviceLogin::Request signInRequest() const { return m_signIn; }
    QUrl oidcEndpoint() const { return m_oidcEndpoint; }

signals:
    void accountsListed();
    void progressChanged(int finished, int total);
    void scanFinished();

private:
    QString m_name;
    aws::SsoCredentialSource *m_login;
    fleet::SsoPortalClient *m_portal;
    fleet::FleetScanner *m_scanner;
    fleet::FleetScanner::Settings m_settings;
    FleetRegionsModel m_regions;
    FleetRunsModel m_runs;
    QList<Account> m_accounts;
    QString m_accountsError;
    int m_rolesPending = 0;
    QList<fleet::FleetAccountChoice> m_chosen;
    QStringList m_chosenRegions;
    QHash<QString, Connection *> m_connections; // "account/region"
    QObject *m_listing = nullptr; // context of the account listing in flight
    aws::SsoDeviceLogin::Request m_signIn;
    QUrl m_oidcEndpoint;
};

} // namespace flowdesk::models
