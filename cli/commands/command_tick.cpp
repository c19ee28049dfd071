// `panelpack tick`: what is due now (reminders, the pack and its circulation, escalations of
// missing papers, minutes reminders) queued in the outbox, then the outbox drained through
// the relay. cron or a systemd timer runs it every few minutes (docs/mail.md).

#include <array>
#include <iostream>

#include "arguments/arguments.hpp"
#include "arguments/office_arguments.hpp"
#include "commands/commands.hpp"
#include "exit_codes.hpp"
#include "office/progress.hpp"
#include "office/tick/run_tick.hpp"

namespace panelpack::cli {
namespace {

const std::array<OptionSpec, 4> tick_options = {{
    {"office", '\0', true},
    {"now", '\0', true},
    {"dry-run", '\0', false},
    {"help", 'h', false},
}};

// What a tick says, as cron mails it: events on stdout, problems on stderr, a line each.
class TickPrinter final : public office::EventSink {
 public:
  void event(const office::OfficeEvent& happened) override {
    if (happened.kind == office::OfficeEvent::Kind::problem) {
      std::cerr << "panelpack tick: " << happened.detail << '\n' << std::flush;
    } else {
      std::cout << happened.detail << '\n' << std::flush;
    }
  }
};

}  // namespace

ExitCode run_tick(std::span<const std::string> words) {
  const Arguments arguments = Arguments::parse(words, tick_options);
  if (!arguments.positionals().empty()) throw UsageError("tick takes no arguments, only options");
  const auto now = now_from(arguments.value("now"));
  const office::Workspace workspace = open_workspace(arguments.value("office"));
  TickPrinter printer;
  const office::TickResult result =
      office::run_tick(workspace, {now, arguments.has("dry-run")}, printer);
  if (result.busy) throw busy_failure(result.lock);
  return result.worst_problem ? exit_code_for(*result.worst_problem) : ExitCode::success;
}

}  // namespace panelpack::cli
