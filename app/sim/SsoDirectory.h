#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace flowdesk::sim {

// An AWS account assigned to the Identity Center user, with the permission sets (roles) the
// user may take in it.
struct SsoAccount {
    QString accountId;    // 12 digits
    QString accountName;
    QString emailAddress;
    QStringList roles;    // "AppFlowDenied": credentials issued, AppFlow refuses them
};

// The accounts an Identity Center instance assigns to the simulator's user (--accounts N):
// the same for the same seed, so tests and benchmarks can name them.
class SsoDirectory
{
public:
    // N accounts: "<team>-<stage>-NNN", 12-digit IDs, e-mail addresses, 1 to 3 roles each (every
    // account has FlowdeskOperator; about one in three ReadOnly too; one in five also
    // "AppFlowDenied", whose credentials AppFlow refuses with AccessDeniedException).
    static QList<SsoAccount> generate(int count, quint32 seed);
};

} // namespace flowdesk::sim
