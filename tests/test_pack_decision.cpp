#include <gtest/gtest.h>

#include "panel/pack_decision.hpp"

namespace {

using panelpack::panel::decide_pack;
using panelpack::panel::PackAction;
using panelpack::panel::PackFound;
using panelpack::panel::PackWanted;

constexpr PackWanted kEncryptedBoth{true, true, true};
constexpr PackWanted kPlainZip{false, true, false};

PackFound encrypted_both(bool from_office, bool current) {
  return {true, true, true, true, from_office, current};
}

PackFound plain_zip(bool from_office, bool current) {
  return {true, false, false, false, from_office, current};
}

TEST(PackDecision, NoPackIsBuilt) {
  EXPECT_EQ(decide_pack(std::nullopt, kPlainZip, false).action, PackAction::build);
  EXPECT_EQ(decide_pack(std::nullopt, kEncryptedBoth, true).action, PackAction::build);
}

TEST(PackDecision, APackBuiltWithTheOptionsIsCirculatedWhileCurrentAndRebuiltOtherwise) {
  EXPECT_EQ(decide_pack(plain_zip(true, true), kPlainZip, false).action, PackAction::circulate);
  EXPECT_EQ(decide_pack(plain_zip(true, false), kPlainZip, false).action, PackAction::build);
  // The options grew stronger since: built again with them, never sent as it is.
  EXPECT_EQ(decide_pack(plain_zip(true, true), kEncryptedBoth, false).action, PackAction::build);
}

TEST(PackDecision, APackBuiltByHandIsNeverReplaced) {
  // Stronger than the options and current: it is what goes.
  EXPECT_EQ(decide_pack(encrypted_both(false, true), kPlainZip, false).action,
            PackAction::circulate);
  // Out of date: refused, not rebuilt with weaker options.
  EXPECT_EQ(decide_pack(encrypted_both(false, false), kPlainZip, false).action,
            PackAction::refuse_out_of_date);
  // Weaker than the options: refused.
  const auto weaker = decide_pack(plain_zip(false, true), kEncryptedBoth, false);
  EXPECT_EQ(weaker.action, PackAction::refuse_weaker);
  EXPECT_EQ(weaker.reason, "the zip is not encrypted, there is no PDF");
}

TEST(PackDecision, NothingWeakerThanTheOptionsEverGoes) {
  PackFound plain_pdf = encrypted_both(true, true);
  plain_pdf.pdf_encrypted = false;
  for (const bool before : {false, true}) {
    const auto decision = decide_pack(plain_pdf, kEncryptedBoth, before);
    EXPECT_NE(decision.action, PackAction::circulate);
  }
  EXPECT_EQ(decide_pack(plain_pdf, kEncryptedBoth, true).reason, "the PDF is not encrypted");
}

TEST(PackDecision, TheRestOfACirculationGetTheSamePackEvenIfOutOfDate) {
  EXPECT_EQ(decide_pack(plain_zip(true, false), kPlainZip, true).action, PackAction::circulate);
  EXPECT_EQ(decide_pack(encrypted_both(false, false), kPlainZip, true).action,
            PackAction::circulate);
}

}  // namespace
