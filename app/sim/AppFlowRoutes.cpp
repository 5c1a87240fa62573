#include "AppFlowRoutes.h"

#include "AppFlowJson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QRegularExpression>

#include <cmath>

namespace flowdesk::sim {
namespace {

// Collects constraint violations in the wording of AWS's validation layer:
// "2 validation errors detected: Value 'x' at 'flowName' failed to satisfy constraint: …; …".
class Violations
{
public:
    void add(const QString &value, const QString &member, const QString &constraint)
    {
        m_items.append(QStringLiteral("Value %1 at '%2' failed to satisfy constraint: %3")
                           .arg(value, member, constraint));
    }
    bool isEmpty() const { return m_items.isEmpty(); }
    QString message() const
    {
        const qsizetype count = m_items.size();
        return QStringLiteral("%1 validation error%2 detected: %3")
            .arg(count)
            .arg(count == 1 ? QString() : QStringLiteral("s"))
            .arg(m_items.join(QStringLiteral("; ")));
    }

private:
    QStringList m_items;
};

QString quoted(const QString &value)
{
    // Long values are cut, as AWS does not echo kilobytes back either.
    const QString shown = value.size() > 300 ? value.left(300) + QStringLiteral("...") : value;
    return u'\'' + shown + u'\'';
}

bool fullMatch(const QString &pattern, const QString &value)
{
    const QRegularExpression expression(QRegularExpression::anchoredPattern(pattern));
    return expression.match(value).hasMatch();
}

const QString kFlowNamePattern = QStringLiteral("[a-zA-Z0-9][\\w!@#.-]+");

// flowName: required, at most 256, pattern. Returns the name when valid.
void checkFlowName(const QJsonObject &input, Violations &violations, bool required = true)
{
    const QJsonValue value = input.value(QLatin1String("flowName"));
    if (value.isUndefined() || value.isNull()) {
        if (required)
            violations.add(QStringLiteral("null"), QStringLiteral("flowName"),
                           QStringLiteral("Member must not be null"));
        return;
    }
    if (!value.isString()) {
        violations.add(QStringLiteral("of wrong type"), QStringLiteral("flowName"),
                       QStringLiteral("Member must be a string"));
        return;
    }
    const QString name = value.toString();
    if (name.size() > 256)
        violations.add(quoted(name), QStringLiteral("flowName"),
                       QStringLiteral("Member must have length less than or equal to 256"));
    if (!fullMatch(kFlowNamePattern, name))
        violations.add(quoted(name), QStringLiteral("flowName"),
                       QStringLiteral("Member must satisfy regular expression pattern: ")
                           + kFlowNamePattern);
}

// An integral JSON number written back as the client's JSON encoder wrote it (JavaScript's
// rules: digits below 1e21, else exponent form such as 1e+300), so a message quotes the value
// sent.
QString jsonNumberText(double number)
{
    if (number == 0)
        return QStringLiteral("0"); // not "-0"
    if (std::abs(number) < 1e21)
        return QString::number(number, 'f', 0);
    return QString::number(number, 'g', QLocale::FloatingPointShortest);
}

// maxResults: integer 1..100. Returns the page size to use.
int checkMaxResults(const QJsonObject &input, Violations &violations)
{
    const QJsonValue value = input.value(QLatin1String("maxResults"));
    if (value.isUndefined() || value.isNull())
        return AppFlowRoutes::kDefaultPageSize;
    const double number = value.toDouble(std::nan(""));
    if (!value.isDouble() || std::isnan(number) || number != std::floor(number)) {
        violations.add(QStringLiteral("of wrong type"), QStringLiteral("maxResults"),
                       QStringLiteral("Member must be an integer"));
        return AppFlowRoutes::kDefaultPageSize;
    }
    // Compared and shown as the double it is: 1e300 or 2^64 do not fit an integer type (a cast
    // would be undefined and showed -9223372036854775808).
    const QString shown = u'\'' + jsonNumberText(number) + u'\'';
    if (number < 1) {
        violations.add(shown, QStringLiteral("maxResults"),
                       QStringLiteral("Member must have value greater than or equal to 1"));
        return AppFlowRoutes::kDefaultPageSize;
    }
    if (number > AppFlowRoutes::kMaxPageSize) {
        violations.add(shown, QStringLiteral("maxResults"),
                       QStringLiteral("Member must have value less than or equal to 100"));
        return AppFlowRoutes::kDefaultPageSize;
    }
    return static_cast<int>(number);
}

// nextToken: string, at most 2048, no whitespace. Returns it (empty when absent or invalid).
QString checkNextToken(const QJsonObject &input, Violations &violations)
{
    const QJsonValue value = input.value(QLatin1String("nextToken"));
    if (value.isUndefined() || value.isNull())
        return {};
    if (!value.isString()) {
        violations.add(QStringLiteral("of wrong type"), QStringLiteral("nextToken"),
                       QStringLiteral("Member must be a string"));
        return {};
    }
    const QString token = value.toString();
    if (token.size() > 2048)
        violations.add(quoted(token), QStringLiteral("nextToken"),
                       QStringLiteral("Member must have length less than or equal to 2048"));
    if (!fullMatch(QStringLiteral("\\S+"), token))
        violations.add(quoted(token), QStringLiteral("nextToken"),
                       QStringLiteral("Member must satisfy regular expression pattern: \\S+"));
    return token;
}

HttpReply jsonReply(const QJsonObject &object)
{
    return HttpReply::withBody(200, QByteArrayLiteral("application/json"),
                               QJsonDocument(object).toJson(QJsonDocument::Compact));
}

HttpReply validationError(const Violations &violations)
{
    return AppFlowRoutes::error(400, QStringLiteral("ValidationException"), violations.message());
}

HttpReply invalidToken()
{
    return AppFlowRoutes::error(400, QStringLiteral("ValidationException"),
                                QStringLiteral("Invalid nextToken: it was not issued for this "
                                               "request or has expired."));
}

HttpReply engineError(const EngineError &error)
{
    return AppFlowRoutes::error(AppFlowRoutes::statusFor(error.code), error.code, error.message);
}

} // namespace

AppFlowRoutes::AppFlowRoutes(RunEngine &engine) : m_engine(engine) {}

QString AppFlowRoutes::operationForPath(const QByteArray &path)
{
    if (path == "/list-flows")
        return QStringLiteral("ListFlows");
    if (path == "/describe-flow")
        return QStringLiteral("DescribeFlow");
    if (path == "/describe-flow-execution-records")
        return QStringLiteral("DescribeFlowExecutionRecords");
    if (path == "/cancel-flow-executions")
        return QStringLiteral("CancelFlowExecutions");
    if (path == "/start-flow")
        return QStringLiteral("StartFlow");
    if (path == "/stop-flow")
        return QStringLiteral("StopFlow");
    return {};
}

QString AppFlowRoutes::flowNameOf(const QByteArray &body)
{
    return QJsonDocument::fromJson(body).object().value(QLatin1String("flowName")).toString();
}

int AppFlowRoutes::statusFor(const QString &code)
{
    static const QHash<QString, int> statuses{
        {QStringLiteral("ValidationException"), 400},
        {QStringLiteral("UnsupportedOperationException"), 400},
        {QStringLiteral("SerializationException"), 400},
        {QStringLiteral("ServiceQuotaExceededException"), 402},
        {QStringLiteral("AccessDeniedException"), 403},
        {QStringLiteral("ResourceNotFoundException"), 404},
        {QStringLiteral("ConflictException"), 409},
        {QStringLiteral("ThrottlingException"), 429},
        {QStringLiteral("InternalServerException"), 500},
    };
    return statuses.value(code, 400);
}

HttpReply AppFlowRoutes::error(int status, const QString &code, const QString &message)
{
    HttpReply reply = HttpReply::withBody(
        status, QByteArrayLiteral("application/json"),
        QJsonDocument(QJsonObject{{QStringLiteral("message"), message}}).toJson(QJsonDocument::Compact));
    reply.headers.append({QByteArrayLiteral("X-Amzn-ErrorType"), code.toUtf8()});
    reply.errorCode = code;
    return reply;
}

HttpReply AppFlowRoutes::handle(const QString &operation, const QByteArray &body)
{
    QJsonObject input;
    if (!body.trimmed().isEmpty()) {
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
        if (parseError.error != QJsonParseError::NoError || !document.isObject())
            return error(400, QStringLiteral("SerializationException"),
                         QStringLiteral("The request body is not a JSON object."));
        input = document.object();
    }
    if (operation == QLatin1String("ListFlows"))
        return listFlows(input);
    if (operation == QLatin1String("DescribeFlow"))
        return describeFlow(input);
    if (operation == QLatin1String("DescribeFlowExecutionRecords"))
        return describeRecords(input);
    if (operation == QLatin1String("CancelFlowExecutions"))
        return cancelExecutions(input);
    if (operation == QLatin1String("StartFlow"))
        return startFlow(input);
    if (operation == QLatin1String("StopFlow"))
        return stopFlow(input);
    return error(404, QStringLiteral("UnknownOperationException"),
                 QStringLiteral("Unknown operation %1").arg(operation));
}

HttpReply AppFlowRoutes::listFlows(const QJsonObject &input)
{
    Violations violations;
    const int pageSize = checkMaxResults(input, violations);
    const QString token = checkNextToken(input, violations);
    if (!violations.isEmpty())
        return validationError(violations);
    const QString scope = QStringLiteral("ListFlows");
    qsizetype first = 0;
    if (!token.isEmpty()) {
        const auto position = m_tokens.find(token, scope);
        if (!position)
            return invalidToken();
        first = position->index;
    }
    const QStringList names = m_engine.flowNames();
    const double now = m_engine.now();
    QJsonArray flows;
    const qsizetype end = std::min(names.size(), first + pageSize);
    for (qsizetype i = first; i < end; ++i) {
        if (const FlowState *flow = m_engine.flow(names.at(i)))
            flows.append(AppFlowJson::flowDefinition(*flow, now));
    }
    QJsonObject output{{QStringLiteral("flows"), flows}};
    if (end < names.size())
        output.insert(QStringLiteral("nextToken"), m_tokens.issue({scope, end}));
    return jsonReply(output);
}

HttpReply AppFlowRoutes::describeFlow(const QJsonObject &input)
{
    Violations violations;
    checkFlowName(input, violations);
    if (!violations.isEmpty())
        return validationError(violations);
    const QString name = input.value(QLatin1String("flowName")).toString();
    const FlowState *flow = m_engine.flow(name);
    if (!flow)
        return error(404, QStringLiteral("ResourceNotFoundException"),
                     QStringLiteral("Flow %1 does not exist.").arg(name));
    return jsonReply(AppFlowJson::describeFlow(*flow, m_engine.now()));
}

HttpReply AppFlowRoutes::describeRecords(const QJsonObject &input)
{
    Violations violations;
    checkFlowName(input, violations);
    const int pageSize = checkMaxResults(input, violations);
    const QString token = checkNextToken(input, violations);
    if (!violations.isEmpty())
        return validationError(violations);
    const QString name = input.value(QLatin1String("flowName")).toString();
    const FlowState *flow = m_engine.flow(name);
    if (!flow)
        return error(404, QStringLiteral("ResourceNotFoundException"),
                     QStringLiteral("Flow %1 does not exist.").arg(name));
    // Newest first. A token remembers the chronological index to continue below, so runs that
    // start while a client pages do not shift later pages.
    const QString scope = QStringLiteral("DescribeFlowExecutionRecords:") + name;
    qsizetype next = static_cast<qsizetype>(flow->runs.size()) - 1;
    if (!token.isEmpty()) {
        const auto position = m_tokens.find(token, scope);
        if (!position)
            return invalidToken();
        next = position->index;
    }
    const double now = m_engine.now();
    QJsonArray records;
    for (int taken = 0; next >= 0 && taken < pageSize; --next, ++taken)
        records.append(AppFlowJson::executionRecord(*flow, flow->runs.at(static_cast<std::size_t>(next)), now));
    QJsonObject output{{QStringLiteral("flowExecutions"), records}};
    if (next >= 0)
        output.insert(QStringLiteral("nextToken"), m_tokens.issue({scope, next}));
    return jsonReply(output);
}

HttpReply AppFlowRoutes::cancelExecutions(const QJsonObject &input)
{
    Violations violations;
    checkFlowName(input, violations);
    std::optional<QStringList> ids;
    const QJsonValue idsValue = input.value(QLatin1String("executionIds"));
    if (!idsValue.isUndefined() && !idsValue.isNull()) {
        if (!idsValue.isArray()) {
            violations.add(QStringLiteral("of wrong type"), QStringLiteral("executionIds"),
                           QStringLiteral("Member must be a list"));
        } else {
            const QJsonArray array = idsValue.toArray();
            if (array.size() > kMaxExecutionIds)
                violations.add(QStringLiteral("of %1 IDs").arg(array.size()),
                               QStringLiteral("executionIds"),
                               QStringLiteral("Member must have length less than or equal to 100"));
            QStringList list;
            for (qsizetype i = 0; i < array.size(); ++i) {
                const QString member = QStringLiteral("executionIds.%1.member").arg(i + 1);
                if (!array.at(i).isString()) {
                    violations.add(QStringLiteral("of wrong type"), member,
                                   QStringLiteral("Member must be a string"));
                    continue;
                }
                const QString id = array.at(i).toString();
                if (id.size() > 256)
                    violations.add(quoted(id), member,
                                   QStringLiteral("Member must have length less than or equal to 256"));
                if (!fullMatch(QStringLiteral("\\S+"), id))
                    violations.add(quoted(id), member,
                                   QStringLiteral("Member must satisfy regular expression pattern: \\S+"));
                list.append(id);
            }
            // An empty list asks for nothing in particular: like an absent one, every active run.
            if (!list.isEmpty())
                ids = list;
        }
    }
    if (!violations.isEmpty())
        return validationError(violations);
    const RunEngine::CancelOutcome outcome =
        m_engine.cancel(input.value(QLatin1String("flowName")).toString(), ids);
    if (outcome.error)
        return engineError(*outcome.error);
    QJsonObject output;
    if (!outcome.invalidExecutions.isEmpty())
        output.insert(QStringLiteral("invalidExecutions"),
                      QJsonArray::fromStringList(outcome.invalidExecutions));
    return jsonReply(output);
}

HttpReply AppFlowRoutes::startFlow(const QJsonObject &input)
{
    Violations violations;
    checkFlowName(input, violations);
    QString clientToken;
    const QJsonValue tokenValue = input.value(QLatin1String("clientToken"));
    if (!tokenValue.isUndefined() && !tokenValue.isNull()) {
        clientToken = tokenValue.toString();
        if (!tokenValue.isString())
            violations.add(QStringLiteral("of wrong type"), QStringLiteral("clientToken"),
                           QStringLiteral("Member must be a string"));
        else if (clientToken.isEmpty())
            violations.add(QStringLiteral("''"), QStringLiteral("clientToken"),
                           QStringLiteral("Member must have length greater than or equal to 1"));
        else if (clientToken.size() > 256)
            violations.add(quoted(clientToken), QStringLiteral("clientToken"),
                           QStringLiteral("Member must have length less than or equal to 256"));
        else if (!fullMatch(QStringLiteral("[ -~]+"), clientToken))
            violations.add(quoted(clientToken), QStringLiteral("clientToken"),
                           QStringLiteral("Member must satisfy regular expression pattern: [ -~]+"));
    }
    if (!violations.isEmpty())
        return validationError(violations);
    const RunEngine::StartOutcome outcome =
        m_engine.start(input.value(QLatin1String("flowName")).toString(), clientToken);
    if (outcome.error)
        return engineError(*outcome.error);
    QJsonObject output{{QStringLiteral("flowArn"), outcome.flowArn},
                       {QStringLiteral("flowStatus"), outcome.flowStatus}};
    if (!outcome.executionId.isEmpty())
        output.insert(QStringLiteral("executionId"), outcome.executionId);
    return jsonReply(output);
}

HttpReply AppFlowRoutes::stopFlow(const QJsonObject &input)
{
    Violations violations;
    checkFlowName(input, violations);
    if (!violations.isEmpty())
        return validationError(violations);
    const RunEngine::StopOutcome outcome =
        m_engine.stop(input.value(QLatin1String("flowName")).toString());
    if (outcome.error)
        return engineError(*outcome.error);
    return jsonReply(QJsonObject{{QStringLiteral("flowArn"), outcome.flowArn},
                                 {QStringLiteral("flowStatus"), outcome.flowStatus}});
}

} // namespace flowdesk::sim
