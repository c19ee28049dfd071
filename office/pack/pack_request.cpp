#include "office/pack/pack_request.hpp"

#include <algorithm>
#include <thread>

#include "office/error.hpp"
#include "office/mail/mail_settings.hpp"
#include "office/mail/secrets.hpp"
#include "office/pack/sitting_pack.hpp"
#include "panel/panel_error.hpp"

namespace panelpack::office {

namespace {

// The password given for this pack, read and checked; empty when none is given. The messages
// name the options of `panelpack pack`, the one front end that gives them.
std::string given_password(const Workspace& workspace, const PackRequest& request) {
  if (!request.password) return "";
  const GivenPassword& given = *request.password;
  const bool from_file = !given.file.empty();
  const std::string password =
      from_file ? secret_from_file(given.file, "the pack password (at least " +
                                                   std::to_string(kMinimumZipPasswordLength) +
                                                   " characters), to encrypt the zip and PDF with")
                : secret_from_environment(workspace.machine(), given.environment, "--password-env");
  check_zip_password(password, from_file ? given.file : "$" + given.environment);
  return password;
}

OfficeError bad_option(const std::string& message) {
  return OfficeError(OfficeError::Code::bad_argument, message);
}

}  // namespace

PackOptions choose_pack_options(const Workspace& workspace, const PackRequest& request) {
  const panel::PanelConfig* panel = nullptr;
  try {
    panel = &workspace.office().panel(request.panel_id);
  } catch (const panel::PanelError& error) {
    throw OfficeError(OfficeError::Code::bad_input, error.what());
  }
  PackOptions options;
  options.progress = request.progress;
  const bool office_pdf = panel->circulation.needs_pdf();
  const std::string given = given_password(workspace, request);
  std::string office_password;
  try {
    office_password = pack_password(workspace, panel->circulation);
  } catch (const OfficeError&) {
    if (given.empty()) throw;  // a password given by hand still packs; it is then the pack's
  }
  options.pdf = office_pdf || request.pdf;
  options.password = given.empty() ? office_password : given;
  options.from_office = options.pdf == office_pdf && options.password == office_password;
  if (request.pdf_workers) {
    if (!options.pdf) throw bad_option("-j sets the LibreOffice workers of the PDF (--pdf)");
    options.pdf_workers = *request.pdf_workers;
    if (options.pdf_workers == 0) {
      options.pdf_workers = std::max(1U, std::thread::hardware_concurrency());
    }
  }
  if (request.pdf_timeout) {
    if (!options.pdf) throw bad_option("--timeout applies to the PDF (--pdf)");
    if (request.pdf_timeout->count() == 0) {
      throw bad_option("--timeout must be at least 1 second");
    }
    options.pdf_timeout = *request.pdf_timeout;
  }
  if (options.pdf) options.pdf_batch_size = request.pdf_batch_size;
  return options;
}

PackOutcome pack_sitting(const Workspace& workspace, const PackRequest& request) {
  const PackOptions options = choose_pack_options(workspace, request);
  const PackAttempt attempt =
      build_sitting_pack(workspace, request.panel_id, request.date, options, request.now);
  if (attempt.busy()) return {std::nullopt, attempt.busy_lock};
  const SittingPack& pack = *attempt.pack;
  PackSummary summary;
  summary.panel_id = pack.context.panel->id;
  summary.date = pack.context.sitting.date;
  summary.folder = pack.result.folder;
  for (const PackedFile& file : pack.result.documents) {
    summary.documents.push_back({file.file, file.size, file.sha256});
  }
  summary.cases = pack.context.bookings.items.size();
  summary.zip_name = pack.result.zip_name;
  summary.encrypted = !options.password.empty();
  summary.from_office = options.from_office;
  summary.pdf_name = pack.result.pdf_name;
  summary.pdf_pages = pack.result.pdf_pages;
  summary.missing = pack.plan.missing;
  summary.held_elsewhere = pack.plan.held_elsewhere;
  return {std::move(summary), {}};
}

}  // namespace panelpack::office
