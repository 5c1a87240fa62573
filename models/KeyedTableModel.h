#pragma once

#include "ModelRoles.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QLocale>

#include <bit>
#include <cstdint>
#include <functional>
#include <utility>
#include <vector>

namespace flowdesk::models {

// Which columns of one row changed: bit c is column c.
using ColumnMask = std::uint32_t;

// What one merge did, for callers that log or count (and for the tests).
struct MergeResult {
    qsizetype inserted = 0;
    qsizetype updated = 0;
    qsizetype removed = 0;
};

// The table behind every Flowdesk model: rows keyed by an ID, refreshed by a merge and never by
// a reset, so a view's selection, current index and scroll position survive every poll.
//
// merge() does, in this order and with these signals:
//  1. rows whose key is in the incoming list and whose cells differ are overwritten, and
//     dataChanged() is emitted for exactly the changed cells: consecutive rows with the same
//     changed columns share one rectangle, and a row's changed columns are split into
//     contiguous runs (columns 1,2 and 5 → two signals);
//  2. rows in scope whose key is not in the incoming list are removed, as contiguous ranges,
//     the last range first (so the row numbers of ranges still to come stay valid);
//  3. rows whose key is new are appended at the end, in one beginInsertRows() batch, in the
//     incoming order.
// Cost: O(rows + incoming) hash lookups. Rows live in slots that never move; the row order is
// an array of slot numbers, so removing a range moves only integers, not records.
//
// Derived classes say what a row's key is and which columns differ between two versions of a
// row; the merge itself is written once, here. A template cannot carry Q_OBJECT; the models
// derived from it do.
template <typename Row, typename Key>
class KeyedTableModel : public QAbstractTableModel
{
public:
    using Clock = std::function<QDateTime()>;

    explicit KeyedTableModel(QObject *parent = nullptr)
        : QAbstractTableModel(parent)
        , m_clock([] { return QDateTime::currentDateTimeUtc(); })
        , m_now(m_clock())
    {
    }

    int rowCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : static_cast<int>(m_order.size());
    }

    // The row's data. The reference stays valid until the model next changes.
    const Row &rowAt(int row) const { return m_slots[static_cast<std::size_t>(m_order.at(row))]; }

    // The row holding key, or -1.
    int rowOfKey(const Key &key) const
    {
        const auto it = m_slotOfKey.constFind(key);
        if (it == m_slotOfKey.cend())
            return -1;
        refreshRowOfSlot();
        return m_rowOfSlot[static_cast<std::size_t>(*it)];
    }

    QList<Key> keys() const
    {
        QList<Key> result;
        result.reserve(m_order.size());
        for (const qsizetype slot : m_order)
            result.append(keyOf(m_slots[static_cast<std::size_t>(slot)]));
        return result;
    }

    // "Now" for relative times and running durations. It is read from the clock at each merge
    // and at refreshTimeColumns(), not on every paint, so all cells of a refresh agree.
    void setClock(Clock clock)
    {
        m_clock = std::move(clock);
        m_now = m_clock();
    }
    QDateTime now() const { return m_now; }

    // Reads the clock again and tells the views that the time-dependent cells ("2 min ago",
    // the duration of a running run) changed. Call it from a timer, e.g. every 10 s.
    void refreshTimeColumns()
    {
        m_now = m_clock();
        const ColumnMask mask = timeDependentColumns();
        if (m_order.isEmpty() || mask == 0)
            return;
        emitColumnRuns(0, rowCount() - 1, mask, {Qt::DisplayRole, Roles::SortRole});
    }

    QLocale locale() const { return m_locale; }

protected:
    virtual Key keyOf(const Row &row) const = 0;
    // The columns whose data (any role) differs between two versions of the same row.
    virtual ColumnMask changedColumns(const Row &before, const Row &after) const = 0;
    // Columns whose display depends on now(); refreshTimeColumns() signals these.
    virtual ColumnMask timeDependentColumns() const = 0;

    // Merges incoming into the table (see the class comment). inScope(row) says which existing
    // rows the incoming list is the whole truth for: those missing from it are removed, all
    // others are left alone. An incoming row whose key matches any existing row updates it.
    // Of duplicate keys in incoming, the first wins.
    template <typename InScope>
    MergeResult mergeRows(QList<Row> incoming, InScope inScope)
    {
        m_now = m_clock();
        refreshRowOfSlot();
        MergeResult result;
        const qsizetype rows = m_order.size();

        // Match each incoming row with an existing row (by key) or mark it new.
        std::vector<qsizetype> matchOfRow(static_cast<std::size_t>(rows), -1);
        std::vector<qsizetype> fresh; // incoming positions of new keys
        QHash<Key, qsizetype> freshKeys; // only to drop duplicate new keys
        for (qsizetype i = 0; i < incoming.size(); ++i) {
            const Key key = keyOf(incoming.at(i));
            const auto it = m_slotOfKey.constFind(key);
            if (it != m_slotOfKey.cend()) {
                auto &match = matchOfRow[static_cast<std::size_t>(
                    m_rowOfSlot[static_cast<std::size_t>(*it)])];
                if (match < 0)
                    match = i;
            } else if (!freshKeys.contains(key)) {
                freshKeys.insert(key, i);
                fresh.push_back(i);
            }
        }

        // 1. Update changed rows, coalescing equal masks on consecutive rows into one rectangle.
        int pendingFirst = -1;
        int pendingLast = -1;
        ColumnMask pendingMask = 0;
        const auto flush = [&] {
            if (pendingFirst >= 0)
                emitColumnRuns(pendingFirst, pendingLast, pendingMask, {});
            pendingFirst = -1;
        };
        for (qsizetype r = 0; r < rows; ++r) {
            const qsizetype match = matchOfRow[static_cast<std::size_t>(r)];
            if (match < 0)
                continue;
            Row &current = m_slots[static_cast<std::size_t>(m_order.at(r))];
            const ColumnMask mask = changedColumns(current, incoming.at(match));
            if (mask == 0)
                continue;
            current = std::move(incoming[match]);
            ++result.updated;
            const int row = static_cast<int>(r);
            if (pendingFirst >= 0 && pendingLast == row - 1 && pendingMask == mask) {
                pendingLast = row;
                continue;
            }
            flush();
            pendingFirst = pendingLast = row;
            pendingMask = mask;
        }
        flush();

        // 2. Remove rows in scope that the incoming list no longer has, last range first.
        const auto gone = [&](qsizetype row) {
            return matchOfRow[static_cast<std::size_t>(row)] < 0
                && inScope(std::as_const(m_slots[static_cast<std::size_t>(m_order.at(row))]));
        };
        qsizetype r = rows - 1;
        while (r >= 0) {
            if (!gone(r)) {
                --r;
                continue;
            }
            const qsizetype last = r;
            while (r > 0 && gone(r - 1))
                --r;
            const qsizetype first = r;
            beginRemoveRows({}, static_cast<int>(first), static_cast<int>(last));
            for (qsizetype row = first; row <= last; ++row) {
                const qsizetype slot = m_order.at(row);
                Row &data = m_slots[static_cast<std::size_t>(slot)];
                m_slotOfKey.remove(keyOf(data));
                data = Row{}; // release its strings now, not when the slot is reused
                m_freeSlots.push_back(slot);
            }
            m_order.remove(first, last - first + 1);
            m_rowOfSlotValid = false;
            endRemoveRows();
            result.removed += last - first + 1;
            --r;
        }

        // 3. Append new rows in one batch.
        if (!fresh.empty()) {
            const int first = rowCount();
            beginInsertRows({}, first, first + static_cast<int>(fresh.size()) - 1);
            m_order.reserve(m_order.size() + static_cast<qsizetype>(fresh.size()));
            for (const qsizetype i : fresh) {
                qsizetype slot;
                if (!m_freeSlots.empty()) {
                    slot = m_freeSlots.back();
                    m_freeSlots.pop_back();
                    m_slots[static_cast<std::size_t>(slot)] = std::move(incoming[i]);
                } else {
                    slot = static_cast<qsizetype>(m_slots.size());
                    m_slots.push_back(std::move(incoming[i]));
                }
                m_slotOfKey.insert(keyOf(m_slots[static_cast<std::size_t>(slot)]), slot);
                m_order.append(slot);
            }
            m_rowOfSlotValid = false;
            endInsertRows();
            result.inserted = static_cast<qsizetype>(fresh.size());
        }
        return result;
    }

    // Emits dataChanged for rows [firstRow, lastRow] once per contiguous run of set bits in mask.
    void emitColumnRuns(int firstRow, int lastRow, ColumnMask mask, const QList<int> &roles)
    {
        while (mask != 0) {
            const int firstColumn = std::countr_zero(mask);
            const int width = std::countr_one(mask >> firstColumn);
            const int lastColumn = firstColumn + width - 1;
            emit dataChanged(index(firstRow, firstColumn), index(lastRow, lastColumn), roles);
            for (int column = firstColumn; column <= lastColumn; ++column)
                mask &= ~bit(column);
        }
    }

    static constexpr ColumnMask bit(int column) { return ColumnMask{1} << column; }

private:
    void refreshRowOfSlot() const
    {
        if (m_rowOfSlotValid)
            return;
        m_rowOfSlot.assign(m_slots.size(), -1);
        for (qsizetype row = 0; row < m_order.size(); ++row)
            m_rowOfSlot[static_cast<std::size_t>(m_order.at(row))] = static_cast<int>(row);
        m_rowOfSlotValid = true;
    }

    std::vector<Row> m_slots;          // row data; a slot never moves while its row lives
    std::vector<qsizetype> m_freeSlots;
    QList<qsizetype> m_order;          // row → slot
    QHash<Key, qsizetype> m_slotOfKey; // key → slot
    mutable std::vector<int> m_rowOfSlot; // slot → row, rebuilt lazily after removals/inserts
    mutable bool m_rowOfSlotValid = true;
    Clock m_clock;
    QDateTime m_now;
    QLocale m_locale;
};

} // namespace flowdesk::models
