#pragma once
// The audit as CSV for a spreadsheet, each field written as the tracker's CSV writes it
// (spreadsheet/csv_writer.hpp: RFC 4180, CRLF line ends, quotes where needed, and a leading '
// on a cell that starts with = + - @ TAB or CR so no spreadsheet runs it as a formula: OWASP,
// "CSV injection"). The lone "-" (nobody) is left as it is: it is no formula.

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "office/console/audit.hpp"

namespace panelpack::office::console {

// One cell, escaped.
std::string csv_cell(std::string_view text);
// The header line "id,time,actor,action,object_kind,object_id,outcome,client,detail"
// (detail: what a change changed, "key: old → new" a line, in one quoted cell).
void write_audit_csv_header(std::ostream& out);
void write_audit_csv_rows(const std::vector<AuditEntry>& entries, std::ostream& out);

}  // namespace panelpack::office::console
