#pragma once
// The help the command prints: what each command does, its options, an example, exit codes.

#include <optional>
#include <string_view>

namespace panelpack::cli {

std::string_view main_help();
std::string_view render_help();
std::string_view check_help();
std::string_view validate_help();
std::string_view fields_help();
std::string_view init_help();
// `panelpack users`, in help_users.cpp.
std::string_view users_help();

// The exit codes every help page ends with.
std::string_view exit_codes_help();

// An office command's help page: `text`, then --office, --now, --help and the exit codes.
std::string office_command_help(std::string_view text);

// The help of decisions, tracker and report, in help_records.cpp.
std::optional<std::string_view> records_help_for(std::string_view command);

// The help of the office commands (calendar, book, agenda, pack, status), in help_office.cpp.
std::optional<std::string_view> office_help_for(std::string_view command);

// The help of the mail commands (tick, outbox), in help_mail.cpp.
std::optional<std::string_view> mail_help_for(std::string_view command);

// The help of the console's command (serve), in help_console.cpp.
std::optional<std::string_view> console_help_for(std::string_view command);

// The help of `panelpack templates`, in help_templates.cpp.
std::optional<std::string_view> templates_help_for(std::string_view command);

// The help for a command by name, or nothing for an unknown name.
std::optional<std::string_view> help_for(std::string_view command);

}  // namespace panelpack::cli
