#pragma once
// The subcommands of `panelpack`. Each takes the words after its name and returns an exit code;
// it throws CommandFailure (or UsageError) when it cannot go on.

#include <span>
#include <string>

#include "exit_codes.hpp"

namespace panelpack::cli {

ExitCode run_render(std::span<const std::string> words);
ExitCode run_check(std::span<const std::string> words);
ExitCode run_validate(std::span<const std::string> words);
ExitCode run_fields(std::span<const std::string> words);
ExitCode run_calendar(std::span<const std::string> words);
ExitCode run_book(std::span<const std::string> words);
ExitCode run_chase(std::span<const std::string> words);
ExitCode run_actions(std::span<const std::string> words);
ExitCode run_records(std::span<const std::string> words);
ExitCode run_apologies(std::span<const std::string> words);
ExitCode run_agenda(std::span<const std::string> words);
ExitCode run_pack(std::span<const std::string> words);
// `panelpack pack addendum PANEL DATE`, which run_pack hands on.
ExitCode run_pack_addendum(std::span<const std::string> words);
ExitCode run_status(std::span<const std::string> words);
ExitCode run_decisions(std::span<const std::string> words);
ExitCode run_tracker(std::span<const std::string> words);
ExitCode run_report(std::span<const std::string> words);
ExitCode run_tick(std::span<const std::string> words);
ExitCode run_outbox(std::span<const std::string> words);
ExitCode run_intake(std::span<const std::string> words);
ExitCode run_init(std::span<const std::string> words);
ExitCode run_users(std::span<const std::string> words);
ExitCode run_templates(std::span<const std::string> words);
ExitCode run_serve(std::span<const std::string> words);

}  // namespace panelpack::cli
