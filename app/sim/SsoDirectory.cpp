#include "SsoDirectory.h"

#include <QRandomGenerator>

namespace flowdesk::sim {

QList<SsoAccount> SsoDirectory::generate(int count, quint32 seed)
{
    static const char *const kTeams[] = {"payments", "crm", "analytics", "marketing", "support",
                                         "finance", "logistics", "identity", "search", "billing"};
    QRandomGenerator random(seed ^ 0x5350u);
    QList<SsoAccount> accounts;
    accounts.reserve(count);
    for (int i = 0; i < count; ++i) {
        SsoAccount account;
        // Distinct 12-digit IDs: a prefix per seed, then the index.
        account.accountId = QStringLiteral("%1%2").arg(100000 + seed % 800000).arg(i, 6, 10, QLatin1Char('0'));
        const QString team = QLatin1String(kTeams[random.bounded(int(std::size(kTeams)))]);
        const char *stage = i % 3 == 0 ? "prod" : i % 3 == 1 ? "staging" : "dev";
        account.accountName = QStringLiteral("%1-%2-%3").arg(team, QLatin1String(stage)).arg(i, 3, 10, QLatin1Char('0'));
        account.emailAddress = QStringLiteral("aws+%1@example.com").arg(account.accountName);
        account.roles << QStringLiteral("FlowdeskOperator");
        if (random.bounded(3) == 0)
            account.roles << QStringLiteral("ReadOnly");
        if (i % 5 == 4)
            account.roles << QStringLiteral("AppFlowDenied");
        accounts.append(account);
    }
    return accounts;
}

} // namespace flowdesk::sim
