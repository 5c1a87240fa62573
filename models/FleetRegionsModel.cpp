#include "FleetRegionsModel.h"

#include "ModelRoles.h"

namespace flowdesk::models {

using Status = fleet::FleetRegionState::Status;

FleetRegionsModel::FleetRegionsModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void FleetRegionsModel::setRegions(const QList<fleet::FleetRegionState> &regions)
{
    bool same = regions.size() == m_regions.size();
    for (qsizetype i = 0; same && i < regions.size(); ++i)
        same = regions.at(i).accountId == m_regions.at(i).accountId && regions.at(i).region == m_regions.at(i).region;
    if (!same) {
        beginResetModel();
        m_regions = regions;
        endResetModel();
        return;
    }
    m_regions = regions;
    if (!m_regions.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

void FleetRegionsModel::updateRegion(int row, const fleet::FleetRegionState &region)
{
    if (row < 0 || row >= m_regions.size())
        return;
    m_regions[row] = region;
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

QString FleetRegionsModel::stateText(const fleet::FleetRegionState &region)
{
    const QString why = !region.error ? QString()
        : region.error->codeText().isEmpty() ? appflow::AppFlowError::textForCode(region.error->code())
                                             : region.error->codeText();
    switch (region.status) {
    case Status::Waiting: return tr("Waiting");
    case Status::Reading: return tr("Reading…");
    case Status::Read: return tr("Read");
    case Status::Partial:
        return region.unreadFlows > 0
            ? tr("Partial: runs of %n flow(s) unread (%1)", nullptr, region.unreadFlows).arg(why)
            : tr("Partial: the flow list is incomplete (%1)").arg(why);
    case Status::Failed:
        break;
    }
    if (region.error && region.error->code() == appflow::AppFlowError::Code::Aborted)
        return tr("Not read: the scan was stopped");
    if (region.error && region.error->codeText() == u"UnrecognizedClientException")
        return tr("Failed: credentials not accepted in this region (is it enabled for the account?)");
    if (region.error && region.error->code() == appflow::AppFlowError::Code::AccessDenied)
        return tr("Failed: role %1 may not read AppFlow here (AccessDeniedException)").arg(region.roleName);
    if (region.error && region.error->code() == appflow::AppFlowError::Code::CredentialsUnavailable)
        return tr("Failed: no credentials: %1").arg(region.error->message());
    return tr("Failed: %1").arg(region.error ? region.error->toString() : tr("unknown error"));
}

int FleetRegionsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_regions.size());
}

int FleetRegionsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FleetRegionsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const fleet::FleetRegionState &r = m_regions.at(index.row());
    const bool known = r.status == Status::Read || r.status == Status::Partial;
    switch (role) {
    case Qt::DisplayRole:
    case Roles::SortRole:
        switch (index.column()) {
        case AccountColumn: return r.accountName.isEmpty() ? r.accountId : r.accountName;
        case AccountIdColumn: return r.accountId;
        case RoleColumn: return r.roleName;
        case RegionColumn: return r.region;
        // Unknown is shown as unknown: a dash, not 0, until the region was read.
        case FlowsColumn:
            return r.flowCount >= 0 ? QVariant(r.flowCount) : (role == Qt::DisplayRole ? QVariant(QStringLiteral("—")) : QVariant());
        case ActiveRunsColumn:
            return known ? QVariant(static_cast<int>(r.activeRuns.size()))
                         : (role == Qt::DisplayRole ? QVariant(QStringLiteral("—")) : QVariant());
        case StateColumn: return stateText(r);
        default: return {};
        }
    case Qt::ToolTipRole:
        if (index.column() == StateColumn && r.error)
            return r.error->toString();
        return data(index, Qt::DisplayRole);
    case Qt::TextAlignmentRole:
        if (index.column() == FlowsColumn || index.column() == ActiveRunsColumn)
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        return {};
    case Roles::ToneRole:
        if (index.column() != StateColumn)
            return {};
        return static_cast<int>(r.status == Status::Failed ? Tone::Error
                                : r.status == Status::Partial ? Tone::Warning : Tone::Neutral);
    default:
        return {};
    }
}

QVariant FleetRegionsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case AccountColumn: return tr("Account");
    case AccountIdColumn: return tr("Account ID");
    case RoleColumn: return tr("Role");
    case RegionColumn: return tr("Region");
    case FlowsColumn: return tr("Flows");
    case ActiveRunsColumn: return tr("Active runs");
    case StateColumn: return tr("State");
    default: return {};
    }
}

} // namespace flowdesk::models
