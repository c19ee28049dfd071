#include "office/sitting/presenters.hpp"

#include <utility>

#include "office/sitting/sitting_change.hpp"
#include "validation/formats.hpp"

namespace panelpack::office {

namespace {

std::string trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

std::vector<panel::Person> tidied(std::vector<panel::Person> presenters) {
  for (panel::Person& person : presenters) {
    person.name = trimmed(person.name);
    person.role = trimmed(person.role);
    person.email = trimmed(person.email);
  }
  return presenters;
}

std::string ordinal(std::size_t index) {
  return "presenter " + std::to_string(index + 1);
}

BookingResult set_checked(const Workspace& workspace, const PresentersRequest& request,
                          const std::string* expected) {
  std::optional<std::vector<panel::Person>> presenters;
  if (request.presenters) presenters = tidied(*request.presenters);
  return change_bookings(
      workspace, request.sitting, request.case_ref, request.now, expected,
      [&](BookingsChange& change) {
        BookingResult result;
        panel::BookingItem* item = change.bookings.find(change.case_ref);
        if (item == nullptr) {
          result.refused = BookingRefusal::not_booked;
          result.message = change.case_ref + " is not booked onto " + change.where +
                           "; book it first, then name its presenters";
          return result;
        }
        if (presenters) {
          if (const auto problem = presenter_problem(*presenters)) {
            result.refused = BookingRefusal::not_a_presenter;
            result.message = problem->message + "; nothing was changed";
            return result;
          }
        }
        item->presenters = presenters;
        result.message =
            presenters ? "named " + std::to_string(presenters->size()) + " presenter" +
                             (presenters->size() == 1 ? "" : "s") + " for " + change.case_ref +
                             " at " + change.where
                       : change.case_ref + " at " + change.where +
                             " is presented by the case file's social worker and team manager";
        return result;
      });
}

}  // namespace

std::optional<PresenterProblem> presenter_problem(const std::vector<panel::Person>& presenters) {
  if (presenters.empty()) {
    return PresenterProblem{0, "name",
                            "name at least one presenter, or choose the case file's social "
                            "worker and team manager"};
  }
  if (presenters.size() > kMostPresenters) {
    return PresenterProblem{kMostPresenters, "name",
                            "a case has at most " + std::to_string(kMostPresenters) +
                                " presenters: leave out " + ordinal(kMostPresenters) +
                                " and those after"};
  }
  const std::vector<panel::Person> people = tidied(presenters);
  for (std::size_t i = 0; i < people.size(); ++i) {
    if (people[i].name.empty()) {
      return PresenterProblem{i, "name", "enter the full name of " + ordinal(i)};
    }
    if (people[i].email.empty()) {
      return PresenterProblem{i, "email",
                              "enter the work email address of " + ordinal(i) + " (" +
                                  people[i].name + "): reminders and chasers go to it"};
    }
    if (!validation::is_email(people[i].email)) {
      return PresenterProblem{i, "email",
                              "the email address of " + ordinal(i) +
                                  " is not an email address: write it like "
                                  "name@council.gov.uk"};
    }
  }
  return std::nullopt;
}

BookingResult set_presenters(const Workspace& workspace, const PresentersRequest& request) {
  return set_checked(workspace, request, nullptr);
}

BookingResult set_presenters(const Workspace& workspace, const PresentersRequest& request,
                             const std::string& expected_version) {
  return set_checked(workspace, request, &expected_version);
}

}  // namespace panelpack::office
