#pragma once
// The GOV.UK date input (day, month and year in three boxes) read into the ISO date a case
// file holds, with the design system's words when it is not a date: "Date of birth must
// include a month", "Date of birth must be a real date".

#include <string>
#include <string_view>

namespace panelpack::office {

struct DateParts {
  std::string day;
  std::string month;
  std::string year;
};

struct DateReading {
  std::string iso;          // "2026-03-04"; "" when the three boxes are empty or there is a problem
  std::string error;        // "" when read; else the words shown beside the input
  std::string first_wrong;  // "day", "month" or "year": the box the error summary links to
  bool day_wrong = false;
  bool month_wrong = false;
  bool year_wrong = false;
};

// Reads the three boxes (spaces around them ignored). `label` names the date in the error
// words ("Date of birth").
DateReading read_date(const DateParts& parts, std::string_view label);

// "2026-03-04" as the boxes show it ("4", "3", "2026"); a value that is not an ISO date gives
// empty boxes.
DateParts date_parts(std::string_view iso);

}  // namespace panelpack::office
