// engine/text/edit_distance: Levenshtein distance, with and without ASCII case.
#include <gtest/gtest.h>

#include "text/edit_distance.hpp"

namespace {

using panelpack::text::edit_distance;
using panelpack::text::LetterCase;

TEST(EditDistance, CountsInsertionsDeletionsAndSubstitutions) {
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3U);
  EXPECT_EQ(edit_distance("flaw", "lawn"), 2U);
  EXPECT_EQ(edit_distance("date", "dat"), 1U);
  EXPECT_EQ(edit_distance("uper", "upper"), 1U);
  EXPECT_EQ(edit_distance("", "abc"), 3U);
  EXPECT_EQ(edit_distance("abc", ""), 3U);
  EXPECT_EQ(edit_distance("same", "same"), 0U);
  EXPECT_EQ(edit_distance("", ""), 0U);
}

TEST(EditDistance, LetterCaseMattersUnlessFolded) {
  EXPECT_EQ(edit_distance("Name", "name"), 1U);
  EXPECT_EQ(edit_distance("Name", "name", LetterCase::ascii_folded), 0U);
  EXPECT_EQ(edit_distance("CHILDID", "childId", LetterCase::ascii_folded), 0U);
  EXPECT_EQ(edit_distance("nmae", "NAME", LetterCase::ascii_folded), 2U);
  // Only ASCII letters fold: É and é stay different bytes.
  EXPECT_EQ(edit_distance("\xC3\x89", "\xC3\xA9", LetterCase::ascii_folded), 1U);
}

}  // namespace
