#pragma once
// The words a person reads for the codes the schemas store ("ratify_plan" -> "Ratify the
// permanence plan"): the "x-labels" of docs/schema/, compiled in, so they live in one place.

#include <string>
#include <string_view>
#include <vector>

namespace panelpack::panel {

// Each returns the code itself when it knows no words for it, so nothing prints empty.
std::string referral_reason_label(std::string_view code);
std::string paper_type_label(std::string_view code);
std::string panel_type_label(std::string_view code);
std::string legal_status_label(std::string_view code);
std::string outcome_label(std::string_view code);
std::string monitoring_label(std::string_view code);
std::string permanence_option_label(std::string_view code);

// The decision schema's outcome codes in its order ("plan_ratified", ...), for a choice of them.
std::vector<std::string> outcome_codes();

}  // namespace panelpack::panel
