// `panelpack templates list|install|restore`: the office's templates and their versions from
// the command line, through office/templates/template_versions.hpp (the console's Templates
// page does the same): a new version is checked as `check --schema` checks it and installed
// only without errors, the one it replaces kept; an old version restored as a new one.

#include <array>
#include <charconv>
#include <iostream>

#include <nlohmann/json.hpp>

#include "arguments/arguments.hpp"
#include "arguments/office_arguments.hpp"
#include "commands/commands.hpp"
#include "exit_codes.hpp"
#include "office/documents/diagnostic_output.hpp"
#include "office/files.hpp"
#include "office/templates/template_versions.hpp"

namespace panelpack::cli {
namespace {

const std::array<OptionSpec, 6> templates_options = {{
    {"office", '\0', true},
    {"now", '\0', true},
    {"why", '\0', true},
    {"by", '\0', true},
    {"json", '\0', false},
    {"help", 'h', false},
}};

// Who installed it, in the versions' index: --by, else "command line".
std::string by_of(const Arguments& arguments) {
  return arguments.value("by").value_or("command line");
}

std::string format_of(const office::OfficeTemplate& found) {
  return found.format ? std::string(office::format_words(*found.format)) : "-";
}

nlohmann::ordered_json to_json(const office::OfficeTemplate& found) {
  nlohmann::ordered_json versions = nlohmann::ordered_json::array();
  for (const auto& version : found.versions) {
    versions.push_back({{"number", version.number},
                        {"file", version.file},
                        {"format", version.format},
                        {"installedAt", version.installed_at},
                        {"installedBy", version.installed_by},
                        {"why", version.why}});
  }
  return {{"kind", found.kind},
          {"path", found.path.string()},
          {"namedInOffice", found.named_in_office},
          {"exists", found.exists},
          {"format", format_of(found)},
          {"currentVersion", found.current_version ? nlohmann::ordered_json(*found.current_version)
                                                   : nlohmann::ordered_json(nullptr)},
          {"versions", std::move(versions)}};
}

ExitCode list(const office::Workspace& workspace, bool as_json) {
  const auto all = office::office_templates(workspace);
  if (as_json) {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const auto& found : all) out.push_back(to_json(found));
    std::cout << nlohmann::ordered_json{{"templates", std::move(out)}}.dump(2) << '\n';
    return ExitCode::success;
  }
  for (const auto& found : all) {
    std::cout << found.kind << ": " << found.path.string() << " (" << format_of(found)
              << (found.named_in_office ? "" : ", installed with panelpack")
              << (found.exists ? "" : ", MISSING") << ")";
    if (found.current_version) std::cout << ", version " << *found.current_version;
    std::cout << ", " << found.versions.size()
              << (found.versions.size() == 1 ? " version kept\n" : " versions kept\n");
    for (const auto& version : found.versions) {
      std::cout << "  " << version.number << "  " << version.installed_at << "  "
                << (version.installed_by.empty() ? "-" : version.installed_by) << "  "
                << version.why << '\n';
    }
  }
  return ExitCode::success;
}

ExitCode install(const office::Workspace& workspace, const Arguments& arguments) {
  const std::string& kind = arguments.positionals()[1];
  const std::string& file = arguments.positionals()[2];
  const office::TemplateInstallResult result = office::install_template(
      workspace, {kind, office::read_template_input(file), by_of(arguments),
                  arguments.value("why").value_or("Installed from the command line"),
                  now_from(arguments.value("now"))});
  office::print_diagnostics(std::cerr, file, result.check.diagnostics);
  if (!result.check.format) {
    throw CommandFailure(ExitCode::bad_input,
                         file + ": not a DOCX or ODT document; nothing installed");
  }
  if (result.check.not_a_template) {
    throw CommandFailure(ExitCode::bad_input,
                         file + ": " + *result.check.not_a_template + "; nothing installed");
  }
  if (!result.installed) {
    const std::size_t errors = result.check.errors();
    throw CommandFailure(ExitCode::bad_input,
                         std::to_string(errors) + (errors == 1 ? " error" : " errors") +
                             ": nothing installed; correct them in Word and run again");
  }
  // office.json as it is now: it may name a new file for the kind.
  const auto in_use = office::Workspace::open(workspace.root()).template_path(kind);
  std::cout << "installed " << kind << " version " << result.installed->number << " as "
            << in_use.string() << "; every earlier version is kept (panelpack templates list)\n";
  return ExitCode::success;
}

ExitCode restore(const office::Workspace& workspace, const Arguments& arguments) {
  const std::string& kind = arguments.positionals()[1];
  const std::string& text = arguments.positionals()[2];
  int number = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (error != std::errc{} || end != text.data() + text.size() || number < 1) {
    throw UsageError("templates restore takes a KIND and a version NUMBER, not '" + text + "'");
  }
  const office::TemplateVersion restored = office::restore_template(
      workspace, kind, number, by_of(arguments), now_from(arguments.value("now")));
  std::cout << "restored " << kind << " version " << number << " as version " << restored.number
            << ": it is the one in use\n";
  return ExitCode::success;
}

}  // namespace

ExitCode run_templates(std::span<const std::string> words) {
  const Arguments arguments = Arguments::parse(words, templates_options);
  const auto& positionals = arguments.positionals();
  const std::string action = positionals.empty() ? "list" : positionals[0];
  if (action != "list" && action != "install" && action != "restore") {
    throw UsageError("templates takes list, install or restore, not '" + action + "'");
  }
  if (action == "list" && positionals.size() > 1) throw UsageError("templates list takes nothing");
  if (action == "install" && positionals.size() != 3) {
    throw UsageError("templates install takes a KIND and a FILE");
  }
  if (action == "restore" && positionals.size() != 3) {
    throw UsageError("templates restore takes a KIND and a version NUMBER");
  }
  if (action != "list" && arguments.has("json")) throw UsageError("--json is for templates list");
  if (action == "list" && (arguments.has("why") || arguments.has("by"))) {
    throw UsageError("--why and --by are for templates install and restore");
  }
  const office::Workspace workspace = open_workspace(arguments.value("office"));
  if (action == "install") return install(workspace, arguments);
  if (action == "restore") return restore(workspace, arguments);
  return list(workspace, arguments.has("json"));
}

}  // namespace panelpack::cli
