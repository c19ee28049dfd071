// `panelpack`: dispatches to a command and turns every failure into a message and an exit code.

#include <stdlib.h>
#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <iostream>
#include <new>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "commands/commands.hpp"
#include "exit_codes.hpp"
#include "help/help.hpp"

#ifndef PANELPACK_VERSION
#define PANELPACK_VERSION "unknown"
#endif

namespace panelpack::cli {
namespace {

using Command = ExitCode (*)(std::span<const std::string>);

// Every command by name: the one table dispatch, help and usage errors read.
constexpr std::array<std::pair<std::string_view, Command>, 23> kCommands{{
    {"render", run_render},   {"check", run_check},         {"validate", run_validate},
    {"fields", run_fields},   {"calendar", run_calendar},   {"book", run_book},
    {"chase", run_chase},     {"apologies", run_apologies}, {"agenda", run_agenda},
    {"pack", run_pack},       {"status", run_status},       {"tick", run_tick},
    {"outbox", run_outbox},   {"decisions", run_decisions}, {"tracker", run_tracker},
    {"report", run_report},   {"init", run_init},           {"users", run_users},
    {"serve", run_serve},     {"actions", run_actions},     {"templates", run_templates},
    {"records", run_records}, {"intake", run_intake},
}};

Command command_named(const std::string& word) {
  for (const auto& [name, command] : kCommands) {
    if (name == word) return command;
  }
  return nullptr;
}

bool is_command(const std::string& word) {
  return command_named(word) != nullptr;
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
  return command_named(command)(rest);
}

// The help to point at after a usage error.
std::string help_command(std::span<const std::string> words) {
  if (!words.empty() && is_command(words[0])) {
    return "panelpack " + words[0] + " --help";
  }
  return "panelpack --help";
}

// Prints why the command stopped; a wrong command line (a UsageError, or a name the office does
// not know) also says where the command's help is.
int report_failure(const char* what, ExitCode code, std::span<const std::string> words) {
  std::cerr << "panelpack: " << what << '\n';
  if (code == ExitCode::usage) std::cerr << "(see '" << help_command(words) << "')\n";
  return to_int(code);
}

int run(std::span<const std::string> words) {
  try {
    return to_int(dispatch(words));
  } catch (const CommandFailure& failure) {
    return report_failure(failure.what(), failure.code(), words);
  } catch (const office::OfficeError& failure) {
    return report_failure(failure.what(), exit_code_of(failure), words);
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
  // Everything panelpack writes holds case data (OFFICIAL-SENSITIVE): files 0600, folders
  // 0700, LibreOffice's PDFs and SQLite's files included, whatever the caller's umask.
  ::umask(077);
  // libzip passes each zip entry's date through localtime(), which re-reads /etc/localtime for
  // every call unless TZ is set: naming the same zone spares some twenty stat calls a
  // document, in every command that writes DOCX, ODT or zips. Set before any thread starts.
  ::setenv("TZ", ":/etc/localtime", 0);
  const std::vector<std::string> words(argv + 1, argv + std::max(argc, 1));
  const int code = panelpack::cli::run(words);
  std::cout.flush();
  return std::cout.fail() ? 3 : code;
}
