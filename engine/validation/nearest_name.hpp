#pragma once
// Suggestions for a mistyped name: the known name nearest by edit distance.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace panelpack::validation {

// Levenshtein distance, ignoring ASCII case (a capital typed by mistake costs nothing).
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate nearest to `typed`, if it is near enough to be what was meant (at most 2 edits,
// or a third of the name's length for longer names). Ties go to the earlier candidate.
std::optional<std::string> nearest_name(std::string_view typed,
                                        const std::vector<std::string>& candidates);

}  // namespace panelpack::validation
