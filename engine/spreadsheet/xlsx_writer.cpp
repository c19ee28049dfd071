#include "spreadsheet/xlsx_writer.hpp"

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "spreadsheet/cell_text.hpp"
#include "spreadsheet/spreadsheet_error.hpp"
#include "templating/zip_archive.hpp"

namespace panelpack::spreadsheet {
namespace {

using detail::append_xml_escaped;

constexpr std::string_view xml_declaration =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
constexpr std::string_view main_ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
constexpr std::string_view relationships_ns =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
// The first number format id free for a workbook's own formats (0-163 are built in).
constexpr int date_format_id = 164;
constexpr std::string_view date_format_code = "d mmm yyyy";

std::string escaped(std::string_view text, bool attribute = false) {
  std::string out;
  append_xml_escaped(out, text, attribute);
  return out;
}

// What a cell looks like; each combination in use becomes one xf of styles.xml.
struct Look {
  bool bold = false;
  bool highlight = false;
  bool wrap = false;
  bool date = false;
  // Excel keeps text that looks like a formula as text when someone edits the cell.
  bool quote_prefix = false;

  int bits() const {
    return (bold ? 1 : 0) | (highlight ? 2 : 0) | (wrap ? 4 : 0) | (date ? 8 : 0) |
           (quote_prefix ? 16 : 0);
  }
};

// The cell formats (cellXfs) of the workbook, numbered in the order first used; 0 is plain.
class CellFormats {
 public:
  CellFormats() { index_of({}); }

  std::size_t index_of(const Look& look) {
    const auto [it, added] = index_by_bits_.try_emplace(look.bits(), looks_.size());
    if (added) looks_.push_back(look);
    return it->second;
  }

  std::string styles_xml(std::string_view highlight_argb) const {
    std::string xml(xml_declaration);
    xml += "<styleSheet xmlns=\"";
    xml += main_ns;
    xml += "\">";
    xml += "<numFmts count=\"1\"><numFmt numFmtId=\"" + std::to_string(date_format_id) +
           "\" formatCode=\"" + escaped(date_format_code, true) + "\"/></numFmts>";
    xml += R"(<fonts count="2">)"
           R"(<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>)"
           R"(<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>)"
           "</fonts>";
    // Fills 0 and 1 are the two every workbook must have; 2 is the highlight.
    xml += R"(<fills count="3">)"
           R"(<fill><patternFill patternType="none"/></fill>)"
           R"(<fill><patternFill patternType="gray125"/></fill>)"
           "<fill><patternFill patternType=\"solid\"><fgColor rgb=\"";
    xml += highlight_argb;
    xml += "\"/><bgColor indexed=\"64\"/></patternFill></fill></fills>";
    xml += R"(<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border>)"
           "</borders>";
    xml += R"(<cellStyleXfs count="1">)"
           R"(<xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>)";
    xml += "<cellXfs count=\"" + std::to_string(looks_.size()) + "\">";
    for (const Look& look : looks_) {
      xml += "<xf numFmtId=\"";
      xml += look.date ? std::to_string(date_format_id) : "0";
      xml += "\" fontId=\"";
      xml += look.bold ? "1" : "0";
      xml += "\" fillId=\"";
      xml += look.highlight ? "2" : "0";
      xml += "\" borderId=\"0\" xfId=\"0\"";
      if (look.quote_prefix) xml += R"( quotePrefix="1")";
      if (look.date) xml += R"( applyNumberFormat="1")";
      if (look.bold) xml += R"( applyFont="1")";
      if (look.highlight) xml += R"( applyFill="1")";
      if (look.wrap) {
        xml += R"( applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>)";
      } else {
        xml += "/>";
      }
    }
    xml += "</cellXfs>";
    xml += R"(<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/>)"
           "</cellStyles>"
           R"(<dxfs count="0"/><tableStyles count="0"/>)";
    xml += "</styleSheet>";
    return xml;
  }

 private:
  std::vector<Look> looks_;
  std::map<int, std::size_t> index_by_bits_;
};

// Appends text for a shared string. Excel reads _xHHHH_ in a string as the character HHHH, so
// a literal one has its underscore written as _x005F_.
void append_excel_string(std::string& out, std::string_view text) {
  auto is_hex = [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  };
  std::size_t written = 0;
  for (std::size_t i = 0; i + 7 <= text.size(); ++i) {
    if (text[i] == '_' && text[i + 1] == 'x' && is_hex(text[i + 2]) && is_hex(text[i + 3]) &&
        is_hex(text[i + 4]) && is_hex(text[i + 5]) && text[i + 6] == '_') {
      append_xml_escaped(out, text.substr(written, i - written));
      out += "_x005F_";
      written = i + 1;
    }
  }
  append_xml_escaped(out, text.substr(written));
}

// The workbook's strings, each stored once and referred to by index.
class SharedStrings {
 public:
  std::size_t index_of(std::string text) {
    ++references_;
    const auto [it, added] = index_by_text_.try_emplace(std::move(text), texts_.size());
    if (added) texts_.push_back(&it->first);
    return it->second;
  }

  std::string xml() const {
    std::string xml(xml_declaration);
    xml += "<sst xmlns=\"";
    xml += main_ns;
    xml += "\" count=\"" + std::to_string(references_) + "\" uniqueCount=\"" +
           std::to_string(texts_.size()) + "\">";
    for (const std::string* text : texts_) {
      const bool edge_space = !text->empty() && (is_space(text->front()) || is_space(text->back()));
      xml += edge_space ? R"(<si><t xml:space="preserve">)" : "<si><t>";
      append_excel_string(xml, *text);
      xml += "</t></si>";
    }
    xml += "</sst>";
    return xml;
  }

 private:
  static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n'; }

  std::unordered_map<std::string, std::size_t> index_by_text_;
  std::vector<const std::string*> texts_;  // point into index_by_text_'s stable keys
  std::size_t references_ = 0;
};

// "A1:D10": the header row and every row under it.
std::string used_range(const Sheet& sheet) {
  return "A1:" + cell_reference(sheet.columns.size() - 1, sheet.rows.size());
}

// "'Open actions'": a sheet's name as a formula names it.
std::string quoted_sheet_name(const Sheet& sheet) {
  std::string quoted = "'";
  for (const char c : sheet.name) {
    quoted += c;
    if (c == '\'') quoted += '\'';
  }
  return quoted + "'";
}

// "'Open actions'!$A$1:$D$10", the range of the hidden filter name Excel keeps for a filter.
std::string absolute_used_range(const Sheet& sheet) {
  const std::string quoted = quoted_sheet_name(sheet);
  const std::string last = cell_reference(sheet.columns.size() - 1, sheet.rows.size());
  const std::size_t digits = last.find_first_of("0123456789");
  return quoted + "!$A$1:$" + last.substr(0, digits) + "$" + last.substr(digits);
}

void append_cell_start(std::string& xml, std::size_t column, std::size_t row, std::size_t style) {
  xml += "<c r=\"";
  xml += cell_reference(column, row);
  xml += '"';
  if (style != 0) xml += " s=\"" + std::to_string(style) + "\"";
}

void append_text_cell(std::string& xml, std::size_t column, std::size_t row, std::string text,
                      Look look, CellFormats& formats, SharedStrings& strings) {
  look.quote_prefix = detail::looks_like_formula(text);
  look.wrap = look.wrap || text.find('\n') != std::string::npos;
  append_cell_start(xml, column, row, formats.index_of(look));
  xml += R"( t="s"><v>)" + std::to_string(strings.index_of(std::move(text))) + "</v></c>";
}

void append_row(std::string& xml, const Sheet& sheet, std::size_t row_index, CellFormats& formats,
                SharedStrings& strings) {
  const std::vector<Cell>& cells = sheet.rows[row_index];
  const std::size_t row = row_index + 1;
  bool anything = false;
  for (const Cell& cell : cells) anything = anything || !cell.is_empty() || cell.highlight;
  if (!anything) return;
  xml += "<row r=\"" + std::to_string(row + 1) + "\">";
  for (std::size_t column = 0; column < cells.size(); ++column) {
    const Cell& cell = cells[column];
    detail::check_cell(cell, sheet.name, column, row);
    Look look;
    look.highlight = cell.highlight;
    if (const auto* text = std::get_if<std::string>(&cell.value)) {
      look.wrap = sheet.columns[column].wrap;
      append_text_cell(xml, column, row, detail::clean_cell_text(*text, sheet.name, column, row),
                       look, formats, strings);
    } else if (const auto* number = std::get_if<double>(&cell.value)) {
      append_cell_start(xml, column, row, formats.index_of(look));
      xml += "><v>" + detail::number_text(*number) + "</v></c>";
    } else if (const auto* whole = std::get_if<std::int64_t>(&cell.value)) {
      append_cell_start(xml, column, row, formats.index_of(look));
      xml += "><v>" + std::to_string(*whole) + "</v></c>";
    } else if (const auto* date = std::get_if<Date>(&cell.value)) {
      look.date = true;
      append_cell_start(xml, column, row, formats.index_of(look));
      xml += "><v>" + std::to_string(date_serial(*date)) + "</v></c>";
    } else if (const auto* boolean = std::get_if<bool>(&cell.value)) {
      append_cell_start(xml, column, row, formats.index_of(look));
      xml += *boolean ? R"( t="b"><v>1</v></c>)" : R"( t="b"><v>0</v></c>)";
    } else if (cell.highlight) {
      append_cell_start(xml, column, row, formats.index_of(look));
      xml += "/>";
    }
  }
  xml += "</row>";
}

// Text for a header or footer: '&' starts one of Excel's codes there, so a literal one is "&&".
std::string header_footer_text(const std::string& text) {
  std::string out;
  for (const char c : detail::clean_text(text)) {
    out += c;
    if (c == '&') out += '&';
  }
  return out;
}

bool has_header_or_footer(const PrintLayout& print) {
  return !print.header_text.empty() || !print.footer_text.empty();
}

// pageSetup and headerFooter, after pageMargins as CT_Worksheet orders them.
void append_print_layout(std::string& xml, const PrintLayout& print) {
  if (print.landscape || print.fit_to_width) {
    xml += "<pageSetup paperSize=\"9\"";  // A4, as English councils print
    if (print.fit_to_width) xml += R"( fitToWidth="1" fitToHeight="0")";
    if (print.landscape) xml += R"( orientation="landscape")";
    xml += "/>";
  }
  if (!has_header_or_footer(print)) return;
  xml += "<headerFooter>";
  if (!print.header_text.empty()) {
    xml += "<oddHeader>" + escaped("&C&\"-,Bold\"" + header_footer_text(print.header_text)) +
           "</oddHeader>";
  }
  if (!print.footer_text.empty()) {
    xml += "<oddFooter>" +
           escaped("&C&\"-,Bold\"" + header_footer_text(print.footer_text) + "&RPage &P of &N") +
           "</oddFooter>";
  }
  xml += "</headerFooter>";
}

// xl/worksheets/sheetN.xml, its elements in the order CT_Worksheet requires.
std::string worksheet_xml(const Sheet& sheet, bool selected, CellFormats& formats,
                          SharedStrings& strings) {
  std::string xml(xml_declaration);
  xml += "<worksheet xmlns=\"";
  xml += main_ns;
  xml += "\" xmlns:r=\"";
  xml += relationships_ns;
  xml += "\">";
  // Without fitToPage the fitToWidth of pageSetup is ignored.
  if (sheet.print.fit_to_width) xml += R"(<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>)";
  xml += "<dimension ref=\"" + used_range(sheet) + "\"/>";
  xml += "<sheetViews><sheetView";
  if (selected) xml += R"( tabSelected="1")";
  xml += R"( workbookViewId="0")";
  if (sheet.freeze_header) {
    xml += R"(><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>)"
           R"(<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView>)";
  } else {
    xml += "/>";
  }
  xml += "</sheetViews>";
  xml += R"(<sheetFormatPr defaultRowHeight="15"/>)";
  xml += "<cols>";
  for (std::size_t column = 0; column < sheet.columns.size(); ++column) {
    const std::string number = std::to_string(column + 1);
    xml += "<col min=\"" + number + "\" max=\"" + number + "\" width=\"" +
           detail::number_text(sheet.columns[column].width_chars) + "\" customWidth=\"1\"/>";
  }
  xml += "</cols>";
  xml += R"(<sheetData><row r="1">)";
  for (std::size_t column = 0; column < sheet.columns.size(); ++column) {
    std::string header =
        detail::clean_cell_text(sheet.columns[column].header, sheet.name, column, 0);
    Look look;
    look.bold = true;
    if (header.empty()) {
      append_cell_start(xml, column, 0, formats.index_of(look));
      xml += "/>";
    } else {
      append_text_cell(xml, column, 0, std::move(header), look, formats, strings);
    }
  }
  xml += "</row>";
  for (std::size_t row = 0; row < sheet.rows.size(); ++row) {
    append_row(xml, sheet, row, formats, strings);
  }
  xml += "</sheetData>";
  if (sheet.autofilter) xml += "<autoFilter ref=\"" + used_range(sheet) + "\"/>";
  xml += R"(<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" )"
         R"(footer="0.3"/>)";
  append_print_layout(xml, sheet.print);
  xml += "</worksheet>";
  return xml;
}

std::string workbook_xml(const Workbook& workbook) {
  std::string xml(xml_declaration);
  xml += "<workbook xmlns=\"";
  xml += main_ns;
  xml += "\" xmlns:r=\"";
  xml += relationships_ns;
  xml += "\"><bookViews><workbookView activeTab=\"0\"/></bookViews><sheets>";
  for (std::size_t i = 0; i < workbook.sheets.size(); ++i) {
    const std::string number = std::to_string(i + 1);
    xml += "<sheet name=\"" + escaped(workbook.sheets[i].name, true) + "\" sheetId=\"" + number +
           "\" r:id=\"rId" + number + "\"/>";
  }
  xml += "</sheets>";
  std::string names;
  for (std::size_t i = 0; i < workbook.sheets.size(); ++i) {
    const Sheet& sheet = workbook.sheets[i];
    if (sheet.autofilter) {
      names += "<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"" + std::to_string(i) +
               "\" hidden=\"1\">" + escaped(absolute_used_range(sheet)) + "</definedName>";
    }
    if (sheet.print.repeat_header_row) {
      names += "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"" + std::to_string(i) +
               "\">" + escaped(quoted_sheet_name(sheet) + "!$1:$1") + "</definedName>";
    }
  }
  if (!names.empty()) xml += "<definedNames>" + names + "</definedNames>";
  xml += "</workbook>";
  return xml;
}

std::string workbook_relationships_xml(std::size_t sheet_count) {
  std::string xml(xml_declaration);
  xml += R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)";
  const std::string type_base = std::string(relationships_ns) + "/";
  auto relationship = [&](std::size_t id, std::string_view type, const std::string& target) {
    xml += R"(<Relationship Id="rId)" + std::to_string(id) + "\" Type=\"" + type_base +
           std::string(type) + "\" Target=\"" + target + "\"/>";
  };
  for (std::size_t i = 1; i <= sheet_count; ++i) {
    relationship(i, "worksheet", "worksheets/sheet" + std::to_string(i) + ".xml");
  }
  relationship(sheet_count + 1, "styles", "styles.xml");
  relationship(sheet_count + 2, "sharedStrings", "sharedStrings.xml");
  xml += "</Relationships>";
  return xml;
}

std::string content_types_xml(std::size_t sheet_count) {
  std::string xml(xml_declaration);
  xml +=
      R"(<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">)"
      R"(<Default Extension="rels" )"
      R"(ContentType="application/vnd.openxmlformats-package.relationships+xml"/>)"
      R"(<Default Extension="xml" ContentType="application/xml"/>)"
      R"(<Override PartName="/xl/workbook.xml" )"
      R"(ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/)"
      ">";
  for (std::size_t i = 1; i <= sheet_count; ++i) {
    xml += R"(<Override PartName="/xl/worksheets/sheet)" + std::to_string(i) +
           R"(.xml" )"
           R"(ContentType="application/)"
           R"(vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>)";
  }
  xml += R"(<Override PartName="/xl/styles.xml" )"
         R"(ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>)"
         R"(<Override PartName="/xl/sharedStrings.xml" )"
         R"(ContentType="application/)"
         R"(vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>)"
         R"(<Override PartName="/docProps/core.xml" )"
         R"(ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>)"
         R"(<Override PartName="/docProps/app.xml" )"
         R"(ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>)"
         "</Types>";
  return xml;
}

std::string package_relationships_xml() {
  std::string xml(xml_declaration);
  xml += R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
         R"(<Relationship Id="rId1" )"
         R"(Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/)"
         R"(officeDocument" Target="xl/workbook.xml"/>)"
         R"(<Relationship Id="rId2" )"
         R"(Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/)"
         R"(core-properties" Target="docProps/core.xml"/>)"
         R"(<Relationship Id="rId3" )"
         R"(Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/)"
         R"(extended-properties" Target="docProps/app.xml"/>)"
         "</Relationships>";
  return xml;
}

// "2026-05-01T09:30:00Z", the W3CDTF form core.xml takes.
std::string w3c_time(std::chrono::sys_seconds time) {
  const auto day = std::chrono::floor<std::chrono::days>(time);
  const std::chrono::year_month_day ymd{day};
  const std::chrono::hh_mm_ss clock{time - day};
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02dZ",
                static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()), static_cast<int>(clock.hours().count()),
                static_cast<int>(clock.minutes().count()),
                static_cast<int>(clock.seconds().count()));
  return buffer;
}

std::string core_properties_xml(const Workbook& workbook) {
  std::string xml(xml_declaration);
  xml +=
      "<cp:coreProperties "
      R"(xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" )"
      R"(xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" )"
      R"(xmlns:dcmitype="http://purl.org/dc/dcmitype/" )"
      R"(xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">)";
  if (!workbook.title.empty()) {
    xml += "<dc:title>" + escaped(detail::clean_text(workbook.title)) + "</dc:title>";
  }
  if (!workbook.creator.empty()) {
    xml += "<dc:creator>" + escaped(detail::clean_text(workbook.creator)) + "</dc:creator>";
  }
  if (workbook.created) {
    xml += R"(<dcterms:created xsi:type="dcterms:W3CDTF">)" + w3c_time(*workbook.created) +
           "</dcterms:created>";
  }
  xml += "</cp:coreProperties>";
  return xml;
}

std::string app_properties_xml() {
  std::string xml(xml_declaration);
  xml +=
      "<Properties "
      R"(xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" )"
      R"(xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">)"
      "<Application>panelpack</Application></Properties>";
  return xml;
}

// "FFC7CE" as the ARGB Excel stores ("FFFFC7CE"); anything else is refused.
std::string highlight_argb(const std::string& rgb) {
  bool valid = rgb.size() == 6;
  std::string argb = "FF";
  for (const char c : rgb) {
    const bool digit = c >= '0' && c <= '9';
    const bool letter = (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    valid = valid && (digit || letter);
    argb += (c >= 'a' && c <= 'f') ? static_cast<char>(c - 32) : c;
  }
  if (!valid) {
    throw SpreadsheetError("invalid_colour", "highlight_rgb", "a colour is six hex digits, RRGGBB");
  }
  return argb;
}

void check_workbook(const Workbook& workbook) {
  if (workbook.sheets.empty()) {
    throw SpreadsheetError("no_sheets", "", "a workbook needs at least one sheet");
  }
  for (std::size_t i = 0; i < workbook.sheets.size(); ++i) {
    const Sheet& sheet = workbook.sheets[i];
    check_sheet_name(sheet.name);
    for (std::size_t before = 0; before < i; ++before) {
      if (detail::same_sheet_name(workbook.sheets[before].name, sheet.name)) {
        throw SpreadsheetError("duplicate_sheet_name", sheet.name,
                               "two sheets have this name (Excel ignores case)");
      }
    }
    detail::check_sheet_shape(sheet);
  }
}

}  // namespace

std::string write_xlsx(const Workbook& workbook) {
  check_workbook(workbook);
  const std::string argb = highlight_argb(workbook.highlight_rgb);

  CellFormats formats;
  SharedStrings strings;
  std::vector<std::string> worksheets;
  worksheets.reserve(workbook.sheets.size());
  for (std::size_t i = 0; i < workbook.sheets.size(); ++i) {
    worksheets.push_back(worksheet_xml(workbook.sheets[i], i == 0, formats, strings));
  }

  templating::ZipWriter zip;
  const std::size_t count = workbook.sheets.size();
  zip.add("[Content_Types].xml", content_types_xml(count));
  zip.add("_rels/.rels", package_relationships_xml());
  zip.add("docProps/core.xml", core_properties_xml(workbook));
  zip.add("docProps/app.xml", app_properties_xml());
  zip.add("xl/workbook.xml", workbook_xml(workbook));
  zip.add("xl/_rels/workbook.xml.rels", workbook_relationships_xml(count));
  zip.add("xl/styles.xml", formats.styles_xml(argb));
  zip.add("xl/sharedStrings.xml", strings.xml());
  for (std::size_t i = 0; i < count; ++i) {
    zip.add("xl/worksheets/sheet" + std::to_string(i + 1) + ".xml", std::move(worksheets[i]));
  }
  return zip.finish();
}

}  // namespace panelpack::spreadsheet
