#pragma once

#include <QSortFilterProxyModel>

namespace flowdesk::models {

// The sorting every Flowdesk table shares: on Roles::SortRole (raw values, so 900 bytes sorts
// below 2 KiB and "10 h ago" below "90 s ago"), strings case-insensitively and locale-aware,
// re-sorted and re-filtered as merges change the rows (dynamic), and absent values ("—") at
// the bottom in both orders — sorting by bytes, descending, shows the biggest runs first, not
// the runs that have not reported yet.
class SortProxyModel : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit SortProxyModel(QObject *parent = nullptr);

protected:
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;
};

} // namespace flowdesk::models
