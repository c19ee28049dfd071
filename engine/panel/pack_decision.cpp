#include "panel/pack_decision.hpp"

namespace panelpack::panel {

PackWanted pack_wanted(const CirculationConfig& circulation) {
  return {!circulation.zip_password.empty(), circulation.needs_zip(), circulation.needs_pdf()};
}

std::string pack_shortfall(const PackFound& found, const PackWanted& wanted) {
  std::string shortfall;
  const auto lacks = [&](const char* what) {
    shortfall += (shortfall.empty() ? "" : ", ") + std::string(what);
  };
  if (wanted.zip && !found.zip) lacks("there is no zip");
  if (wanted.zip && found.zip && wanted.encrypted && !found.zip_encrypted) {
    lacks("the zip is not encrypted");
  }
  if (wanted.pdf && !found.pdf) lacks("there is no PDF");
  if (wanted.pdf && found.pdf && wanted.encrypted && !found.pdf_encrypted) {
    lacks("the PDF is not encrypted");
  }
  return shortfall;
}

PackDecision decide_pack(const std::optional<PackFound>& found, const PackWanted& wanted,
                         bool circulated_before) {
  if (!found) return {PackAction::build, "no pack has been built"};
  const std::string shortfall = pack_shortfall(*found, wanted);
  if (circulated_before) {
    if (shortfall.empty()) return {PackAction::circulate, "the rest get the pack the first got"};
    return {PackAction::refuse_weaker, shortfall};
  }
  if (found->from_office) {
    if (!shortfall.empty()) return {PackAction::build, "the panel's options changed: " + shortfall};
    if (!found->current) return {PackAction::build, "what it is made from changed"};
    return {PackAction::circulate, "it is current and meets the panel's options"};
  }
  // Built by hand with other options: never replaced, so never rebuilt here.
  if (!shortfall.empty()) return {PackAction::refuse_weaker, shortfall};
  if (!found->current) return {PackAction::refuse_out_of_date, "what it is made from changed"};
  return {PackAction::circulate, "it was built by hand, is current and meets the panel's options"};
}

}  // namespace panelpack::panel
