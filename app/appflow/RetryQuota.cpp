#include "RetryQuota.h"

#include <algorithm>

namespace flowdesk::appflow {

bool RetryQuota::acquire(int amount)
{
    if (amount > m_available)
        return false;
    m_available -= amount;
    return true;
}

void RetryQuota::release(int amount)
{
    m_available = std::min(m_max, m_available + std::max(0, amount));
}

} // namespace flowdesk::appflow
