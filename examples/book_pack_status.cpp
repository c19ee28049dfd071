// A second front end in one file: books a case onto a sitting, builds the sitting's pack and
// reads what needs attention, through office/ alone. It includes nothing from cli/ (the build
// would refuse: this target links panelpack_office only), which is what shows that a web
// console can be written against the office's headers.
//
//   book_pack_status OFFICE PANEL DATE CASEREF NOW
//   book_pack_status samples-copy permanence 2026-12-22 LCS900106 2026-12-01T09:00:00Z

#include <iostream>
#include <string>

#include "office/error.hpp"
#include "office/machine.hpp"
#include "office/pack/pack_request.hpp"
#include "office/sitting/booking.hpp"
#include "office/status.hpp"
#include "office/workspace.hpp"
#include "panel/calendar_date.hpp"
#include "panel/london_time.hpp"
#include "panel/panel_error.hpp"

namespace office = panelpack::office;
namespace panel = panelpack::panel;

namespace {

int run(const std::string& folder, const std::string& panel_id, const std::string& date_text,
        const std::string& case_ref, const std::string& now_text) {
  // No LibreOffice and no secrets from the environment: this front end asks for no PDF.
  const office::Workspace workspace = office::Workspace::open(folder, office::Machine{});
  const panel::CalendarDate date = panel::CalendarDate::parse(date_text);
  const panel::UtcInstant now = panel::parse_instant(now_text);

  const office::BookingResult booked =
      office::book_case(workspace, {{panel_id, date}, case_ref, {}, {}, {}, now});
  if (booked.refused) {
    std::cout << "refused: " << booked.message << '\n';
    return 1;
  }
  std::cout << "booked " << booked.case_ref << " as item " << booked.item << '\n';

  office::PackRequest request;
  request.panel_id = panel_id;
  request.date = date;
  request.now = now;
  const office::PackOutcome outcome = office::pack_sitting(workspace, request);
  if (outcome.busy()) {
    std::cout << "busy: another run holds " << outcome.busy_lock.string() << '\n';
    return 4;
  }
  const office::PackSummary& pack = *outcome.packed;
  std::cout << "packed " << pack.cases << " cases, " << pack.documents.size() << " documents in "
            << pack.zip_name << '\n';
  for (const office::PackedDocument& document : pack.documents) {
    std::cout << "  " << document.file << ' ' << document.sha256 << '\n';
  }
  for (const panel::MissingPaper& paper : pack.missing) {
    std::cout << "  missing " << paper.case_ref << ' ' << paper.paper_type << '\n';
  }

  const office::OfficeStatus status = office::office_status(workspace, now);
  std::cout << "status: " << status.findings.size() << " findings\n";
  for (const panel::Finding& finding : status.findings) {
    std::cout << "  " << finding.kind << ' ' << finding.case_ref << '\n';
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 6) {
    std::cerr << "usage: book_pack_status OFFICE PANEL DATE CASEREF NOW\n";
    return 2;
  }
  try {
    return run(argv[1], argv[2], argv[3], argv[4], argv[5]);
  } catch (const office::OfficeError& failure) {
    std::cerr << "book_pack_status: " << failure.what() << '\n';
    return failure.code() == office::OfficeError::Code::machine_failure ? 3 : 1;
  } catch (const panelpack::panel::PanelError& failure) {
    std::cerr << "book_pack_status: " << failure.what() << '\n';
    return 1;
  }
}
