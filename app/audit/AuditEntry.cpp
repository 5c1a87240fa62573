#include "AuditEntry.h"

#include <QJsonArray>
#include <QUrl>
#include <QUuid>

namespace flowdesk::audit {

namespace {

// Bump when a line's meaning changes; readers skip versions they do not know.
constexpr int formatVersion = 1;

const QString allText = QStringLiteral("all");

QJsonArray toArray(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

// A string list member: missing is empty; anything but an array of strings is an error.
bool readStrings(const QJsonObject &object, const QString &key, QStringList *out, QString *why)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined())
        return true;
    if (!value.isArray()) {
        *why = AuditEntry::tr("\"%1\" is not a list").arg(key);
        return false;
    }
    for (const QJsonValue &item : value.toArray()) {
        if (!item.isString()) {
            *why = AuditEntry::tr("\"%1\" holds something other than text").arg(key);
            return false;
        }
        out->append(item.toString());
    }
    return true;
}

bool readString(const QJsonObject &object, const QString &key, QString *out, QString *why)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined())
        return true;
    if (!value.isString()) {
        *why = AuditEntry::tr("\"%1\" is not text").arg(key);
        return false;
    }
    *out = value.toString();
    return true;
}

std::optional<AuditOutcome::Kind> outcomeKind(const QString &name)
{
    for (auto kind : {AuditOutcome::Kind::CancelStarted, AuditOutcome::Kind::NotCancellable,
                      AuditOutcome::Kind::RequestFailed, AuditOutcome::Kind::Reconciled}) {
        if (AuditEntry::outcomeName(kind) == name)
            return kind;
    }
    return std::nullopt;
}

QString withoutSecrets(const QString &endpoint)
{
    const QUrl url(endpoint);
    if (!url.isValid())
        return {};
    return url.adjusted(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment)
        .toString();
}

} // namespace

AuditEntry AuditEntry::newIntent()
{
    AuditEntry entry;
    entry.type = Type::Intent;
    entry.time = QDateTime::currentDateTimeUtc();
    entry.correlationId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    entry.via = QCoreApplication::applicationName();
    return entry;
}

AuditEntry AuditEntry::resultFor() const
{
    AuditEntry result = *this;
    result.type = Type::Result;
    result.time = QDateTime::currentDateTimeUtc();
    result.outcomes.clear();
    result.invalidExecutions.clear();
    result.requestIds.clear();
    result.error.clear();
    result.deactivation.clear();
    result.reconciled = false;
    return result;
}

QString AuditEntry::typeName(Type type)
{
    return type == Type::Intent ? QStringLiteral("intent") : QStringLiteral("result");
}

QString AuditEntry::outcomeName(AuditOutcome::Kind kind)
{
    switch (kind) {
    case AuditOutcome::Kind::CancelStarted: return QStringLiteral("cancelStarted");
    case AuditOutcome::Kind::NotCancellable: return QStringLiteral("notCancellable");
    case AuditOutcome::Kind::RequestFailed: return QStringLiteral("requestFailed");
    case AuditOutcome::Kind::Reconciled: return QStringLiteral("reconciled");
    }
    return {};
}

QJsonObject AuditEntry::toJson() const
{
    QJsonObject object{
        {QStringLiteral("v"), formatVersion},
        {QStringLiteral("type"), typeName(type)},
        {QStringLiteral("time"), time.toUTC().toString(Qt::ISODateWithMs)},
        {QStringLiteral("correlationId"), correlationId},
        {QStringLiteral("profile"), profile},
        {QStringLiteral("account"), account},
        {QStringLiteral("region"), region},
        {QStringLiteral("endpoint"), withoutSecrets(endpoint)},
        {QStringLiteral("flow"), flowName},
        {QStringLiteral("executionIds"),
         allActiveRuns ? QJsonValue(allText) : QJsonValue(toArray(executionIds))},
        {QStringLiteral("confirmedBy"), confirmedBy},
        {QStringLiteral("deactivateRequested"), deactivateRequested},
    };
    if (!via.isEmpty())
        object.insert(QStringLiteral("via"), via);
    // Only where a role was taken (Identity Center accounts), so older lines read the same.
    if (!role.isEmpty())
        object.insert(QStringLiteral("role"), role);
    if (type == Type::Result) {
        QJsonArray outcomeArray;
        for (const AuditOutcome &outcome : outcomes) {
            QJsonObject item{{QStringLiteral("executionId"), outcome.executionId},
                             {QStringLiteral("outcome"), outcomeName(outcome.kind)}};
            if (!outcome.detail.isEmpty())
                item.insert(QStringLiteral("detail"), outcome.detail);
            outcomeArray.append(item);
        }
        object.insert(QStringLiteral("outcomes"), outcomeArray);
        object.insert(QStringLiteral("invalidExecutions"), toArray(invalidExecutions));
        object.insert(QStringLiteral("requestIds"), toArray(requestIds));
        if (!error.isEmpty())
            object.insert(QStringLiteral("error"), error);
        if (!deactivation.isEmpty())
            object.insert(QStringLiteral("deactivation"), deactivation);
        if (reconciled)
            object.insert(QStringLiteral("reconciled"), true);
    }
    return object;
}

std::optional<AuditEntry> AuditEntry::fromJson(const QJsonObject &object, QString *why)
{
    QString ignored;
    if (!why)
        why = &ignored;
    const QJsonValue version = object.value(QStringLiteral("v"));
    if (!version.isDouble() || version.toInt() != formatVersion) {
        *why = tr("unknown format version %1").arg(version.toVariant().toString());
        return std::nullopt;
    }
    AuditEntry entry;
    const QString type = object.value(QStringLiteral("type")).toString();
    if (type == typeName(Type::Intent))
        entry.type = Type::Intent;
    else if (type == typeName(Type::Result))
        entry.type = Type::Result;
    else {
        *why = tr("unknown entry type \"%1\"").arg(type);
        return std::nullopt;
    }
    entry.time = QDateTime::fromString(object.value(QStringLiteral("time")).toString(), Qt::ISODateWithMs);
    if (!entry.time.isValid()) {
        *why = tr("no valid time");
        return std::nullopt;
    }
    entry.time = entry.time.toUTC();
    entry.correlationId = object.value(QStringLiteral("correlationId")).toString();
    if (entry.correlationId.isEmpty()) {
        *why = tr("no correlation ID");
        return std::nullopt;
    }
    if (!readString(object, QStringLiteral("profile"), &entry.profile, why)
        || !readString(object, QStringLiteral("account"), &entry.account, why)
        || !readString(object, QStringLiteral("role"), &entry.role, why)
        || !readString(object, QStringLiteral("region"), &entry.region, why)
        || !readString(object, QStringLiteral("endpoint"), &entry.endpoint, why)
        || !readString(object, QStringLiteral("flow"), &entry.flowName, why)
        || !readString(object, QStringLiteral("confirmedBy"), &entry.confirmedBy, why)
        || !readString(object, QStringLiteral("via"), &entry.via, why)
        || !readString(object, QStringLiteral("error"), &entry.error, why)
        || !readString(object, QStringLiteral("deactivation"), &entry.deactivation, why)
        || !readStrings(object, QStringLiteral("invalidExecutions"), &entry.invalidExecutions, why)
        || !readStrings(object, QStringLiteral("requestIds"), &entry.requestIds, why))
        return std::nullopt;
    if (object.value(QStringLiteral("executionIds")) == QJsonValue(allText))
        entry.allActiveRuns = true;
    else if (!readStrings(object, QStringLiteral("executionIds"), &entry.executionIds, why))
        return std::nullopt;
    entry.deactivateRequested = object.value(QStringLiteral("deactivateRequested")).toBool();
    entry.reconciled = object.value(QStringLiteral("reconciled")).toBool();
    for (const QJsonValue &item : object.value(QStringLiteral("outcomes")).toArray()) {
        const QJsonObject outcomeObject = item.toObject();
        const auto kind = outcomeKind(outcomeObject.value(QStringLiteral("outcome")).toString());
        if (!kind) {
            *why = tr("an outcome of unknown kind");
            return std::nullopt;
        }
        entry.outcomes.append({outcomeObject.value(QStringLiteral("executionId")).toString(), *kind,
                               outcomeObject.value(QStringLiteral("detail")).toString()});
    }
    return entry;
}

} // namespace flowdesk::audit
