#include "console/server/sitting_words.hpp"

#include "office/mail/mail_content.hpp"

namespace panelpack::console {

std::string moment_words(const panel::LondonTime& time) {
  return office::long_date(time.date) + " at " + time.time.text();
}

nlohmann::json sitting_row(const office::CalendarSitting& sitting) {
  const std::string date = sitting.sitting.date.iso();
  const std::size_t booked = sitting.booked;
  return {{"panel_id", sitting.panel_id},
          {"panel_name", sitting.panel_name},
          {"date", date},
          {"date_words", office::long_date(sitting.sitting.date)},
          {"href", "/sittings/" + sitting.panel_id + "/" + date},
          {"starts", sitting.sitting.start_time.text()},
          {"papers_due", moment_words(sitting.deadlines.papers_due.local)},
          {"reminder", moment_words(sitting.deadlines.reminder.local)},
          {"pack", moment_words(sitting.deadlines.pack.local)},
          {"minutes", moment_words(sitting.deadlines.minutes.local)},
          {"booked", booked},
          {"booked_words", booked == 0   ? std::string("no cases")
                           : booked == 1 ? std::string("1 case")
                                         : std::to_string(booked) + " cases"}};
}

}  // namespace panelpack::console
