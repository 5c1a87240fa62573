#pragma once

#include <QAbstractProxyModel>
#include <QHash>
#include <QList>
#include <QPersistentModelIndex>

#include <functional>
#include <memory>
#include <vector>

namespace flowdesk::models {

// A flat table shown as a two-level tree: one row per group (every distinct value of one
// column: an account, a region), the source's rows below their group in the source's own order
// — so a sorted, filtered proxy underneath keeps sorting and filtering within each group.
// Groups are ordered by their label, locale-aware, so they stay where the user last saw them
// whatever column the rows are sorted by.
//
// Follows the source incrementally (row inserts and removes, data changes, layout changes),
// so a merge of fresh data keeps the user's selection, expanded groups and scroll position —
// 5,000 runs in 500 accounts stay usable because each account folds into one line.
//
// A group's identity is its key (Roles::GroupKeyRole of the grouping column, else its display
// text); its words are Roles::GroupLabelRole (else the display text) with the row count,
// formatted by setGroupLabelFormat.
class GroupingProxyModel : public QAbstractProxyModel
{
    Q_OBJECT

public:
    explicit GroupingProxyModel(QObject *parent = nullptr);
    ~GroupingProxyModel() override;

    void setSourceModel(QAbstractItemModel *source) override;

    // The source column whose value groups the rows (default 0).
    void setGroupColumn(int column);
    int groupColumn() const { return m_groupColumn; }

    // The group row's text from its label and how many rows it holds; default "label (count)".
    using LabelFormat = std::function<QString(const QString &label, int count)>;
    void setGroupLabelFormat(LabelFormat format);

    bool isGroup(const QModelIndex &index) const;
    // The source rows under a group, in the order shown.
    QList<QModelIndex> sourceRowsOfGroup(const QModelIndex &group) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    QModelIndex sibling(int row, int column, const QModelIndex &index) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    QModelIndex mapToSource(const QModelIndex &proxyIndex) const override;
    QModelIndex mapFromSource(const QModelIndex &sourceIndex) const override;

private:
    struct Group {
        quintptr id = 0; // stable while the group exists: children's internalId
        QString key;
        QString label;
        QList<int> rows; // source rows, ascending
        int position = 0; // row among the groups
    };

    QString keyOf(int sourceRow) const;
    QString labelOf(int sourceRow) const;
    Group *groupById(quintptr id) const { return m_byId.value(id); }
    QModelIndex groupIndex(const Group *group, int column = 0) const;
    int positionFor(const QString &label, const QString &key) const;
    void renumberGroups(int from);
    void rebuild();
    void insertSourceRow(int row, QList<QString> &touched);
    void removeSourceRow(int row, QList<QString> &touched);
    void emitCountsChanged(const QList<QString> &keys);

    void onRowsInserted(const QModelIndex &parent, int first, int last);
    void onRowsAboutToBeRemoved(const QModelIndex &parent, int first, int last);
    void onRowsRemoved(const QModelIndex &parent, int first, int last);
    void onDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight, const QList<int> &roles);
    void onLayoutAboutToBeChanged();
    void onLayoutChanged();

    int m_groupColumn = 0;
    LabelFormat m_labelFormat;
    std::vector<std::unique_ptr<Group>> m_groups; // in display order
    QHash<quintptr, Group *> m_byId;
    QHash<QString, Group *> m_byKey;
    QList<Group *> m_groupOfSourceRow; // nullptr while a source row is not placed yet
    quintptr m_nextId = 1;
    QList<QMetaObject::Connection> m_sourceConnections;
    // Between layoutAboutToBeChanged and layoutChanged: what each persistent index stood for.
    QModelIndexList m_layoutProxyIndexes;
    QList<QPersistentModelIndex> m_layoutSourceIndexes; // invalid for a group
    QList<QString> m_layoutGroupKeys;                    // empty for a row
    // Between rowsAboutToBeRemoved and rowsRemoved: the groups whose row count changed.
    QList<QString> m_countsChangedByRemove;
};

} // namespace flowdesk::models
