#pragma once

#include "SuiteCase.h"

#include <QList>
#include <QString>

namespace flowdesk::aws::suite {

// The outcome of one step of one signing variant ("header" or "query").
struct StepCheck {
    QString variant;
    QString step; // "canonical request", "string to sign", "signature", "authorization",
                  // "presigned query"
    bool passed = false;
    QString hint; // where expected and actual first differ (failures only)
};

// Signs a case's request the way the case asks (header and/or query signing) and compares
// every intermediate the case gives with what SigV4.h produced, each step on its own, so a
// failure says where the signer went wrong rather than only that the signature differs.
class CaseRunner
{
public:
    static QList<StepCheck> run(const SuiteCase &suiteCase);

    // "line 2, column 5: expected "/%E1…" but got "/%25E1…"" — the first difference.
    static QString differenceHint(const QByteArray &expected, const QByteArray &actual);
};

} // namespace flowdesk::aws::suite
