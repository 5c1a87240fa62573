#include "SortProxyModel.h"

#include "ModelRoles.h"

namespace flowdesk::models {

SortProxyModel::SortProxyModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(Roles::SortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
    setSortLocaleAware(true);
    setDynamicSortFilter(true);
}

bool SortProxyModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const bool leftPresent = left.data(sortRole()).isValid();
    const bool rightPresent = right.data(sortRole()).isValid();
    if (leftPresent != rightPresent) {
        // Descending order sorts with lessThan(right, left): answer so that the absent value
        // ends up last either way.
        return sortOrder() == Qt::AscendingOrder ? leftPresent : !leftPresent;
    }
    return QSortFilterProxyModel::lessThan(left, right);
}

} // namespace flowdesk::models
