#pragma once
// What the next `tick` will mail because a sitting changed after people were told of it
// (docs/mail.md, "Changes after the reminders"): `book` says it when it saves a change.

#include <string>

#include "office/workspace.hpp"
#include "panel/bookings.hpp"
#include "panel/office_config.hpp"
#include "panel/sittings.hpp"

namespace panelpack::office {

// "the next tick will send a correction to 2 presenters whose slot changed and a cancellation
// to 1 presenter of a case taken off; the pack was circulated, so the members get an addendum
// with the new agenda"; empty when the change tells nobody anything (nobody was told yet, or
// no slot moved). Reads the sitting's record and case files; never throws for them (a forecast
// that cannot be made says so).
std::string change_forecast(const Workspace& workspace, const panel::PanelConfig& panel,
                            const panel::Sitting& sitting, const panel::Bookings& bookings,
                            panel::UtcInstant now);

}  // namespace panelpack::office
