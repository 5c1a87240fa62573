#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace flowdesk::audit {

// What happened to one execution ID, as recorded in a result entry.
struct AuditOutcome {
    enum class Kind {
        CancelStarted,  // the service accepted the cancel
        NotCancellable, // returned in invalidExecutions (detail says why, as far as we know)
        RequestFailed,  // the request carrying it failed (detail: the error)
        Reconciled      // no answer was recorded; detail: the status AppFlow showed later
    };
    QString executionId;
    Kind kind = Kind::RequestFailed;
    QString detail;

    friend bool operator==(const AuditOutcome &, const AuditOutcome &) = default;
};

// One line of the audit log. A cancel writes two: an Intent before the request is sent, and a
// Result with the same correlation ID once the answer (or the error) is in. A cancel that
// spans flows writes one pair per flow, because CancelFlowExecutions is a per-flow request.
//
// Nothing secret belongs here: no keys, tokens or headers. The endpoint is written without
// user info, query or fragment whatever the caller passes.
struct AuditEntry {
    Q_DECLARE_TR_FUNCTIONS(AuditEntry)

public:
    enum class Type { Intent, Result };

    Type type = Type::Intent;
    QDateTime time;            // written as UTC ISO-8601 with milliseconds
    QString correlationId;     // the same in an intent and its result
    QString profile;           // the connection profile (AWS CLI profile or saved account)
    QString account;           // AWS account ID, when known
    QString role;              // the role taken in it (IAM Identity Center), when known
    QString region;
    QString endpoint;          // the AppFlow endpoint URL the request goes to
    QString flowName;
    bool allActiveRuns = false; // "cancel all active runs": written as "executionIds": "all"
    QStringList executionIds;  // the runs asked for, when not allActiveRuns
    QString confirmedBy;       // OS user who confirmed (AuditLog::osUserName())
    // The program that wrote the entry (its application name: "Flowdesk", "flowdesk-cli"), so
    // History can tell a runbook's cancels from clicks. Empty in lines written before it was
    // recorded.
    QString via;
    bool deactivateRequested = false; // "Also deactivate the flow" was ticked

    // Result entries only.
    QList<AuditOutcome> outcomes;     // per execution ID
    QStringList invalidExecutions;    // as the service returned them
    QStringList requestIds;           // x-amzn-requestid of each request sent
    QString error;                    // the request error, when the cancel failed as a whole
    // A result line for "Also deactivate": the flow status StopFlow answered ("Suspended"), or
    // "failed" with `error`. Empty on the cancel's own result line.
    QString deactivation;
    // A result written at a later start for an intent whose answer was never recorded (Flowdesk
    // was closed or killed while the request was out): outcomes are Reconciled with the status
    // found then, which says what became of the runs, not what the request did.
    bool reconciled = false;

    // A new intent: the time is now (UTC), the correlation ID a fresh UUID, `via` this program.
    static AuditEntry newIntent();
    // The result entry for this intent: same correlation ID and context, time now.
    AuditEntry resultFor() const;

    QJsonObject toJson() const;
    // nullopt with *why set when the object is not a valid entry of a version we read.
    static std::optional<AuditEntry> fromJson(const QJsonObject &object, QString *why);

    static QString typeName(Type type);
    static QString outcomeName(AuditOutcome::Kind kind);

    friend bool operator==(const AuditEntry &, const AuditEntry &) = default;
};

} // namespace flowdesk::audit
