#pragma once
// A small fictional office configuration for the panel domain's tests, as office.json would
// give it: a fortnightly Tuesday panel and a Monday AEP panel with "Thursday 12:00 before".

#include <nlohmann/json.hpp>

#include "panel/calendar_date.hpp"

namespace panelpack::testing {

inline nlohmann::json person(const char* name, const char* email) {
  return {{"name", name}, {"email", email}};
}

inline nlohmann::json rule(const char* kind, int count, const char* direction, const char* time) {
  return {{"kind", kind}, {"count", count}, {"direction", direction}, {"time", time}};
}

inline nlohmann::json office_json() {
  return {
      {"authority", "Fictional Borough Council"},
      {"timeZone", "Europe/London"},
      {"administrator", person("Robin Minutetaker", "robin@fictional.example.org")},
      {"submissionMailbox", person("Panel mailbox", "panel@fictional.example.org")},
      {"templates", {{"agenda", "templates/agenda.docx"}, {"referral", "templates/referral.odt"}}},
      {"deadlines",
       {{"papersDue", rule("calendar_days", 3, "before", "17:00")},
        {"reminder", rule("calendar_days", 3, "before", "09:00")},
        {"pack", rule("working_days", 2, "before", "12:00")},
        {"minutes", rule("working_days", 5, "after", "17:00")}}},
      {"timeliness", {{"trackFrom", "2026-01-01"}, {"pptmPanel", "aep"}}},
      {"panels",
       {{{"id", "permanence"},
         {"name", "Fictional Permanence Panel"},
         {"type", "permanence_panel"},
         {"cadence",
          {{"kind", "weekly"}, {"weekday", "tuesday"}, {"everyWeeks", 2}, {"from", "2026-01-13"}}},
         {"startTime", "09:30"},
         {"slotMinutes", 45},
         {"breaks", {{{"at", "11:00"}, {"minutes", 15}, {"title", "Comfort break"}}}},
         {"chair", person("Morgan Chairfield", "morgan@fictional.example.org")},
         {"members",
          {person("Ali Legal", "ali@fictional.example.org"),
           person("Morgan Chairfield", "morgan@fictional.example.org")}},
         {"cancelled", {{{"date", "2026-12-29"}, {"name", "Council closure"}}}},
         {"extraSittings", {{{"date", "2026-12-22"}, {"reason", "Before Christmas"}}}}},
        {{"id", "aep"},
         {"name", "Fictional AEP Panel"},
         {"type", "aep"},
         {"cadence", {{"kind", "weekly"}, {"weekday", "monday"}, {"from", "2026-01-05"}}},
         {"startTime", "10:00"},
         {"slotMinutes", 60},
         {"chair", person("Helen Adoptwell", "helen@fictional.example.org")},
         {"deadlines",
          {{"pack", {{"kind", "weekday_before"}, {"weekday", "thursday"}, {"time", "12:00"}}}}}}}}};
}

}  // namespace panelpack::testing
