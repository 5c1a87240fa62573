#include "ConnectionChoice.h"

#include "ConnectionCatalog.h"

namespace flowdesk::models {

namespace {
QString kindKey(ConnectionInfo::Kind kind)
{
    switch (kind) {
    case ConnectionInfo::Kind::Profile: return QStringLiteral("profile");
    case ConnectionInfo::Kind::Environment: return QStringLiteral("environment");
    case ConnectionInfo::Kind::StoredAccount: return QStringLiteral("account");
    case ConnectionInfo::Kind::Demo: return QStringLiteral("demo");
    case ConnectionInfo::Kind::Explicit:
    case ConnectionInfo::Kind::IdentityCenter: // opened from the Fleet tab, not remembered as a choice
        break;
    }
    return {};
}
} // namespace

ConnectionChoice ConnectionChoice::fromInfo(const ConnectionInfo &info)
{
    ConnectionChoice choice;
    choice.kind = info.kind;
    choice.name = info.name;
    choice.region = info.region;
    choice.endpoint = info.chosenEndpoint;
    return choice;
}

QVariantMap ConnectionChoice::toVariant() const
{
    QVariantMap map{{QStringLiteral("kind"), kindKey(kind)}, {QStringLiteral("region"), region}};
    if (!name.isEmpty())
        map.insert(QStringLiteral("name"), name);
    if (!endpoint.isEmpty())
        map.insert(QStringLiteral("endpoint"), endpoint.toString());
    return map;
}

std::optional<ConnectionChoice> ConnectionChoice::fromVariant(const QVariant &value)
{
    const QVariantMap map = value.toMap();
    ConnectionChoice choice;
    const QString kind = map.value(QStringLiteral("kind")).toString();
    bool known = false;
    for (ConnectionInfo::Kind candidate : {ConnectionInfo::Kind::Profile, ConnectionInfo::Kind::Environment,
                                           ConnectionInfo::Kind::StoredAccount, ConnectionInfo::Kind::Demo}) {
        if (kind == kindKey(candidate)) {
            choice.kind = candidate;
            known = true;
        }
    }
    choice.name = map.value(QStringLiteral("name")).toString();
    choice.region = map.value(QStringLiteral("region")).toString();
    const QString endpoint = map.value(QStringLiteral("endpoint")).toString();
    choice.endpoint = endpoint.isEmpty() ? QUrl() : QUrl(endpoint, QUrl::StrictMode);
    const bool needsName = choice.kind == ConnectionInfo::Kind::Profile
        || choice.kind == ConnectionInfo::Kind::StoredAccount;
    if (!known || choice.region.isEmpty() || (needsName && choice.name.isEmpty())
        || (!endpoint.isEmpty() && !choice.endpoint.isValid()))
        return std::nullopt;
    return choice;
}

QString ConnectionChoice::preferredRegion(const QList<ConnectionChoice> &recent)
{
    for (auto choice = recent.crbegin(); choice != recent.crend(); ++choice) {
        if (ConnectionCatalog::isAppFlowRegion(choice->region))
            return choice->region;
    }
    return QStringLiteral("us-east-1"); // where the AWS console and most examples start
}

} // namespace flowdesk::models
