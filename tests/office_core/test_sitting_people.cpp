// Presenters and apologies of a sitting (office/sitting/presenters.hpp, apologies.hpp) on a copy
// of the sample office, asserted on the bookings file itself: permanence 2026-12-15 holds
// LCS900102, LCS900103 and LCS900108 (none names presenters) and Dr Anjali Mistry's apologies;
// the panel's members are Declan Fairweather, Dr Anjali Mistry, Tomasz Wieczorek and Gillian
// Thirsk. Every refusal leaves the file's bytes as they were.

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "office/sitting/apologies.hpp"
#include "office/sitting/bookings_version.hpp"
#include "office/sitting/presenters.hpp"
#include "office/sitting/sitting_agenda.hpp"
#include "office_core/sample_office_copy.hpp"

namespace {

namespace fs = std::filesystem;
using panelpack::office::ApologiesChange;
using panelpack::office::ApologiesRequest;
using panelpack::office::BookingRefusal;
using panelpack::office::BookingResult;
using panelpack::office::PresentersRequest;
using panelpack::office::SittingId;
using panelpack::panel::Person;
using panelpack::testing::at;
using panelpack::testing::day;
using panelpack::testing::SampleOfficeCopy;

const SittingId kSitting{"permanence", day("2026-12-15")};
const auto kNow = at("2026-12-01T09:00");

class SittingPeople : public ::testing::Test {
 protected:
  fs::path file() const { return office_.root() / "bookings" / "permanence" / "2026-12-15.json"; }
  nlohmann::json bookings() const { return nlohmann::json::parse(SampleOfficeCopy::read(file())); }
  nlohmann::json item(const std::string& case_ref) const {
    const nlohmann::json all = bookings();  // kept: the loop reads into it
    for (const auto& entry : all["items"]) {
      if (entry["caseRef"] == case_ref) return entry;
    }
    return nullptr;
  }
  std::vector<std::string> apologies() const {
    std::vector<std::string> names;
    const nlohmann::json all = bookings();
    for (const auto& person : all.value("apologies", nlohmann::json::array())) {
      names.push_back(person["name"]);
    }
    return names;
  }
  panelpack::office::SittingAgenda agenda_now() const {
    return panelpack::office::sitting_agenda(office_.open(), "permanence", day("2026-12-15"), kNow);
  }
  std::string version() const {
    return panelpack::office::bookings_version(office_.open(), "permanence", day("2026-12-15"));
  }
  BookingResult presenters(const std::string& case_ref, std::optional<std::vector<Person>> people,
                           const std::string& expected) const {
    return set_presenters(office_.open(), PresentersRequest{kSitting, case_ref, people, kNow},
                          expected);
  }
  BookingResult apologise(ApologiesChange how, std::vector<std::string> members) const {
    return change_apologies(office_.open(), ApologiesRequest{kSitting, how, members, kNow});
  }
  void expect_refused(const BookingResult& result, BookingRefusal why,
                      const std::string& before) const {
    ASSERT_TRUE(result.refused.has_value()) << result.message;
    EXPECT_EQ(*result.refused, why) << result.message;
    EXPECT_FALSE(result.message.empty());
    EXPECT_EQ(SampleOfficeCopy::read(file()), before);
  }

  SampleOfficeCopy office_;
};

Person person(std::string name, std::string role, std::string email) {
  Person p;
  p.name = std::move(name);
  p.role = std::move(role);
  p.email = std::move(email);
  return p;
}

TEST_F(SittingPeople, PresentersAreWrittenToTheCasesBookingTrimmedAndInOrder) {
  const BookingResult result =
      presenters("LCS900103",
                 std::vector<Person>{person("  Sam Okafor ", "Social worker", "sam@nb.example.org"),
                                     person("Lee Chan", "", " lee@nb.example.org ")},
                 version());
  ASSERT_TRUE(result.done()) << result.message;
  EXPECT_EQ(result.message, "named 2 presenters for LCS900103 at permanence 2026-12-15");
  const nlohmann::json expected = nlohmann::json::parse(R"([
    {"name": "Sam Okafor", "role": "Social worker", "email": "sam@nb.example.org"},
    {"name": "Lee Chan", "email": "lee@nb.example.org"}])");
  EXPECT_EQ(item("LCS900103")["presenters"], expected);
  EXPECT_FALSE(item("LCS900102").contains("presenters"));
  EXPECT_EQ(item("LCS900103")["reason"], "ratify_plan");  // the rest of the booking as it was
}

TEST_F(SittingPeople, TheAgendaNamesTheNewPresentersAndBackToTheCaseFilesOnReset) {
  ASSERT_TRUE(presenters("LCS900102",
                         std::vector<Person>{person("Ola Brown", "IRO", "ola@nb.example.org")},
                         version())
                  .done());
  const auto agenda = agenda_now();
  ASSERT_FALSE(agenda.agenda.items.empty());
  ASSERT_EQ(agenda.agenda.items[0].presenters.size(), 1U);
  EXPECT_EQ(agenda.agenda.items[0].presenters[0].name, "Ola Brown");

  const BookingResult reset = presenters("LCS900102", std::nullopt, version());
  ASSERT_TRUE(reset.done()) << reset.message;
  EXPECT_EQ(reset.message,
            "LCS900102 at permanence 2026-12-15 is presented by the case file's social worker and "
            "team manager");
  EXPECT_FALSE(item("LCS900102").contains("presenters"));
  const auto again = agenda_now();
  ASSERT_FALSE(again.agenda.items[0].presenters.empty());
  EXPECT_NE(again.agenda.items[0].presenters[0].name, "Ola Brown");
}

TEST_F(SittingPeople, ABadEmailOrNoNameIsRefusedNamingThePresenter) {
  const std::string before = SampleOfficeCopy::read(file());
  const BookingResult bad_email =
      presenters("LCS900103",
                 std::vector<Person>{person("Sam Okafor", "", "sam@nb.example.org"),
                                     person("Lee Chan", "", "lee at nb")},
                 version());
  expect_refused(bad_email, BookingRefusal::not_a_presenter, before);
  EXPECT_NE(bad_email.message.find("presenter 2 is not an email address"), std::string::npos)
      << bad_email.message;
  expect_refused(
      presenters("LCS900103", std::vector<Person>{person(" ", "", "a@b.example")}, version()),
      BookingRefusal::not_a_presenter, before);
  expect_refused(presenters("LCS900103", std::vector<Person>{}, version()),
                 BookingRefusal::not_a_presenter, before);
  const std::vector<Person> nine(9, person("Sam Okafor", "", "sam@nb.example.org"));
  expect_refused(presenters("LCS900103", nine, version()), BookingRefusal::not_a_presenter, before);

  const auto problem = panelpack::office::presenter_problem(
      {person("Sam Okafor", "", "sam@nb.example.org"), person("Lee Chan", "", "")});
  ASSERT_TRUE(problem.has_value());
  EXPECT_EQ(problem->index, 1U);
  EXPECT_EQ(problem->field, "email");
}

TEST_F(SittingPeople, PresentersOfACaseNotBookedOrFromAStaleFormAreRefused) {
  const std::string before = SampleOfficeCopy::read(file());
  const std::vector<Person> one{person("Sam Okafor", "", "sam@nb.example.org")};
  expect_refused(presenters("LCS900111", one, version()), BookingRefusal::not_booked, before);
  expect_refused(presenters("LCS900103", one, "a version from before"),
                 BookingRefusal::sitting_changed, before);
}

TEST_F(SittingPeople, ApologiesAreRecordedWithTheMembersNameAndRoleThenWithdrawn) {
  const BookingResult recorded = apologise(ApologiesChange::record, {"  tomasz   WIECZOREK "});
  ASSERT_TRUE(recorded.done()) << recorded.message;
  EXPECT_EQ(apologies(), (std::vector<std::string>{"Dr Anjali Mistry", "Tomasz Wieczorek"}));
  EXPECT_TRUE(bookings()["apologies"][1].contains("role"));

  auto agenda = agenda_now();
  std::vector<std::string> attending;
  for (const auto& member : agenda.agenda.panel.attending) attending.push_back(member.name);
  EXPECT_EQ(attending, (std::vector<std::string>{"Declan Fairweather", "Gillian Thirsk"}));

  ASSERT_TRUE(apologise(ApologiesChange::withdraw, {"Dr Anjali Mistry"}).done());
  EXPECT_EQ(apologies(), (std::vector<std::string>{"Tomasz Wieczorek"}));
}

TEST_F(SittingPeople, ReplacingKeepsOfficeOrderAndApologiesOfNonMembers) {
  nlohmann::json edited = bookings();
  edited["apologies"].push_back({{"name", "Visiting Observer"}});
  SampleOfficeCopy::write(file(), edited.dump(2));
  const BookingResult result = change_apologies(
      office_.open(),
      ApologiesRequest{
          kSitting, ApologiesChange::replace, {"Gillian Thirsk", "Declan Fairweather"}, kNow},
      version());
  ASSERT_TRUE(result.done()) << result.message;
  EXPECT_EQ(apologies(), (std::vector<std::string>{"Visiting Observer", "Declan Fairweather",
                                                   "Gillian Thirsk"}));
  ASSERT_TRUE(change_apologies(office_.open(),
                               ApologiesRequest{kSitting, ApologiesChange::replace, {}, kNow},
                               version())
                  .done());
  EXPECT_EQ(apologies(), (std::vector<std::string>{"Visiting Observer"}));
}

TEST_F(SittingPeople, ApologiesOfANonMemberTwiceNeverSentOrStaleAreRefused) {
  const std::string before = SampleOfficeCopy::read(file());
  const BookingResult stranger = apologise(ApologiesChange::record, {"Margaret Oyelaran-Hughes"});
  expect_refused(stranger, BookingRefusal::not_a_member, before);
  EXPECT_NE(stranger.message.find("Declan Fairweather, Dr Anjali Mistry"), std::string::npos)
      << stranger.message;
  expect_refused(apologise(ApologiesChange::record, {"Dr Anjali Mistry"}),
                 BookingRefusal::nothing_to_change, before);
  expect_refused(apologise(ApologiesChange::withdraw, {"Gillian Thirsk"}),
                 BookingRefusal::nothing_to_change, before);
  expect_refused(
      change_apologies(office_.open(),
                       ApologiesRequest{kSitting, ApologiesChange::replace, {}, kNow}, "stale"),
      BookingRefusal::sitting_changed, before);
}

// Two people changing the same sitting at once: both changes land (the sitting's lock).
TEST_F(SittingPeople, ConcurrentPresentersAndApologiesBothLand) {
  std::thread first([&] {
    EXPECT_TRUE(set_presenters(
                    office_.open(),
                    PresentersRequest{
                        kSitting, "LCS900108",
                        std::vector<Person>{person("Sam Okafor", "", "sam@nb.example.org")}, kNow})
                    .done());
  });
  std::thread second(
      [&] { EXPECT_TRUE(apologise(ApologiesChange::record, {"Gillian Thirsk"}).done()); });
  first.join();
  second.join();
  EXPECT_EQ(item("LCS900108")["presenters"][0]["name"], "Sam Okafor");
  EXPECT_EQ(apologies(), (std::vector<std::string>{"Dr Anjali Mistry", "Gillian Thirsk"}));
}

}  // namespace
