#pragma once

#include <QRandomGenerator>
#include <QString>
#include <QStringList>

namespace flowdesk::sim {

// Decides, per AppFlow request, whether the simulator misbehaves: throttles, fails with a
// server error, drops the connection, or refuses an operation (--deny). Draws come from a
// seeded generator so a fault sequence is repeatable for a given seed.
class FaultInjector
{
public:
    enum class Fault { None, Drop, Throttle, InternalError, Unavailable };

    struct Settings {
        double throttleRate = 0;
        double errorRate = 0;
        double dropRate = 0;
        QStringList deny;   // "Operation" or "Operation:flowName"
        quint32 seed = 1;
    };

    explicit FaultInjector(const Settings &settings);

    // One draw per request: at most one fault.
    Fault pick();
    bool denies(const QString &operation, const QString &flowName) const;

    // Checks a --deny rule; false with *error naming the problem.
    static bool isValidDenyRule(const QString &rule, QString *error);

private:
    Settings m_settings;
    QRandomGenerator m_random;
};

} // namespace flowdesk::sim
