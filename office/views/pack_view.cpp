#include "office/views/pack_view.hpp"

#include <algorithm>
#include <exception>
#include <map>
#include <system_error>

#include <nlohmann/json.hpp>

#include "office/error.hpp"
#include "office/mail/outbox_view.hpp"
#include "office/pack/pack_inputs.hpp"
#include "office/pack/pack_manifest.hpp"
#include "office/pack/sitting_pack.hpp"
#include "office/sitting/agenda_addendum.hpp"
#include "office/tick/sitting_addendum.hpp"
#include "office/tick/sitting_notices_file.hpp"
#include "panel/labels.hpp"
#include "panel/mail_due.hpp"
#include "templating/atomic_file.hpp"

namespace panelpack::office {

namespace {

std::string paper_words(const nlohmann::json& row) {
  if (row.value("source", "") == "agenda") return "Agenda";
  const auto type = row.value("paperType", std::string());
  return type.empty() ? "Paper" : panel::paper_type_label(type);
}

// The manifest's lists in words; false when it is missing or does not read.
bool read_manifest_lines(const std::filesystem::path& folder, PackView& view) {
  std::error_code error;
  const auto path = folder / "manifest.json";
  if (!std::filesystem::is_regular_file(path, error)) return false;
  try {
    const auto json = nlohmann::json::parse(templating::read_file(path));
    view.built_at = json.value("generatedAt", std::string());
    for (const auto& row : json.at("files")) {
      PackDocumentLine line;
      line.file = row.at("file").get<std::string>();
      line.item = row.value("item", 0);
      if (row.contains("caseRef") && row["caseRef"].is_string()) {
        line.case_ref = row["caseRef"].get<std::string>();
      }
      line.source = row.value("source", std::string());
      line.paper_words = paper_words(row);
      view.documents.push_back(std::move(line));
    }
    for (const auto& row : json.at("missing")) {
      view.missing.push_back({row.value("item", 0), row.value("caseRef", std::string()),
                              panel::paper_type_label(row.value("paperType", std::string()))});
    }
    return true;
  } catch (const std::exception&) {
    view.documents.clear();
    view.missing.clear();
    return false;  // unreadable: counts as no pack, as tick counts it
  }
}

// N from an addendum's key ("addendum|permanence|2026-12-15|agenda#N-HASH|to"); 0: none.
int addendum_number(const std::string& key) {
  const auto parts = panel::parse_mail_key(key);
  if (!parts || !parts->case_ref.starts_with("agenda#")) return 0;
  try {
    return std::stoi(parts->case_ref.substr(7));
  } catch (const std::exception&) {
    return 0;
  }
}

// The addenda's emails and the zips of the addenda built (numbers 1, 2... until one is not).
void read_addenda(const Workspace& workspace, std::vector<OutboxLine>& lines, PackView& view) {
  const std::string prefix = "addendum|" + view.panel_id + "|" + view.date.iso() + "|";
  std::map<std::int64_t, int> numbers;
  for (const auto& row : list_outbox(workspace, {std::nullopt, prefix, std::nullopt}).rows) {
    numbers[row.id] = addendum_number(row.idempotency_key);
  }
  for (OutboxLine& line : lines) {
    const auto found = numbers.find(line.id);
    if (found != numbers.end()) view.addendum_mail.push_back({found->second, std::move(line)});
  }
  std::stable_sort(
      view.addendum_mail.begin(), view.addendum_mail.end(),
      [](const AddendumMailLine& a, const AddendumMailLine& b) { return a.number < b.number; });
  for (int number = 1;; ++number) {
    const auto manifest =
        read_pack_manifest(addendum_folder(workspace, view.panel_id, view.date, number));
    if (!manifest) break;
    view.addendum_zips.emplace_back(number, manifest->zip_file);
  }
}

}  // namespace

PackView pack_view(const Workspace& workspace, const std::string& panel_id,
                   panel::CalendarDate date, panel::UtcInstant now) {
  bool known = false;
  for (const auto& panel : workspace.office().panels) known = known || panel.id == panel_id;
  if (!known) {
    throw OfficeError(OfficeError::Code::bad_input, "office.json has no panel '" + panel_id + "'");
  }
  PackView view;
  view.panel_id = panel_id;
  view.date = date;
  const auto folder = workspace.pack_path(panel_id, date);
  const auto manifest = read_pack_manifest(folder);
  view.exists = manifest.has_value() && read_manifest_lines(folder, view);
  if (view.exists) {
    view.zip_file = manifest->zip_file;
    view.zip_encrypted = manifest->options.zip_encrypted;
    view.pdf_file = manifest->pdf_file;
    try {
      const PackInputs current = current_pack_inputs(workspace, panel_id, date, now);
      view.out_of_date = !(current == manifest->inputs);
      if (view.out_of_date) view.changed = changed_inputs(manifest->inputs, current);
    } catch (const OfficeError& error) {
      view.check_problem = error.what();
    }
  }
  std::vector<OutboxLine> addendum_lines;
  for (OutboxLine& line : outbox_lines(workspace)) {
    if (line.panel_id != panel_id || line.sitting != date) continue;
    if (line.kind == "circulation") view.circulation.push_back(std::move(line));
    if (line.kind == "addendum") addendum_lines.push_back(std::move(line));
  }
  read_addenda(workspace, addendum_lines, view);
  if (const auto told = read_sitting_notices(workspace, panel_id, date)) {
    view.circulated = told->agenda.has_value();
    view.addenda = told->addenda;
  }
  if (view.circulated) {
    try {
      const DueAddendum due = due_addendum(workspace, panel_id, date, now);
      view.addendum_due = true;
      view.addendum_number = due.number;
      view.agenda_changes = due.changes;
    } catch (const OfficeError&) {
      // None due (nothing changed, the sitting started...): the page offers none.
    }
  }
  return view;
}

}  // namespace panelpack::office
