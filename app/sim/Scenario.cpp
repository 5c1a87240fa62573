#include "Scenario.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QRegularExpression>

namespace flowdesk::sim {
namespace {

const QRegularExpression &flowNamePattern()
{
    static const QRegularExpression pattern(QStringLiteral("^[a-zA-Z0-9][\\w!@#.-]+$"));
    return pattern;
}

ConnectorSpec connectorFrom(const QJsonObject &object)
{
    ConnectorSpec spec;
    spec.connectorType = object.value(QLatin1String("connectorType")).toString();
    spec.connectorProfileName = object.value(QLatin1String("connectorProfileName")).toString();
    spec.object = object.value(QLatin1String("object")).toString();
    spec.bucketName = object.value(QLatin1String("bucketName")).toString();
    spec.bucketPrefix = object.value(QLatin1String("bucketPrefix")).toString();
    spec.dataTransferApi = object.value(QLatin1String("dataTransferApi")).toString();
    return spec;
}

RunProfile profileFrom(const QJsonObject &object)
{
    RunProfile profile;
    profile.durationSeconds =
        object.value(QLatin1String("durationMinutes")).toDouble(profile.durationSeconds / 60) * 60;
    profile.records = object.value(QLatin1String("records")).toInteger(profile.records);
    profile.bytesPerRecord =
        object.value(QLatin1String("bytesPerRecord")).toInteger(profile.bytesPerRecord);
    profile.errorRate = object.value(QLatin1String("errorRate")).toDouble(profile.errorRate);
    profile.batchSeconds =
        object.value(QLatin1String("batchMinutes")).toDouble(profile.batchSeconds / 60) * 60;
    profile.errorMessage = object.value(QLatin1String("errorMessage")).toString();
    return profile;
}

// Past runs spread back over `count` trigger intervals, mostly successful, some failed.
QList<HistoryEntry> generatedHistory(const FlowSpec &spec, int count, QRandomGenerator &rng)
{
    QList<HistoryEntry> history;
    const double gap = spec.triggerIntervalSeconds > 0 ? spec.triggerIntervalSeconds : 3 * 3600.0;
    double ago = gap * (1.0 + rng.generateDouble());
    for (int i = 0; i < count; ++i) {
        HistoryEntry entry;
        entry.startedSecondsAgo = ago;
        const double pick = rng.generateDouble();
        entry.status = pick < spec.runProfile.errorRate ? QStringLiteral("Error")
                     : pick < spec.runProfile.errorRate + 0.05 ? QStringLiteral("Canceled")
                                                               : QStringLiteral("Successful");
        history.append(entry);
        ago += gap * (0.8 + 0.4 * rng.generateDouble());
    }
    return history;
}

} // namespace

double scheduleIntervalSeconds(const QString &expression)
{
    static const QRegularExpression rate(
        QStringLiteral("^rate\\(\\s*(\\d+)\\s*(minute|minutes|hour|hours|day|days)\\s*\\)$"),
        QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch match = rate.match(expression.trimmed());
    if (!match.hasMatch())
        return 0;
    const double count = match.captured(1).toDouble();
    const QString unit = match.captured(2).toLower();
    if (unit.startsWith(u'm'))
        return count * 60;
    if (unit.startsWith(u'h'))
        return count * 3600;
    return count * 86400;
}

std::optional<Scenario> Scenario::fromJson(const QByteArray &json, double now, quint32 seed,
                                           QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = QStringLiteral("not valid JSON at offset %1: %2")
                     .arg(parseError.offset)
                     .arg(parseError.errorString());
        return std::nullopt;
    }
    const QJsonArray flows = document.object().value(QLatin1String("flows")).toArray();
    if (flows.isEmpty()) {
        *error = QStringLiteral("no \"flows\" array with at least one flow");
        return std::nullopt;
    }
    QRandomGenerator rng(seed);
    Scenario scenario;
    QStringList seen;
    for (qsizetype i = 0; i < flows.size(); ++i) {
        const QJsonObject object = flows.at(i).toObject();
        ScenarioFlow flow;
        FlowSpec &spec = flow.spec;
        spec.flowName = object.value(QLatin1String("flowName")).toString();
        const QString where = QStringLiteral("flows[%1]").arg(i);
        if (!flowNamePattern().match(spec.flowName).hasMatch() || spec.flowName.size() > 256) {
            *error = QStringLiteral("%1: flowName \"%2\" is not a valid AppFlow flow name")
                         .arg(where, spec.flowName);
            return std::nullopt;
        }
        if (seen.contains(spec.flowName)) {
            *error = QStringLiteral("%1: flowName \"%2\" appears twice").arg(where, spec.flowName);
            return std::nullopt;
        }
        seen.append(spec.flowName);
        spec.description = object.value(QLatin1String("description")).toString();
        spec.flowStatus = object.value(QLatin1String("flowStatus")).toString(spec.flowStatus);
        spec.flowStatusMessage = object.value(QLatin1String("flowStatusMessage")).toString();
        spec.triggerType = object.value(QLatin1String("triggerType")).toString(spec.triggerType);
        if (!QStringList{QStringLiteral("Scheduled"), QStringLiteral("Event"),
                         QStringLiteral("OnDemand")}
                 .contains(spec.triggerType)) {
            *error = QStringLiteral("%1: triggerType must be Scheduled, Event or OnDemand").arg(where);
            return std::nullopt;
        }
        spec.scheduleExpression = object.value(QLatin1String("scheduleExpression")).toString();
        spec.triggerIntervalSeconds =
            object.value(QLatin1String("triggerIntervalMinutes")).toDouble(0) * 60;
        if (spec.triggerIntervalSeconds <= 0)
            spec.triggerIntervalSeconds = scheduleIntervalSeconds(spec.scheduleExpression);
        if (spec.triggerType == QLatin1String("Scheduled") && spec.triggerIntervalSeconds <= 0) {
            *error = QStringLiteral("%1: a Scheduled flow needs scheduleExpression \"rate(N minutes|"
                                    "hours|days)\" or triggerIntervalMinutes")
                         .arg(where);
            return std::nullopt;
        }
        if (spec.triggerType == QLatin1String("Event") && spec.triggerIntervalSeconds <= 0)
            spec.triggerIntervalSeconds = 1800;
        spec.source = connectorFrom(object.value(QLatin1String("source")).toObject());
        spec.destination = connectorFrom(object.value(QLatin1String("destination")).toObject());
        if (spec.source.connectorType.isEmpty() || spec.destination.connectorType.isEmpty()) {
            *error = QStringLiteral("%1: source and destination need a connectorType").arg(where);
            return std::nullopt;
        }
        spec.createdAt = now - object.value(QLatin1String("createdDaysAgo")).toDouble(90) * 86400;
        spec.lastUpdatedAt =
            now - object.value(QLatin1String("updatedDaysAgo")).toDouble(30) * 86400;
        spec.createdBy = object.value(QLatin1String("createdBy")).toString();
        spec.lastUpdatedBy = object.value(QLatin1String("lastUpdatedBy")).toString(spec.createdBy);
        const QJsonObject tags = object.value(QLatin1String("tags")).toObject();
        for (auto it = tags.begin(); it != tags.end(); ++it)
            spec.tags.insert(it.key(), it.value().toString());
        spec.kmsArn = object.value(QLatin1String("kmsArn")).toString();
        for (const QJsonValue &field : object.value(QLatin1String("fields")).toArray())
            spec.fields.append(field.toString());
        spec.runProfile = profileFrom(object.value(QLatin1String("runProfile")).toObject());

        const QJsonArray history = object.value(QLatin1String("history")).toArray();
        for (qsizetype h = 0; h < history.size(); ++h) {
            const QJsonObject run = history.at(h).toObject();
            HistoryEntry entry;
            entry.status = run.value(QLatin1String("status")).toString();
            const QStringList statuses{QStringLiteral("InProgress"), QStringLiteral("Successful"),
                                       QStringLiteral("Error"), QStringLiteral("CancelStarted"),
                                       QStringLiteral("Canceled")};
            if (!statuses.contains(entry.status)) {
                *error = QStringLiteral("%1.history[%2]: status must be one of %3")
                             .arg(where)
                             .arg(h)
                             .arg(statuses.join(QStringLiteral(", ")));
                return std::nullopt;
            }
            entry.startedSecondsAgo = run.value(QLatin1String("startedMinutesAgo")).toDouble(0) * 60;
            if (entry.startedSecondsAgo <= 0) {
                *error = QStringLiteral("%1.history[%2]: startedMinutesAgo must be > 0")
                             .arg(where)
                             .arg(h);
                return std::nullopt;
            }
            entry.durationSeconds = run.value(QLatin1String("durationMinutes")).toDouble(0) * 60;
            entry.records = run.value(QLatin1String("records")).toInteger(-1);
            entry.errorMessage = run.value(QLatin1String("errorMessage")).toString();
            flow.history.append(entry);
        }
        const int generated = object.value(QLatin1String("generatedRuns")).toInt(0);
        if (generated > 0) {
            // Generated runs go behind the hand-written ones.
            double oldest = 0;
            for (const HistoryEntry &entry : flow.history)
                oldest = std::max(oldest, entry.startedSecondsAgo);
            for (HistoryEntry entry : generatedHistory(spec, generated, rng)) {
                entry.startedSecondsAgo += oldest;
                flow.history.append(entry);
            }
        }
        scenario.flows.append(flow);
    }
    return scenario;
}

std::optional<Scenario> Scenario::load(const QString &nameOrPath, double now, quint32 seed,
                                       QString *error)
{
    const bool builtIn = nameOrPath == QLatin1String("demo");
    QFile file(builtIn ? QStringLiteral(":/flowdesk-sim/scenarios/demo.json") : nameOrPath);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read scenario file %1: %2")
                     .arg(nameOrPath, file.errorString());
        return std::nullopt;
    }
    QString detail;
    auto scenario = fromJson(file.readAll(), now, seed, &detail);
    if (!scenario)
        *error = QStringLiteral("scenario %1: %2").arg(nameOrPath, detail);
    return scenario;
}

} // namespace flowdesk::sim
