#pragma once
// What a tick says, as events through the caller's EventSink: one per thing that happened (ids,
// kinds, times, counts and SMTP replies; never names or case content), problems with their
// code, and the worst code they add up to. An idle tick says nothing.

#include <filesystem>
#include <optional>
#include <string>

#include "office/error.hpp"
#include "office/progress.hpp"
#include "panel/london_time.hpp"

namespace panelpack::office {

class TickLog {
 public:
  explicit TickLog(EventSink& sink) : sink_(sink) {}

  // `subject` names what it is about by id: a sitting ("permanence 2026-12-15"), a mail's key.
  void event(OfficeEvent::Kind kind, std::string subject, std::string line);
  // `code` is bad_input for what a person must fix in the office's files, machine_failure for
  // the disk, the database or the relay.
  void problem(OfficeError::Code code, std::string subject, std::string line);
  bool said_anything() const noexcept { return lines_ > 0; }
  // The worst code of the problems: machine_failure, then any other; none when there were none.
  std::optional<OfficeError::Code> worst_problem() const noexcept { return worst_; }

 private:
  EventSink& sink_;
  std::size_t lines_ = 0;
  std::optional<OfficeError::Code> worst_;
};

// "2026-12-12T09:00:00+00:00": how the log writes a moment (London time with its offset).
std::string log_time(panel::UtcInstant instant);

// When the last real tick ran (OFFICE/tick-state.json), if one has.
std::optional<panel::UtcInstant> read_last_tick(const std::filesystem::path& state_file);
// Throws OfficeError (machine_failure) when it cannot be written.
void write_last_tick(const std::filesystem::path& state_file, panel::UtcInstant at);

}  // namespace panelpack::office
