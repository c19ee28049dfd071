// `panelpack`: dispatches to a command and turns every failure into a message and an exit code.

#include <algorithm>
#include <iostream>
#include <new>
#include <span>
#include <string>
#include <vector>

#include "commands.hpp"
#include "exit_codes.hpp"
#include "help.hpp"

#ifndef PANELPACK_VERSION
#define PANELPACK_VERSION "unknown"
#endif

namespace panelpack::cli {
namespace {

bool is_command(const std::string& word) {
  return word == "render" || word == "check" || word == "validate" || word == "fields" ||
         word == "calendar" || word == "book" || word == "agenda" || word == "pack" ||
         word == "status" || word == "tick" || word == "outbox";
}

bool asks_for_help(std::span<const std::string> words) {
  for (const auto& word : words) {
    if (word == "--") return false;
    if (word == "--help" || word == "-h") return true;
  }
  return false;
}

ExitCode dispatch(std::span<const std::string> words) {
  if (words.empty()) {
    std::cerr << main_help();
    return ExitCode::usage;
  }
  const std::string& command = words[0];
  const auto rest = words.subspan(1);
  if (command == "--help" || command == "-h") {
    std::cout << main_help();
    return ExitCode::success;
  }
  if (command == "--version") {
    std::cout << "panelpack " << PANELPACK_VERSION << '\n';
    return ExitCode::success;
  }
  if (command == "help") {
    if (rest.empty()) {
      std::cout << main_help();
      return ExitCode::success;
    }
    const auto text = help_for(rest[0]);
    if (!text) throw UsageError("no such command: " + rest[0]);
    std::cout << *text;
    return ExitCode::success;
  }
  if (!is_command(command)) throw UsageError("no such command: " + command);
  if (asks_for_help(rest)) {
    std::cout << *help_for(command);
    return ExitCode::success;
  }
  if (command == "render") return run_render(rest);
  if (command == "check") return run_check(rest);
  if (command == "validate") return run_validate(rest);
  if (command == "calendar") return run_calendar(rest);
  if (command == "book") return run_book(rest);
  if (command == "agenda") return run_agenda(rest);
  if (command == "pack") return run_pack(rest);
  if (command == "status") return run_status(rest);
  if (command == "tick") return run_tick(rest);
  if (command == "outbox") return run_outbox(rest);
  return run_fields(rest);
}

// The help to point at after a usage error.
std::string help_command(std::span<const std::string> words) {
  if (!words.empty() && is_command(words[0])) {
    return "panelpack " + words[0] + " --help";
  }
  return "panelpack --help";
}

int run(std::span<const std::string> words) {
  try {
    return to_int(dispatch(words));
  } catch (const UsageError& error) {
    std::cerr << "panelpack: " << error.what() << "\n(see '" << help_command(words) << "')\n";
    return to_int(ExitCode::usage);
  } catch (const CommandFailure& failure) {
    std::cerr << "panelpack: " << failure.what() << '\n';
    return to_int(failure.code());
  } catch (const std::bad_alloc&) {
    std::cerr << "panelpack: out of memory\n";
  } catch (const std::exception& error) {
    std::cerr << "panelpack: internal error: " << error.what() << '\n';
  } catch (...) {
    std::cerr << "panelpack: internal error\n";
  }
  return to_int(ExitCode::machine_failure);
}

}  // namespace
}  // namespace panelpack::cli

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  const std::vector<std::string> words(argv + 1, argv + std::max(argc, 1));
  const int code = panelpack::cli::run(words);
  std::cout.flush();
  return std::cout.fail() ? 3 : code;
}
