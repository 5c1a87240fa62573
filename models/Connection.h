#pragma once

#include <QCoreApplication>

#include "AppFlowClient.h"
#include "AppFlowClientConfig.h"

#include <CredentialSource.h>

#include <QObject>
#include <QPointer>
#include <QUrl>

namespace flowdesk::models {

// Where requests go and as whom: shown in the status bar and the cancel confirmation, and
// written to the audit log, so nobody cancels in the wrong account.
struct ConnectionInfo {
    Q_DECLARE_TR_FUNCTIONS(ConnectionInfo)

public:
    enum class Kind { Profile, Environment, StoredAccount, Explicit, Demo, IdentityCenter };
    Kind kind = Kind::Profile;
    QString name;     // profile or account name; empty for the environment
    QString region;
    QUrl endpoint;
    QUrl chosenEndpoint; // the endpoint the user asked for; empty: resolved by the usual rules
    // Known for Identity Center accounts (name is then the account name): written to the audit
    // log with every cancel, so each entry says which account and role it acted as.
    QString accountId;
    QString roleName;

    bool isDemo() const { return kind == Kind::Demo; }
    // "profile prod-ops", "environment credentials", "account ops-eu", "demo simulator",
    // "Identity Center account payments-prod (123456789012), role FlowdeskOperator"
    QString sourceText() const;
    // "profile prod-ops · eu-west-1 · appflow.eu-west-1.amazonaws.com"
    QString label() const;
    QString endpointHost() const; // host[:port]
};

// One open connection: its credentials, its AppFlow client, and anything that must live as long
// as they do (in demo mode, the in-process simulator the client talks to).
class Connection : public QObject
{
    Q_OBJECT

public:
    // Takes ownership of `credentials` (reparented to this connection).
    Connection(const ConnectionInfo &info, aws::CredentialSource *credentials,
               const appflow::AppFlowClientConfig &config, QObject *parent = nullptr);
    ~Connection() override;

    const ConnectionInfo &info() const { return m_info; }
    appflow::AppFlowClient *client() const { return m_client; }
    aws::CredentialSource *credentials() const { return m_credentials; }

    // Keeps `object` alive exactly as long as this connection (reparents it).
    void adopt(QObject *object);

private:
    ConnectionInfo m_info;
    aws::CredentialSource *m_credentials;
    appflow::AppFlowClient *m_client;
};

} // namespace flowdesk::models
