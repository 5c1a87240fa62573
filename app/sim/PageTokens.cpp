#include "PageTokens.h"

#include <QRandomGenerator>

namespace flowdesk::sim {

QString PageTokens::issue(const Position &position)
{
    QString token;
    do {
        QByteArray bytes(48, Qt::Uninitialized);
        for (char &byte : bytes)
            byte = static_cast<char>(QRandomGenerator::global()->bounded(256));
        token = QString::fromLatin1(bytes.toBase64(QByteArray::Base64UrlEncoding
                                                   | QByteArray::OmitTrailingEquals));
    } while (m_tokens.contains(token));
    m_tokens.insert(token, position);
    m_order.append(token);
    if (m_order.size() > kMaxTokens)
        m_tokens.remove(m_order.takeFirst());
    return token;
}

std::optional<PageTokens::Position> PageTokens::find(const QString &token,
                                                     const QString &scope) const
{
    const auto it = m_tokens.constFind(token);
    if (it == m_tokens.constEnd() || it->scope != scope)
        return std::nullopt;
    return *it;
}

} // namespace flowdesk::sim
