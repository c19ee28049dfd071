#pragma once
// What the tick's tests share: a writable copy of samples/office/ (its mail goes to a relay on
// 127.0.0.1:2525 that these tests never reach: they queue, or dry-run, but never send) and an
// EventSink that records what the tick says.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "office/progress.hpp"
#include "office/workspace.hpp"
#include "office_core/sample_office_copy.hpp"
#include "panel/london_time.hpp"

namespace panelpack::testing {

class RecordedEvents final : public office::EventSink {
 public:
  void event(const office::OfficeEvent& happened) override { events.push_back(happened); }

  std::vector<std::string> subjects(office::OfficeEvent::Kind kind) const {
    std::vector<std::string> found;
    for (const auto& event : events) {
      if (event.kind == kind) found.push_back(event.subject);
    }
    std::sort(found.begin(), found.end());
    return found;
  }
  std::size_t count(office::OfficeEvent::Kind kind) const { return subjects(kind).size(); }

  std::vector<office::OfficeEvent> events;
};

// Every booking of the office made on 1 November 2026: the deadlines' mail these tests count
// is then all there is, no booking's confirmation (issue 15) falling in a December tick's
// 14-day lookback (tests/tick/test_tick_invitations.py sends those).
inline void settle_bookings(const std::filesystem::path& root) {
  for (const auto& panel : std::filesystem::directory_iterator(root / "bookings")) {
    for (const auto& file : std::filesystem::directory_iterator(panel.path())) {
      if (file.path().extension() != ".json") continue;
      nlohmann::ordered_json bookings = nlohmann::ordered_json::parse(std::ifstream(file.path()));
      for (auto& item : bookings["items"]) item["bookedAt"] = "2026-11-01T09:00:00+00:00";
      std::ofstream(file.path()) << bookings.dump(2) << '\n';
    }
  }
}

class TickOffice : public ::testing::Test {
 protected:
  TickOffice() { settle_bookings(office_.root()); }

  std::filesystem::path root() const { return office_.root(); }
  office::Workspace open() const { return office_.open(); }
  // December: London time is UTC.
  static panel::UtcInstant at(const std::string& utc) { return panel::parse_instant(utc); }

 private:
  SampleOfficeCopy office_;
};

}  // namespace panelpack::testing
