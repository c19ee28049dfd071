#pragma once
// Who presents a booked case at its sitting (bookings/PANEL/DATE.json, "presenters" of the
// case's booking): people named by the office, or, when none are named, the case file's social
// worker and team manager. Presenters receive the reminders and chasers by email, so each needs
// a name and an email address. Written like booking.hpp's changes: under the sitting's lock,
// against the version a form was opened on, refusals as results.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "office/sitting/booking.hpp"
#include "office/workspace.hpp"
#include "panel/london_time.hpp"
#include "panel/person.hpp"

namespace panelpack::office {

// A case has at most this many presenters (the console's form holds as many rows).
inline constexpr std::size_t kMostPresenters = 8;

struct PresentersRequest {
  SittingId sitting;
  std::string case_ref;
  // Nothing: the case file's social worker and team manager (the booking names nobody).
  std::optional<std::vector<panel::Person>> presenters;
  panel::UtcInstant now;
};

// What is wrong with one presenter, so a form can say it beside the field.
struct PresenterProblem {
  std::size_t index = 0;  // the presenter, from 0
  std::string field;      // "name" or "email"
  std::string message;    // what is wrong and what to do
};

// The first thing wrong with `presenters` (names and emails are read without their outer
// spaces); nothing when they can be written. An empty list is a problem of presenter 0's name,
// more than kMostPresenters one of the first presenter too many.
std::optional<PresenterProblem> presenter_problem(const std::vector<panel::Person>& presenters);

// Refused: not_booked, not_a_presenter (presenter_problem's message), and the sitting refusals
// of booking.hpp; with a version, sitting_changed when the file moved on.
BookingResult set_presenters(const Workspace& workspace, const PresentersRequest& request);
BookingResult set_presenters(const Workspace& workspace, const PresentersRequest& request,
                             const std::string& expected_version);

}  // namespace panelpack::office
