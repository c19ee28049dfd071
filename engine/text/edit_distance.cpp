#include "text/edit_distance.hpp"

#include <algorithm>
#include <vector>

namespace panelpack::text {
namespace {

char ascii_lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

}  // namespace

// Written by hand: the names compared are short, and no library we link offers it.
std::size_t edit_distance(std::string_view from, std::string_view to, LetterCase letter_case) {
  const bool fold = letter_case == LetterCase::ascii_folded;
  const auto same = [fold](char a, char b) {
    return fold ? ascii_lower(a) == ascii_lower(b) : a == b;
  };
  // One row of the matrix, updated in place; `diagonal` keeps the cell overwritten last.
  std::vector<std::size_t> row(to.size() + 1);
  for (std::size_t j = 0; j <= to.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= from.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= to.size(); ++j) {
      const std::size_t above = row[j];
      const std::size_t substitution = diagonal + (same(from[i - 1], to[j - 1]) ? 0 : 1);
      row[j] = std::min({above + 1, row[j - 1] + 1, substitution});
      diagonal = above;
    }
  }
  return row[to.size()];
}

}  // namespace panelpack::text
