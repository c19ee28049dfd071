#include "panel/paper_types.hpp"

#include <algorithm>

namespace panelpack::panel {

namespace {

const PaperType* find_type(std::string_view code) {
  const auto found = std::find_if(kPaperTypes.begin(), kPaperTypes.end(),
                                  [&](const PaperType& type) { return type.code == code; });
  return found == kPaperTypes.end() ? nullptr : &*found;
}

}  // namespace

bool is_paper_type(std::string_view code) {
  return find_type(code) != nullptr;
}

bool is_filled_from_case(std::string_view code) {
  const PaperType* type = find_type(code);
  return type != nullptr && type->filled_from_case;
}

std::string paper_type_list(std::string_view last_joiner) {
  std::string text;
  for (std::size_t i = 0; i < kPaperTypes.size(); ++i) {
    if (i > 0) text += i + 1 == kPaperTypes.size() ? last_joiner : std::string_view{", "};
    text += kPaperTypes[i].code;
  }
  return text;
}

}  // namespace panelpack::panel
