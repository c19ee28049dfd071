#pragma once
// The rule for the pack a circulation carries (docs/mail.md, One set of pack options): a pack
// already built is circulated when it meets the panel's options and is current; a pack built
// with the panel's options is rebuilt when it is not; a pack built with other options (by hand)
// is never replaced; and no pack weaker than the panel's options is ever circulated.

#include <optional>
#include <string>

#include "panel/mail_config.hpp"

namespace panelpack::panel {

// What the panel's options ask of a pack.
struct PackWanted {
  bool encrypted = false;
  bool zip = true;
  bool pdf = false;
};

PackWanted pack_wanted(const CirculationConfig& circulation);

// A pack found in the sitting's pack folder, as its files show it (not only as its manifest
// says).
struct PackFound {
  bool zip = false;
  bool zip_encrypted = false;
  bool pdf = false;
  bool pdf_encrypted = false;
  bool from_office = true;  // built with the panel's options, not with options given by hand
  bool current = false;     // nothing it was made from has changed since
};

enum class PackAction {
  circulate,           // send the pack that is there
  build,               // build it now with the panel's options, replacing what is there
  refuse_weaker,       // it is weaker than the panel's options: send nothing, alert
  refuse_out_of_date,  // built by hand, and what it was made from changed: send nothing, alert
};

struct PackDecision {
  PackAction action = PackAction::build;
  // Why, in words for the log and the administrator's alert: "the zip is not encrypted".
  std::string reason;
};

// "the zip is not encrypted, there is no PDF": what `found` lacks of `wanted`; empty when it
// meets it.
std::string pack_shortfall(const PackFound& found, const PackWanted& wanted);

// `circulated_before`: some recipients already have the pack, so the rest must get the same
// one; it is built only when none is there.
PackDecision decide_pack(const std::optional<PackFound>& found, const PackWanted& wanted,
                         bool circulated_before);

}  // namespace panelpack::panel
