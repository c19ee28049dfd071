#pragma once
// Whether a tag's filters suit the kind of field it names: `date` on a date, `money` on a
// number, `yesno` and `checkbox` on a yes/no field.

#include <optional>
#include <string>
#include <vector>

#include "validation/field_catalogue.hpp"

namespace panelpack::office {

// The first filter that meets the field's own value (a `default` lets the value through when
// there is one), when it cannot read that kind of field: "date". Nothing when it fits, or the
// field may hold anything.
std::optional<std::string> filter_that_does_not_fit(const validation::Field& field,
                                                    const std::vector<std::string>& filters);

// What the filter reads, for messages: "a date", "a number", "a yes/no field".
std::string what_filter_reads(const std::string& filter);

}  // namespace panelpack::office
