#include "FleetController.h"

#include <CachingCredentialSource.h>
#include <PortalRoleCredentialSource.h>
#include <SsoCredentialSource.h>

namespace flowdesk::models {

FleetController::FleetController(const QString &name, aws::SsoCredentialSource *login,
                                 fleet::SsoPortalClient *portal,
                                 const fleet::FleetScanner::Settings &settings, QObject *parent)
    : QObject(parent)
    , m_name(name)
    , m_login(login)
    , m_portal(portal)
    , m_settings(settings)
{
    m_login->setParent(this);
    m_portal->setParent(this);
    m_scanner = new fleet::FleetScanner(m_login, m_portal, settings, this);
    connect(m_scanner, &fleet::FleetScanner::regionChanged, this, [this](int index) {
        const fleet::FleetRegionState &state = m_scanner->regions().at(index);
        m_regions.updateRegion(index, state);
        if (state.isFinished())
            m_runs.mergeRegion(state);
    });
    connect(m_scanner, &fleet::FleetScanner::progressChanged, this, &FleetController::progressChanged);
    connect(m_scanner, &fleet::FleetScanner::finished, this, &FleetController::scanFinished);
}

FleetController::~FleetController()
{
    // Connections and the scanner first: their calls abort while the login still exists.
    qDeleteAll(m_connections);
    delete m_scanner;
}

void FleetController::listAccounts()
{
    delete m_listing;
    m_listing = new QObject(this);
    m_accounts.clear();
    m_accountsError.clear();
    m_login->requestAccessToken(m_listing, [this, context = m_listing](const QString &token, const QString &error) {
        if (!error.isEmpty()) {
            m_accountsError = error;
            emit accountsListed();
            return;
        }
        m_portal->listAccounts(token, context, [this, token, context](const fleet::SsoPortalClient::Listing<fleet::SsoPortalClient::Account> &listing) {
            m_accountsError = listing.error;
            for (const auto &account : listing.items)
                m_accounts.append({account, {}, {}});
            m_rolesPending = static_cast<int>(m_accounts.size());
            if (m_rolesPending == 0) {
                emit accountsListed();
                return;
            }
            for (qsizetype i = 0; i < m_accounts.size(); ++i) {
                m_portal->listAccountRoles(token, m_accounts.at(i).account.accountId, context,
                                           [this, i](const fleet::SsoPortalClient::Listing<fleet::SsoPortalClient::Role> &roles) {
                                               for (const auto &role : roles.items)
                                                   m_accounts[i].roles.append(role.roleName);
                                               m_accounts[i].error = roles.error;
                                               if (--m_rolesPending == 0)
                                                   emit accountsListed();
                                           });
            }
        });
    });
}

void FleetController::setLoginHint(const aws::SsoParameters &parameters, const QUrl &oidcEndpoint,
                                   const QString &ssoRegion)
{
    m_signIn.sessionName = parameters.sessionName;
    m_signIn.startUrl = parameters.startUrl;
    m_signIn.cacheDirectory = parameters.cacheDirectory;
    m_signIn.ssoRegion = ssoRegion;
    m_oidcEndpoint = oidcEndpoint;
}

void FleetController::setChoice(const QList<fleet::FleetAccountChoice> &accounts, const QStringList &regions)
{
    m_chosen = accounts;
    m_chosenRegions = regions;
}

void FleetController::refresh()
{
    m_scanner->scan(m_chosen, m_chosenRegions);
    m_regions.setRegions(m_scanner->regions());
    // Runs of accounts × regions no longer chosen leave; the others stay until read again.
    QSet<QString> chosen;
    for (const fleet::FleetRegionState &state : m_scanner->regions())
        chosen.insert(state.accountId + u'/' + state.region);
    QList<fleet::FleetRegionState> gone;
    for (int row = 0; row < m_runs.rowCount(); ++row) {
        const FleetRunRow &run = m_runs.runAt(row);
        if (!chosen.contains(run.accountId + u'/' + run.region)) {
            fleet::FleetRegionState empty;
            empty.accountId = run.accountId;
            empty.region = run.region;
            empty.status = fleet::FleetRegionState::Status::Read;
            gone.append(empty);
            chosen.insert(run.accountId + u'/' + run.region);
        }
    }
    for (const fleet::FleetRegionState &state : gone)
        m_runs.mergeRegion(state);
}

void FleetController::refreshActive()
{
    m_scanner->scan(m_chosen, m_chosenRegions, fleet::FleetScanner::Scope::Active);
    m_regions.setRegions(m_scanner->regions());
}

void FleetController::stop()
{
    m_scanner->stop();
}

QString FleetController::progressText() const
{
    return tr("%1 of %n account-region(s) done", nullptr, static_cast<int>(m_scanner->regions().size()))
        .arg(m_scanner->finishedCount());
}

Connection *FleetController::connectionFor(const QString &accountId, const QString &region)
{
    const QString key = accountId + u'/' + region;
    if (Connection *connection = m_connections.value(key))
        return connection;
    const auto chosen = std::find_if(m_chosen.cbegin(), m_chosen.cend(),
                                     [&](const fleet::FleetAccountChoice &c) { return c.accountId == accountId; });
    if (chosen == m_chosen.cend())
        return nullptr;
    ConnectionInfo info;
    info.kind = ConnectionInfo::Kind::IdentityCenter;
    info.name = chosen->accountName.isEmpty() ? accountId : chosen->accountName;
    info.accountId = accountId;
    info.roleName = chosen->roleName;
    info.region = region;
    const appflow::AppFlowClientConfig config = m_scanner->configFor(region);
    info.endpoint = config.endpoint;
    auto *credentials = new aws::CachingCredentialSource(
        new fleet::PortalRoleCredentialSource(m_login, m_portal, accountId, chosen->roleName, chosen->accountName));
    auto *connection = new Connection(info, credentials, config, this);
    m_connections.insert(key, connection);
    return connection;
}

} // namespace flowdesk::models
