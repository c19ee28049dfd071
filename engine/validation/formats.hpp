#pragma once
// The string formats the validator checks: real calendar dates, RFC 3339 date-times, emails.

#include <string_view>

namespace panelpack::validation {

// YYYY-MM-DD naming a day that exists: 2024-02-29 yes, 2026-02-30 no.
bool is_date(std::string_view text);

// RFC 3339: a date, 'T', HH:MM:SS with optional fraction, then 'Z' or an offset +HH:MM.
bool is_date_time(std::string_view text);

// A simple shape check: one '@', something before it, a dotted domain after, no spaces.
bool is_email(std::string_view text);

}  // namespace panelpack::validation
