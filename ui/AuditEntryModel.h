#pragma once

#include "AuditEntry.h"

#include <QAbstractTableModel>
#include <QList>
#include <QSet>

namespace flowdesk {

// The cancel audit log as a read-only table for the History window: one row per log line
// (intent or result), in file order; the view sorts (newest first) through a proxy on
// models::Roles::SortRole, and filters by flow on models::Roles::FlowNameRole.
//
// It holds no widget and could live in models/; it sits in ui/ because only the History
// window uses it and flowdesk_models does not link flowdesk_audit.
class AuditEntryModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        TimeColumn,
        KindColumn,
        FlowColumn,
        OutcomeColumn, // before the runs: what happened matters more than the long IDs
        RunsColumn,
        ConnectionColumn, // profile and account
        RegionColumn,
        ConfirmedByColumn,
        RequestIdsColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    explicit AuditEntryModel(QObject *parent = nullptr);

    // Replaces every row. A reset, unlike the live run tables: the log is re-read as a whole
    // on Reload, and its rows have no identity worth keeping a selection on across reloads.
    void setEntries(QList<audit::AuditEntry> entries);
    const QList<audit::AuditEntry> &entries() const { return m_entries; }
    const audit::AuditEntry &entryAt(int row) const { return m_entries.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // "2 cancel started, 1 not cancellable", the request error, or for an intent whether a
    // result was ever written. Public so the window and tests word it the same way.
    QString outcomeSummary(const audit::AuditEntry &entry) const;
    // "exec-1", "3 runs: exec-1, …" or "all active runs" (the tooltip lists every ID).
    static QString runsText(const audit::AuditEntry &entry);

private:
    QVariant display(const audit::AuditEntry &entry, int column) const;
    QVariant sortValue(const audit::AuditEntry &entry, int column) const;
    QVariant toolTip(const audit::AuditEntry &entry, int column) const;

    QList<audit::AuditEntry> m_entries;
    QSet<QString> m_answeredIntents; // correlation IDs that have a result line
};

} // namespace flowdesk
