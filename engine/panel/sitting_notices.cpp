#include "panel/sitting_notices.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <cstdio>

#include "panel/json_reading.hpp"
#include "panel/panel_error.hpp"

namespace panelpack::panel {

namespace {

using namespace json_reading;

bool same_address(const std::string& a, const std::string& b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

bool MembersNotice::has(const std::string& email) const {
  return std::any_of(people.begin(), people.end(),
                     [&](const Person& person) { return same_address(person.email, email); });
}

PresenterNotice* SittingNotices::find(const std::string& case_ref, const std::string& email) {
  const auto found =
      std::find_if(presenters.begin(), presenters.end(), [&](const PresenterNotice& notice) {
        return notice.case_ref == case_ref && same_address(notice.email, email);
      });
  return found == presenters.end() ? nullptr : &*found;
}

const PresenterNotice* SittingNotices::find(const std::string& case_ref,
                                            const std::string& email) const {
  return const_cast<SittingNotices*>(this)->find(case_ref, email);
}

nlohmann::ordered_json SittingNotices::to_json(const std::string& panel_id,
                                               CalendarDate date) const {
  nlohmann::ordered_json json{{"securityMarking", "OFFICIAL-SENSITIVE"},
                              {"panel", panel_id},
                              {"date", date.iso()},
                              {"presenters", nlohmann::ordered_json::array()}};
  for (const PresenterNotice& notice : presenters) {
    json["presenters"].push_back({{"caseRef", notice.case_ref},
                                  {"initials", notice.child_initials},
                                  {"name", notice.name},
                                  {"email", notice.email},
                                  {"slot", notice.slot},
                                  {"endTime", notice.end_time},
                                  {"notices", notice.notices},
                                  {"cancelled", notice.cancelled}});
  }
  if (agenda) json["agenda"] = {{"schedule", *agenda}, {"addenda", addenda}};
  if (members) {
    nlohmann::ordered_json people = nlohmann::ordered_json::array();
    for (const Person& person : members->people) {
      people.push_back({{"name", person.name}, {"email", person.email}});
    }
    json["members"] = {{"start", members->start},         {"end", members->end},
                       {"venue", members->venue},         {"notices", members->notices},
                       {"cancelled", members->cancelled}, {"people", std::move(people)}};
  }
  return json;
}

SittingNotices parse_sitting_notices(const nlohmann::json& json) {
  SittingNotices told;
  const auto& presenters = array_of(json, "presenters", "");
  for (std::size_t i = 0; i < presenters.size(); ++i) {
    const std::string at = child_pointer("/presenters", i);
    const auto& entry = presenters[i];
    PresenterNotice notice{required_string(entry, "caseRef", at),
                           optional_string(entry, "initials", at),
                           optional_string(entry, "name", at),
                           required_string(entry, "email", at),
                           required_string(entry, "slot", at),
                           optional_string(entry, "endTime", at),
                           optional_int(entry, "notices", at).value_or(1),
                           false};
    if (const auto* cancelled = member(entry, "cancelled", at)) {
      if (!cancelled->is_boolean()) {
        throw PanelError("invalid_field", at + "/cancelled", "expected true or false");
      }
      notice.cancelled = cancelled->get<bool>();
    }
    told.presenters.push_back(std::move(notice));
  }
  if (const auto* agenda = member(json, "agenda", "")) {
    told.agenda = required_string(*agenda, "schedule", "/agenda");
    told.addenda = optional_int(*agenda, "addenda", "/agenda").value_or(0);
  }
  if (const auto* members = member(json, "members", "")) {
    MembersNotice sent{required_string(*members, "start", "/members"),
                       required_string(*members, "end", "/members"),
                       optional_string(*members, "venue", "/members"),
                       optional_int(*members, "notices", "/members").value_or(1),
                       false,
                       {}};
    if (const auto* cancelled = member(*members, "cancelled", "/members")) {
      if (!cancelled->is_boolean()) {
        throw PanelError("invalid_field", "/members/cancelled", "expected true or false");
      }
      sent.cancelled = cancelled->get<bool>();
    }
    const auto& people = array_of(*members, "people", "/members");
    for (std::size_t i = 0; i < people.size(); ++i) {
      const std::string at = child_pointer("/members/people", i);
      sent.people.push_back({optional_string(people[i], "name", at), "", "", "",
                             required_string(people[i], "email", at), ""});
    }
    told.members = std::move(sent);
  }
  return told;
}

std::string schedule_text(const std::vector<CaseSlot>& slots) {
  std::string text;
  for (const CaseSlot& slot : slots) {
    text += (text.empty() ? "" : ", ") + slot.case_ref + " " + slot.slot + "-" + slot.end_time;
  }
  return text;
}

std::string schedule_hash(const std::string& schedule) {
  std::uint32_t hash = 2166136261U;
  for (const unsigned char c : schedule) hash = (hash ^ c) * 16777619U;
  std::array<char, 9> hex{};
  std::snprintf(hex.data(), hex.size(), "%08x", hash);
  return hex.data();
}

SlotChanges slot_changes(const SittingNotices& told, const std::vector<CaseSlot>& now) {
  SlotChanges changes;
  for (const PresenterNotice& notice : told.presenters) {
    const auto found = std::find_if(now.begin(), now.end(), [&](const CaseSlot& slot) {
      return slot.case_ref == notice.case_ref;
    });
    if (found == now.end()) {
      if (!notice.cancelled) changes.cancellations.push_back(&notice);
    } else if (notice.cancelled || found->slot != notice.slot ||
               found->end_time != notice.end_time) {
      changes.corrections.emplace_back(&notice, *found);
    }
  }
  changes.agenda_changed = told.agenda && *told.agenda != schedule_text(now);
  return changes;
}

}  // namespace panelpack::panel
