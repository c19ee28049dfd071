#include "arguments/office_arguments.hpp"

#include <cstdlib>
#include <system_error>

#include "exit_codes.hpp"
#include "panel/panel_error.hpp"

namespace panelpack::cli {

namespace fs = std::filesystem;

office::Machine machine_from_environment() {
  office::Machine machine;
  if (const char* soffice = std::getenv("PANELPACK_SOFFICE"); soffice != nullptr) {
    machine.soffice = soffice;
  }
  machine.environment = [](const std::string& name) -> std::optional<std::string> {
    const char* value = std::getenv(name.c_str());
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  };
  return machine;
}

office::Workspace open_workspace(const std::optional<std::string>& office_option) {
  fs::path root = fs::current_path();
  if (office_option) {
    root = *office_option;
  } else if (const char* from_environment = std::getenv("PANELPACK_OFFICE");
             from_environment != nullptr && *from_environment != '\0') {
    root = from_environment;
  }
  std::error_code error;
  if (!fs::is_regular_file(root / "office.json", error)) {
    throw CommandFailure(ExitCode::bad_input,
                         "no office.json in " + root.string() +
                             ": run from the office folder, give --office DIR, or set "
                             "PANELPACK_OFFICE (docs/office.md describes the file)");
  }
  return office::Workspace::open(root, machine_from_environment());
}

namespace {

// "15/12/2026" as "2026-12-15" (a UK date, day first); any other text unchanged.
std::string iso_from_uk(const std::string& text) {
  const auto first = text.find('/');
  const auto second = first == std::string::npos ? first : text.find('/', first + 1);
  if (second == std::string::npos || text.size() - second - 1 != 4 || first == 0 || first > 2 ||
      second - first - 1 == 0 || second - first - 1 > 2) {
    return text;
  }
  const auto two = [](std::string digits) { return digits.size() == 1 ? "0" + digits : digits; };
  return text.substr(second + 1) + "-" + two(text.substr(first + 1, second - first - 1)) + "-" +
         two(text.substr(0, first));
}

// An instant as typed: a UK date part is read as one, a date alone is the start of its day.
std::string instant_text(const std::string& text) {
  const auto split = text.find_first_of("T ");
  const std::string date = iso_from_uk(text.substr(0, split));
  if (split == std::string::npos) return date.size() == 10 ? date + "T00:00" : date;
  return date + "T" + text.substr(split + 1);
}

}  // namespace

panel::UtcInstant now_from(const std::optional<std::string>& now_option,
                           const std::string& option) {
  if (!now_option) {
    return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  }
  try {
    return panel::parse_instant(instant_text(*now_option));
  } catch (const panel::PanelError&) {
    throw UsageError(option +
                     " needs a date and time such as 2026-12-10T09:00 or 10/12/2026 09:00 "
                     "(London), 2026-12-10T09:00:00Z, or a date alone for the start of that "
                     "day, not '" +
                     *now_option + "'");
  }
}

panel::CalendarDate date_argument(const std::string& text, const std::string& what) {
  try {
    return panel::CalendarDate::parse(iso_from_uk(text));
  } catch (const panel::PanelError&) {
    throw UsageError(what + " must be a date as YYYY-MM-DD or DD/MM/YYYY, not '" + text + "'");
  }
}

}  // namespace panelpack::cli
