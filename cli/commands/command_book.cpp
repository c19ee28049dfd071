// `panelpack book PANEL DATE CASEREF`: books a case onto a sitting, records a paper received
// for it, takes it off, or names who presents it, through office/sitting/booking.hpp and
// presenters.hpp (which hold the rules and the sitting's lock), and prints what was done and
// what the next tick will send.

#include <algorithm>
#include <array>
#include <iostream>

#include "arguments/arguments.hpp"
#include "arguments/office_arguments.hpp"
#include "commands/commands.hpp"
#include "exit_codes.hpp"
#include "office/sitting/booking.hpp"
#include "office/sitting/presenters.hpp"

namespace panelpack::cli {
namespace {

const std::array<OptionSpec, 13> book_options = {{
    {"office", '\0', true},
    {"reason", '\0', true},
    {"papers", '\0', true},
    {"minutes", '\0', true},
    {"received", '\0', true},
    {"at", '\0', true},
    {"file", '\0', true},
    {"on-file-elsewhere", '\0', true},
    {"remove", '\0', false},
    {"presenter", '\0', true, true},
    {"case-file-presenters", '\0', false},
    {"now", '\0', true},
    {"help", 'h', false},
}};

// "a,b,a": the list as given; the office checks each type.
std::vector<std::string> paper_list(const std::string& text) {
  std::vector<std::string> types;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    types.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return types;
}

// "NAME; ROLE; EMAIL" (ROLE may be empty); the office checks the name and the email.
panel::Person presenter_from(const std::string& text) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t semicolon = std::min(text.find(';', start), text.size());
    parts.push_back(text.substr(start, semicolon - start));
    start = semicolon + 1;
  }
  if (parts.size() != 3) {
    throw UsageError("--presenter \"" + text +
                     "\" needs a name, a role and an email separated by semicolons, such as "
                     "--presenter \"Sam Okafor; Social worker; sam.okafor@council.gov.uk\" (the "
                     "role may be empty: \"Sam Okafor; ; sam.okafor@council.gov.uk\")");
  }
  panel::Person person;
  person.name = parts[0];
  person.role = parts[1];
  person.email = parts[2];
  return person;
}

// `book ... --presenter ... | --case-file-presenters`: who presents the booked case.
ExitCode run_presenters(const Arguments& arguments, const office::SittingId& sitting,
                        const std::string& case_ref) {
  for (const char* other :
       {"reason", "papers", "minutes", "received", "at", "file", "on-file-elsewhere", "remove"}) {
    if (arguments.has(other)) {
      throw UsageError(
          "--presenter and --case-file-presenters change who presents a case "
          "already booked; give --" +
          std::string{other} + " in another command");
    }
  }
  const auto given = arguments.values("presenter");
  if (!given.empty() && arguments.has("case-file-presenters")) {
    throw UsageError("give either --presenter or --case-file-presenters, not both");
  }
  office::PresentersRequest request{sitting, case_ref, std::nullopt,
                                    now_from(arguments.value("now"))};
  if (!given.empty()) {
    std::vector<panel::Person> people;
    for (const std::string& text : given) people.push_back(presenter_from(text));
    request.presenters = std::move(people);
  }
  const office::Workspace workspace = open_workspace(arguments.value("office"));
  const office::BookingResult result = office::set_presenters(workspace, request);
  if (result.refused) throw CommandFailure(exit_code_for(*result.refused), result.message);
  std::cout << result.message << '\n';
  if (!result.forecast.empty()) std::cout << result.forecast << '\n';
  return ExitCode::success;
}

}  // namespace

ExitCode run_book(std::span<const std::string> words) {
  const Arguments arguments = Arguments::parse(words, book_options);
  if (arguments.positionals().size() != 3) {
    throw UsageError("book takes a PANEL, a DATE and a CASEREF");
  }
  const std::string& panel_id = arguments.positionals()[0];
  const auto date = date_argument(arguments.positionals()[1], "the sitting's DATE");
  const std::string& given_case_ref = arguments.positionals()[2];
  if (arguments.has("presenter") || arguments.has("case-file-presenters")) {
    return run_presenters(arguments, {panel_id, date}, given_case_ref);
  }
  const bool removing = arguments.has("remove");
  const auto received = arguments.value("received");
  if (removing && received) throw UsageError("give either --remove or --received, not both");
  const bool adding = !removing && !received;
  if (!adding && (arguments.has("reason") || arguments.has("papers") || arguments.has("minutes"))) {
    throw UsageError("--reason, --papers and --minutes are for booking a case, not for --" +
                     std::string{removing ? "remove" : "received"});
  }
  if (!received &&
      (arguments.has("at") || arguments.has("file") || arguments.has("on-file-elsewhere"))) {
    throw UsageError("--at, --file and --on-file-elsewhere go with --received TYPE");
  }
  if (arguments.has("file") && arguments.has("on-file-elsewhere")) {
    throw UsageError("give either --file or --on-file-elsewhere, not both");
  }
  const std::string elsewhere = arguments.value("on-file-elsewhere").value_or("");
  if (arguments.has("on-file-elsewhere") &&
      elsewhere.find_first_not_of(" \t\r\n") == std::string::npos) {
    throw UsageError(
        "--on-file-elsewhere needs a reason the agenda can print, such as "
        "\"held by legal services, brought to panel on paper\"");
  }
  const auto now = now_from(arguments.value("now"));

  const office::Workspace workspace = open_workspace(arguments.value("office"));
  const office::SittingId sitting{panel_id, date};
  office::BookingResult result;
  if (removing) {
    result = office::remove_case(workspace, {sitting, given_case_ref, now});
  } else if (received) {
    office::ReceivedPaperRequest request{sitting,      given_case_ref, *received, std::nullopt,
                                         std::nullopt, elsewhere,      now};
    if (arguments.value("at")) request.received_at = now_from(arguments.value("at"), "--at");
    if (const auto file = arguments.value("file")) request.file = *file;
    result = office::record_received_paper(workspace, request);
  } else {
    office::BookCaseRequest request{sitting,      given_case_ref, arguments.value("reason"),
                                    std::nullopt, std::nullopt,   now};
    if (const auto papers = arguments.value("papers")) request.paper_types = paper_list(*papers);
    if (const auto minutes = arguments.value("minutes")) {
      request.minutes = static_cast<int>(parse_count("--minutes", *minutes));
    }
    result = office::book_case(workspace, request);
  }
  if (result.refused) throw CommandFailure(exit_code_for(*result.refused), result.message);
  for (const auto& other : result.also_booked_onto) {
    std::cerr << "panelpack: note: " << result.case_ref << " is also booked onto " << other << '\n';
  }
  std::cout << result.message << '\n';
  if (!result.forecast.empty()) std::cout << result.forecast << '\n';
  return ExitCode::success;
}

}  // namespace panelpack::cli
