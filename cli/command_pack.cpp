// `panelpack pack PANEL DATE`: the sitting's pack, built whole and put in place in one step.

#include <array>
#include <cstdlib>
#include <iostream>
#include <thread>

#include "arguments.hpp"
#include "commands.hpp"
#include "exit_codes.hpp"
#include "file_lock.hpp"
#include "files.hpp"
#include "pack_writer.hpp"
#include "panel/labels.hpp"
#include "panel/panel_error.hpp"
#include "progress.hpp"
#include "sitting_context.hpp"

namespace panelpack::cli {
namespace {

const std::array<OptionSpec, 10> pack_options = {{
    {"office", '\0', true},
    {"pdf", '\0', false},
    {"password-file", '\0', true},
    {"password-env", '\0', true},
    {"jobs", 'j', true},
    {"timeout", '\0', true},
    {"now", '\0', true},
    {"quiet", 'q', false},
    {"json", '\0', false},
    {"help", 'h', false},
}};

// A zip password shorter than this is refused: AES is only as strong as what protects it.
constexpr std::size_t kMinimumPasswordLength = 10;

std::string read_password(const Arguments& arguments) {
  const auto file = arguments.value("password-file");
  const auto variable = arguments.value("password-env");
  if (file && variable) throw UsageError("give --password-file or --password-env, not both");
  std::string password;
  std::string source;
  if (file) {
    password = read_input(*file);
    source = *file;
    // The first line is the password; editors add a newline.
    password = password.substr(0, password.find_first_of("\r\n"));
  } else if (variable) {
    const char* value = std::getenv(variable->c_str());
    if (value == nullptr) {
      throw CommandFailure(ExitCode::bad_input,
                           "--password-env: the environment variable " + *variable + " is not set");
    }
    password = value;
    source = "$" + *variable;
  } else {
    return "";
  }
  if (password.size() < kMinimumPasswordLength) {
    throw CommandFailure(ExitCode::bad_input, source + ": the zip password must be at least " +
                                                  std::to_string(kMinimumPasswordLength) +
                                                  " characters");
  }
  return password;
}

void print_summary(const PackResult& result, const panel::PackPlan& plan,
                   const SittingContext& context, bool encrypted) {
  const std::size_t cases = context.bookings.items.size();
  std::cout << "packed " << context.panel->id << ' ' << context.sitting.date.iso() << " into "
            << result.folder.string() << "/\n  " << result.documents.size()
            << " documents (the agenda and " << result.documents.size() - 1 << " papers of "
            << cases << (cases == 1 ? " case" : " cases") << "), manifest.json, " << result.zip_name
            << (encrypted ? " (AES-256)" : "") << '\n';
  if (result.pdf_name) {
    std::cout << "  " << *result.pdf_name << ": " << result.pdf_pages
              << " pages, a bookmark per case\n";
  }
  for (const auto& paper : plan.missing) {
    std::cout << "  missing: item " << paper.item_number << ' ' << paper.case_ref << ' '
              << panel::paper_type_label(paper.paper_type) << '\n';
  }
}

}  // namespace

ExitCode run_pack(std::span<const std::string> words) {
  const Arguments arguments = Arguments::parse(words, pack_options);
  if (arguments.positionals().size() != 2) throw UsageError("pack takes a PANEL and a DATE");
  const std::string& panel_id = arguments.positionals()[0];
  const auto date = date_argument(arguments.positionals()[1], "the sitting's DATE");
  PackOptions options;
  options.pdf = arguments.has("pdf");
  if (const auto jobs = arguments.value("jobs")) {
    if (!options.pdf) throw UsageError("-j sets the LibreOffice workers of --pdf");
    options.pdf_workers = parse_count("-j", *jobs);
    if (options.pdf_workers == 0) {
      options.pdf_workers = std::max(1U, std::thread::hardware_concurrency());
    }
  }
  if (const auto timeout = arguments.value("timeout")) {
    if (!options.pdf) throw UsageError("--timeout applies to --pdf");
    options.pdf_timeout = std::chrono::seconds{parse_count("--timeout", *timeout)};
    if (options.pdf_timeout.count() == 0) throw UsageError("--timeout must be at least 1 second");
  }
  options.progress = stderr_is_terminal() && !arguments.has("quiet");
  const auto now = now_from(arguments.value("now"));
  options.password = read_password(arguments);

  const Workspace workspace = Workspace::open(arguments.value("office"));
  const SittingContext context = load_sitting(workspace, panel_id, date);
  const auto inputs = context.agenda_inputs(workspace, now);
  nlohmann::ordered_json agenda;
  panel::PackPlan plan;
  try {
    agenda = panel::build_agenda(inputs);
    plan = panel::plan_pack(inputs);
  } catch (const panel::PanelError& error) {
    throw CommandFailure(ExitCode::bad_input, error.what());
  }
  const auto target = workspace.pack_path(panel_id, date);
  const FileLock lock(target.parent_path() / ("." + date.iso() + ".lock"), false);
  const PackResult result = write_pack(workspace, context, plan, agenda, options, now);
  if (arguments.has("json")) {
    nlohmann::ordered_json files = nlohmann::ordered_json::array();
    for (const auto& file : result.documents) {
      files.push_back({{"file", file.file}, {"size", file.size}, {"sha256", file.sha256}});
    }
    const nlohmann::ordered_json output{
        {"folder", result.folder.string()},
        {"documents", std::move(files)},
        {"zip", result.zip_name},
        {"encrypted", !options.password.empty()},
        {"pdf", result.pdf_name ? nlohmann::ordered_json(*result.pdf_name) : nullptr},
        {"pdfPages", result.pdf_pages},
        {"missing", plan.missing.size()}};
    std::cout << output.dump(2) << '\n';
  } else if (!arguments.has("quiet")) {
    print_summary(result, plan, context, !options.password.empty());
  }
  return ExitCode::success;
}

}  // namespace panelpack::cli
