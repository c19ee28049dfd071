#include "office/console/audit_csv.hpp"

#include "spreadsheet/csv_writer.hpp"

namespace panelpack::office::console {

std::string csv_cell(std::string_view text) {
  // The lone "-" (nobody) is no formula: a guard would print '- in every anonymous row.
  if (text == "-") return "-";
  return spreadsheet::csv_text_field(text);
}

void write_audit_csv_header(std::ostream& out) {
  out << "id,time,actor,action,object_kind,object_id,outcome,client,detail\r\n";
}

void write_audit_csv_rows(const std::vector<AuditEntry>& entries, std::ostream& out) {
  for (const AuditEntry& entry : entries) {
    out << entry.id << ',' << csv_cell(entry.at) << ',' << csv_cell(entry.actor) << ','
        << csv_cell(entry.action) << ',' << csv_cell(entry.object_kind) << ','
        << csv_cell(entry.object_id) << ',' << csv_cell(entry.outcome) << ','
        << csv_cell(entry.client) << ',' << csv_cell(entry.detail) << "\r\n";
  }
}

}  // namespace panelpack::office::console
