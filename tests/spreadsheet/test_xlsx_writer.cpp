#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "spreadsheet/spreadsheet_error.hpp"
#include "spreadsheet/xlsx_writer.hpp"
#include "spreadsheet_test_support.hpp"
#include "templating/atomic_file.hpp"

namespace {

using panelpack::spreadsheet::Cell;
using panelpack::spreadsheet::Column;
using panelpack::spreadsheet::Sheet;
using panelpack::spreadsheet::Workbook;
using panelpack::spreadsheet::write_xlsx;
using panelpack::spreadsheet::testing::entry_names;
using panelpack::spreadsheet::testing::error_of;
using panelpack::spreadsheet::testing::part_of;
using panelpack::spreadsheet::testing::ProgramOutput;
using panelpack::spreadsheet::testing::run_program;
using panelpack::spreadsheet::testing::TemporaryFolder;
using panelpack::spreadsheet::testing::XmlQuery;

Sheet decisions_sheet() {
  Sheet sheet;
  sheet.name = "Decisions";
  sheet.columns = {{"Child", 20}, {"Rationale", 50, true}, {"Next review", 14}, {"Score"}};
  sheet.rows = {
      {Cell::text("Zoë"), Cell::text("Stable placement"), Cell::date(2026, 12, 15),
       Cell::number(3.5)},
      {Cell::text("Sam"), Cell::text("Needs review"), Cell::date(1900, 3, 1),
       Cell::whole_number(42)},
      {Cell::text("Ali"), Cell::empty(), Cell::empty(), Cell::boolean(true)},
  };
  return sheet;
}

Workbook one_sheet(Sheet sheet) {
  Workbook workbook;
  workbook.sheets.push_back(std::move(sheet));
  return workbook;
}

std::string sheet_xml(const std::string& xlsx, int number = 1) {
  return part_of(xlsx, "xl/worksheets/sheet" + std::to_string(number) + ".xml");
}

// The text of shared string `index` as Excel reads it (the XML unescaped, nothing more).
std::string shared_string(const std::string& xlsx, const std::string& index) {
  XmlQuery strings(part_of(xlsx, "xl/sharedStrings.xml"));
  return strings("string(/m:sst/m:si[" + std::to_string(std::stoi(index) + 1) + "]/m:t)");
}

// The cellXfs entry (an XPath to it) that cell `reference` of sheet 1 uses.
std::string xf_of(const std::string& xlsx, const std::string& reference) {
  XmlQuery sheet(sheet_xml(xlsx));
  const std::string s = sheet("string(//m:c[@r='" + reference + "']/@s)");
  const int index = s.empty() ? 0 : std::stoi(s);
  return "/m:styleSheet/m:cellXfs/m:xf[" + std::to_string(index + 1) + "]";
}

TEST(Xlsx, WritesEveryPartOfThePackageContentTypesFirst) {
  Workbook workbook = one_sheet(decisions_sheet());
  Sheet second = decisions_sheet();
  second.name = "Actions";
  workbook.sheets.push_back(second);
  const std::string xlsx = write_xlsx(workbook);
  EXPECT_EQ(entry_names(xlsx),
            (std::vector<std::string>{
                "[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "docProps/app.xml",
                "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml",
                "xl/sharedStrings.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"}));
  XmlQuery book(part_of(xlsx, "xl/workbook.xml"));
  EXPECT_EQ(book.all("/m:workbook/m:sheets/m:sheet/@name"),
            (std::vector<std::string>{"Decisions", "Actions"}));
  EXPECT_EQ(book.all("/m:workbook/m:sheets/m:sheet/@r:id"),
            (std::vector<std::string>{"rId1", "rId2"}));
  XmlQuery rels(part_of(xlsx, "xl/_rels/workbook.xml.rels"));
  EXPECT_EQ(rels("string(//pr:Relationship[@Id='rId2']/@Target)"), "worksheets/sheet2.xml");
  EXPECT_EQ(rels("string(//pr:Relationship[@Target='sharedStrings.xml']/@Type)"),
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings");
}

TEST(Xlsx, PythonFindsEveryPartWellFormedTypedAndLinked) {
  TemporaryFolder folder;
  const auto path = folder.path() / "book.xlsx";
  Workbook workbook = one_sheet(decisions_sheet());
  workbook.title = "Tracker <Q3> & more";
  panelpack::templating::write_file_atomically(path, write_xlsx(workbook));
  const ProgramOutput checked = run_program(
      {"/usr/bin/python3", PANELPACK_XLSX_CHECKER, path.string()}, {.capture_stderr = true});
  ASSERT_EQ(checked.exit_status, 0) << checked.out;
  const std::string sheet_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.";
  EXPECT_EQ(checked.out,
            "_rels/.rels\tRelationships\tapplication/vnd.openxmlformats-package.relationships+xml\n"
            "docProps/app.xml\tProperties\t"
            "application/vnd.openxmlformats-officedocument.extended-properties+xml\n"
            "docProps/core.xml\tcoreProperties\t"
            "application/vnd.openxmlformats-package.core-properties+xml\n"
            "xl/_rels/workbook.xml.rels\tRelationships\t"
            "application/vnd.openxmlformats-package.relationships+xml\n"
            "xl/sharedStrings.xml\tsst\t" +
                sheet_type + "sharedStrings+xml\nxl/styles.xml\tstyleSheet\t" + sheet_type +
                "styles+xml\nxl/workbook.xml\tworkbook\t" + sheet_type +
                "sheet.main+xml\nxl/worksheets/sheet1.xml\tworksheet\t" + sheet_type +
                "worksheet+xml\n");
}

TEST(Xlsx, WorksheetElementsComeInTheOrderTheSchemaRequires) {
  XmlQuery sheet(sheet_xml(write_xlsx(one_sheet(decisions_sheet()))));
  std::vector<std::string> names;
  for (int i = 1; i <= 20; ++i) {
    const std::string name = sheet("local-name(/m:worksheet/*[" + std::to_string(i) + "])");
    if (name.empty()) break;
    names.push_back(name);
  }
  EXPECT_EQ(names, (std::vector<std::string>{"dimension", "sheetViews", "sheetFormatPr", "cols",
                                             "sheetData", "autoFilter", "pageMargins"}));
}

TEST(Xlsx, HeaderRowIsRowOneInBoldAndDataIsNot) {
  const std::string xlsx = write_xlsx(one_sheet(decisions_sheet()));
  XmlQuery sheet(sheet_xml(xlsx));
  XmlQuery styles(part_of(xlsx, "xl/styles.xml"));
  EXPECT_EQ(sheet.all("/m:worksheet/m:sheetData/m:row[1]/m:c/@r"),
            (std::vector<std::string>{"A1", "B1", "C1", "D1"}));
  EXPECT_EQ(sheet("string(/m:worksheet/m:sheetData/m:row[1]/@r)"), "1");
  EXPECT_EQ(shared_string(xlsx, sheet("string(//m:c[@r='C1']/m:v)")), "Next review");
  auto is_bold = [&](const std::string& reference) {
    const std::string font = styles("string(" + xf_of(xlsx, reference) + "/@fontId)");
    return styles("count(/m:styleSheet/m:fonts/m:font[" + std::to_string(std::stoi(font) + 1) +
                  "]/m:b)") == "1";
  };
  for (const char* reference : {"A1", "B1", "C1", "D1"}) EXPECT_TRUE(is_bold(reference));
  for (const char* reference : {"A2", "B2", "C2", "D2"}) EXPECT_FALSE(is_bold(reference));
  EXPECT_EQ(styles("string(" + xf_of(xlsx, "A1") + "/@applyFont)"), "1");
}

TEST(Xlsx, FreezesThePaneBelowTheHeader) {
  const std::string xlsx = write_xlsx(one_sheet(decisions_sheet()));
  XmlQuery sheet(sheet_xml(xlsx));
  const std::string pane = "/m:worksheet/m:sheetViews/m:sheetView/m:pane";
  EXPECT_EQ(sheet("string(" + pane + "/@ySplit)"), "1");
  EXPECT_EQ(sheet("string(" + pane + "/@topLeftCell)"), "A2");
  EXPECT_EQ(sheet("string(" + pane + "/@state)"), "frozen");
  EXPECT_EQ(sheet("string(" + pane + "/@activePane)"), "bottomLeft");
  EXPECT_EQ(sheet("count(" + pane + "/@xSplit)"), "0");
  EXPECT_EQ(sheet("string(//m:selection/@pane)"), "bottomLeft");
  EXPECT_EQ(sheet("string(//m:sheetView/@tabSelected)"), "1");

  Sheet unfrozen = decisions_sheet();
  unfrozen.freeze_header = false;
  XmlQuery plain(sheet_xml(write_xlsx(one_sheet(unfrozen))));
  EXPECT_EQ(plain("count(//m:pane)"), "0");
  EXPECT_EQ(plain("count(//m:sheetView)"), "1");
}

TEST(Xlsx, OnlyTheFirstSheetIsSelected) {
  Workbook workbook = one_sheet(decisions_sheet());
  workbook.sheets.push_back(decisions_sheet());
  workbook.sheets[1].name = "Actions";
  const std::string xlsx = write_xlsx(workbook);
  EXPECT_EQ(XmlQuery(sheet_xml(xlsx, 1))("string(//m:sheetView/@tabSelected)"), "1");
  EXPECT_EQ(XmlQuery(sheet_xml(xlsx, 2))("count(//m:sheetView/@tabSelected)"), "0");
}

// A sheet set out for printing: landscape A4 one page wide, row 1 on every page (print titles),
// a marking in the header and footer ("&" doubled: it starts Excel's header codes).
TEST(Xlsx, PrintLayoutWritesPageSetupTitlesAndHeaderFooterInSchemaOrder) {
  Sheet sheet = decisions_sheet();
  sheet.print.landscape = true;
  sheet.print.fit_to_width = true;
  sheet.print.repeat_header_row = true;
  sheet.print.header_text = "OFFICIAL-SENSITIVE";
  sheet.print.footer_text = "Panels & records";
  const std::string xlsx = write_xlsx(one_sheet(sheet));
  XmlQuery xml(sheet_xml(xlsx));
  std::vector<std::string> names;
  for (int i = 1; i <= 20; ++i) {
    const std::string name = xml("local-name(/m:worksheet/*[" + std::to_string(i) + "])");
    if (name.empty()) break;
    names.push_back(name);
  }
  EXPECT_EQ(names, (std::vector<std::string>{"sheetPr", "dimension", "sheetViews", "sheetFormatPr",
                                             "cols", "sheetData", "autoFilter", "pageMargins",
                                             "pageSetup", "headerFooter"}));
  EXPECT_EQ(xml("string(/m:worksheet/m:sheetPr/m:pageSetUpPr/@fitToPage)"), "1");
  EXPECT_EQ(xml("string(/m:worksheet/m:pageSetup/@orientation)"), "landscape");
  EXPECT_EQ(xml("string(/m:worksheet/m:pageSetup/@fitToWidth)"), "1");
  EXPECT_EQ(xml("string(/m:worksheet/m:pageSetup/@fitToHeight)"), "0");
  EXPECT_EQ(xml("string(/m:worksheet/m:headerFooter/m:oddHeader)"),
            "&C&\"-,Bold\"OFFICIAL-SENSITIVE");
  EXPECT_EQ(xml("string(/m:worksheet/m:headerFooter/m:oddFooter)"),
            "&C&\"-,Bold\"Panels && records&RPage &P of &N");
  XmlQuery book(part_of(xlsx, "xl/workbook.xml"));
  EXPECT_EQ(book("string(//m:definedName[@name='_xlnm.Print_Titles'])"), "'Decisions'!$1:$1");
  EXPECT_EQ(book("string(//m:definedName[@name='_xlnm.Print_Titles']/@localSheetId)"), "0");

  // Left at its defaults a sheet writes none of it.
  XmlQuery plain(sheet_xml(write_xlsx(one_sheet(decisions_sheet()))));
  EXPECT_EQ(plain("count(//m:sheetPr|//m:pageSetup|//m:headerFooter)"), "0");
}

TEST(Xlsx, FilterCoversTheUsedRangeWithTheHiddenNameExcelWrites) {
  Workbook workbook = one_sheet(decisions_sheet());
  Sheet actions;
  actions.name = "Bob's actions";
  actions.columns = {{"Action"}, {"Owner"}};
  workbook.sheets.push_back(actions);
  const std::string xlsx = write_xlsx(workbook);
  XmlQuery sheet(sheet_xml(xlsx));
  EXPECT_EQ(sheet("string(/m:worksheet/m:autoFilter/@ref)"), "A1:D4");
  EXPECT_EQ(sheet("string(/m:worksheet/m:dimension/@ref)"), "A1:D4");
  EXPECT_EQ(XmlQuery(sheet_xml(xlsx, 2))("string(/m:worksheet/m:autoFilter/@ref)"), "A1:B1");
  XmlQuery book(part_of(xlsx, "xl/workbook.xml"));
  const std::string names = "/m:workbook/m:definedNames/m:definedName";
  EXPECT_EQ(book.all(names + "/@name"),
            (std::vector<std::string>{"_xlnm._FilterDatabase", "_xlnm._FilterDatabase"}));
  EXPECT_EQ(book.all(names + "/@localSheetId"), (std::vector<std::string>{"0", "1"}));
  EXPECT_EQ(book.all(names + "/@hidden"), (std::vector<std::string>{"1", "1"}));
  EXPECT_EQ(book.all(names),
            (std::vector<std::string>{"'Decisions'!$A$1:$D$4", "'Bob''s actions'!$A$1:$B$1"}));
  // definedNames comes after sheets, as CT_Workbook requires.
  EXPECT_EQ(book("local-name(/m:workbook/m:sheets/following-sibling::*[1])"), "definedNames");

  Sheet unfiltered = decisions_sheet();
  unfiltered.autofilter = false;
  const std::string plain = write_xlsx(one_sheet(unfiltered));
  EXPECT_EQ(XmlQuery(sheet_xml(plain))("count(//m:autoFilter)"), "0");
  EXPECT_EQ(XmlQuery(part_of(plain, "xl/workbook.xml"))("count(//m:definedNames)"), "0");
}

TEST(Xlsx, SetsEveryColumnsWidth) {
  XmlQuery sheet(sheet_xml(write_xlsx(one_sheet(decisions_sheet()))));
  EXPECT_EQ(sheet.all("//m:cols/m:col/@width"), (std::vector<std::string>{"20", "50", "14", "12"}));
  EXPECT_EQ(sheet.all("//m:cols/m:col/@min"), (std::vector<std::string>{"1", "2", "3", "4"}));
  EXPECT_EQ(sheet.all("//m:cols/m:col/@max"), (std::vector<std::string>{"1", "2", "3", "4"}));
  EXPECT_EQ(sheet("count(//m:cols/m:col[@customWidth='1'])"), "4");
}

TEST(Xlsx, DatesAreSerialNumbersShownWithADateFormat) {
  const std::string xlsx = write_xlsx(one_sheet(decisions_sheet()));
  XmlQuery sheet(sheet_xml(xlsx));
  XmlQuery styles(part_of(xlsx, "xl/styles.xml"));
  EXPECT_EQ(sheet("string(//m:c[@r='C2']/m:v)"), "46371");
  EXPECT_EQ(sheet("string(//m:c[@r='C3']/m:v)"), "61");
  EXPECT_EQ(sheet("count(//m:c[@r='C2']/@t)"), "0");  // a number
  const std::string format = styles("string(" + xf_of(xlsx, "C2") + "/@numFmtId)");
  EXPECT_EQ(format, "164");
  EXPECT_EQ(styles("string(" + xf_of(xlsx, "C2") + "/@applyNumberFormat)"), "1");
  EXPECT_EQ(styles("string(//m:numFmts/m:numFmt[@numFmtId='" + format + "']/@formatCode)"),
            "d mmm yyyy");
  EXPECT_EQ(styles("string(//m:numFmts/@count)"), "1");
}

TEST(Xlsx, NumbersAreNumbersAndBooleansBooleans) {
  XmlQuery sheet(sheet_xml(write_xlsx(one_sheet(decisions_sheet()))));
  EXPECT_EQ(sheet("string(//m:c[@r='D2']/m:v)"), "3.5");
  EXPECT_EQ(sheet("count(//m:c[@r='D2']/@t)"), "0");
  EXPECT_EQ(sheet("string(//m:c[@r='D3']/m:v)"), "42");
  EXPECT_EQ(sheet("count(//m:c[@r='D3']/@t)"), "0");
  EXPECT_EQ(sheet("string(//m:c[@r='D4']/@t)"), "b");
  EXPECT_EQ(sheet("string(//m:c[@r='D4']/m:v)"), "1");
  // Empty cells are left out.
  EXPECT_EQ(sheet.all("//m:row[@r='4']/m:c/@r"), (std::vector<std::string>{"A4", "D4"}));
}

TEST(Xlsx, TextIsAlwaysASharedStringAndNothingIsAFormula) {
  Sheet sheet;
  sheet.name = "Sheet1";
  sheet.columns = {{"=HYPERLINK(\"http://x\")"}, {"b"}, {"c"}, {"d"}, {"e"}};
  sheet.rows = {{Cell::text("=1+1"), Cell::text("+44 20 7946 0000"), Cell::text("-3"),
                 Cell::text("@SUM(A1)"), Cell::text("plain")}};
  const std::string xlsx = write_xlsx(one_sheet(sheet));
  XmlQuery xml(sheet_xml(xlsx));
  EXPECT_EQ(xml("count(//m:f)"), "0");
  EXPECT_EQ(xml("count(//m:c[not(@t='s')])"), "0");
  EXPECT_EQ(shared_string(xlsx, xml("string(//m:c[@r='A1']/m:v)")), "=HYPERLINK(\"http://x\")");
  EXPECT_EQ(shared_string(xlsx, xml("string(//m:c[@r='A2']/m:v)")), "=1+1");
  EXPECT_EQ(shared_string(xlsx, xml("string(//m:c[@r='C2']/m:v)")), "-3");
  // Excel keeps these as text even when someone edits the cell.
  XmlQuery styles(part_of(xlsx, "xl/styles.xml"));
  for (const char* reference : {"A1", "A2", "B2", "C2", "D2"}) {
    EXPECT_EQ(styles("string(" + xf_of(xlsx, reference) + "/@quotePrefix)"), "1") << reference;
  }
  EXPECT_EQ(styles("string(" + xf_of(xlsx, "E2") + "/@quotePrefix)"), "");
}

TEST(Xlsx, TextIsEscapedCleanedAndKeptAsWritten) {
  Sheet sheet;
  sheet.name = "Sheet1";
  sheet.columns = {{"a"}, {"b"}, {"c"}, {"d"}, {"e"}};
  sheet.rows = {{Cell::text("Tom & Jerry <b>\"hi\"</b> 'x'"), Cell::text("bell\x07 and\x1B esc"),
                 Cell::text(" edge spaces "), Cell::text("_x0041_ is not A"),
                 Cell::text("one\r\ntwo")}};
  const std::string xlsx = write_xlsx(one_sheet(sheet));
  XmlQuery xml(sheet_xml(xlsx));
  auto text_of = [&](const std::string& reference) {
    return shared_string(xlsx, xml("string(//m:c[@r='" + reference + "']/m:v)"));
  };
  EXPECT_EQ(text_of("A2"), "Tom & Jerry <b>\"hi\"</b> 'x'");
  EXPECT_EQ(text_of("B2"), "bell and esc");
  EXPECT_EQ(text_of("C2"), " edge spaces ");
  EXPECT_EQ(text_of("D2"), "_x005F_x0041_ is not A");  // Excel reads it back as _x0041_
  EXPECT_EQ(text_of("E2"), "one\ntwo");
  XmlQuery strings(part_of(xlsx, "xl/sharedStrings.xml"));
  EXPECT_EQ(strings("string(//m:t[.=' edge spaces ']/@xml:space)"), "preserve");
  EXPECT_EQ(strings("count(//m:t[@xml:space])"), "1");
}

TEST(Xlsx, RepeatedTextIsStoredOnce) {
  Sheet sheet;
  sheet.name = "Sheet1";
  sheet.columns = {{"Status"}};
  for (int i = 0; i < 5; ++i) sheet.rows.push_back({Cell::text(i % 2 ? "Open" : "Done")});
  XmlQuery strings(part_of(write_xlsx(one_sheet(sheet)), "xl/sharedStrings.xml"));
  EXPECT_EQ(strings("string(/m:sst/@count)"), "6");
  EXPECT_EQ(strings("string(/m:sst/@uniqueCount)"), "3");
  EXPECT_EQ(strings.all("//m:si/m:t"), (std::vector<std::string>{"Status", "Done", "Open"}));
}

TEST(Xlsx, WrapColumnsAndTextWithLineBreaksWrap) {
  Sheet sheet = decisions_sheet();
  sheet.rows[0][0] = Cell::text("first line\nsecond line");
  const std::string xlsx = write_xlsx(one_sheet(sheet));
  XmlQuery styles(part_of(xlsx, "xl/styles.xml"));
  EXPECT_EQ(styles("string(" + xf_of(xlsx, "B2") + "/m:alignment/@wrapText)"), "1");
  EXPECT_EQ(styles("string(" + xf_of(xlsx, "B2") + "/@applyAlignment)"), "1");
  EXPECT_EQ(styles("string(" + xf_of(xlsx, "A2") + "/m:alignment/@wrapText)"), "1");
  EXPECT_EQ(styles("count(" + xf_of(xlsx, "A3") + "/m:alignment)"), "0");
}

TEST(Xlsx, HighlightedCellsGetTheHighlightFill) {
  Sheet sheet = decisions_sheet();
  sheet.rows[1][2] = sheet.rows[1][2].highlighted();
  sheet.rows[2][1] = Cell::empty().highlighted();
  Workbook workbook = one_sheet(sheet);
  workbook.highlight_rgb = "ffeb9c";
  const std::string xlsx = write_xlsx(workbook);
  XmlQuery styles(part_of(xlsx, "xl/styles.xml"));
  auto fill_of = [&](const std::string& reference) {
    const std::string fill = styles("string(" + xf_of(xlsx, reference) + "/@fillId)");
    return styles("string(/m:styleSheet/m:fills/m:fill[" + std::to_string(std::stoi(fill) + 1) +
                  "]/m:patternFill/m:fgColor/@rgb)");
  };
  EXPECT_EQ(fill_of("C3"), "FFFFEB9C");
  EXPECT_EQ(fill_of("B4"), "FFFFEB9C");  // an empty cell can be highlighted too
  EXPECT_EQ(fill_of("C2"), "");
  // Still a date.
  EXPECT_EQ(styles("string(" + xf_of(xlsx, "C3") + "/@numFmtId)"), "164");
  EXPECT_EQ(XmlQuery(sheet_xml(xlsx))("string(//m:c[@r='C3']/m:v)"), "61");

  workbook.highlight_rgb = "red";
  EXPECT_EQ(error_of([&] { write_xlsx(workbook); }).first, "invalid_colour");
}

TEST(Xlsx, StylesHaveEveryPartExcelExpectsInOrder) {
  XmlQuery styles(part_of(write_xlsx(one_sheet(decisions_sheet())), "xl/styles.xml"));
  std::vector<std::string> names;
  for (int i = 1; i <= 20; ++i) {
    const std::string name = styles("local-name(/m:styleSheet/*[" + std::to_string(i) + "])");
    if (name.empty()) break;
    names.push_back(name);
  }
  EXPECT_EQ(names, (std::vector<std::string>{"numFmts", "fonts", "fills", "borders", "cellStyleXfs",
                                             "cellXfs", "cellStyles", "dxfs", "tableStyles"}));
  EXPECT_EQ(styles.all("//m:fills/m:fill/m:patternFill/@patternType"),
            (std::vector<std::string>{"none", "gray125", "solid"}));
  for (const char* list :
       {"numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles"}) {
    const std::string path = std::string("/m:styleSheet/m:") + list;
    EXPECT_EQ(styles("string(" + path + "/@count)"), styles("count(" + path + "/*)")) << list;
  }
  EXPECT_EQ(styles("string(//m:cellStyles/m:cellStyle/@name)"), "Normal");
  EXPECT_EQ(styles("count(//m:cellXfs/m:xf[1]/@applyFont)"), "0");  // xf 0 is plain
}

TEST(Xlsx, CorePropertiesCarryTitleCreatorAndTime) {
  Workbook workbook = one_sheet(decisions_sheet());
  workbook.title = "Decisions <2026>";
  workbook.creator = "Panel administrator";
  workbook.created = std::chrono::sys_days{std::chrono::year{2026} / 5 / 1} +
                     std::chrono::hours{9} + std::chrono::minutes{30};
  XmlQuery core(part_of(write_xlsx(workbook), "docProps/core.xml"));
  EXPECT_EQ(core("string(//dc:title)"), "Decisions <2026>");
  EXPECT_EQ(core("string(//dc:creator)"), "Panel administrator");
  EXPECT_EQ(core("string(//dcterms:created)"), "2026-05-01T09:30:00Z");
  EXPECT_EQ(core("string(//dcterms:created/@*[local-name()='type'])"), "dcterms:W3CDTF");

  XmlQuery bare(part_of(write_xlsx(one_sheet(decisions_sheet())), "docProps/core.xml"));
  EXPECT_EQ(bare("count(/cp:coreProperties/*)"), "0");
}

TEST(Xlsx, SameDataGivesTheSameBytes) {
  EXPECT_EQ(write_xlsx(one_sheet(decisions_sheet())), write_xlsx(one_sheet(decisions_sheet())));
}

TEST(Xlsx, RefusesSheetNamesExcelWouldRepair) {
  Sheet sheet = decisions_sheet();
  sheet.name = "Decisions: Q3/2026";
  EXPECT_EQ(error_of([&] { write_xlsx(one_sheet(sheet)); }),
            std::make_pair(std::string("invalid_sheet_name"), sheet.name));
  sheet.name = std::string(32, 'x');
  EXPECT_EQ(error_of([&] { write_xlsx(one_sheet(sheet)); }).first, "invalid_sheet_name");

  Workbook twins = one_sheet(decisions_sheet());
  twins.sheets.push_back(decisions_sheet());
  twins.sheets[1].name = "DECISIONS";
  EXPECT_EQ(error_of([&] { write_xlsx(twins); }),
            std::make_pair(std::string("duplicate_sheet_name"), std::string("DECISIONS")));
  EXPECT_EQ(error_of([] { write_xlsx(Workbook{}); }).first, "no_sheets");
}

TEST(Xlsx, RefusesCellsItCannotWriteNamingTheCell) {
  auto error_with = [](auto change) {
    Sheet sheet = decisions_sheet();
    change(sheet);
    return error_of([&] { write_xlsx(one_sheet(sheet)); });
  };
  using Error = std::pair<std::string, std::string>;
  EXPECT_EQ(error_with([](Sheet& s) { s.rows[1].push_back(Cell::text("extra")); }),
            (Error{"row_too_long", "Decisions!E3"}));
  EXPECT_EQ(error_with([](Sheet& s) {
              s.rows[0][3] = Cell::number(std::numeric_limits<double>::quiet_NaN());
            }),
            (Error{"not_finite", "Decisions!D2"}));
  EXPECT_EQ(error_with([](Sheet& s) {
              s.rows[2][3] = Cell::number(std::numeric_limits<double>::infinity());
            }),
            (Error{"not_finite", "Decisions!D4"}));
  EXPECT_EQ(error_with([](Sheet& s) {
              s.rows[2][2].value = panelpack::spreadsheet::Date{2026, 2, 30};
            }),
            (Error{"invalid_date", "Decisions!C4"}));
  EXPECT_EQ(error_with([](Sheet& s) {
              s.rows[2][2].value = panelpack::spreadsheet::Date{1899, 1, 1};
            }),
            (Error{"date_out_of_range", "Decisions!C4"}));
  EXPECT_EQ(error_with([](Sheet& s) { s.rows[2][1] = Cell::text(std::string(32'768, 'x')); }),
            (Error{"text_too_long", "Decisions!B4"}));
  EXPECT_EQ(error_with([](Sheet& s) { s.rows[2][1] = Cell::text(std::string(32'767, 'x')); }),
            (Error{"no error", ""}));
  EXPECT_EQ(error_with([](Sheet& s) { s.columns[1].width_chars = 0; }),
            (Error{"invalid_width", "Decisions!B1"}));
  EXPECT_EQ(error_with([](Sheet& s) { s.columns.clear(); }), (Error{"no_columns", "Decisions"}));
}

}  // namespace
