#include "office/tick/tick_log.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <utility>

#include <nlohmann/json.hpp>

#include "office/files.hpp"
#include "panel/panel_error.hpp"

namespace panelpack::office {

void TickLog::event(OfficeEvent::Kind kind, std::string subject, std::string line) {
  ++lines_;
  sink_.event({kind, std::move(subject), std::move(line)});
}

void TickLog::problem(OfficeError::Code code, std::string subject, std::string line) {
  ++lines_;
  if (code == OfficeError::Code::machine_failure || !worst_) worst_ = code;
  sink_.event({OfficeEvent::Kind::problem, std::move(subject), std::move(line), code});
}

std::string log_time(panel::UtcInstant instant) {
  return panel::utc_to_local(instant).iso8601();
}

std::optional<panel::UtcInstant> read_last_tick(const std::filesystem::path& state_file) {
  std::ifstream in(state_file);
  if (!in) return std::nullopt;
  std::stringstream text;
  text << in.rdbuf();
  // A damaged state file only costs some "skipped" lines being repeated: it is not an error.
  try {
    const auto state = nlohmann::json::parse(text.str());
    return panel::parse_instant(state.at("lastTick").get<std::string>());
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;
  } catch (const panel::PanelError&) {
    return std::nullopt;
  }
}

void write_last_tick(const std::filesystem::path& state_file, panel::UtcInstant at) {
  const nlohmann::ordered_json state{
      {"_notice", "written by panelpack tick: when the last tick ran (docs/mail.md)"},
      {"lastTick", panel::format_utc(at)}};
  write_output(state_file, state.dump(2) + "\n");
}

}  // namespace panelpack::office
