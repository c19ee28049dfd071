#pragma once
// The audit as CSV (RFC 4180: comma-separated, CRLF line ends, a field with a comma, quote or
// line break in double quotes, a quote doubled) for a spreadsheet, safe to open: a cell that
// starts with = + - @ TAB or CR gets a leading single quote, so no spreadsheet runs it as a
// formula (OWASP, "CSV injection"). The lone "-" (nobody) is left as it is: it is no formula.

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
