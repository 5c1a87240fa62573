#include "Connection.h"

#include <QCoreApplication>

namespace flowdesk::models {

namespace {
} // namespace

QString ConnectionInfo::sourceText() const
{
    switch (kind) {
    case Kind::Profile:
        return tr("profile %1").arg(name);
    case Kind::Environment:
        return tr("environment credentials");
    case Kind::StoredAccount:
        return tr("account %1").arg(name);
    case Kind::Explicit:
        return tr("explicit credentials");
    case Kind::IdentityCenter:
        return tr("Identity Center account %1 (%2), role %3").arg(name, accountId, roleName);
    case Kind::Demo:
        break;
    }
    return tr("demo simulator");
}

QString ConnectionInfo::endpointHost() const
{
    const int port = endpoint.port();
    return port > 0 ? QStringLiteral("%1:%2").arg(endpoint.host()).arg(port) : endpoint.host();
}

QString ConnectionInfo::label() const
{
    return QStringLiteral("%1 \u00b7 %2 \u00b7 %3").arg(sourceText(), region, endpointHost());
}

Connection::Connection(const ConnectionInfo &info, aws::CredentialSource *credentials,
                       const appflow::AppFlowClientConfig &config, QObject *parent)
    : QObject(parent)
    , m_info(info)
    , m_credentials(credentials)
    , m_client(nullptr)
{
    m_credentials->setParent(this);
    m_client = new appflow::AppFlowClient(config, m_credentials, this);
}

Connection::~Connection()
{
    // The client first: its in-flight calls abort while the credentials and the simulator they
    // talk to still exist.
    delete m_client;
}

void Connection::adopt(QObject *object)
{
    object->setParent(this);
}

} // namespace flowdesk::models
