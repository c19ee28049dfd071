#pragma once
// The bookings of one sitting (bookings/PANEL/DATE.json): which cases, in what order, which
// papers each must bring, and which have been received.

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "panel/calendar_date.hpp"
#include "panel/london_time.hpp"
#include "panel/person.hpp"

namespace panelpack::panel {

struct ReceivedPaper {
  std::string type;  // PaperType code
  UtcInstant received_at;
  std::string received_at_text;  // as written, so a rewrite keeps it
  std::string file;              // a submitted document, from the office folder; empty: rendered
  // Why the document is not in the office folder (`book --on-file-elsewhere`): the agenda
  // prints it and the pack does not expect the paper in its zip.
  std::string on_file_elsewhere;
};

struct BookingItem {
  std::string case_ref;
  std::string reason;                             // ReferralReason code
  std::vector<std::string> paper_types;           // the papers the case must bring
  std::optional<int> minutes;                     // the slot's length, when not the panel's
  std::optional<std::vector<Person>> presenters;  // absent: the case file's SW and TM
  std::vector<ReceivedPaper> papers;
  std::string booked_at;
  std::string note;

  // The latest received paper of `type`, if any.
  const ReceivedPaper* received(const std::string& type) const;
};

struct Bookings {
  std::string notice;  // "_notice" of sample files
  std::string panel_id;
  CalendarDate date;
  std::string updated_at;
  std::vector<BookingItem> items;
  nlohmann::json apologies = nlohmann::json::array();  // Person objects, passed through
  nlohmann::json actions = nlohmann::json::array();    // Action objects, passed through

  BookingItem* find(const std::string& case_ref);
  const BookingItem* find(const std::string& case_ref) const;

  // The bookings.schema.json shape, in its field order.
  nlohmann::ordered_json to_json() const;
};

// Throws PanelError naming the JSON pointer of a value that does not read, and
// "duplicate_booking" for a case booked twice in one sitting.
Bookings parse_bookings(const nlohmann::json& json);

}  // namespace panelpack::panel
