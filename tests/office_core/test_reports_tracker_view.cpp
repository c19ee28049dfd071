// The Tracker page's read model (office/views/tracker_view.hpp) on a copy of the sample office
// on 6 January 2027: the workbook's own columns, each filter narrowing the rows, sorting by a
// column both ways with empty cells last; and the tracker's downloads (office/records/
// tracker.hpp): the CSV holds the same columns and rows as the workbook's sheets, the XLSX is
// the workbook `panelpack tracker` writes.

#include <gtest/gtest.h>

#include <string>
#include <variant>
#include <vector>

#include "office/error.hpp"
#include "office/records/report.hpp"
#include "office/records/tracker.hpp"
#include "office/views/tracker_view.hpp"
#include "office_core/sample_office_copy.hpp"
#include "panel/london_time.hpp"
#include "templating/atomic_file.hpp"

namespace {

using panelpack::office::OfficeError;
using panelpack::office::SheetSort;
using panelpack::office::tracker_view;
using panelpack::office::TrackerFilter;
using panelpack::panel::CalendarDate;
using panelpack::spreadsheet::Cell;
using panelpack::spreadsheet::Sheet;

class TrackerView : public ::testing::Test {
 protected:
  panelpack::office::TrackerView view(const TrackerFilter& filter, SheetSort decisions = {},
                                      SheetSort actions = {}) const {
    return tracker_view(office_.open(), filter, decisions, actions, now());
  }
  static panelpack::panel::UtcInstant now() {
    return panelpack::panel::parse_instant("2027-01-06T09:00");
  }
  const panelpack::testing::SampleOfficeCopy& office() const { return office_; }

 private:
  panelpack::testing::SampleOfficeCopy office_;
};

std::string text_of(const Cell& cell) {
  const auto* text = std::get_if<std::string>(&cell.value);
  return text ? *text : "";
}

// Column 2 of both sheets is the case reference; the actions' column 3 their ref.
std::vector<std::string> cases(const Sheet& sheet) {
  std::vector<std::string> refs;
  for (const auto& row : sheet.rows) refs.push_back(text_of(row[2]));
  return refs;
}

std::vector<std::string> headers(const Sheet& sheet) {
  std::vector<std::string> names;
  for (const auto& column : sheet.columns) names.push_back(column.header);
  return names;
}

// RFC 4180 records of a CSV (quoted fields, doubled quotes, CRLF), without its byte order mark.
std::vector<std::vector<std::string>> parse_csv(std::string text) {
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
  std::vector<std::vector<std::string>> records(1, std::vector<std::string>(1));
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        records.back().back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        records.back().back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      records.back().emplace_back();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      ++i;
      records.emplace_back(1);
    } else {
      records.back().back() += c;
    }
  }
  if (records.back().size() == 1 && records.back()[0].empty()) records.pop_back();
  return records;
}

TEST_F(TrackerView, WithoutFiltersItIsTheWorkbooksSheetsInTheTrackersOrder) {
  const auto shown = view({});
  const auto workbook = panelpack::office::tracker_workbook(
      office().open(),
      panelpack::office::build_office_tracker(office().open(), {.now = now()}).tracker);
  EXPECT_EQ(headers(shown.decisions), headers(workbook.sheets[0]));
  EXPECT_EQ(headers(shown.actions), headers(workbook.sheets[1]));
  EXPECT_EQ(cases(shown.decisions), (std::vector<std::string>{"LCS900101", "LCS900112", "LCS900102",
                                                              "LCS900103", "LCS900108"}));
  EXPECT_EQ(shown.actions.rows.size(), 7U);
  EXPECT_EQ(shown.all_decisions, 5U);
  EXPECT_EQ(shown.all_actions, 7U);
  EXPECT_TRUE(shown.skipped.empty());
}

TEST_F(TrackerView, EachFilterNarrowsTheRows) {
  TrackerFilter outcome;
  outcome.outcome = "deferred_more_info";
  const auto deferred = view(outcome);
  EXPECT_EQ(cases(deferred.decisions), (std::vector<std::string>{"LCS900108"}));
  EXPECT_EQ(cases(deferred.actions), (std::vector<std::string>{"LCS900108"}));
  EXPECT_EQ(deferred.all_decisions, 5U);

  TrackerFilter other_panel;
  other_panel.panel_id = "aep";
  EXPECT_TRUE(view(other_panel).decisions.rows.empty());
  EXPECT_TRUE(view(other_panel).actions.rows.empty());

  TrackerFilter dates;
  dates.from = CalendarDate{2026, 12, 10};
  dates.to = CalendarDate{2026, 12, 31};
  EXPECT_EQ(cases(view(dates).decisions),
            (std::vector<std::string>{"LCS900102", "LCS900103", "LCS900108"}));
  EXPECT_EQ(view(dates).all_decisions, 3U);

  TrackerFilter overdue;
  overdue.only_overdue = true;
  const auto late = view(overdue);
  EXPECT_EQ(cases(late.decisions), (std::vector<std::string>{"LCS900102", "LCS900108"}));
  ASSERT_EQ(late.actions.rows.size(), 2U);
  for (const auto& row : late.actions.rows) {
    EXPECT_EQ(text_of(row[3]), "A1");
    EXPECT_EQ(text_of(row[9]), "Yes");  // the Overdue column
  }
}

TEST_F(TrackerView, SortingByAColumnOrdersItsRowsBothWays) {
  const auto down = view({}, {2, true});
  EXPECT_EQ(cases(down.decisions), (std::vector<std::string>{"LCS900112", "LCS900108", "LCS900103",
                                                             "LCS900102", "LCS900101"}));
  // Next review (column 8) as dates: 12 January 2027 first.
  const auto review = view({}, {8, false});
  EXPECT_EQ(cases(review.decisions).front(), "LCS900108");
  EXPECT_EQ(cases(review.decisions).back(), "LCS900101");
  // Recorded on file (column 10): two records are not on file; their empty cells come last
  // whichever way round.
  for (const bool descending : {false, true}) {
    const auto recorded = view({}, {10, descending});
    const auto refs = cases(recorded.decisions);
    EXPECT_EQ(std::vector<std::string>(refs.begin() + 3, refs.end()),
              (std::vector<std::string>{"LCS900103", "LCS900108"}))
        << descending;
    EXPECT_EQ(refs.front(), descending ? "LCS900102" : "LCS900101");
  }
  // The actions sort on their own: by due date, latest first.
  const auto actions = view({}, {}, {6, true});
  EXPECT_EQ(text_of(actions.actions.rows.front()[2]), "LCS900101");  // due 9 March 2027
  EXPECT_EQ(cases(actions.decisions).front(), "LCS900101");          // unchanged
}

TEST_F(TrackerView, TheCsvHoldsTheSameColumnsAndRowsAsTheWorkbook) {
  const auto workspace = office().open();
  const auto tracker = panelpack::office::build_office_tracker(workspace, {.now = now()}).tracker;
  const auto workbook = panelpack::office::tracker_workbook(workspace, tracker);
  for (std::size_t sheet = 0; sheet < 2; ++sheet) {
    const auto records = parse_csv(panelpack::office::tracker_csv(workbook, sheet));
    ASSERT_EQ(records.size(), workbook.sheets[sheet].rows.size() + 1) << sheet;
    EXPECT_EQ(records[0], headers(workbook.sheets[sheet]));
    for (std::size_t row = 0; row < workbook.sheets[sheet].rows.size(); ++row) {
      ASSERT_EQ(records[row + 1].size(), workbook.sheets[sheet].columns.size());
      EXPECT_EQ(records[row + 1][2], text_of(workbook.sheets[sheet].rows[row][2]));
    }
  }
  // The decisions' rows are the tracker's, with its values in words and dates as ISO dates.
  const auto decisions = parse_csv(panelpack::office::tracker_csv(workbook, 0));
  ASSERT_EQ(decisions.size(), tracker.decisions.size() + 1);
  for (std::size_t i = 0; i < tracker.decisions.size(); ++i) {
    EXPECT_EQ(decisions[i + 1][0], tracker.decisions[i].sitting.iso());
    EXPECT_EQ(decisions[i + 1][2], tracker.decisions[i].case_ref);
    EXPECT_EQ(decisions[i + 1][3], tracker.decisions[i].child_id);
    EXPECT_EQ(decisions[i + 1][4], tracker.decisions[i].outcome);
    EXPECT_EQ(decisions[i + 1][12], std::to_string(tracker.decisions[i].open_actions));
  }
  // The same bytes `panelpack tracker -o tracker.csv` and `-o tracker.xlsx` write.
  const auto written = panelpack::office::write_tracker(office().root() / "tracker.csv", workbook);
  EXPECT_EQ(panelpack::templating::read_file(written[0]),
            panelpack::office::tracker_csv(workbook, 0));
  EXPECT_EQ(panelpack::templating::read_file(written[1]),
            panelpack::office::tracker_csv(workbook, 1));
  const auto xlsx = panelpack::office::write_tracker(office().root() / "tracker.xlsx", workbook);
  EXPECT_EQ(panelpack::templating::read_file(xlsx[0]), panelpack::office::tracker_xlsx(workbook));
  EXPECT_EQ(panelpack::office::tracker_xlsx(workbook).substr(0, 2), "PK");
}

TEST_F(TrackerView, AReportPdfWithoutLibreOfficeSaysWhatIsMissing) {
  panelpack::office::Machine machine;
  machine.soffice = office().root() / "no-such-soffice";
  const auto workspace = panelpack::office::Workspace::open(office().root(), machine);
  const auto report = panelpack::office::quarterly_report(
      workspace, {panelpack::panel::Quarter::parse("2026-Q4"), now()});
  // The document itself needs no LibreOffice.
  EXPECT_EQ(panelpack::office::report_document(workspace, report,
                                               panelpack::office::ReportFormat::document)
                .substr(0, 2),
            "PK");
  try {
    (void)panelpack::office::report_document(workspace, report,
                                             panelpack::office::ReportFormat::pdf);
    FAIL() << "a PDF was made without LibreOffice";
  } catch (const OfficeError& error) {
    EXPECT_EQ(error.code(), OfficeError::Code::bad_input);
    EXPECT_NE(std::string(error.what()).find("needs LibreOffice"), std::string::npos)
        << error.what();
  }
}

}  // namespace
