#pragma once

#include "Connection.h"

#include <QMetaType>
#include <QString>
#include <QUrl>

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
};

} // namespace flowdesk::models

Q_DECLARE_METATYPE(flowdesk::models::ConnectionChoice)
