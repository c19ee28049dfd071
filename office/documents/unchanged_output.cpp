#include "office/documents/unchanged_output.hpp"

#include <array>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <system_error>

namespace panelpack::office {
namespace {

constexpr std::array<const char*, 12> kMonths = {"January",   "February", "March",    "April",
                                                 "May",       "June",     "July",     "August",
                                                 "September", "October",  "November", "December"};

// "14:05 on 5 December 2026", in the office's local time (what the person's clock shows).
std::string local_time_words(std::filesystem::file_time_type when) {
  const auto system = std::chrono::file_clock::to_sys(when);
  const std::time_t seconds = std::chrono::system_clock::to_time_t(system);
  std::tm local{};
  localtime_r(&seconds, &local);
  std::array<char, 8> clock{};
  std::snprintf(clock.data(), clock.size(), "%02d:%02d", local.tm_hour, local.tm_min);
  return std::string(clock.data()) + " on " + std::to_string(local.tm_mday) + " " +
         kMonths[static_cast<std::size_t>(local.tm_mon)] + " " +
         std::to_string(local.tm_year + 1900);
}

}  // namespace

std::string unchanged_output_note(const std::filesystem::path& output) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(output, error)) return "nothing written";
  const auto when = std::filesystem::last_write_time(output, error);
  if (error) return output.string() + " was not changed";
  return output.string() + " was not changed: it still holds the form written at " +
         local_time_words(when);
}

}  // namespace panelpack::office
