#pragma once

#include "Connection.h"

#include <QMetaType>
#include <QString>
#include <QUrl>
#include <QVariantMap>

#include <optional>

namespace flowdesk::models {

// What the user picked in the "Open connection" dialog: whose credentials, which region, and
// optionally where to send requests. ConnectionFactory turns it into a Connection the same way
// it turns the command line's --profile/--region/--endpoint-url into one.
struct ConnectionChoice {
    // Profile, Environment or StoredAccount (the dialog never offers Explicit or Demo).
    ConnectionInfo::Kind kind = ConnectionInfo::Kind::Profile;
    QString name;   // profile or stored account name; empty for the environment
    QString region; // always set: one of ConnectionCatalog::appFlowRegions()
    QUrl endpoint;  // empty: the usual resolution (AWS_ENDPOINT_URL_APPFLOW, profile, default)

    friend bool operator==(const ConnectionChoice &, const ConnectionChoice &) = default;

    // The choice that opens `info` again (the connections open at exit are reopened at start).
    static ConnectionChoice fromInfo(const ConnectionInfo &info);
    // Settings form: names only, never a secret. fromVariant() is nullopt for anything that is
    // not a complete choice (a hand-edited or older settings file).
    QVariantMap toVariant() const;
    static std::optional<ConnectionChoice> fromVariant(const QVariant &value);

    // The region to preselect for an entry with no usable default of its own: the one most
    // recently opened with any entry (`recent` oldest first), else us-east-1.
    static QString preferredRegion(const QList<ConnectionChoice> &recent);
};

} // namespace flowdesk::models

Q_DECLARE_METATYPE(flowdesk::models::ConnectionChoice)
