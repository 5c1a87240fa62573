#pragma once

#include "RoundFigures.h"
#include "SoakSettings.h"

#include <QString>

namespace flowdesk::soak {

// One round of the soak against a fresh in-process simulator (generated flows, faults, seed):
//  1. set-up through a client of its own: pick active on-demand flows, start runs on them;
//  2. a full refresh with the real RefreshController, until it is no longer busy;
//  3. pick the runs to cancel from the simulator's state (the newest of each flow: those
//     started, and finished ones), then cancel a few of them behind the controller's back;
//  4. the cancel with the real CancelController (audit log in a temporary folder), until it
//     settles;
//  5. the comparison, run by run, of what the controllers report with the simulator's state
//     and request log, and of the audit log with the cancel requests the simulator received.
class SoakRound
{
public:
    SoakRound(const SoakSettings &settings, quint32 seed);

    // The figures; false when the round could not be set up (errorString()).
    bool run(RoundFigures *figures);
    QString errorString() const { return m_error; }

private:
    SoakSettings m_settings;
    quint32 m_seed;
    QString m_error;
};

} // namespace flowdesk::soak
