#pragma once

#include <QHash>
#include <QList>
#include <QString>

#include <optional>

namespace flowdesk::sim {

// Opaque pagination tokens, as AWS hands them out: random strings that mean something only to
// the server. Each remembers which listing it continues (operation and flow) and where, so a
// token used for another flow or operation, or made up, is rejected.
class PageTokens
{
public:
    struct Position {
        QString scope;      // "ListFlows" or "DescribeFlowExecutionRecords:<flow>"
        qsizetype index = 0;
    };

    QString issue(const Position &position);
    std::optional<Position> find(const QString &token, const QString &scope) const;

private:
    static constexpr qsizetype kMaxTokens = 50000;
    QHash<QString, Position> m_tokens;
    QList<QString> m_order;  // oldest first, to forget the oldest beyond kMaxTokens
};

} // namespace flowdesk::sim
