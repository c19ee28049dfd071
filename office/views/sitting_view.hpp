#pragma once
// The Sitting page's model: the agenda as it will print, the bookings in order, the papers grid
// (each booked case by each paper type booked anywhere on the sitting) and the version of the
// bookings file a form carries so a stale form is refused (sitting/bookings_version.hpp).

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "office/workspace.hpp"
#include "panel/agenda.hpp"
#include "panel/calendar_date.hpp"
#include "panel/london_time.hpp"

namespace panelpack::office {

enum class PaperCellState { on_time, late, missing, not_needed };

// One case's paper of one type.
struct PaperCell {
  std::string paper_type;  // a code of paper_types.hpp
  PaperCellState state = PaperCellState::not_needed;
  // "received on time", "received late", "missing", "not needed"; a paper held elsewhere adds
  // "; not in the pack, on file elsewhere: REASON" (the agenda's words).
  std::string words;
  std::optional<panel::LondonTime> received;  // when it arrived; none: missing or not needed
  std::string on_file_elsewhere;              // why it is not in the pack; empty: it is
};

struct PaperGridRow {
  int item = 0;  // the case's place on the agenda, from 1
  std::string case_ref;
  std::string child_name;
  std::vector<PaperCell> cells;  // one per SittingView::paper_types, in that order
};

struct SittingView {
  std::string panel_id;
  panel::CalendarDate date;
  // The bookings file's version when the page was read; a form sends it back with a change
  // (book_case(..., expected_version) and the other changes of booking.hpp).
  std::string version;
  panel::Agenda agenda;  // slots with times, breaks, presenters, apologies, deadlines
  // The grid's columns: every paper type a booked case must bring, in paper_types.hpp's order.
  std::vector<std::string> paper_types;
  std::vector<std::string> paper_labels;  // their words, in the same order
  std::vector<PaperGridRow> papers;       // agenda order
};

// Throws OfficeError (bad_input) as sitting_agenda does: an unknown panel, a day it does not
// sit, a booked case whose file does not read.
SittingView sitting_view(const Workspace& workspace, const std::string& panel_id,
                         panel::CalendarDate date, panel::UtcInstant now);

std::string to_string(PaperCellState state);  // "on_time", "late", "missing", "not_needed"

// {"panel", "date", "version", "agenda" (agenda.schema.json's data), "paperTypes",
//  "papers": [{"item", "caseRef", "childName", "cells": [{"paperType", "state", "words",
//  "received", "onFileElsewhere"}]}]}
nlohmann::ordered_json to_json(const SittingView& view);

}  // namespace panelpack::office
