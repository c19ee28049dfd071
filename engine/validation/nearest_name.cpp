#include "validation/nearest_name.hpp"

#include <algorithm>

#include "text/edit_distance.hpp"

namespace panelpack::validation {

std::optional<std::string> nearest_name(std::string_view typed,
                                        const std::vector<std::string>& candidates) {
  const std::size_t allowed = std::max<std::size_t>(2, typed.size() / 3);
  std::optional<std::string> best;
  std::size_t best_distance = allowed + 1;
  for (const auto& candidate : candidates) {
    const std::size_t distance =
        text::edit_distance(typed, candidate, text::LetterCase::ascii_folded);
    if (distance < best_distance) {
      best_distance = distance;
      best = candidate;
    }
  }
  return best;
}

}  // namespace panelpack::validation
