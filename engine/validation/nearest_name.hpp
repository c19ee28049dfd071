#pragma once
// Suggestions for a mistyped name: the known name nearest by edit distance.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace panelpack::validation {

// The candidate nearest to `typed`, if it is near enough to be what was meant (at most 2 edits,
// or a third of the name's length for longer names), ASCII case ignored (a capital typed by
// mistake costs nothing). Ties go to the earlier candidate.
std::optional<std::string> nearest_name(std::string_view typed,
                                        const std::vector<std::string>& candidates);

}  // namespace panelpack::validation
