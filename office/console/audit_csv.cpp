#include "office/console/audit_csv.hpp"

namespace panelpack::office::console {

std::string csv_cell(std::string_view text) {
  std::string cell(text);
  const bool formula = !cell.empty() && cell != "-" &&
                       (cell[0] == '=' || cell[0] == '+' || cell[0] == '-' || cell[0] == '@' ||
                        cell[0] == '\t' || cell[0] == '\r');
  if (formula) cell.insert(cell.begin(), '\'');
  if (cell.find_first_of(",\"\r\n") == std::string::npos) return cell;
  std::string quoted = "\"";
  for (const char c : cell) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + '"';
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
