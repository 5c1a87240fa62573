#include "RunFilterProxyModel.h"

#include "ModelRoles.h"

namespace flowdesk::models {

RunFilterProxyModel::RunFilterProxyModel(QObject *parent)
    : SortProxyModel(parent)
{
    // A status change (and with it ActiveRole) is signalled with the status column's roles;
    // filtering on this role makes the proxy re-check those rows.
    setFilterRole(Roles::ActiveRole);
}

void RunFilterProxyModel::setActiveOnly(bool activeOnly)
{
    if (activeOnly == m_activeOnly)
        return;
    m_activeOnly = activeOnly;
    invalidateFilter();
}

bool RunFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (!m_activeOnly)
        return true;
    return sourceModel()->index(sourceRow, 0, sourceParent).data(Roles::ActiveRole).toBool();
}

} // namespace flowdesk::models
