// `panelpack pack PANEL DATE`: the sitting's pack, built whole and put in place in one step.

#include <array>
#include <cstdlib>
#include <iostream>
#include <thread>

#include "arguments.hpp"
#include "commands.hpp"
#include "exit_codes.hpp"
#include "office/mail/mail_settings.hpp"
#include "office/mail/secrets.hpp"
#include "office/pack/pack_writer.hpp"
#include "office/pack/sitting_pack.hpp"
#include "office_arguments.hpp"
#include "panel/labels.hpp"
#include "panel/panel_error.hpp"
#include "progress.hpp"

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

// The pack's password from --password-file or --password-env, or none.
std::string read_password(const Arguments& arguments, const office::Machine& machine) {
  const auto file = arguments.value("password-file");
  const auto variable = arguments.value("password-env");
  if (file && variable) throw UsageError("give --password-file or --password-env, not both");
  if (!file && !variable) return "";
  const std::string password =
      file ? secret_from_file(*file, "the pack password (at least " +
                                         std::to_string(kMinimumZipPasswordLength) +
                                         " characters), to encrypt the zip and PDF with")
           : secret_from_environment(machine, *variable, "--password-env");
  check_zip_password(password, file ? *file : "$" + *variable);
  return password;
}

// The panel's options from office.json, with what the command line adds: --pdf adds a PDF,
// a password given encrypts with it. Nothing given on the command line can make the pack
// weaker than the panel's options.
void choose_options(const Workspace& workspace, const std::string& panel_id,
                    const Arguments& arguments, PackOptions& options) {
  const panel::PanelConfig* panel = nullptr;
  try {
    panel = &workspace.office().panel(panel_id);
  } catch (const panel::PanelError& error) {
    throw CommandFailure(ExitCode::bad_input, error.what());
  }
  const bool office_pdf = panel->circulation.needs_pdf();
  const std::string given = read_password(arguments, workspace.machine());
  std::string office_password;
  try {
    office_password = pack_password(workspace, panel->circulation);
  } catch (const OfficeError&) {
    if (given.empty()) throw;  // a password given by hand still packs; it is then the pack's
  }
  options.pdf = office_pdf || arguments.has("pdf");
  options.password = given.empty() ? office_password : given;
  options.from_office = options.pdf == office_pdf && options.password == office_password;
}

void print_summary(const PackResult& result, const panel::PackPlan& plan,
                   const SittingContext& context, const PackOptions& options) {
  const bool encrypted = !options.password.empty();
  const std::size_t cases = context.bookings.items.size();
  std::cout << "packed " << context.panel->id << ' ' << context.sitting.date.iso() << " into "
            << result.folder.string() << "/\n  " << result.documents.size()
            << " documents (the agenda and " << result.documents.size() - 1 << " papers of "
            << cases << (cases == 1 ? " case" : " cases") << "), manifest.json, " << result.zip_name
            << (encrypted ? " (AES-256)" : "") << '\n';
  if (result.pdf_name) {
    std::cout << "  " << *result.pdf_name << ": " << result.pdf_pages
              << " pages, a bookmark per case" << (encrypted ? " (AES-256)" : "") << '\n';
  }
  if (!options.from_office) {
    std::cout << "  built with options other than the panel's in office.json: tick circulates "
                 "it while it is current, and never rebuilds it\n";
  }
  for (const auto& paper : plan.missing) {
    std::cout << "  missing: item " << paper.item_number << ' ' << paper.case_ref << ' '
              << panel::paper_type_label(paper.paper_type) << '\n';
  }
  for (const auto& paper : plan.held_elsewhere) {
    std::cout << "  on file elsewhere (not in the zip): item " << paper.item_number << ' '
              << paper.case_ref << ' ' << panel::paper_type_label(paper.paper_type) << '\n';
  }
}

}  // namespace

ExitCode run_pack(std::span<const std::string> words) {
  const Arguments arguments = Arguments::parse(words, pack_options);
  if (arguments.positionals().size() != 2) throw UsageError("pack takes a PANEL and a DATE");
  const std::string& panel_id = arguments.positionals()[0];
  const auto date = date_argument(arguments.positionals()[1], "the sitting's DATE");
  PackOptions options;
  const Workspace workspace = open_workspace(arguments.value("office"));
  choose_options(workspace, panel_id, arguments, options);
  if (const auto jobs = arguments.value("jobs")) {
    if (!options.pdf) throw UsageError("-j sets the LibreOffice workers of the PDF (--pdf)");
    options.pdf_workers = parse_count("-j", *jobs);
    if (options.pdf_workers == 0) {
      options.pdf_workers = std::max(1U, std::thread::hardware_concurrency());
    }
  }
  if (const auto timeout = arguments.value("timeout")) {
    if (!options.pdf) throw UsageError("--timeout applies to the PDF (--pdf)");
    options.pdf_timeout = std::chrono::seconds{parse_count("--timeout", *timeout)};
    if (options.pdf_timeout.count() == 0) throw UsageError("--timeout must be at least 1 second");
  }
  // For the benchmark's comparison only (scripts/bench-pack-pdf.sh): 1 starts LibreOffice once
  // per document, as before batches.
  if (const char* batch = std::getenv("PANELPACK_PDF_BATCH"); batch != nullptr && options.pdf) {
    options.pdf_batch_size = parse_count("PANELPACK_PDF_BATCH", batch);
  }
  TerminalProgress progress(stderr_is_terminal() && !arguments.has("quiet"));
  options.progress = &progress;
  const auto now = now_from(arguments.value("now"));

  const SittingPack pack = build_sitting_pack(workspace, panel_id, date, options, now);
  const PackResult& result = pack.result;
  const panel::PackPlan& plan = pack.plan;
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
        {"options", options.from_office ? "office.json" : "command line"},
        {"pdf", result.pdf_name ? nlohmann::ordered_json(*result.pdf_name) : nullptr},
        {"pdfPages", result.pdf_pages},
        {"missing", plan.missing.size()}};
    std::cout << output.dump(2) << '\n';
  } else if (!arguments.has("quiet")) {
    print_summary(result, plan, pack.context, options);
  }
  return ExitCode::success;
}

}  // namespace panelpack::cli
