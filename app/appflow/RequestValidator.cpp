#include "RequestValidator.h"

#include <QRegularExpression>

namespace flowdesk::appflow {

using namespace Qt::StringLiterals;

namespace {

// The service validates with ASCII classes; QRegularExpression's \w and \S are Unicode-aware,
// so spell the ASCII meaning out.
const QRegularExpression &flowNamePattern()
{
    static const QRegularExpression pattern(u"^[a-zA-Z0-9][a-zA-Z0-9_!@#.-]+$"_s);
    return pattern;
}

const QRegularExpression &nonWhitespacePattern()
{
    static const QRegularExpression pattern(u"^\\S+$"_s);
    return pattern;
}

// Length in characters (code points), as the model counts it, not UTF-16 units.
qsizetype length(const QString &text)
{
    return text.toUcs4().size();
}

QString quoted(const QString &text)
{
    constexpr qsizetype shown = 60;
    return u'"' + (text.size() > shown ? text.left(shown) + u'…' : text) + u'"';
}

} // namespace

std::optional<AppFlowError> RequestValidator::flowName(const QString &name, const QString &field)
{
    if (name.isEmpty())
        return AppFlowError::invalidRequest(field, u"a flow name is required."_s);
    if (length(name) > maxFlowNameLength)
        return AppFlowError::invalidRequest(
            field, u"is "_s + QString::number(length(name)) + u" characters long; the limit is "_s
                       + QString::number(maxFlowNameLength) + u'.');
    if (!flowNamePattern().match(name).hasMatch())
        return AppFlowError::invalidRequest(
            field, quoted(name)
                       + u" is not a valid flow name: it must start with a letter or digit, have "
                         u"at least 2 characters, and use only letters, digits and _ ! @ # . - "
                         u"(no spaces)."_s);
    return std::nullopt;
}

std::optional<AppFlowError> RequestValidator::executionId(const QString &id, const QString &field)
{
    if (length(id) > maxExecutionIdLength)
        return AppFlowError::invalidRequest(
            field, u"is "_s + QString::number(length(id)) + u" characters long; the limit is "_s
                       + QString::number(maxExecutionIdLength) + u'.');
    if (!nonWhitespacePattern().match(id).hasMatch())
        return AppFlowError::invalidRequest(
            field, id.isEmpty() ? u"an execution ID must not be empty."_s
                                : quoted(id) + u" is not a valid execution ID: it must not "
                                               u"contain spaces or other whitespace."_s);
    return std::nullopt;
}

std::optional<AppFlowError> RequestValidator::executionIds(const QStringList &ids,
                                                           const QString &field)
{
    if (ids.size() > maxExecutionIdsPerRequest)
        return AppFlowError::invalidRequest(
            field, QString::number(ids.size()) + u" IDs in one request; the limit is "_s
                       + QString::number(maxExecutionIdsPerRequest) + u'.');
    for (qsizetype i = 0; i < ids.size(); ++i) {
        if (auto error = executionId(ids.at(i), field + u'[' + QString::number(i) + u']'))
            return error;
    }
    return std::nullopt;
}

std::optional<AppFlowError> RequestValidator::maxResults(int value, const QString &field)
{
    if (value < minMaxResults || value > maxMaxResults)
        return AppFlowError::invalidRequest(
            field, QString::number(value) + u" is out of range; it must be between "_s
                       + QString::number(minMaxResults) + u" and "_s
                       + QString::number(maxMaxResults) + u'.');
    return std::nullopt;
}

std::optional<AppFlowError> RequestValidator::nextToken(const QString &token, const QString &field)
{
    if (length(token) > maxNextTokenLength)
        return AppFlowError::invalidRequest(
            field, u"is "_s + QString::number(length(token)) + u" characters long; the limit is "_s
                       + QString::number(maxNextTokenLength) + u'.');
    if (!nonWhitespacePattern().match(token).hasMatch())
        return AppFlowError::invalidRequest(
            field, u"a pagination token must be non-empty and contain no whitespace."_s);
    return std::nullopt;
}

std::optional<AppFlowError> RequestValidator::clientToken(const QString &token,
                                                          const QString &field)
{
    static const QRegularExpression printableAscii(u"^[ -~]+$"_s);
    if (token.isEmpty() || length(token) > maxClientTokenLength)
        return AppFlowError::invalidRequest(
            field, u"must be 1 to "_s + QString::number(maxClientTokenLength)
                       + u" characters long."_s);
    if (!printableAscii.match(token).hasMatch())
        return AppFlowError::invalidRequest(field, u"must be printable ASCII only."_s);
    return std::nullopt;
}

} // namespace flowdesk::appflow
