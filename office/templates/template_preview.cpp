#include "office/templates/template_preview.hpp"

#include <algorithm>
#include <sstream>
#include <vector>

#include "office/documents/diagnostic_output.hpp"
#include "office/documents/labelled_data.hpp"
#include "office/documents/schema_refusal.hpp"
#include "office/error.hpp"
#include "office/files.hpp"
#include "office/sitting/sitting_agenda.hpp"
#include "office/templates/template_check.hpp"
#include "panel/agenda.hpp"
#include "templating/template.hpp"

namespace panelpack::office {

namespace {

bool filled_from_the_case(const std::string& kind) {
  return kind == "referral" || kind == "matching" || kind == "finance-request";
}

// The latest sitting the case is booked into, if any.
std::optional<panel::Sitting> sitting_of(const Workspace& workspace, const std::string& case_ref) {
  std::vector<std::string> problems;  // a sitting whose bookings cannot be read is not the one
  std::optional<panel::Sitting> found;
  for (const auto& booked : workspace.load_all_bookings(problems)) {
    if (booked.bookings.find(case_ref) == nullptr || booked.sitting.cancelled) continue;
    if (!found || found->date < booked.sitting.date) found = booked.sitting;
  }
  return found;
}

nlohmann::json agenda_data(const Workspace& workspace, const panel::Sitting& sitting,
                           panel::UtcInstant now) {
  const SittingAgenda agenda = sitting_agenda(workspace, sitting.panel_id, sitting.date, now);
  return nlohmann::json(panel::to_json(agenda.agenda));
}

// The data the office fills the kind's template from, for this case.
nlohmann::json data_for(const Workspace& workspace, const std::string& kind,
                        const std::string& case_ref, panel::UtcInstant now) {
  const CaseFile file = workspace.load_case(case_ref);
  const auto sitting = sitting_of(workspace, case_ref);
  if (kind == "agenda") {
    if (!sitting) {
      throw OfficeError(OfficeError::Code::bad_input,
                        case_ref +
                            " is booked into no sitting, so there is no agenda to fill: "
                            "choose a booked case");
    }
    nlohmann::json data = agenda_data(workspace, *sitting, now);
    add_code_labels(data, "agenda");
    return data;
  }
  if (sitting) return case_data_for_sitting(file.data, agenda_data(workspace, *sitting, now));
  nlohmann::json data = file.data;
  add_code_labels(data, "case");
  return data;
}

// A reference as the case files are named: letters, digits, '-' and '_' (never a path).
bool is_reference(const std::string& case_ref) {
  if (case_ref.empty() || case_ref.size() > 64) return false;
  return std::all_of(case_ref.begin(), case_ref.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_';
  });
}

std::string template_bytes(const Workspace& workspace, const std::string& kind,
                           const std::optional<std::string>& candidate) {
  if (candidate) return *candidate;
  return read_template_input(workspace.template_path(kind).string());
}

}  // namespace

bool previews_with_a_case(const std::string& kind) {
  return kind == "agenda" || filled_from_the_case(kind);
}

namespace {

// A preview is filled from data of the kind's schema: a field it lacks would print blank.
void refuse_schema_errors(const templating::Template& compiled, const std::string& kind) {
  const std::string schema_kind = schema_kind_of_template(kind);
  if (schema_kind.empty()) return;
  const auto errors = schema_errors(compiled, schema_kind);
  if (errors.empty()) return;
  std::ostringstream messages;
  print_diagnostics(messages, "the " + kind + " template", errors);
  throw OfficeError(OfficeError::Code::bad_input,
                    messages.str() + "the template names fields the " + schema_kind +
                        " schema does not have: check the template before previewing it");
}

}  // namespace

TemplatePreview preview_template(const Workspace& workspace, const std::string& kind,
                                 const std::optional<std::string>& candidate,
                                 const std::string& case_ref, panel::UtcInstant now) {
  if (!previews_with_a_case(kind)) {
    throw OfficeError(
        OfficeError::Code::bad_argument,
        "the " + kind + " template is not filled from a case, so no case previews it");
  }
  if (!is_reference(case_ref)) {
    throw OfficeError(OfficeError::Code::bad_input, "Choose a case from the list");
  }
  std::string bytes = template_bytes(workspace, kind, candidate);
  const auto format = template_format(bytes);
  if (!format) {
    throw OfficeError(OfficeError::Code::bad_input, "the template is not a DOCX or ODT file");
  }
  const nlohmann::json data = data_for(workspace, kind, case_ref, now);
  TemplatePreview preview;
  try {
    const auto compiled = templating::Template::compile(std::move(bytes));
    refuse_schema_errors(compiled, kind);
    preview.bytes = compiled.render(data);
  } catch (const templating::TemplateError& error) {
    throw OfficeError(OfficeError::Code::bad_input,
                      std::string(error.what()) + ": check the template before previewing it");
  } catch (const templating::PackageError& error) {
    throw OfficeError(OfficeError::Code::bad_input,
                      std::string(error.what()) + ": open it in Word and save it again");
  }
  preview.file_name = "preview-" + kind + "-" + case_ref + std::string(extension_of(*format));
  preview.media_type =
      *format == TemplateFormat::docx
          ? "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
          : "application/vnd.oasis.opendocument.text";
  return preview;
}

}  // namespace panelpack::office
