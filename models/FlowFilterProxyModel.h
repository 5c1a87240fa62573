#pragma once

#include "SortProxyModel.h"

namespace flowdesk::models {

class FlowListModel;

// Sorts flows as SortProxyModel does and filters them by a text typed by the user: a flow
// stays when the text occurs, ignoring case, in its name, description, or its source or
// destination connector (type or label). The source model must be a FlowListModel.
class FlowFilterProxyModel : public SortProxyModel
{
    Q_OBJECT

public:
    explicit FlowFilterProxyModel(QObject *parent = nullptr);

    void setSourceModel(QAbstractItemModel *sourceModel) override;

    QString filterText() const { return m_filterText; }
    void setFilterText(const QString &text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    FlowListModel *m_flows = nullptr;
    QString m_filterText;
};

} // namespace flowdesk::models
