#pragma once

#include "AppFlowError.h"

#include <QStringList>

#include <optional>

namespace flowdesk::appflow {

// Checks request members against the constraints in service-2.json / the Smithy model before
// anything is sent, so a typo gives an immediate message that names the field instead of a
// round trip and a ValidationException. Each check returns the error, or nothing when valid.
class RequestValidator
{
public:
    static constexpr int maxFlowNameLength = 256;
    static constexpr int maxExecutionIdLength = 256;
    static constexpr int maxExecutionIdsPerRequest = 100;
    static constexpr int minMaxResults = 1;
    static constexpr int maxMaxResults = 100;
    static constexpr int maxNextTokenLength = 2048;
    static constexpr int maxClientTokenLength = 256;

    // FlowName: ^[a-zA-Z0-9][\w!@#.-]+$, at most 256 characters.
    static std::optional<AppFlowError> flowName(const QString &name,
                                                const QString &field = QStringLiteral("flowName"));
    // ExecutionId: ^\S+$, at most 256 characters.
    static std::optional<AppFlowError> executionId(const QString &id, const QString &field);
    // ExecutionIds: 0..100 IDs, each an ExecutionId.
    static std::optional<AppFlowError>
    executionIds(const QStringList &ids, const QString &field = QStringLiteral("executionIds"));
    // MaxResults: 1..100.
    static std::optional<AppFlowError> maxResults(int value,
                                                  const QString &field = QStringLiteral("maxResults"));
    // NextToken: ^\S+$, at most 2048 characters.
    static std::optional<AppFlowError> nextToken(const QString &token,
                                                 const QString &field = QStringLiteral("nextToken"));
    // ClientToken: ^[ -~]+$, 1..256 characters.
    static std::optional<AppFlowError>
    clientToken(const QString &token, const QString &field = QStringLiteral("clientToken"));
};

} // namespace flowdesk::appflow
