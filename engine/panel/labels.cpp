#include "panel/labels.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace panelpack::panel {

namespace {

using Label = std::pair<std::string_view, std::string_view>;

template <std::size_t N>
std::string look_up(const std::array<Label, N>& labels, std::string_view code) {
  const auto found = std::find_if(labels.begin(), labels.end(),
                                  [&](const Label& label) { return label.first == code; });
  return std::string{found == labels.end() ? code : found->second};
}

// The enums of docs/schema/common.schema.json, in the words of the terms of reference.
constexpr std::array<Label, 10> kReferralReasons{{
    {"first_review_after_entry", "First review after entering care"},
    {"ratify_plan", "Ratify the permanence plan"},
    {"change_plan", "Change of plan"},
    {"placement_disruption", "Re-referral after a placement disruption"},
    {"pre_birth", "Pre-birth planning"},
    {"ltf_match_ifa", "Long-term fostering match (IFA)"},
    {"staying_put", "Staying Put"},
    {"stability_meeting", "Stability meeting"},
    {"resource_request", "Resource request"},
    {"tracking_review", "Tracking review"},
}};

constexpr std::array<Label, 7> kPaperTypes{{
    {"referral", "Referral"},
    {"matching", "Matching proforma"},
    {"finance-request", "Finance request"},
    {"care-plan", "Care plan"},
    {"chronology", "Chronology"},
    {"assessment", "Assessment"},
    {"cpm-report", "Child Permanence Meeting report"},
}};

constexpr std::array<Label, 5> kPanelTypes{{
    {"permanence_panel", "Permanence Panel"},
    {"pptm", "Permanence Planning Tracking Meeting"},
    {"aep", "Achieving Early Permanence Panel"},
    {"planning_panel", "Permanence Planning Panel"},
    {"monitoring", "Permanence Monitoring Panel"},
}};

constexpr std::array<Label, 15> kLegalStatuses{{
    {"V2", "Accommodated under section 20 (V2)"},
    {"V3", "Short breaks, single placement (V3)"},
    {"V4", "Short breaks, series of placements (V4)"},
    {"L1", "Police protection (L1)"},
    {"L2", "Emergency protection order (L2)"},
    {"L3", "Child assessment order (L3)"},
    {"C1", "Interim care order (C1)"},
    {"C2", "Care order (C2)"},
    {"E1", "Placement order (E1)"},
    {"D1", "Freeing order (D1)"},
    {"J1", "Remanded (J1)"},
    {"J2", "Detained under PACE (J2)"},
    {"J3", "Youth rehabilitation order with residence (J3)"},
    {"PRE_PROCEEDINGS", "Pre-proceedings (PLO)"},
    {"NOT_LOOKED_AFTER", "Not looked after"},
}};

constexpr std::array<Label, 10> kOutcomes{{
    {"plan_ratified", "Plan ratified"},
    {"plan_changed", "Plan changed"},
    {"plan_not_ratified", "Plan not ratified"},
    {"match_recommended", "Match recommended"},
    {"staying_put_approved", "Staying Put approved"},
    {"funding_approved", "Funding approved"},
    {"funding_partial", "Funding partly approved"},
    {"funding_declined", "Funding declined"},
    {"deferred_more_info", "Deferred for more information"},
    {"escalate", "Escalated"},
}};

constexpr std::array<Label, 3> kMonitoring{{
    {"pptm_review", "Review at PPTM"},
    {"return_to_panel", "Return to panel"},
    {"no_further_review", "No further review"},
}};

constexpr std::array<Label, 10> kPermanenceOptions{{
    {"return_home", "Return home"},
    {"connected_person", "Connected person"},
    {"sgo", "Special guardianship order"},
    {"cao", "Child arrangements order"},
    {"adoption", "Adoption"},
    {"early_permanence_f2a", "Early permanence (fostering for adoption)"},
    {"long_term_fostering", "Long-term fostering"},
    {"residential", "Residential care"},
    {"independent_living", "Independent living"},
    {"staying_put", "Staying Put"},
}};

}  // namespace

std::string outcome_label(std::string_view code) {
  return look_up(kOutcomes, code);
}

std::string monitoring_label(std::string_view code) {
  return look_up(kMonitoring, code);
}

std::string permanence_option_label(std::string_view code) {
  return look_up(kPermanenceOptions, code);
}

std::string referral_reason_label(std::string_view code) {
  return look_up(kReferralReasons, code);
}

std::string paper_type_label(std::string_view code) {
  return look_up(kPaperTypes, code);
}

std::string panel_type_label(std::string_view code) {
  return look_up(kPanelTypes, code);
}

std::string legal_status_label(std::string_view code) {
  return look_up(kLegalStatuses, code);
}

}  // namespace panelpack::panel
