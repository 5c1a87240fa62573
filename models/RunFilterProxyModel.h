#pragma once

#include "SortProxyModel.h"

namespace flowdesk::models {

// Sorts runs as SortProxyModel does (times, durations, counts and bytes as numbers) and, with
// "active runs only" on, hides every run that is not in progress or cancelling (Roles::ActiveRole).
// Works over RunListModel and ActiveRunsModel alike. A run that finishes while the filter is on
// leaves the view at the refresh that reports it (dynamic filtering).
class RunFilterProxyModel : public SortProxyModel
{
    Q_OBJECT

public:
    explicit RunFilterProxyModel(QObject *parent = nullptr);

    bool activeOnly() const { return m_activeOnly; }
    void setActiveOnly(bool activeOnly);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    bool m_activeOnly = false;
};

} // namespace flowdesk::models
