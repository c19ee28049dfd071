#pragma once
// THE list of paper types (docs/schema/common.schema.json's PaperType enum, which a test keeps
// equal to it): which ones panelpack fills from the case file and which arrive as documents.
// The command line, its help and the pack all read it here.

#include <array>
#include <string>
#include <string_view>

namespace panelpack::panel {

struct PaperType {
  std::string_view code;
  bool filled_from_case;  // panelpack renders it from the case file (when the file has it)
};

inline constexpr std::array<PaperType, 7> kPaperTypes{{
    {"referral", true},
    {"matching", true},
    {"finance-request", true},
    {"care-plan", false},
    {"chronology", false},
    {"assessment", false},
    {"cpm-report", false},
}};

bool is_paper_type(std::string_view code);

// Whether panelpack fills a paper of this type from the case file.
bool is_filled_from_case(std::string_view code);

// The codes in table order, joined by ", " and the last by `last_joiner`: "referral, matching,
// ... assessment or cpm-report" with " or ".
std::string paper_type_list(std::string_view last_joiner);

}  // namespace panelpack::panel
