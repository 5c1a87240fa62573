#pragma once

#include <QCoreApplication>
#include <QMetaType>
#include <QList>
#include <QString>

namespace flowdesk::aws {
class AwsConfig;
}

namespace flowdesk::models {

// Which IAM Identity Center login a fleet reads, as the user picks it: an [sso-session] of
// ~/.aws/config, a profile with the legacy sso_start_url / sso_region keys (what
// `aws configure sso` wrote before sso-sessions), a start URL and region typed in, or the
// built-in demo fleet.
struct FleetLogin {
    Q_DECLARE_TR_FUNCTIONS(FleetLogin)

public:
    enum class Kind { Demo, Session, LegacyProfile, StartUrl };
    Kind kind = Kind::Demo;
    QString name;     // the sso-session or profile; empty for StartUrl and Demo
    QString startUrl; // LegacyProfile and StartUrl (a Session's comes from its section)
    QString region;   // LegacyProfile and StartUrl: the sso_region

    // How the chooser lists it: "sso-session corp", "profile old-admin (https://…/start)".
    QString label() const;

    // The logins ~/.aws/config offers: every [sso-session], then the legacy profiles, one per
    // start URL (many profiles of one login differ only in account and role, which the fleet
    // chooses itself); a legacy profile that names an sso_session is that session's.
    static QList<FleetLogin> fromConfig(const aws::AwsConfig &config);

    // Empty when a typed start URL and region can be used; else what is wrong with them.
    static QString checkStartUrl(const QString &startUrl, const QString &region);
};

} // namespace flowdesk::models

Q_DECLARE_METATYPE(flowdesk::models::FleetLogin)
