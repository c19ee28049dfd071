#include "panel/pack_plan.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>

#include "panel/labels.hpp"
#include "panel/panel_error.hpp"
#include "panel/paper_types.hpp"

namespace panelpack::panel {

namespace {

// The papers panelpack fills from the case file itself (paper_types.hpp says which).
bool is_rendered(const std::string& type) {
  return is_filled_from_case(type);
}

// office.json's template for `kind`, or the installed one's name: only its extension is used
// here; the command resolves the file itself (Workspace::template_path).
std::string template_for(const PanelConfig& panel, const std::string& kind) {
  const auto found = panel.templates.find(kind);
  return found == panel.templates.end() ? installed_template_name(kind) : found->second;
}

// A submitted file must stay inside the office folder: no absolute path, no "..".
void check_inside_office(const std::string& file, const std::string& case_ref) {
  const bool absolute = !file.empty() && (file.front() == '/' || file.front() == '\\');
  bool climbs = false;
  std::size_t start = 0;
  while (start <= file.size()) {
    const std::size_t end = std::min(file.find_first_of("/\\", start), file.size());
    if (file.compare(start, end - start, "..") == 0) climbs = true;
    start = end + 1;
  }
  if (absolute || climbs) {
    throw PanelError("unsafe_file", file,
                     "a submitted paper of " + case_ref +
                         " must be a path inside the office folder (papers/" + case_ref + "/...)");
  }
}

std::string lowercase(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

}  // namespace

bool needs_submitted_file(const std::string& type, const CaseSummary& summary) {
  if (!is_rendered(type)) return true;
  return (type == "matching" && !summary.has_matching) ||
         (type == "finance-request" && !summary.has_finance);
}

std::string extension_of(const std::string& path) {
  const auto slash = path.find_last_of("/\\");
  const auto dot = path.find_last_of('.');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return "";
  return lowercase(path.substr(dot));
}

std::string pack_file_name(int item_number, int paper_number, const std::string& case_ref,
                           const std::string& paper_type, const std::string& extension) {
  std::array<char, 16> number{};
  if (item_number == 0) {
    std::snprintf(number.data(), number.size(), "%02d", item_number);
    return std::string{number.data()} + "-agenda" + extension;
  }
  std::snprintf(number.data(), number.size(), "%02d-%d", item_number, paper_number);
  return std::string{number.data()} + "-" + case_ref + "-" + paper_type + extension;
}

PackPlan plan_pack(const AgendaInputs& in) {
  PackPlan plan;
  plan.name = in.panel.id + "-" + in.sitting.date.iso();
  const std::string agenda_template = template_for(in.panel, "agenda");
  plan.entries.push_back({pack_file_name(0, 0, "", "agenda", extension_of(agenda_template)),
                          PackSource::agenda, 0, "", "agenda", agenda_template, "", "Agenda",
                          "Agenda"});
  const Deadline papers_due = deadlines_for(in.panel, in.sitting, in.calendar).papers_due;
  for (std::size_t i = 0; i < in.bookings.items.size(); ++i) {
    const BookingItem& item = in.bookings.items[i];
    const int number = static_cast<int>(i) + 1;
    const auto found = in.cases.find(item.case_ref);
    if (found == in.cases.end()) {
      throw PanelError("unknown_case", item.case_ref, "no case file for this booked case");
    }
    const CaseSummary& summary = found->second;
    const std::string heading = case_heading(number, summary);
    int paper_number = 0;
    for (const PaperStatus& status : paper_statuses(item, papers_due)) {
      if (status.received == nullptr) {
        plan.missing.push_back({number, item.case_ref, status.type});
        continue;
      }
      if (status.received->file.empty() && !status.received->on_file_elsewhere.empty()) {
        plan.held_elsewhere.push_back({number, item.case_ref, status.type});
        continue;
      }
      PackEntry entry;
      ++paper_number;
      entry.item_number = number;
      entry.case_ref = item.case_ref;
      entry.paper_type = status.type;
      entry.section_title = heading;
      entry.document_title = paper_type_label(status.type);
      if (!status.received->file.empty()) {
        check_inside_office(status.received->file, item.case_ref);
        entry.source = PackSource::submitted_file;
        entry.submitted_file = status.received->file;
        entry.file_name = pack_file_name(number, paper_number, item.case_ref, status.type,
                                         extension_of(status.received->file));
      } else if (is_rendered(status.type)) {
        if ((status.type == "matching" && !summary.has_matching) ||
            (status.type == "finance-request" && !summary.has_finance)) {
          throw PanelError("no_case_data", item.case_ref,
                           "the " + paper_type_label(status.type) +
                               " is marked received but the case file has no " +
                               (status.type == "matching" ? "matching" : "finance") +
                               " section to fill it from");
        }
        entry.source = PackSource::rendered_paper;
        entry.template_path = template_for(in.panel, status.type);
        entry.file_name = pack_file_name(number, paper_number, item.case_ref, status.type,
                                         extension_of(entry.template_path));
      } else {
        throw PanelError("no_case_data", item.case_ref,
                         "the " + paper_type_label(status.type) +
                             " is marked received without its file; record the document with "
                             "panelpack book --received " +
                             status.type +
                             " --file PATH, or say where it is with "
                             "--on-file-elsewhere REASON");
      }
      plan.entries.push_back(std::move(entry));
    }
  }
  return plan;
}

}  // namespace panelpack::panel
