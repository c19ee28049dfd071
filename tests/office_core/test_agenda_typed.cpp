// The typed agenda (panel::Agenda) worked out through the office on a copy of the sample
// office: its values, and its JSON the same as build_agenda's, which templates and --json use.

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "office/error.hpp"
#include "office/sitting/sitting_agenda.hpp"
#include "office/workspace.hpp"
#include "office_core/sample_office_copy.hpp"
#include "panel/agenda.hpp"
#include "panel/london_time.hpp"
#include "support/temporary_folder.hpp"
#include "templating/atomic_file.hpp"
#include "templating/zip_archive.hpp"

namespace {

namespace fs = std::filesystem;
using panelpack::office::OfficeError;
using panelpack::office::SittingAgenda;
using panelpack::office::Workspace;
using panelpack::panel::CalendarDate;
using panelpack::panel::PaperState;
using panelpack::panel::TimeOfDay;

const auto kNow = panelpack::panel::parse_instant("2026-12-10T10:00:00Z");

class SampleAgenda : public ::testing::Test {
 protected:
  fs::path root() const { return office_.root(); }

 private:
  panelpack::testing::SampleOfficeCopy office_;
};

TEST_F(SampleAgenda, SlotsBreaksAndPapersAreTypedValues) {
  const Workspace workspace = Workspace::open(root());
  const SittingAgenda sitting =
      panelpack::office::sitting_agenda(workspace, "permanence", CalendarDate(2026, 12, 15), kNow);
  const auto& agenda = sitting.agenda;
  EXPECT_EQ(agenda.panel.id, "permanence");
  EXPECT_EQ(agenda.date, CalendarDate(2026, 12, 15));
  ASSERT_EQ(agenda.items.size(), 3U);
  EXPECT_EQ(agenda.items[0].case_ref, "LCS900102");
  EXPECT_EQ(agenda.items[0].slot, (TimeOfDay{9, 30}));
  EXPECT_EQ(agenda.items[0].end_time, (TimeOfDay{10, 30}));
  // The break at 11:00 comes before the third case, which starts after it.
  ASSERT_EQ(agenda.schedule.size(), 4U);
  EXPECT_TRUE(agenda.schedule[2].is_break);
  EXPECT_EQ(agenda.schedule[2].start, (TimeOfDay{11, 0}));
  EXPECT_EQ(agenda.items[2].slot, (TimeOfDay{11, 15}));
  EXPECT_EQ(agenda.end_time, (TimeOfDay{12, 0}));
  // LCS900108 brought its referral on time and no chronology.
  ASSERT_EQ(agenda.items[2].papers.size(), 2U);
  EXPECT_EQ(agenda.items[2].papers[0].state, PaperState::on_time);
  EXPECT_EQ(agenda.items[2].papers[1].type, "chronology");
  EXPECT_EQ(agenda.items[2].papers[1].state, PaperState::missing);
  EXPECT_FALSE(agenda.items[2].papers[1].received_at.has_value());
  EXPECT_FALSE(agenda.items[2].all_papers_on_time());
  EXPECT_EQ(agenda.items[0].papers[1].state, PaperState::late);
  EXPECT_EQ(agenda.counts.cases, 3U);
  EXPECT_EQ(agenda.counts.papers_expected, 5);
  EXPECT_EQ(agenda.counts.papers_on_time, 3);
  EXPECT_EQ(agenda.counts.papers_late, 1);
  EXPECT_EQ(agenda.counts.papers_missing, 1);
}

TEST_F(SampleAgenda, ItsJsonIsBuildAgendasForEverySampleSitting) {
  const Workspace workspace = Workspace::open(root());
  int sittings = 0;
  for (const auto& panel : fs::directory_iterator(root() / "bookings")) {
    for (const auto& file : fs::directory_iterator(panel.path())) {
      const std::string panel_id = panel.path().filename().string();
      const CalendarDate date = CalendarDate::parse(file.path().stem().string());
      const SittingAgenda sitting =
          panelpack::office::sitting_agenda(workspace, panel_id, date, kNow);
      const auto json = panelpack::panel::to_json(sitting.agenda);
      EXPECT_EQ(json,
                panelpack::panel::build_agenda(sitting.context.agenda_inputs(workspace, kNow)))
          << panel_id << " " << date.iso();
      // Spot checks that the JSON says what the typed agenda holds.
      EXPECT_EQ(json.at("items").size(), sitting.agenda.items.size());
      EXPECT_EQ(json.at("endTime"), sitting.agenda.end_time.text());
      EXPECT_EQ(json.at("counts").at("papersMissing"), sitting.agenda.counts.papers_missing);
      ++sittings;
    }
  }
  EXPECT_GE(sittings, 5);
}

TEST_F(SampleAgenda, WritesTheAgendaDocumentFromItsTemplate) {
  const Workspace workspace = Workspace::open(root());
  const SittingAgenda sitting =
      panelpack::office::sitting_agenda(workspace, "permanence", CalendarDate(2026, 12, 15), kNow);
  const fs::path output = root() / "out" / "agenda.docx";
  panelpack::office::write_agenda_document(workspace, sitting, output);
  const panelpack::templating::ZipReader docx(panelpack::templating::read_file(output));
  const auto body = docx.find("word/document.xml");
  ASSERT_TRUE(body.has_value());
  const std::string text = docx.read(*body);
  // Every booked case is on it, the last after the break.
  for (const auto& item : sitting.agenda.items) {
    EXPECT_NE(text.find(item.case_ref), std::string::npos) << item.case_ref;
  }
}

TEST_F(SampleAgenda, AnUnknownPanelIsBadInput) {
  const Workspace workspace = Workspace::open(root());
  try {
    panelpack::office::sitting_agenda(workspace, "nosuch", CalendarDate(2026, 12, 15), kNow);
    FAIL() << "worked out an agenda for a panel office.json does not have";
  } catch (const OfficeError& error) {
    EXPECT_EQ(error.code(), OfficeError::Code::bad_input);
  }
}

}  // namespace
