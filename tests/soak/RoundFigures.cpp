#include "RoundFigures.h"

namespace flowdesk::soak {

namespace {

QString seconds(qint64 ms)
{
    return QString::number(double(ms) / 1000.0, 'f', 1);
}

} // namespace

bool RoundFigures::goalsMet() const
{
    return misreported == 0 && reportedCancelledButNot == 0 && notReported == 0
        && unreadMismatched == 0 && listingMismatched == 0 && cancelsWithoutIntent == 0
        && timeouts == 0;
}

void RoundFigures::add(const RoundFigures &round)
{
    rounds += round.rounds;
    runsChecked += round.runsChecked;
    misreported += round.misreported;
    reportedCancelledButNot += round.reportedCancelledButNot;
    notReported += round.notReported;
    for (auto it = round.expectedMix.cbegin(); it != round.expectedMix.cend(); ++it)
        expectedMix[it.key()] += it.value();
    flowsListed += round.flowsListed;
    unreadBySimulator += round.unreadBySimulator;
    unreadMarked += round.unreadMarked;
    unreadMismatched += round.unreadMismatched;
    unreadNeverReached += round.unreadNeverReached;
    listingIncomplete += round.listingIncomplete;
    listingMismatched += round.listingMismatched;
    cancelRequests += round.cancelRequests;
    cancelsWithoutIntent += round.cancelsWithoutIntent;
    timeouts += round.timeouts;
    wallMs += round.wallMs;
    setupMs += round.setupMs;
    refreshMs += round.refreshMs;
    cancelMs += round.cancelMs;
}

QString RoundFigures::summary() const
{
    QStringList mix;
    for (auto it = expectedMix.cbegin(); it != expectedMix.cend(); ++it)
        mix << QStringLiteral("%1 %2").arg(it.value()).arg(it.key());
    return QStringLiteral(
               "%1 runs checked (%2): %3 misreported, %4 reported cancelled but not, %5 not "
               "reported | flows left unread: %6 by the simulator, %7 marked (%18 of them lost on the way), %8 mismatched; "
               "listing incomplete %9×, mismatched %10× | %11 cancel requests, %12 without an "
               "intent line | %13 timed out | %14 s (set-up %15 s, refresh %16 s, cancel %17 s)")
        .arg(runsChecked)
        .arg(mix.join(QStringLiteral(", ")))
        .arg(misreported)
        .arg(reportedCancelledButNot)
        .arg(notReported)
        .arg(unreadBySimulator)
        .arg(unreadMarked)
        .arg(unreadMismatched)
        .arg(listingIncomplete)
        .arg(listingMismatched)
        .arg(cancelRequests)
        .arg(cancelsWithoutIntent)
        .arg(timeouts)
        .arg(seconds(wallMs), seconds(setupMs), seconds(refreshMs), seconds(cancelMs))
        .arg(unreadNeverReached);
}

} // namespace flowdesk::soak
