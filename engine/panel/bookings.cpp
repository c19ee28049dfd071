#include "panel/bookings.hpp"

#include <algorithm>
#include <set>

#include "panel/json_reading.hpp"
#include "panel/panel_error.hpp"

namespace panelpack::panel {

namespace {

using namespace json_reading;
using nlohmann::json;

std::vector<std::string> read_codes(const json& object, const std::string& key,
                                    const std::string& pointer) {
  std::vector<std::string> codes;
  const auto& entries = array_of(object, key, pointer);
  for (std::size_t i = 0; i < entries.size(); ++i) {
    if (!entries[i].is_string()) {
      throw PanelError("invalid_field", child_pointer(child_pointer(pointer, key), i),
                       "expected a paper type such as referral");
    }
    codes.push_back(entries[i].get<std::string>());
  }
  return codes;
}

BookingItem read_item(const json& object, const std::string& pointer) {
  BookingItem item;
  item.case_ref = required_string(object, "caseRef", pointer);
  item.reason = required_string(object, "reason", pointer);
  item.paper_types = read_codes(object, "paperTypes", pointer);
  if (item.paper_types.empty()) {
    throw PanelError("missing_field", child_pointer(pointer, "paperTypes"),
                     "a booking names at least one paper, such as referral");
  }
  item.minutes = optional_int(object, "minutes", pointer);
  if (member(object, "presenters", pointer) != nullptr) {
    std::vector<Person> presenters;
    const auto& entries = array_of(object, "presenters", pointer);
    for (std::size_t i = 0; i < entries.size(); ++i) {
      presenters.push_back(
          Person::from_json(entries[i], child_pointer(child_pointer(pointer, "presenters"), i)));
    }
    item.presenters = std::move(presenters);
  }
  const auto& papers = array_of(object, "papers", pointer);
  for (std::size_t i = 0; i < papers.size(); ++i) {
    const std::string at = child_pointer(child_pointer(pointer, "papers"), i);
    const auto received_at = optional_instant(papers[i], "receivedAt", at);
    if (!received_at) {
      throw PanelError("missing_field", child_pointer(at, "receivedAt"), "when was it received?");
    }
    item.papers.push_back({required_string(papers[i], "type", at), *received_at,
                           required_string(papers[i], "receivedAt", at),
                           optional_string(papers[i], "file", at),
                           optional_string(papers[i], "onFileElsewhere", at)});
  }
  item.booked_at = optional_string(object, "bookedAt", pointer);
  item.note = optional_string(object, "note", pointer);
  return item;
}

}  // namespace

const ReceivedPaper* BookingItem::received(const std::string& type) const {
  const ReceivedPaper* latest = nullptr;
  for (const ReceivedPaper& paper : papers) {
    if (paper.type == type && (latest == nullptr || paper.received_at >= latest->received_at)) {
      latest = &paper;
    }
  }
  return latest;
}

BookingItem* Bookings::find(const std::string& case_ref) {
  const auto found = std::find_if(items.begin(), items.end(), [&](const BookingItem& item) {
    return item.case_ref == case_ref;
  });
  return found == items.end() ? nullptr : &*found;
}

const BookingItem* Bookings::find(const std::string& case_ref) const {
  return const_cast<Bookings*>(this)->find(case_ref);
}

nlohmann::ordered_json Bookings::to_json() const {
  nlohmann::ordered_json json;
  if (!notice.empty()) json["_notice"] = notice;
  json["securityMarking"] = "OFFICIAL-SENSITIVE";
  json["panel"] = panel_id;
  json["date"] = date.iso();
  if (!updated_at.empty()) json["updatedAt"] = updated_at;
  json["items"] = nlohmann::ordered_json::array();
  for (const BookingItem& item : items) {
    nlohmann::ordered_json entry;
    entry["caseRef"] = item.case_ref;
    entry["reason"] = item.reason;
    entry["paperTypes"] = item.paper_types;
    if (item.minutes) entry["minutes"] = *item.minutes;
    if (item.presenters) {
      entry["presenters"] = nlohmann::ordered_json::array();
      for (const Person& person : *item.presenters) entry["presenters"].push_back(person.to_json());
    }
    if (!item.papers.empty()) {
      entry["papers"] = nlohmann::ordered_json::array();
      for (const ReceivedPaper& paper : item.papers) {
        nlohmann::ordered_json received{{"type", paper.type},
                                        {"receivedAt", paper.received_at_text}};
        if (!paper.file.empty()) received["file"] = paper.file;
        if (!paper.on_file_elsewhere.empty()) received["onFileElsewhere"] = paper.on_file_elsewhere;
        entry["papers"].push_back(std::move(received));
      }
    }
    if (!item.booked_at.empty()) entry["bookedAt"] = item.booked_at;
    if (!item.note.empty()) entry["note"] = item.note;
    json["items"].push_back(std::move(entry));
  }
  if (!apologies.empty()) json["apologies"] = apologies;
  if (!actions.empty()) json["actions"] = actions;
  return json;
}

Bookings parse_bookings(const json& json) {
  Bookings bookings;
  bookings.notice = optional_string(json, "_notice", "");
  bookings.panel_id = required_string(json, "panel", "");
  bookings.date = required_date(json, "date", "");
  bookings.updated_at = optional_string(json, "updatedAt", "");
  const auto& items = array_of(json, "items", "");
  std::set<std::string> seen;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string at = child_pointer("/items", i);
    bookings.items.push_back(read_item(items[i], at));
    if (!seen.insert(bookings.items.back().case_ref).second) {
      throw PanelError("duplicate_booking", at + "/caseRef",
                       bookings.items.back().case_ref + " is booked twice in this sitting");
    }
  }
  if (const auto* apologies = member(json, "apologies", "")) bookings.apologies = *apologies;
  if (const auto* actions = member(json, "actions", "")) bookings.actions = *actions;
  return bookings;
}

}  // namespace panelpack::panel
