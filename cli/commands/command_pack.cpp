// `panelpack pack PANEL DATE`: the sitting's pack, built whole and put in place in one step.

#include <array>
#include <cstdlib>
#include <iostream>

#include "arguments/arguments.hpp"
#include "arguments/office_arguments.hpp"
#include "commands/commands.hpp"
#include "exit_codes.hpp"
#include "office/error.hpp"
#include "office/pack/pack_request.hpp"
#include "output/progress.hpp"
#include "panel/labels.hpp"

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

// The pack as the command line asks for it.
office::PackRequest pack_request(const Arguments& arguments) {
  if (arguments.positionals().size() != 2) throw UsageError("pack takes a PANEL and a DATE");
  office::PackRequest request;
  request.panel_id = arguments.positionals()[0];
  request.date = date_argument(arguments.positionals()[1], "the sitting's DATE");
  request.pdf = arguments.has("pdf");
  const auto file = arguments.value("password-file");
  const auto variable = arguments.value("password-env");
  if (file && variable) throw UsageError("give --password-file or --password-env, not both");
  if (file) request.password = office::GivenPassword{*file, ""};
  if (variable) request.password = office::GivenPassword{"", *variable};
  if (const auto jobs = arguments.value("jobs")) request.pdf_workers = parse_count("-j", *jobs);
  if (const auto timeout = arguments.value("timeout")) {
    request.pdf_timeout = std::chrono::seconds{parse_count("--timeout", *timeout)};
  }
  // For the benchmark's comparison only (scripts/bench-pack-pdf.sh): 1 starts LibreOffice once
  // per document, as before batches.
  if (const char* batch = std::getenv("PANELPACK_PDF_BATCH"); batch != nullptr) {
    request.pdf_batch_size = parse_count("PANELPACK_PDF_BATCH", batch);
  }
  request.now = now_from(arguments.value("now"));
  return request;
}

void print_papers(const std::vector<panel::MissingPaper>& papers, const char* heading) {
  for (const auto& paper : papers) {
    std::cout << "  " << heading << ": item " << paper.item_number << ' ' << paper.case_ref << ' '
              << panel::paper_type_label(paper.paper_type) << '\n';
  }
}

void print_summary(const office::PackSummary& pack) {
  const std::size_t documents = pack.documents.size();
  std::cout << "packed " << pack.panel_id << ' ' << pack.date.iso() << " into "
            << pack.folder.string() << "/\n  " << documents << " documents (the agenda and "
            << documents - 1 << " papers of " << pack.cases
            << (pack.cases == 1 ? " case" : " cases") << "), manifest.json, " << pack.zip_name
            << (pack.encrypted ? " (AES-256)" : "") << '\n';
  if (pack.pdf_name) {
    std::cout << "  " << *pack.pdf_name << ": " << pack.pdf_pages << " pages, a bookmark per case"
              << (pack.encrypted ? " (AES-256)" : "") << '\n';
  }
  if (!pack.from_office) {
    std::cout << "  built with options other than the panel's in office.json: tick circulates "
                 "it while it is current, and never rebuilds it\n";
  }
  print_papers(pack.missing, "missing");
  print_papers(pack.held_elsewhere, "on file elsewhere (not in the zip)");
}

void print_json(const office::PackSummary& pack) {
  nlohmann::ordered_json files = nlohmann::ordered_json::array();
  for (const auto& file : pack.documents) {
    files.push_back({{"file", file.file}, {"size", file.size}, {"sha256", file.sha256}});
  }
  const nlohmann::ordered_json output{
      {"folder", pack.folder.string()},
      {"documents", std::move(files)},
      {"zip", pack.zip_name},
      {"encrypted", pack.encrypted},
      {"options", pack.from_office ? "office.json" : "command line"},
      {"pdf", pack.pdf_name ? nlohmann::ordered_json(*pack.pdf_name) : nullptr},
      {"pdfPages", pack.pdf_pages},
      {"missing", pack.missing.size()}};
  std::cout << output.dump(2) << '\n';
}

}  // namespace

ExitCode run_pack(std::span<const std::string> words) {
  if (!words.empty() && words[0] == "addendum") return run_pack_addendum(words.subspan(1));
  const Arguments arguments = Arguments::parse(words, pack_options);
  office::PackRequest request = pack_request(arguments);
  const office::Workspace workspace = open_workspace(arguments.value("office"));
  TerminalProgress progress(stderr_is_terminal() && !arguments.has("quiet"));
  request.progress = &progress;

  const office::PackOutcome outcome = office::pack_sitting(workspace, request);
  if (outcome.busy()) throw office::busy_error(outcome.busy_lock.string());
  if (arguments.has("json")) {
    print_json(*outcome.packed);
  } else if (!arguments.has("quiet")) {
    print_summary(*outcome.packed);
  }
  return ExitCode::success;
}

}  // namespace panelpack::cli
