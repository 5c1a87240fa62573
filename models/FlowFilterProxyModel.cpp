#include "FlowFilterProxyModel.h"

#include "FlowListModel.h"
#include "ModelRoles.h"

namespace flowdesk::models {

FlowFilterProxyModel::FlowFilterProxyModel(QObject *parent)
    : SortProxyModel(parent)
{
}

void FlowFilterProxyModel::setSourceModel(QAbstractItemModel *sourceModel)
{
    m_flows = qobject_cast<FlowListModel *>(sourceModel);
    Q_ASSERT_X(!sourceModel || m_flows, "FlowFilterProxyModel", "the source must be a FlowListModel");
    SortProxyModel::setSourceModel(sourceModel);
}

void FlowFilterProxyModel::setFilterText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_filterText)
        return;
    m_filterText = trimmed;
    invalidateFilter();
}

bool FlowFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_filterText.isEmpty() || !m_flows || sourceParent.isValid())
        return true;
    // The fields are read from the record, not formatted: filtering 1,000 flows on every
    // keystroke must not build 1,000 display strings.
    const auto &flow = m_flows->flow(sourceRow);
    const auto has = [this](const QString &field) {
        return field.contains(m_filterText, Qt::CaseInsensitive);
    };
    return has(flow.flowName) || has(flow.description) || has(flow.sourceConnectorType)
        || has(flow.sourceConnectorLabel) || has(flow.destinationConnectorType)
        || has(flow.destinationConnectorLabel);
}

} // namespace flowdesk::models
