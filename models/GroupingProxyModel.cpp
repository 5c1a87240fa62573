#include "GroupingProxyModel.h"

#include "ModelRoles.h"

#include <algorithm>
#include <utility>

namespace flowdesk::models {

namespace {

// Groups in display order: by label as people read it, the key breaking ties (two accounts
// may share a name; their IDs differ).
bool groupBefore(const QString &labelA, const QString &keyA, const QString &labelB, const QString &keyB)
{
    const int byLabel = QString::localeAwareCompare(labelA, labelB);
    return byLabel != 0 ? byLabel < 0 : keyA < keyB;
}

int rowPosition(const QList<int> &rows, int sourceRow)
{
    return static_cast<int>(std::lower_bound(rows.cbegin(), rows.cend(), sourceRow) - rows.cbegin());
}

} // namespace

GroupingProxyModel::GroupingProxyModel(QObject *parent)
    : QAbstractProxyModel(parent)
    , m_labelFormat([](const QString &label, int count) { return QStringLiteral("%1 (%2)").arg(label).arg(count); })
{
}

GroupingProxyModel::~GroupingProxyModel() = default;

void GroupingProxyModel::setSourceModel(QAbstractItemModel *source)
{
    beginResetModel();
    for (const QMetaObject::Connection &connection : std::as_const(m_sourceConnections))
        disconnect(connection);
    m_sourceConnections.clear();
    QAbstractProxyModel::setSourceModel(source);
    if (source) {
        m_sourceConnections = {
            connect(source, &QAbstractItemModel::modelAboutToBeReset, this, [this] { beginResetModel(); }),
            connect(source, &QAbstractItemModel::modelReset, this, [this] {
                rebuild();
                endResetModel();
            }),
            connect(source, &QAbstractItemModel::rowsInserted, this, &GroupingProxyModel::onRowsInserted),
            connect(source, &QAbstractItemModel::rowsAboutToBeRemoved, this, &GroupingProxyModel::onRowsAboutToBeRemoved),
            connect(source, &QAbstractItemModel::rowsRemoved, this, &GroupingProxyModel::onRowsRemoved),
            connect(source, &QAbstractItemModel::dataChanged, this, &GroupingProxyModel::onDataChanged),
            connect(source, &QAbstractItemModel::layoutAboutToBeChanged, this, &GroupingProxyModel::onLayoutAboutToBeChanged),
            connect(source, &QAbstractItemModel::layoutChanged, this, &GroupingProxyModel::onLayoutChanged),
            // Moves re-place rows among groups like a new order does.
            connect(source, &QAbstractItemModel::rowsAboutToBeMoved, this, &GroupingProxyModel::onLayoutAboutToBeChanged),
            connect(source, &QAbstractItemModel::rowsMoved, this, &GroupingProxyModel::onLayoutChanged),
            // The columns are the source's: any change of them starts over.
            connect(source, &QAbstractItemModel::columnsAboutToBeInserted, this, [this] { beginResetModel(); }),
            connect(source, &QAbstractItemModel::columnsInserted, this, [this] {
                rebuild();
                endResetModel();
            }),
            connect(source, &QAbstractItemModel::columnsAboutToBeRemoved, this, [this] { beginResetModel(); }),
            connect(source, &QAbstractItemModel::columnsRemoved, this, [this] {
                rebuild();
                endResetModel();
            }),
            connect(source, &QAbstractItemModel::headerDataChanged, this, &QAbstractItemModel::headerDataChanged),
        };
    }
    rebuild();
    endResetModel();
}

void GroupingProxyModel::setGroupColumn(int column)
{
    if (column == m_groupColumn)
        return;
    beginResetModel();
    m_groupColumn = column;
    rebuild();
    endResetModel();
}

void GroupingProxyModel::setGroupLabelFormat(LabelFormat format)
{
    m_labelFormat = std::move(format);
    if (!m_groups.empty())
        emit dataChanged(groupIndex(m_groups.front().get()), groupIndex(m_groups.back().get()));
}

QString GroupingProxyModel::keyOf(int sourceRow) const
{
    const QModelIndex cell = sourceModel()->index(sourceRow, m_groupColumn);
    const QVariant key = cell.data(Roles::GroupKeyRole);
    return key.isValid() ? key.toString() : cell.data(Qt::DisplayRole).toString();
}

QString GroupingProxyModel::labelOf(int sourceRow) const
{
    const QModelIndex cell = sourceModel()->index(sourceRow, m_groupColumn);
    const QVariant label = cell.data(Roles::GroupLabelRole);
    return label.isValid() ? label.toString() : cell.data(Qt::DisplayRole).toString();
}

QModelIndex GroupingProxyModel::groupIndex(const Group *group, int column) const
{
    return createIndex(group->position, column, quintptr(0));
}

int GroupingProxyModel::positionFor(const QString &label, const QString &key) const
{
    const auto at = std::lower_bound(m_groups.cbegin(), m_groups.cend(), nullptr,
                                     [&](const std::unique_ptr<Group> &group, std::nullptr_t) {
                                         return groupBefore(group->label, group->key, label, key);
                                     });
    return static_cast<int>(at - m_groups.cbegin());
}

void GroupingProxyModel::renumberGroups(int from)
{
    for (std::size_t i = static_cast<std::size_t>(from); i < m_groups.size(); ++i)
        m_groups[i]->position = static_cast<int>(i);
}

void GroupingProxyModel::rebuild()
{
    QHash<QString, quintptr> idOfKey; // a group that stays keeps its identity
    for (const std::unique_ptr<Group> &group : m_groups)
        idOfKey.insert(group->key, group->id);
    m_groups.clear();
    m_byId.clear();
    m_byKey.clear();
    m_groupOfSourceRow.clear();
    if (!sourceModel() || m_groupColumn < 0 || m_groupColumn >= sourceModel()->columnCount())
        return;
    const int rows = sourceModel()->rowCount();
    m_groupOfSourceRow.reserve(rows);
    for (int row = 0; row < rows; ++row) {
        const QString key = keyOf(row);
        Group *group = m_byKey.value(key);
        if (!group) {
            auto created = std::make_unique<Group>();
            created->id = idOfKey.value(key, 0);
            if (created->id == 0)
                created->id = m_nextId++;
            created->key = key;
            created->label = labelOf(row);
            group = created.get();
            m_byKey.insert(key, group);
            m_byId.insert(group->id, group);
            m_groups.push_back(std::move(created));
        }
        group->rows.append(row); // ascending: rows come in order
        m_groupOfSourceRow.append(group);
    }
    std::sort(m_groups.begin(), m_groups.end(), [](const std::unique_ptr<Group> &a, const std::unique_ptr<Group> &b) {
        return groupBefore(a->label, a->key, b->label, b->key);
    });
    renumberGroups(0);
}

bool GroupingProxyModel::isGroup(const QModelIndex &index) const
{
    return index.isValid() && index.model() == this && index.internalId() == 0;
}

QList<QModelIndex> GroupingProxyModel::sourceRowsOfGroup(const QModelIndex &group) const
{
    QList<QModelIndex> rows;
    if (!isGroup(group) || group.row() >= static_cast<int>(m_groups.size()))
        return rows;
    for (int row : m_groups[static_cast<std::size_t>(group.row())]->rows)
        rows.append(sourceModel()->index(row, 0));
    return rows;
}

QModelIndex GroupingProxyModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= columnCount(parent))
        return {};
    if (!parent.isValid())
        return row < static_cast<int>(m_groups.size()) ? createIndex(row, column, quintptr(0)) : QModelIndex();
    if (!isGroup(parent) || parent.column() != 0 || parent.row() >= static_cast<int>(m_groups.size()))
        return {};
    const Group *group = m_groups[static_cast<std::size_t>(parent.row())].get();
    return row < group->rows.size() ? createIndex(row, column, group->id) : QModelIndex();
}

QModelIndex GroupingProxyModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == 0)
        return {};
    const Group *group = groupById(child.internalId());
    return group ? groupIndex(group) : QModelIndex();
}

QModelIndex GroupingProxyModel::sibling(int row, int column, const QModelIndex &index) const
{
    return this->index(row, column, parent(index));
}

int GroupingProxyModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return static_cast<int>(m_groups.size());
    if (!isGroup(parent) || parent.column() != 0 || parent.row() >= static_cast<int>(m_groups.size()))
        return 0;
    return static_cast<int>(m_groups[static_cast<std::size_t>(parent.row())]->rows.size());
}

int GroupingProxyModel::columnCount(const QModelIndex &) const
{
    return sourceModel() ? sourceModel()->columnCount() : 0;
}

bool GroupingProxyModel::hasChildren(const QModelIndex &parent) const
{
    return rowCount(parent) > 0;
}

QVariant GroupingProxyModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    if (!isGroup(index))
        return QAbstractProxyModel::data(index, role);
    if (index.row() >= static_cast<int>(m_groups.size()))
        return {};
    const Group *group = m_groups[static_cast<std::size_t>(index.row())].get();
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
    case Qt::AccessibleTextRole:
        return index.column() == 0 ? QVariant(m_labelFormat(group->label, static_cast<int>(group->rows.size())))
                                   : QVariant();
    case Roles::GroupKeyRole:
        return group->key;
    case Roles::SortRole:
        return group->label;
    default:
        return {};
    }
}

Qt::ItemFlags GroupingProxyModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    // A group is selectable: selecting it stands for all its rows.
    if (isGroup(index))
        return Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    return QAbstractProxyModel::flags(index) | Qt::ItemNeverHasChildren;
}

QVariant GroupingProxyModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    // The base maps the section through row 0, which is a group here.
    if (!sourceModel() || orientation != Qt::Horizontal)
        return {};
    return sourceModel()->headerData(section, orientation, role);
}

QModelIndex GroupingProxyModel::mapToSource(const QModelIndex &proxyIndex) const
{
    if (!proxyIndex.isValid() || proxyIndex.internalId() == 0)
        return {};
    const Group *group = groupById(proxyIndex.internalId());
    if (!group || proxyIndex.row() >= group->rows.size())
        return {};
    return sourceModel()->index(group->rows.at(proxyIndex.row()), proxyIndex.column());
}

QModelIndex GroupingProxyModel::mapFromSource(const QModelIndex &sourceIndex) const
{
    if (!sourceIndex.isValid() || sourceIndex.parent().isValid())
        return {};
    const Group *group = m_groupOfSourceRow.value(sourceIndex.row(), nullptr);
    if (!group)
        return {};
    const int position = rowPosition(group->rows, sourceIndex.row());
    if (position >= group->rows.size() || group->rows.at(position) != sourceIndex.row())
        return {};
    return createIndex(position, sourceIndex.column(), group->id);
}

void GroupingProxyModel::insertSourceRow(int row, QList<QString> &touched)
{
    const QString key = keyOf(row);
    Group *group = m_byKey.value(key);
    if (!group) {
        const QString label = labelOf(row);
        const int position = positionFor(label, key);
        beginInsertRows({}, position, position);
        auto created = std::make_unique<Group>();
        created->id = m_nextId++;
        created->key = key;
        created->label = label;
        group = created.get();
        m_byKey.insert(key, group);
        m_byId.insert(group->id, group);
        m_groups.insert(m_groups.begin() + position, std::move(created));
        renumberGroups(position);
        endInsertRows();
    }
    if (!touched.contains(key))
        touched.append(key);
    const int position = rowPosition(group->rows, row);
    beginInsertRows(groupIndex(group), position, position);
    group->rows.insert(position, row);
    m_groupOfSourceRow[row] = group;
    endInsertRows();
}

void GroupingProxyModel::removeSourceRow(int row, QList<QString> &touched)
{
    Group *group = m_groupOfSourceRow.value(row, nullptr);
    if (!group)
        return;
    const int position = rowPosition(group->rows, row);
    beginRemoveRows(groupIndex(group), position, position);
    group->rows.removeAt(position);
    m_groupOfSourceRow[row] = nullptr;
    endRemoveRows();
    if (!group->rows.isEmpty()) {
        if (!touched.contains(group->key))
            touched.append(group->key);
        return;
    }
    // Its last row went: so does the group.
    const QString key = group->key;
    const int groupPosition = group->position;
    beginRemoveRows({}, groupPosition, groupPosition);
    m_byKey.remove(key);
    m_byId.remove(group->id);
    m_groups.erase(m_groups.begin() + groupPosition);
    renumberGroups(groupPosition);
    endRemoveRows();
    touched.removeAll(key);
}

void GroupingProxyModel::emitCountsChanged(const QList<QString> &keys)
{
    for (const QString &key : keys) {
        if (const Group *group = m_byKey.value(key)) {
            const QModelIndex index = groupIndex(group);
            emit dataChanged(index, index, {Qt::DisplayRole, Qt::ToolTipRole, Qt::AccessibleTextRole});
        }
    }
}

void GroupingProxyModel::onRowsInserted(const QModelIndex &parent, int first, int last)
{
    if (parent.isValid() || m_groupColumn < 0 || m_groupColumn >= columnCount())
        return;
    const int count = last - first + 1;
    // The rows after the new ones moved down in the source; their places among their
    // group's rows stay as they were.
    for (const std::unique_ptr<Group> &group : m_groups) {
        for (int &row : group->rows)
            row += row >= first ? count : 0;
    }
    m_groupOfSourceRow.insert(first, count, nullptr);
    QList<QString> touched;
    for (int row = first; row <= last; ++row)
        insertSourceRow(row, touched);
    emitCountsChanged(touched);
}

void GroupingProxyModel::onRowsAboutToBeRemoved(const QModelIndex &parent, int first, int last)
{
    if (parent.isValid())
        return;
    // The source still has the rows: the numbers held here are right until rowsRemoved.
    QList<QString> touched;
    for (int row = last; row >= first; --row)
        removeSourceRow(row, touched);
    m_countsChangedByRemove = touched; // said once the row numbers are current (rowsRemoved)
}

void GroupingProxyModel::onRowsRemoved(const QModelIndex &parent, int first, int last)
{
    if (parent.isValid() || first >= m_groupOfSourceRow.size())
        return;
    const int count = last - first + 1;
    m_groupOfSourceRow.remove(first, std::min<qsizetype>(count, m_groupOfSourceRow.size() - first));
    for (const std::unique_ptr<Group> &group : m_groups) {
        for (int &row : group->rows)
            row -= row > last ? count : 0;
    }
    const QList<QString> touched = std::exchange(m_countsChangedByRemove, {});
    emitCountsChanged(touched);
}

void GroupingProxyModel::onDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight,
                                       const QList<int> &roles)
{
    if (!topLeft.isValid() || topLeft.parent().isValid())
        return;
    // A row whose group value changed belongs elsewhere now: place every row again, as a new
    // order would (persistent indexes, the selection among them, follow).
    if (m_groupColumn >= topLeft.column() && m_groupColumn <= bottomRight.column()) {
        for (int row = topLeft.row(); row <= bottomRight.row(); ++row) {
            const Group *group = m_groupOfSourceRow.value(row, nullptr);
            if (group && (keyOf(row) != group->key || labelOf(row) != group->label)) {
                onLayoutAboutToBeChanged();
                onLayoutChanged();
                return;
            }
        }
    }
    // One signal per group over the changed rows it holds: a tick of the Duration column
    // across 5,000 runs stays a few hundred signals, not 5,000.
    QHash<const Group *, std::pair<int, int>> spans;
    for (int row = topLeft.row(); row <= bottomRight.row(); ++row) {
        const Group *group = m_groupOfSourceRow.value(row, nullptr);
        if (!group)
            continue;
        const int position = rowPosition(group->rows, row);
        auto span = spans.find(group);
        if (span == spans.end())
            spans.insert(group, {position, position});
        else
            *span = {std::min(span->first, position), std::max(span->second, position)};
    }
    for (auto span = spans.cbegin(); span != spans.cend(); ++span) {
        const QModelIndex parent = groupIndex(span.key());
        emit dataChanged(index(span->first, topLeft.column(), parent), index(span->second, bottomRight.column(), parent),
                         roles);
    }
}

void GroupingProxyModel::onLayoutAboutToBeChanged()
{
    emit layoutAboutToBeChanged();
    m_layoutProxyIndexes = persistentIndexList();
    m_layoutSourceIndexes.clear();
    m_layoutGroupKeys.clear();
    for (const QModelIndex &index : std::as_const(m_layoutProxyIndexes)) {
        const bool group = isGroup(index) && index.row() < static_cast<int>(m_groups.size());
        m_layoutSourceIndexes.append(group ? QPersistentModelIndex() : QPersistentModelIndex(mapToSource(index)));
        m_layoutGroupKeys.append(group ? m_groups[static_cast<std::size_t>(index.row())]->key : QString());
    }
}

void GroupingProxyModel::onLayoutChanged()
{
    rebuild();
    QModelIndexList moved;
    moved.reserve(m_layoutProxyIndexes.size());
    for (qsizetype i = 0; i < m_layoutProxyIndexes.size(); ++i) {
        const QModelIndex &before = m_layoutProxyIndexes.at(i);
        if (isGroup(before)) {
            const Group *group = m_byKey.value(m_layoutGroupKeys.at(i));
            moved.append(group ? groupIndex(group, before.column()) : QModelIndex());
        } else {
            moved.append(mapFromSource(m_layoutSourceIndexes.at(i)));
        }
    }
    changePersistentIndexList(m_layoutProxyIndexes, moved);
    m_layoutProxyIndexes.clear();
    m_layoutSourceIndexes.clear();
    m_layoutGroupKeys.clear();
    emit layoutChanged();
}

} // namespace flowdesk::models
