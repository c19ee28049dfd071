#pragma once
// Helpers the spreadsheet tests share: reading a part of the written XLSX, XPath over XML,
// parsing CSV; and, from tests/support, a temporary folder and running a program.

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "spreadsheet/spreadsheet_error.hpp"
#include "support/run_program.hpp"
#include "support/temporary_folder.hpp"

namespace panelpack::spreadsheet::testing {

// The code and where() of the SpreadsheetError `action` throws, or {"no error", ""}.
template <typename Action>
std::pair<std::string, std::string> error_of(Action action) {
  try {
    action();
  } catch (const SpreadsheetError& error) {
    return {error.code(), error.where()};
  }
  return {"no error", ""};
}

// One part of a zip package held in memory (throws if absent).
std::string part_of(const std::string& package, std::string_view name);

// The names of a zip package's entries, in their order in the archive.
std::vector<std::string> entry_names(const std::string& package);

// A parsed XML document to ask XPath 1.0 questions of. Prefixes: m (SpreadsheetML main),
// r (officeDocument relationships), pr (package relationships), ct (content types),
// cp, dc, dcterms (core properties), and for ODF: office, table, text, style, fo.
class XmlQuery {
 public:
  explicit XmlQuery(const std::string& xml);
  ~XmlQuery();
  XmlQuery(const XmlQuery&) = delete;
  XmlQuery& operator=(const XmlQuery&) = delete;

  // The XPath result as a string: a node-set's first node's text, a count's number.
  std::string operator()(const std::string& expression) const;
  // The text of every node of a node-set, in document order.
  std::vector<std::string> all(const std::string& expression) const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// The records of a CSV text (RFC 4180: quoted fields, doubled quotes, CRLF or LF).
std::vector<std::vector<std::string>> parse_csv(std::string_view text);

using panelpack::testing::find_on_path;
using panelpack::testing::ProgramOutput;
using panelpack::testing::run_program;
using panelpack::testing::TemporaryFolder;

}  // namespace panelpack::spreadsheet::testing
