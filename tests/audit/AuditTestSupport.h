#pragma once

#include "AuditEntry.h"

namespace flowdesk::audit::test {

// A complete intent and its result, with every member set, as the UI would write them.
inline AuditEntry sampleIntent(const QString &flow = QStringLiteral("orders-to-s3"))
{
    AuditEntry intent;
    intent.type = AuditEntry::Type::Intent;
    intent.time = QDateTime(QDate(2024, 5, 1), QTime(12, 3, 4, 123), Qt::UTC);
    intent.correlationId = QStringLiteral("6f1c2c7e-3a55-4c1e-9a55-0d3f5c1b2a10");
    intent.profile = QStringLiteral("prod-ops");
    intent.account = QStringLiteral("123456789012");
    intent.region = QStringLiteral("eu-west-1");
    intent.endpoint = QStringLiteral("https://appflow.eu-west-1.amazonaws.com");
    intent.flowName = flow;
    intent.executionIds = {QStringLiteral("e-1"), QStringLiteral("e-2")};
    intent.confirmedBy = QStringLiteral("alice");
    intent.deactivateRequested = true;
    return intent;
}

inline AuditEntry sampleResult(const AuditEntry &intent)
{
    AuditEntry result = intent.resultFor();
    result.time = intent.time.addMSecs(850);
    result.outcomes = {{QStringLiteral("e-1"), AuditOutcome::Kind::CancelStarted, {}},
                       {QStringLiteral("e-2"), AuditOutcome::Kind::NotCancellable,
                        QStringLiteral("already finished (Successful)")}};
    result.invalidExecutions = {QStringLiteral("e-2")};
    result.requestIds = {QStringLiteral("9b2f0d3e-1111-2222-3333-444455556666")};
    return result;
}

} // namespace flowdesk::audit::test
