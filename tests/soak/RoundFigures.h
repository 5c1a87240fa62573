#pragma once

#include <QMap>
#include <QString>
#include <QStringList>

namespace flowdesk::soak {

// The figures of one round (or, added up, of the whole soak) and the lines that explain every
// miss. Goals: no misreported, no cancelled-but-not, no unreported run, the unread flows marked
// exactly, no cancel request without an intent line in the audit log.
struct RoundFigures {
    int rounds = 0;
    int runsChecked = 0;
    int misreported = 0;
    int reportedCancelledButNot = 0;
    int notReported = 0;
    QMap<QString, int> expectedMix; // expected result → runs (what the round exercised)

    int flowsListed = 0; // flows the simulator has
    int unreadBySimulator = 0; // flows whose every history read failed
    int unreadMarked = 0; // flows the refresh reports unread
    int unreadMismatched = 0; // in one list but not the other
    int unreadNeverReached = 0; // marked unread, every attempt lost on the way (not in its log)
    int listingIncomplete = 0; // refreshes whose ListFlows failed (simulator's view)
    int listingMismatched = 0; // the refresh said otherwise

    int cancelRequests = 0; // CancelFlowExecutions requests the simulator received
    int cancelsWithoutIntent = 0; // … for a flow with no intent line before it
    int timeouts = 0; // refreshes or cancels that did not finish in time
    qint64 wallMs = 0;
    qint64 setupMs = 0, refreshMs = 0, cancelMs = 0; // of which: set-up, refresh, cancel

    QStringList details; // one line per miss

    bool goalsMet() const;
    void add(const RoundFigures &round);
    // "100 runs checked, 0 misreported, …" for a round line or the totals.
    QString summary() const;
};

} // namespace flowdesk::soak
