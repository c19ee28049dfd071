#include "office/documents/filter_fit.hpp"

namespace panelpack::office {
namespace {

using validation::FieldKind;

bool fits(const std::string& filter, FieldKind kind) {
  if (kind == FieldKind::any) return true;
  if (filter == "date") return kind == FieldKind::date || kind == FieldKind::date_time;
  if (filter == "money") {
    // A text field may hold an amount typed as text; dates, choices and yes/no never do.
    return kind == FieldKind::number || kind == FieldKind::whole_number || kind == FieldKind::text;
  }
  if (filter == "yesno" || filter == "checkbox") return kind == FieldKind::yes_no;
  return true;  // upper, lower and default read any text
}

}  // namespace

std::optional<std::string> filter_that_does_not_fit(const validation::Field& field,
                                                    const std::vector<std::string>& filters) {
  for (const std::string& filter : filters) {
    if (filter == "default") continue;
    if (fits(filter, field.kind)) return std::nullopt;
    return filter;
  }
  return std::nullopt;
}

std::string what_filter_reads(const std::string& filter) {
  if (filter == "date") return "a date";
  if (filter == "money") return "a number";
  if (filter == "yesno" || filter == "checkbox") return "a yes/no field";
  return "text";
}

}  // namespace panelpack::office
