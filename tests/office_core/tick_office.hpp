#pragma once
// What the tick's tests share: a writable copy of samples/office/ (its mail goes to a relay on
// 127.0.0.1:2525 that these tests never reach: they queue, or dry-run, but never send) and an
// EventSink that records what the tick says.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

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

class TickOffice : public ::testing::Test {
 protected:
  std::filesystem::path root() const { return office_.root(); }
  office::Workspace open() const { return office_.open(); }
  // December: London time is UTC.
  static panel::UtcInstant at(const std::string& utc) { return panel::parse_instant(utc); }

 private:
  SampleOfficeCopy office_;
};

}  // namespace panelpack::testing
