#pragma once

#include "HttpMessages.h"
#include "PageTokens.h"
#include "RunEngine.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace flowdesk::sim {

// The six AppFlow operations over restJson1: validates each request against the model's
// constraints, asks the RunEngine, and answers with AppFlowJson shapes or an AppFlow error
// (status, X-Amzn-ErrorType, {"message": …}). Authentication and faults happen before this.
class AppFlowRoutes
{
public:
    explicit AppFlowRoutes(RunEngine &engine);

    // "ListFlows" for "/list-flows" …; empty when the path is not one of the six operations.
    static QString operationForPath(const QByteArray &path);
    // The flowName member of a request body, if any (for --deny OP:FLOW and the request log).
    static QString flowNameOf(const QByteArray &body);

    HttpReply handle(const QString &operation, const QByteArray &body);
    RunEngine &engine() { return m_engine; }

    // A restJson1 error answer.
    static HttpReply error(int status, const QString &code, const QString &message);
    // The HTTP status AppFlow uses for an error code.
    static int statusFor(const QString &code);

    static constexpr int kDefaultPageSize = 20;
    static constexpr int kMaxPageSize = 100;
    static constexpr int kMaxExecutionIds = 100;

private:
    HttpReply listFlows(const QJsonObject &input);
    HttpReply describeFlow(const QJsonObject &input);
    HttpReply describeRecords(const QJsonObject &input);
    HttpReply cancelExecutions(const QJsonObject &input);
    HttpReply startFlow(const QJsonObject &input);
    HttpReply stopFlow(const QJsonObject &input);

    RunEngine &m_engine;
    PageTokens m_tokens;
};

} // namespace flowdesk::sim
