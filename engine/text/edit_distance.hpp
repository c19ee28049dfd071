#pragma once
// Levenshtein distance: how many single-byte insertions, deletions and substitutions turn one
// name into another, for "did you mean" suggestions.

#include <cstddef>
#include <string_view>

namespace panelpack::text {

enum class LetterCase {
  matters,      // "Name" and "name" are one edit apart
  ascii_folded  // A-Z and a-z compared alike: a capital typed by mistake costs nothing
};

std::size_t edit_distance(std::string_view from, std::string_view to,
                          LetterCase letter_case = LetterCase::matters);

}  // namespace panelpack::text
